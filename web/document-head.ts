/**
 * What web/head.ts adds to the <head> of the documents' pages: title, description and, on a
 * document, JSON-LD `Legislation` (schema.org: identifier, type, issuer, dates, legal force, the
 * files as `encoding`). Server-only, like head.ts.
 */
import type { PublishedDocument } from "../functions/core/reader/documents";
import { Urls } from "../functions/core/shared/urls";
import type { PageData } from "./types";

type DocumentsData = Extract<PageData, { kind: "documents" }>;
type DocumentData = Extract<PageData, { kind: "document" }>;

const dayOf = (iso: string) => iso.split("-").reverse().join("/");

/** "Văn bản", "Văn bản: Chỉ thị, năm 2026 - Trang 2", or the document's title. */
export function documentPageTitle(page: DocumentsData | DocumentData): string {
  if (page.kind === "document") return page.document.title;
  const { filters } = page;
  const parts = [
    filters.type && page.types.find((t) => t.slug === filters.type)?.name,
    filters.year && `năm ${filters.year}`,
    filters.issuer && page.issuers.find((i) => i.slug === filters.issuer)?.name,
    filters.field && page.fields.find((f) => f.slug === filters.field)?.name,
    filters.q && `“${filters.q}”`,
  ].filter(Boolean);
  const title = parts.length > 0 ? `Văn bản: ${parts.join(", ")}` : "Văn bản";
  return page.paging.page > 1 ? `${title} - Trang ${page.paging.page}` : title;
}

export function documentDescription(page: DocumentsData | DocumentData, siteName: string): string {
  if (page.kind === "documents") return `Văn bản chỉ đạo, điều hành của ${siteName}: tra cứu theo loại, năm, cơ quan ban hành, lĩnh vực, số ký hiệu và trích yếu.`;
  const doc = page.document;
  return `${doc.docTypeName} số ${doc.number} của ${doc.issuer}, ban hành ngày ${dayOf(doc.issuedAt)}: ${doc.subject}`;
}

const LEGAL_FORCE: Record<PublishedDocument["validity"], string> = {
  "in-force": "https://schema.org/InForce",
  expired: "https://schema.org/NotInForce",
  replaced: "https://schema.org/NotInForce",
};

/** The JSON-LD object of a document's page (head.ts embeds it with `embedJson`). */
export function documentJsonLd(doc: PublishedDocument, canonical: string, siteName: string, origin: string) {
  const absolute = (path: string) => new URL(path, origin).href;
  return {
    "@context": "https://schema.org",
    "@type": "Legislation",
    name: doc.title.slice(0, 250),
    headline: doc.title.slice(0, 110),
    description: doc.subject,
    legislationIdentifier: doc.number,
    legislationType: doc.docTypeName,
    legislationDate: doc.issuedAt,
    ...(doc.effectiveAt ? { legislationDateVersion: doc.effectiveAt } : {}),
    legislationPassedBy: { "@type": "Organization", name: doc.issuer },
    legislationLegalForce: LEGAL_FORCE[doc.validity],
    ...(doc.signer ? { author: { "@type": "Person", name: doc.signer, ...(doc.signerTitle ? { jobTitle: doc.signerTitle } : {}) } } : {}),
    datePublished: doc.publishedAt,
    dateModified: doc.updatedAt,
    inLanguage: "vi",
    url: canonical,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    publisher: { "@type": "Organization", name: siteName, url: absolute(Urls.home()) },
    encoding: doc.files.map((file) => ({
      "@type": "MediaObject",
      name: file.filename,
      contentUrl: absolute(file.url),
      encodingFormat: file.contentType,
      contentSize: `${file.size} B`,
    })),
  };
}
