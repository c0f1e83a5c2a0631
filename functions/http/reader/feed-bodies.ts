/**
 * The feeds and sitemaps themselves (feeds.ts routes them and imports this module on the first
 * request for one: crawlers and feed readers ask for them, readers' pages never do).
 *
 * Machine-readable views of the published site:
 *
 *   /rss.xml                      RSS 2.0, newest articles of every section
 *   /chuyen-muc/:slug/rss.xml     RSS 2.0 of one section
 *   /sitemap.xml                  one <urlset> while the site is small; past SITEMAP_SINGLE_MAX
 *                                 articles a <sitemapindex> of the pages below (months from the
 *                                 counts of core/reader/listings.ts, so the index itself reads no article)
 *   /sitemaps/trang.xml           home and section pages
 *   /sitemaps/bai-viet-YYYY-MM.xml  the articles published that month (UTC)
 *   /van-ban/rss.xml, /lich-cong-tac/rss.xml, /gop-y/rss.xml   RSS of the other kinds (createKindFeeds;
 *                                 mounted before their pages, whose `/:slug` would take the path)
 *   /sitemaps/van-ban.xml, …      each other kind's published items (core/reader/kinds.ts)
 *   Page entries carry their images (<image:image>: featured image, a gallery's photos) and
 *   videos (<video:video>), Google's sitemap extensions.
 *
 * Everything is built as strings with every text escaped, and characters XML forbids removed.
 */
import type { Context } from "hono";
import { Articles, type ArticleSummary } from "../../core/reader/articles";
import { notFound } from "../../core/shared/errors";
import { DUTY_PAGE_PATHS, PUBLIC_KINDS, sitemapImage, type PublicKind, type SitemapMedia } from "../../core/reader/kinds";
import { Listings } from "../../core/reader/listings";
import { Published } from "../../core/reader/published";
import type { Section } from "../../core/sections/sections";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { loadShell, origin } from "./shell";

const FEED_LIMIT = 30;
/** Up to this many articles the sitemap is one file (the protocol allows 50,000 URLs). */
export const SITEMAP_SINGLE_MAX = 1000;

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 but U+FFFE/U+FFFF.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(text: string): string {
  return text
    .replace(FORBIDDEN, "")
    .replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);
}

const XML_HEADERS = (type: string) => ({ "Content-Type": `${type}; charset=utf-8`, "Cache-Control": CACHE.feed });

/** What a feed item needs of any kind's published view. */
type FeedItem = Pick<ArticleSummary, "slug" | "title" | "summary" | "sectionId" | "publishedAt" | "updatedAt">;
const FEED_ATTRIBUTES = ["slug", "title", "summary", "sectionId", "publishedAt", "updatedAt"] as const;
/** A kind's sitemap lists at most this many items (the protocol allows 50,000 URLs per file). */
const KIND_SITEMAP_MAX = 5000;

