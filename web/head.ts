/**
 * The <head> of every public page: title, description, canonical URL, robots, OpenGraph and
 * Twitter tags, JSON-LD NewsArticle on articles. Server-only (entry-server.tsx): none of this is
 * hydrated, so none of it ships to the browser.
 */
import { Urls } from "../functions/core/shared/urls";
import { variantNear } from "./components/Picture";
import type { ImageSnapshot } from "../functions/core/reader/images";
import type { AppProps, DocumentOptions } from "./types";
import { documentDescription, documentJsonLd, documentPageTitle } from "./document-head";
import { consultationDescription, consultationJsonLd, consultationPageTitle } from "./consultation-head"; // consultations-pages
import { videoDescription, videoJsonLd, videoOpenGraph, videoPageTitle } from "./video-head"; // videos-pages
import { galleryDescription, galleryJsonLd, galleryPageTitle } from "./gallery-head"; // galleries-pages
import { commonJsonLd, metaTags } from "./meta-head"; // duties: the decree's metadata on every page

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** JSON inside <script>: only "<" can end it early (and U+2028/9 trouble old parsers). */
export const embedJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** The document <title> of a page. */
export function pageTitle(props: AppProps): string {
  const page = props.page;
  const site = props.site.shortName;
  switch (page.kind) {
    case "home":
      return props.site.name;
    case "section":
      return page.paging.page > 1 ? `${page.section.name} - Trang ${page.paging.page} - ${site}` : `${page.section.name} - ${site}`;
    case "article":
      return `${page.article.title} - ${site}`;
    case "search":
      return page.query ? `Tìm kiếm: ${page.query} - ${site}` : `Tìm kiếm - ${site}`;
    case "schedule": {
      const owner = page.owners.find((o) => o.slug === page.owner)?.name;
      return `Lịch công tác tuần ${page.week.week}/${page.week.year}${owner ? ` - ${owner}` : ""} - ${site}`;
    }
    // documents-pages
    case "documents":
    case "document":
      return `${documentPageTitle(page)} - ${site}`;
    // consultations-pages
    case "consultations":
    case "consultation":
      return `${consultationPageTitle(page)} - ${site}`;
    // videos-pages
    case "videos":
    case "video":
      return `${videoPageTitle(page)} - ${site}`;
    // galleries-pages
    case "galleries":
    case "gallery":
      return `${galleryPageTitle(page)} - ${site}`;
    // open-data-pages
    case "open-data":
      return `Dữ liệu mở - ${site}`;
    // duties-pages
    case "notices":
      return `Thông báo tạm ngừng hoạt động - ${site}`;
    case "site-map":
      return `Sơ đồ cổng - ${site}`;
    case "accessibility":
      return `Hỗ trợ tiếp cận - ${site}`;
    case "stats":
      return `Thống kê truy cập năm ${page.year} - ${site}`;
    case "placeholder":
      return `${page.title} - ${site}`;
    case "not-found":
      return `Không tìm thấy trang - ${site}`;
    case "bad-request":
      return `Yêu cầu không hợp lệ - ${site}`;
    case "error":
      return `Đã có lỗi xảy ra - ${site}`;
  }
}

/** The meta description of a page. */
export function pageDescription(props: AppProps): string {
  const page = props.page;
  if (page.kind === "article") return page.article.summary;
  if (page.kind === "section") return page.section.description || `Tin ${page.section.name} trên ${props.site.name}.`;
  if (page.kind === "placeholder") return page.lead;
  if (page.kind === "documents" || page.kind === "document") return documentDescription(page, props.site.name); // documents-pages
  if (page.kind === "consultations" || page.kind === "consultation") return consultationDescription(page, props.site.name); // consultations-pages
  if (page.kind === "videos" || page.kind === "video") return videoDescription(page, props.site.name); // videos-pages
  if (page.kind === "galleries" || page.kind === "gallery") return galleryDescription(page, props.site.name); // galleries-pages
  if (page.kind === "open-data") return `Dữ liệu công khai của ${props.site.name} dưới dạng dịch vụ web JSON: tin bài, văn bản, lịch công tác, góp ý dự thảo; cách gọi và điều kiện sử dụng lại.`; // open-data-pages
  // duties-pages
  if (page.kind === "notices") return `Lịch tạm ngừng hoạt động để bảo trì, nâng cấp ${props.site.name}, thông báo trước ít nhất 07 ngày làm việc.`;
  if (page.kind === "site-map") return `Sơ đồ các chuyên mục, danh mục và trang thông tin của ${props.site.name}.`;
  if (page.kind === "accessibility") return `Cam kết hỗ trợ tiếp cận của ${props.site.name}: cỡ chữ, tương phản cao, điều hướng bằng bàn phím và địa chỉ phản ánh khó khăn.`;
  if (page.kind === "stats") return `Số lượt truy cập ${props.site.name} theo tháng năm ${page.year}, do hệ thống tự động thống kê.`;
  if (page.kind === "schedule") {
    const owner = page.owners.find((o) => o.slug === page.owner)?.name;
    return `Lịch công tác tuần ${page.week.week} năm ${page.week.year} của ${owner ?? props.site.shortName}.`;
  }
  if (page.kind === "search") return `Tìm kiếm tin bài trên ${props.site.name}, có dấu hoặc không dấu.`;
  return `${props.site.name}: tin tức, sự kiện, văn bản chỉ đạo, lịch công tác.`;
}

const absolute = (href: string, origin: string) => new URL(href, origin).href;

/** A stored image reference as an absolute URL, or nothing: a bad one must not break the page. */
function absoluteImage(href: string, origin: string): string | undefined {
  try {
    return absolute(href, origin);
  } catch {
    return undefined;
  }
}

