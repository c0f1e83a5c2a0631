/**
 * Rich text and plain text coming from editors, cleaned on the server before storage (and again
 * at approval, so a stricter policy applies to everything published after it changes).
 * sanitize-html with an allow-list: a maintained parser beats hand-written regexes for HTML.
 * Only the editor path imports this module; the reader path renders what was stored.
 */
import sanitizeHtml from "sanitize-html";

/**
 * Images in rich text come only from the portal's own media library, as relative /media/… paths
 * (same origin, served from our bucket): an outside address would let anyone who can edit make
 * every reader's browser call a third party (tracking, mixed content, images changed after
 * approval). No "..", so the path cannot step out of /media/. Other <img> sources lose their src.
 */
const ALLOWED_IMAGE_SRC = /^\/media\/[\w\-./]+$/;

export function isOwnMediaPath(src: string): boolean {
  return ALLOWED_IMAGE_SRC.test(src) && !src.includes("..");
}

const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "width", "height", "loading"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  // Links leave the portal without handing it the opener or the referrer's full path.
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }),
    // `loading` only as lazy or eager; anything else is dropped rather than left empty.
    img: (tagName, attribs) => {
      const { loading, ...rest } = attribs;
      return { tagName, attribs: loading === "lazy" || loading === "eager" ? { ...rest, loading } : rest };
    },
  },
  // An image without an allowed source is dropped whole: an <img> with no src shows nothing useful.
  exclusiveFilter: (frame) => frame.tag === "img" && !isOwnMediaPath(frame.attribs.src ?? ""),
};

export function sanitizeRichText(html: string): string {
  // After sanitizing: entities such as &#x202E; are characters by then. Markup is ASCII and `&<>"`
  // stay escaped, so dropping characters here cannot make a tag.
  return cleanText(sanitizeHtml(html, RICH_TEXT)).trim();
}

/**
 * Characters no text keeps: bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks (U+200E, U+200F, U+061C), with which "Báo cáo\u202Etxt.exe" shows as
 * "Báo cáoexe.txt"; zero-width characters (U+200B–U+200D, U+2060, U+FEFF); control characters
 * other than line feed and tab (C0, DEL, C1); and surrogates that are not half of a pair.
 */
const UNWANTED =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one rule for every text that comes in (validation.ts `text`/`optionalText` apply it to every
 * schema's text fields; plainText and sanitizeRichText to what they clean): line breaks as "\n",
 * the characters above dropped, Unicode NFC ("Hoa\u0300" → "Hoà"). Vietnamese letters, emoji,
 * line breaks and tabs stay.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(UNWANTED, "").normalize("NFC");
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&nbsp;": " " };

/**
 * Plain text (titles, summaries, names): tags and their script/style contents removed, cleaned
 * (cleanText), whitespace collapsed. Stored as text; the renderer escapes it on the way out.
 */
export function plainText(text: string): string {
  const stripped = sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} });
  return cleanText(stripped.replace(/&(?:amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity]!))
    .replace(/\s+/g, " ")
    .trim();
}
