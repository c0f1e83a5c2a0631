import { Urls } from "../shared/urls";

/**
 * What the public site knows of each content kind besides articles, without loading the kinds'
 * descriptors (content/*, editor-side: zod and the sanitizer stay out of the reader bundle): key
 * space, list page, item URL, feed and sitemap. Articles keep their own section feeds and monthly
 * sitemaps (feeds.ts). A test checks this list against the registry (content/index.ts).
 */
export interface PublicKind {
  /** Registry name (content/index.ts). */
  name: string;
  /** Key space (publishing/kind.ts `space`). */
  space: string;
  /** Vietnamese name of the list, for feed titles. */
  title: string;
  /** The list page: "/van-ban". */
  list: string;
  /** Path segment of its sitemap file when the sitemap is an index: "/sitemaps/van-ban.xml". */
  segment: string;
  url(slug: string): string;
}

export const PUBLIC_KINDS: readonly PublicKind[] = [
  { name: "documents", space: "DOCUMENT", title: "Văn bản", list: Urls.documents(), segment: "van-ban", url: Urls.document },
  { name: "schedules", space: "SCHEDULE", title: "Lịch công tác", list: Urls.schedules(), segment: "lich-cong-tac", url: (slug) => Urls.scheduleWeek(slug) },
  { name: "consultations", space: "CONSULTATION", title: "Góp ý dự thảo", list: Urls.consultations(), segment: "gop-y", url: Urls.consultation },
];
