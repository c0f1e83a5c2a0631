/**
 * The metadata the portal decree lists for every page (title, description, author/issuer, dates,
 * language, subject) as meta tags, and the schema.org JSON-LD every page carries besides its
 * kind's own (head.ts): the agency (GovernmentOrganization), the page as a CollectionPage or
 * WebPage, and a BreadcrumbList. Server-only, like head.ts; JSON goes through head.ts `embedJson`,
 * so "</script>" inside any text cannot end the script element.
 */
import { Urls } from "../functions/core/shared/urls";
import type { AppProps } from "./types";

/** What a page says about itself beyond title and description. */
export interface PageFacts {
  author: string;
  published?: string;
  modified?: string;
  /** The section (chuyên mục) or list the page belongs to. */
  subject?: string;
  /** Breadcrumb trail after "Trang chủ": [name, path]. */
  trail: [string, string][];
  /** List pages are CollectionPages. */
  collection: boolean;
}

interface ItemLike {
  title?: string;
  subject?: string;
  publishedAt?: string;
  updatedAt?: string;
  sectionId?: string;
  byline?: string;
  issuer?: string;
  slug?: string;
}

/** The item a detail page shows, whatever its kind. */
function itemOf(props: AppProps): ItemLike | undefined {
  const page = props.page;
  switch (page.kind) {
    case "article":
      return page.article;
    case "document":
      return page.document as ItemLike;
    case "consultation":
      return page.consultation as ItemLike;
    case "gallery":
      return page.gallery as ItemLike;
    case "video":
      return page.video as ItemLike;
    default:
      return undefined;
  }
}

const LISTS: Partial<Record<AppProps["page"]["kind"], [string, string]>> = {
  documents: ["Văn bản", Urls.documents()],
  document: ["Văn bản", Urls.documents()],
  schedule: ["Lịch công tác", Urls.schedules()],
  consultations: ["Góp ý dự thảo", Urls.consultations()],
  consultation: ["Góp ý dự thảo", Urls.consultations()],
  galleries: ["Phóng sự ảnh", Urls.galleries()],
  gallery: ["Phóng sự ảnh", Urls.galleries()],
  videos: ["Video", Urls.videos()],
  video: ["Video", Urls.videos()],
  search: ["Tìm kiếm", Urls.search()],
  notices: ["Thông báo tạm ngừng hoạt động", Urls.notices()],
  "site-map": ["Sơ đồ cổng", Urls.siteMap()],
  accessibility: ["Hỗ trợ tiếp cận", Urls.accessibility()],
  stats: ["Thống kê truy cập", Urls.statistics()],
  "open-data": ["Dữ liệu mở", Urls.openData()],
};

const COLLECTIONS = new Set(["section", "documents", "consultations", "galleries", "videos", "search", "notices", "site-map", "schedule"]);

export function pageFacts(props: AppProps): PageFacts {
  const page = props.page;
  const item = itemOf(props);
  const section = page.kind === "section" ? page.section : item?.sectionId ? props.sections.find((s) => s.id === item.sectionId) : undefined;
  const list = LISTS[page.kind];
  const trail: [string, string][] = [];
  if (section && (page.kind === "section" || page.kind === "article")) {
    const parent = section.parentId ? props.sections.find((s) => s.id === section.parentId) : undefined;
    if (parent) trail.push([parent.name, Urls.section(parent.slug)]);
    trail.push([section.name, Urls.section(section.slug)]);
  } else if (list) {
    trail.push(list);
  }
  if (item && page.kind !== "section") trail.push([item.title ?? item.subject ?? "", props.path]);
  return {
    author: item?.byline || item?.issuer || props.site.name,
    published: item?.publishedAt,
    modified: item?.updatedAt ?? item?.publishedAt,
    subject: section?.name ?? list?.[0],
    trail,
    collection: COLLECTIONS.has(page.kind),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** The decree's metadata as meta tags (Dublin Core names, which Vietnamese portals commonly use, plus the HTML ones). */
export function metaTags(props: AppProps, title: string, description: string): string {
  const facts = pageFacts(props);
  const meta = (name: string, value: string | undefined) => (value ? `<meta name="${name}" content="${escapeHtml(value)}">` : "");
  return [
    meta("author", facts.author),
    meta("publisher", props.site.name),
    meta("language", "vi"),
    meta("DC.title", title),
    meta("DC.description", description),
    meta("DC.creator", facts.author),
    meta("DC.publisher", props.site.name),
    meta("DC.language", "vi"),
    meta("DC.subject", facts.subject),
    meta("DC.date.issued", facts.published),
    meta("DC.date.modified", facts.modified),
    meta("DC.type", facts.collection ? "Collection" : "Text"),
  ].join("");
}

/** JSON-LD objects every page carries (the kinds add theirs in head.ts). */
export function commonJsonLd(props: AppProps, canonical: string, origin: string, title: string, description: string): object[] {
  const facts = pageFacts(props);
  const home = new URL(Urls.home(), origin).href;
  const organization = {
    "@context": "https://schema.org",
    "@type": "GovernmentOrganization",
    "@id": `${home}#co-quan`,
    name: props.site.name,
    alternateName: props.site.shortName,
    url: home,
    ...(props.site.address ? { address: props.site.address } : {}),
    ...(props.site.phone ? { telephone: props.site.phone } : {}),
    ...(props.site.email ? { email: props.site.email } : {}),
    ...(props.site.managingAgency ? { parentOrganization: { "@type": "GovernmentOrganization", name: props.site.managingAgency } } : {}),
  };
  const out: object[] = [organization];
  const kind = props.page.kind;
  // Detail pages already carry their item's type (NewsArticle, Legislation, …) from head.ts.
  if (facts.collection || kind === "home" || kind === "accessibility" || kind === "stats" || kind === "open-data") {
    out.push({
      "@context": "https://schema.org",
      "@type": facts.collection ? "CollectionPage" : "WebPage",
      name: title,
      description,
      url: canonical,
      inLanguage: "vi",
      ...(facts.subject ? { about: facts.subject } : {}),
      publisher: { "@id": `${home}#co-quan` },
    });
  }
  // A published week of a work schedule: its entries as Events (an ItemList), each with its Vietnam date and time.
  const page = props.page;
  if (page.kind === "schedule" && page.schedule && page.schedule.entries.length > 0) {
    out.push({
      "@context": "https://schema.org",
      "@type": "ItemList",
      name: title,
      itemListElement: page.schedule.entries.slice(0, 100).map((entry, i) => ({
        "@type": "ListItem",
        position: i + 1,
        item: {
          "@type": "Event",
          name: entry.content,
          startDate: entry.time ? `${entry.date}T${entry.time}:00+07:00` : entry.date,
          eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
          ...(entry.location ? { location: { "@type": "Place", name: entry.location, address: entry.location } } : {}),
          ...(entry.leader ? { organizer: { "@type": "Person", name: entry.leader } } : {}),
        },
      })),
    });
  }
  if (facts.trail.length > 0) {
    const items: [string, string][] = [["Trang chủ", Urls.home()], ...facts.trail];
    out.push({
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: items.map(([name, path], i) => ({ "@type": "ListItem", position: i + 1, name, item: new URL(path, origin).href })),
    });
  }
  return out;
}
