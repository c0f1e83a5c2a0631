/**
 * Vietnamese text helpers shared by slugs and (later) search: both need the same folding, so it
 * lives here rather than in a slug library that would fold differently from the search index.
 */

/** Lower-cases and removes tones and diacritics; đ → d. "Đảng bộ" → "dang bo". */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

const MAX_SLUG_LENGTH = 120;

/**
 * URL slug from a Vietnamese title: "Đảng bộ tỉnh Hậu Giang" → "dang-bo-tinh-hau-giang".
 * Cut on a word boundary; never empty (falls back to "bai-viet").
 */
export function slugify(text: string): string {
  let slug = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    const cut = slug.lastIndexOf("-");
    if (cut > MAX_SLUG_LENGTH / 2) slug = slug.slice(0, cut);
  }
  return slug || "bai-viet";
}

/** What a slug in a URL may look like; anything else is not ours and gets a 404 without a lookup. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH + 8 && SLUG_PATTERN.test(value);
}