/**
 * The library image a page shares (OpenGraph, Twitter, JSON-LD): the featured image of the item it
 * shows; each kind's page adds its case here.
 */
export function shareImage(props: AppProps): ImageSnapshot | undefined {
  const page = props.page;
  switch (page.kind) {
    case "article":
      return page.article.featuredImage;
    case "document":
      return page.document.featuredImage;
    case "consultation":
      return page.consultation.featuredImage;
    // galleries-pages
    case "gallery":
      return page.gallery.cover;
    // videos-pages
    case "video":
      return page.video.poster ?? page.video.featuredImage;
    default:
      return undefined;
  }
}

/** Every tag of <head> after the charset and viewport, as HTML. */
export function headTags(props: AppProps, options: DocumentOptions): string {
  const title = pageTitle(props);
  const description = pageDescription(props);
  const canonical = absolute(options.path, options.origin);
  const page = props.page;
  const article = page.kind === "article" ? page.article : undefined;
  // A library image: its JPEG nearest 1200 px wide (what OpenGraph and Twitter cards show), with
  // its size; otherwise the old hand-typed address, size unknown.
  const shared = shareImage(props);
  const featured = shared ? (variantNear(shared, 1200) ?? variantNear(shared, 1200, ["webp"])) : undefined;
  const image = featured
    ? absoluteImage(featured.url, options.origin)
    : article?.image
      ? absoluteImage(article.image, options.origin)
      : undefined;
  // Search results, error pages and placeholders are not worth a search engine's index.
  const noindex = page.kind === "search" || page.kind === "not-found" || page.kind === "bad-request" || page.kind === "error";

  const meta = (attribute: "name" | "property", key: string, value: string | undefined) =>
    value ? `<meta ${attribute}="${key}" content="${escapeHtml(value)}">` : "";
  const tags = [
    `<title>${escapeHtml(title)}</title>`,
    meta("name", "description", description),
    noindex ? meta("name", "robots", "noindex, follow") : "",
    `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    `<link rel="icon" type="image/svg+xml" href="${Urls.favicon()}">`,
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(props.site.name)}" href="${Urls.feed()}">`,
    page.kind === "section"
      ? `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(page.section.name)}" href="${escapeHtml(Urls.sectionFeed(page.section.slug))}">`
      : "",
    meta("property", "og:site_name", props.site.name),
    meta("property", "og:locale", "vi_VN"),
    meta("property", "og:type", article ? "article" : page.kind === "video" ? "video.other" : "website"),
    meta("property", "og:title", article ? article.title : title),
    meta("property", "og:description", description),
    meta("property", "og:url", canonical),
    meta("property", "og:image", image),
    meta("property", "og:image:width", image && featured ? String(featured.width) : undefined),
    meta("property", "og:image:height", image && featured ? String(featured.height) : undefined),
    meta("property", "og:image:alt", featured ? shared!.alt : undefined),
    meta("property", "article:published_time", article?.publishedAt),
    meta("property", "article:modified_time", article?.updatedAt),
    meta("property", "article:section", article && props.sections.find((s) => s.id === article.sectionId)?.name),
    meta("name", "twitter:card", image ? "summary_large_image" : "summary"),
    meta("name", "twitter:title", article ? article.title : title),
    meta("name", "twitter:description", description),
    meta("name", "twitter:image", image),
    meta("name", "twitter:image:alt", featured ? shared!.alt : undefined),
  ];
  if (article) {
    const section = props.sections.find((s) => s.id === article.sectionId);
    const jsonLd = {
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: article.title.slice(0, 110),
      description: article.summary,
      datePublished: article.publishedAt,
      dateModified: article.updatedAt,
      mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
      url: canonical,
      inLanguage: "vi",
      ...(image ? { image: [image] } : {}),
      ...(section ? { articleSection: section.name } : {}),
      ...(article.byline ? { author: [{ "@type": "Person", name: article.byline }] } : {}),
      publisher: { "@type": "Organization", name: props.site.name, url: absolute(Urls.home(), options.origin) },
      ...(article.kind === "collected" && article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
    };
    tags.push(`<script type="application/ld+json">${embedJson(jsonLd)}</script>`);
  }
  // documents-pages
  if (page.kind === "document") tags.push(`<script type="application/ld+json">${embedJson(documentJsonLd(page.document, canonical, props.site.name, options.origin))}</script>`);
  // consultations-pages
  if (page.kind === "consultation") tags.push(`<script type="application/ld+json">${embedJson(consultationJsonLd(page.consultation, canonical, props.site.name, options.origin))}</script>`);
  // galleries-pages
  if (page.kind === "gallery") tags.push(`<script type="application/ld+json">${embedJson(galleryJsonLd(page.gallery, canonical, props.site.name, options.origin))}</script>`);
  // videos-pages
  if (page.kind === "video") {
    tags.push(...videoOpenGraph(page.video, options.origin).map(([key, value]) => meta("property", key, value)));
    tags.push(`<script type="application/ld+json">${embedJson(videoJsonLd(page.video, canonical, props.site.name, options.origin, image))}</script>`);
  }
  // duties: the decree's metadata and the agency, page and breadcrumb JSON-LD, on every page.
  tags.push(metaTags(props, title, description));
  // The reader's text size and contrast, applied before first paint by a small same-origin script
  // (render-blocking on purpose, a few hundred bytes, cached): no inline script for a CSP to forbid.
  tags.push(`<script src="${Urls.displayScript()}"></script>`);
  for (const data of commonJsonLd(props, canonical, options.origin, title, description)) tags.push(`<script type="application/ld+json">${embedJson(data)}</script>`);
  return tags.filter(Boolean).join("");
}
