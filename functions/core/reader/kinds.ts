import { Urls } from "../shared/urls";
export { sitemapImage } from "./images";
import { VIDEO_SITEMAP_ATTRIBUTES, videoSitemap } from "./videos";
import { GALLERY_SITEMAP_ATTRIBUTES, gallerySitemap } from "./galleries";

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
  /**
   * What its sitemap entries carry besides the page (Google's image and video extensions): the
   * attributes to read from each view and the media they describe. Without it, a kind's entry
   * lists its featured image, if any.
   */
  sitemap?: { attributes: string[]; media(view: Record<string, unknown>): SitemapMedia };
}

/** Images (`<image:image>`) and a video (`<video:video>`) of one sitemap entry; paths may be site-relative. */
export interface SitemapMedia {
  images?: string[];
  video?: { title: string; description: string; thumbnail: string; contentUrl?: string; playerUrl?: string; publishedAt?: string };
}


/** Pages of the portal decree's public duties (http/reader/duties.ts), listed in the sitemap's pages. */
export const DUTY_PAGE_PATHS: readonly string[] = [Urls.siteMap(), Urls.notices(), Urls.accessibility(), Urls.statistics()];

export const PUBLIC_KINDS: readonly PublicKind[] = [
  { name: "documents", space: "DOCUMENT", title: "Văn bản", list: Urls.documents(), segment: "van-ban", url: Urls.document },
  { name: "schedules", space: "SCHEDULE", title: "Lịch công tác", list: Urls.schedules(), segment: "lich-cong-tac", url: (slug) => Urls.scheduleWeek(slug) },
  { name: "consultations", space: "CONSULTATION", title: "Góp ý dự thảo", list: Urls.consultations(), segment: "gop-y", url: Urls.consultation },
  { name: "videos", space: "VIDEO", title: "Video", list: Urls.videos(), segment: "video", url: Urls.video, sitemap: { attributes: VIDEO_SITEMAP_ATTRIBUTES, media: videoSitemap } },
  { name: "galleries", space: "GALLERY", title: "Phóng sự ảnh", list: Urls.galleries(), segment: "thu-vien-anh", url: Urls.gallery, sitemap: { attributes: GALLERY_SITEMAP_ATTRIBUTES, media: gallerySitemap } },
];
