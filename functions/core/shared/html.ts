/**
 * Rich text and plain text coming from editors, cleaned on the server before storage (and again
 * at approval, so a stricter policy applies to everything published after it changes).
 * sanitize-html with an allow-list: a maintained parser beats hand-written regexes for HTML.
 * Only the editor path imports this module; the reader path renders what was stored.
 */
import sanitizeHtml from "sanitize-html";

// Media of our own is served from /media/… (same origin); other images must be https.
const ALLOWED_IMAGE_SRC = /^(?:\/media\/[\w\-./]+|https:\/\/\S+)$/;

const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "width", "height"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  // Links leave the portal without handing it the opener or the referrer's full path.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
  exclusiveFilter: (frame) => frame.tag === "img" && !ALLOWED_IMAGE_SRC.test(frame.attribs.src ?? ""),
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).trim();
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&nbsp;": " " };

/**
 * Plain text (titles, summaries, names): tags and their script/style contents removed, control
 * characters dropped, whitespace collapsed. Stored as text; the renderer escapes it on the way out.
 */
export function plainText(text: string): string {
  const stripped = sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&(?:amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity]!)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/\s+/g, " ")
    .normalize("NFC")
    .trim();
}
