/**
 * Islands (docs/architecture.md, "Budgets"): a public page is rendered once as static HTML, and
 * only its interactive parts are hydrated in the browser, each from its own small props. On the
 * server `<Island>` records the island and leaves a marker in the static HTML; entry-server.tsx
 * then renders each island with its own hydration root (`renderId`) into that marker, and
 * entry-client.tsx imports only the islands the page has (one chunk each, web/islands.ts).
 *
 * Props must be projected: only what the island shows or sends, never a stored item (no keys,
 * no approver ids, no reader comments: those are static HTML).
 */
import type { RatingKind } from "../functions/core/participation/public";
import type { PublicNotice } from "../functions/core/site/notices";
import type { ImageSnapshot } from "../functions/core/reader/images";
import type { ISLAND_SOURCES } from "./island-sources";

/** A gallery photo as the viewer needs it: the image without its library id. */
export type IslandPhoto = { image: Omit<ImageSnapshot, "id">; caption: string; credit: string };

/** Every island and its props; web/islands.ts has the browser's loader of each. */
export interface IslandProps extends Record<keyof typeof ISLAND_SOURCES, unknown> {
  "top-bar": Record<string, never>;
  "main-menu": { sections: { slug: string; name: string }[]; path: string };
  "notice-banner": { notices: PublicNotice[] };
  "visitor-box": Record<string, never>;
  "view-count": { articleId: string };
  "share-bar": { url: string; title: string };
  "rating-form": { kind: RatingKind; id: string };
  "comment-form": { kind: string; itemId: string };
  "consultation-form": { consultationId: string; receiverEmail: string };
  "gallery-viewer": { photos: IslandPhoto[]; title: string };
}
export type IslandName = keyof IslandProps;

export interface IslandRecord {
  name: IslandName;
  props: unknown;
}

/** The islands of the page being rendered (rendering is synchronous, so one page at a time). */
let collected: { islands: IslandRecord[]; token: string } | undefined;

/** Runs a static render and returns its HTML with the islands it met, in document order. */
export function collectIslands(render: () => string): { html: string; islands: IslandRecord[]; token: string } {
  // A random token in the markers: no stored text can forge one (sanitized bodies have no comments anyway).
  const page = { islands: [] as IslandRecord[], token: Math.random().toString(36).slice(2) };
  collected = page;
  try {
    return { html: render(), ...page };
  } finally {
    collected = undefined;
  }
}

/** The comment entry-server.tsx replaces with the island's own render. */
export const islandMarker = (token: string, index: number) => `<!--island:${token}:${index}-->`;
/** Each island's hydration keys start with this, so roots never share one. */
export const islandRenderId = (index: number) => `i${index}-`;

/**
 * The island's box: `display: contents` (styles.css), so it changes no layout; a <span> inside
 * running text (inline), a <div> elsewhere.
 */
export function Island<N extends IslandName>(props: { name: N; props: IslandProps[N]; inline?: boolean }) {
  if (!collected) throw new Error(`<Island name="${props.name}"> rendered outside collectIslands()`);
  const index = collected.islands.push({ name: props.name, props: props.props }) - 1;
  const marker = islandMarker(collected.token, index);
  return props.inline ? (
    <span class="island" data-island={props.name} data-island-id={index} innerHTML={marker} />
  ) : (
    <div class="island" data-island={props.name} data-island-id={index} innerHTML={marker} />
  );
}

/** The viewer's photos without the library ids. */
export const islandPhotos = (photos: { image: ImageSnapshot; caption: string; credit: string }[]): IslandPhoto[] =>
  photos.map(({ image: { id: _id, ...image }, caption, credit }) => ({ image, caption, credit }));
