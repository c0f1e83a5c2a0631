/**
 * What web/head.ts adds to the <head> of the drafts-for-comment pages: title, description and,
 * on a draft, JSON-LD `DigitalDocument` (schema.org: the files as `hasPart` media objects, the
 * period as `temporalCoverage`). Server-only, like head.ts.
 */
import type { PublishedConsultation } from "../functions/core/reader/consultations";
import type { PageData } from "./types";

type ListData = Extract<PageData, { kind: "consultations" }>;
type DraftData = Extract<PageData, { kind: "consultation" }>;

export function consultationPageTitle(page: ListData | DraftData): string {
  return page.kind === "consultation" ? page.consultation.title : "Góp ý dự thảo";
}

export function consultationDescription(page: ListData | DraftData, siteName: string): string {
  if (page.kind === "consultations") return `Dự thảo văn bản ${siteName} lấy ý kiến Nhân dân, cán bộ, đảng viên: gửi góp ý trực tuyến, không cần tài khoản.`;
  return page.consultation.summary || page.consultation.title;
}

/** The JSON-LD object of a draft's page (head.ts embeds it with `embedJson`). */
export function consultationJsonLd(draft: PublishedConsultation, canonical: string, siteName: string, origin: string) {
  const absolute = (path: string) => new URL(path, origin).href;
  return {
    "@context": "https://schema.org",
    "@type": "DigitalDocument",
    name: draft.title.slice(0, 250),
    headline: draft.title.slice(0, 110),
    description: draft.summary,
    url: canonical,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    datePublished: draft.publishedAt,
    dateModified: draft.updatedAt,
    temporalCoverage: `${draft.opensAt}/${draft.closesAt}`,
    inLanguage: "vi",
    publisher: { "@type": "Organization", name: siteName, url: absolute("/") },
    ...(draft.files.length > 0
      ? { hasPart: draft.files.map((file) => ({ "@type": "MediaObject", name: file.filename, contentUrl: absolute(file.url), encodingFormat: file.contentType, contentSize: `${file.size} B` })) }
      : {}),
  };
}