function rss(options: {
  title: string; link: string; self: string; description: string; items: FeedItem[]; sections: Section[]; origin: string; url?: (slug: string) => string;
}): string {
  const newest = options.items.reduce((max, item) => (item.updatedAt > max ? item.updatedAt : max), "");
  const items = options.items.map((item) => {
    const link = new URL((options.url ?? Urls.article)(item.slug), options.origin).href;
    const section = options.sections.find((s) => s.id === item.sectionId);
    return [
      "<item>",
      `<title>${xmlText(item.title)}</title>`,
      `<link>${xmlText(link)}</link>`,
      `<guid isPermaLink="true">${xmlText(link)}</guid>`,
      `<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>`,
      `<description>${xmlText(item.summary)}</description>`,
      section ? `<category>${xmlText(section.name)}</category>` : "",
      "</item>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${xmlText(options.title)}</title>`,
    `<link>${xmlText(options.link)}</link>`,
    `<description>${xmlText(options.description)}</description>`,
    "<language>vi</language>",
    newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : "",
    `<atom:link href="${xmlText(options.self)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    "</channel>",
    "</rss>",
  ].join("\n");
}

const URLSET =
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">';

/** Google allows 1,000 images per page entry. */
const IMAGES_PER_URL = 1000;

/** One <url>, with the page's images and video (absolute URLs) when it has them. */
function urlEntry(loc: string, lastmod?: string, media?: SitemapMedia, base?: string): string {
  const abs = (path: string) => xmlText(base ? new URL(path, base).href : path);
  const images = (media?.images ?? []).slice(0, IMAGES_PER_URL).map((url) => `<image:image><image:loc>${abs(url)}</image:loc></image:image>`);
  const v = media?.video;
  const video = v
    ? [
        "<video:video>",
        `<video:thumbnail_loc>${abs(v.thumbnail)}</video:thumbnail_loc>`,
        `<video:title>${xmlText(v.title)}</video:title>`,
        `<video:description>${xmlText(v.description.slice(0, 2048))}</video:description>`,
        v.contentUrl ? `<video:content_loc>${abs(v.contentUrl)}</video:content_loc>` : "",
        v.playerUrl ? `<video:player_loc>${abs(v.playerUrl)}</video:player_loc>` : "",
        v.publishedAt ? `<video:publication_date>${xmlText(new Date(v.publishedAt).toISOString())}</video:publication_date>` : "",
        "</video:video>",
      ].join("")
    : "";
  return `<url><loc>${xmlText(loc)}</loc>${lastmod ? `<lastmod>${xmlText(new Date(lastmod).toISOString())}</lastmod>` : ""}${images.join("")}${video}</url>`;
}

/** A kind's sitemap media: its own hook, or else its featured image. */
function mediaOf(kind: PublicKind, view: Record<string, unknown>): SitemapMedia {
  if (kind.sitemap) return kind.sitemap.media(view);
  const image = sitemapImage(view.featuredImage);
  return image ? { images: [image] } : {};
}

/** An article's sitemap images: its featured image. */
const articleMedia = (article: { featuredImage?: unknown }): SitemapMedia => {
  const image = sitemapImage(article.featuredImage);
  return image ? { images: [image] } : {};
};

function urlset(entries: string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', URLSET, ...entries, "</urlset>"].join("\n");
}

/** Home, sections, kind lists and duty pages as sitemap entries. */
async function sitePages(deps: AppDeps, c: Context, newest?: string) {
  const shell = await loadShell(deps);
  const base = origin(deps, c);
  return [
    urlEntry(new URL(Urls.home(), base).href, newest),
    ...shell.sections.map((s) => urlEntry(new URL(Urls.section(s.slug), base).href)),
    ...PUBLIC_KINDS.map((kind) => urlEntry(new URL(kind.list, base).href)),
    ...DUTY_PAGE_PATHS.map((path) => urlEntry(new URL(path, base).href)),
  ];
}

/** Every published item of a kind (newest first, at most KIND_SITEMAP_MAX) as sitemap entries. */
async function kindEntries(deps: AppDeps, kind: PublicKind, base: string) {
  const entries: string[] = [];
  let cursor: string | undefined;
  do {
    const attributes = ["slug", "updatedAt", ...(kind.sitemap?.attributes ?? ["featuredImage"])];
    const page = await Published.latest<FeedItem & Record<string, unknown>>(deps.store, kind.space, { limit: 100, cursor, attributes, views: true });
    entries.push(...page.items.map((item) => urlEntry(new URL(kind.url(item.slug), base).href, item.updatedAt, mediaOf(kind, item), base)));
    cursor = page.next;
  } while (cursor && entries.length < KIND_SITEMAP_MAX);
  return entries.slice(0, KIND_SITEMAP_MAX);
}

/** `/rss.xml`: the newest articles of every section. */
export async function siteFeed(deps: AppDeps, c: Context) {
  const [shell, latest] = await Promise.all([loadShell(deps), Articles.listLatest(deps.store, { limit: FEED_LIMIT })]);
  const base = origin(deps, c);
  const body = rss({
    title: shell.site.name,
    link: new URL(Urls.home(), base).href,
    self: new URL(Urls.feed(), base).href,
    description: `Tin mới nhất trên ${shell.site.name}.`,
    items: latest.items,
    sections: shell.sections,
    origin: base,
  });
  return c.body(body, 200, XML_HEADERS("application/rss+xml"));
}

/** `/chuyen-muc/:slug/rss.xml`: one section's newest articles. */
export async function sectionFeed(deps: AppDeps, c: Context) {
  const shell = await loadShell(deps);
  const section = shell.sections.find((s) => s.slug === c.req.param("slug"));
  if (!section) throw notFound("Chuyên mục này không tồn tại hoặc đã được đổi tên.");
  const latest = await Articles.listBySection(deps.store, section.id, { limit: FEED_LIMIT });
  const base = origin(deps, c);
  const body = rss({
    title: `${section.name} - ${shell.site.shortName}`,
    link: new URL(Urls.section(section.slug), base).href,
    self: new URL(Urls.sectionFeed(section.slug), base).href,
    description: section.description || `Tin ${section.name} trên ${shell.site.name}.`,
    items: latest.items,
    sections: shell.sections,
    origin: base,
  });
  return c.body(body, 200, XML_HEADERS("application/rss+xml"));
}

/** `/sitemap.xml`: one <urlset> while the site is small, else an index of the files below. */
export async function sitemap(deps: AppDeps, c: Context) {
  const store = deps.store;
  const base = origin(deps, c);
  const months = await Listings.months(store);
  const total = months.reduce((sum, m) => sum + m.count, 0);
  if (total > SITEMAP_SINGLE_MAX) {
    const newest = months[0]?.lastmod;
    const entry = (path: string, lastmod?: string) =>
      `<sitemap><loc>${xmlText(new URL(path, base).href)}</loc>${lastmod ? `<lastmod>${xmlText(lastmod)}</lastmod>` : ""}</sitemap>`;
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      entry(Urls.sitemapPages(), newest),
      ...months.map((m) => entry(Urls.sitemapArticles(m.month), m.lastmod)),
      ...PUBLIC_KINDS.map((kind) => entry(Urls.sitemapKind(kind.segment))),
      "</sitemapindex>",
    ].join("\n");
    return c.body(body, 200, XML_HEADERS("application/xml"));
  }
  // Small site: one file, read from the published index itself (right even without counts).
  const articles = await Listings.publishedBetween(store, "0", "~");
  const newest = articles.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), "");
  const others = await Promise.all(PUBLIC_KINDS.map((kind) => kindEntries(deps, kind, base)));
  const entries = [
    ...(await sitePages(deps, c, newest || undefined)),
    ...articles.map((a) => urlEntry(new URL(Urls.article(a.slug), base).href, a.updatedAt, articleMedia(a), base)),
    ...others.flat(),
  ];
  return c.body(urlset(entries), 200, XML_HEADERS("application/xml"));
}

/** `/sitemaps/:file`: trang.xml, a month's articles (bai-viet-YYYY-MM.xml), a kind's items. */
export async function sitemapFile(deps: AppDeps, c: Context) {
  const file = c.req.param("file") ?? "";
  if (file === "trang.xml") {
    const newest = (await Listings.months(deps.store))[0]?.lastmod;
    return c.body(urlset(await sitePages(deps, c, newest)), 200, XML_HEADERS("application/xml"));
  }
  const kind = PUBLIC_KINDS.find((k) => `${k.segment}.xml` === file);
  if (kind) return c.body(urlset(await kindEntries(deps, kind, origin(deps, c))), 200, XML_HEADERS("application/xml"));
  const match = /^bai-viet-(\d{4})-(0[1-9]|1[0-2])\.xml$/.exec(file);
  if (!match) throw notFound("Không có sơ đồ này.");
  const month = `${match[1]}-${match[2]}`;
  const articles = await Listings.publishedInMonth(deps.store, month);
  if (articles.length === 0) throw notFound("Tháng này không có bài viết.");
  const base = origin(deps, c);
  return c.body(urlset(articles.map((a) => urlEntry(new URL(Urls.article(a.slug), base).href, a.updatedAt, articleMedia(a), base))), 200, XML_HEADERS("application/xml"));
}

/** `<list>/rss.xml` of another content kind (core/reader/kinds.ts): its newest published items. */
export async function kindFeed(deps: AppDeps, c: Context, kind: PublicKind) {
  const [shell, latest] = await Promise.all([
    loadShell(deps),
    Published.latest<FeedItem>(deps.store, kind.space, { limit: FEED_LIMIT, attributes: FEED_ATTRIBUTES }),
  ]);
  const base = origin(deps, c);
  const body = rss({
    title: `${kind.title} - ${shell.site.shortName}`,
    link: new URL(kind.list, base).href,
    self: new URL(Urls.listFeed(kind.list), base).href,
    description: `${kind.title} mới nhất trên ${shell.site.name}.`,
    items: latest.items,
    sections: shell.sections,
    origin: base,
    url: kind.url,
  });
  return c.body(body, 200, XML_HEADERS("application/rss+xml"));
}
