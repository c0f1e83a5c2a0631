/**
 * The text side of search, shared by the index (search-index.ts) and the result pages
 * (search.ts): Vietnamese words and query tokens, highlighting of searched words, and the plain
 * text of published HTML. Pure functions, no I/O.
 *
 * Vietnamese is written in syllables separated by spaces, so a word is a syllable (or a number):
 * a run of letters and digits, lower-cased and NFC-normalized with its diacritics kept ("tỉnh").
 * Matching ignores diacritics through `foldVietnamese` ("tinh").
 */
import { foldVietnamese } from "../shared/text";

/** Longer words are neither indexed nor searched: no Vietnamese syllable comes close. */
export const MAX_TOKEN_LENGTH = 32;
/** Query tokens beyond this are ignored: a search box, not a document comparison. */
export const MAX_QUERY_TOKENS = 8;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased NFC words of a text, in order ("Đảng bộ" → ["đảng", "bộ"]). */
export function words(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(WORD) ?? [];
}

/** The distinct searchable tokens of a query, in the order typed. */
export function queryTokens(query: string): string[] {
  return [...new Set(words(query).filter((word) => word.length <= MAX_TOKEN_LENGTH))].slice(0, MAX_QUERY_TOKENS);
}

/** A run of text, marked when it is a word the reader searched for. */
export interface Segment {
  text: string;
  hit?: true;
}

/** Splits a text into runs, marking the words whose folded form matches a query token. */
export function highlight(text: string, query: string): Segment[] {
  const wanted = new Set(queryTokens(query).map(foldVietnamese));
  const segments: Segment[] = [];
  let last = 0;
  const source = text.normalize("NFC");
  for (const match of source.matchAll(WORD)) {
    if (!wanted.has(foldVietnamese(match[0]))) continue;
    if (match.index > last) segments.push({ text: source.slice(last, match.index) });
    segments.push({ text: match[0], hit: true });
    last = match.index + match[0].length;
  }
  if (last < source.length) segments.push({ text: source.slice(last) });
  return merge(segments);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const prev = out[out.length - 1];
    if (prev && !prev.hit && !segment.hit) prev.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

/**
 * About `length` characters of `text` around the first searched word, cut on word boundaries,
 * with "…" where it was cut; undefined when no searched word occurs.
 */
export function snippet(text: string, query: string, length = 220): Segment[] | undefined {
  const wanted = new Set(queryTokens(query).map(foldVietnamese));
  const source = text.normalize("NFC");
  let first = -1;
  for (const match of source.matchAll(WORD)) {
    if (wanted.has(foldVietnamese(match[0]))) {
      first = match.index;
      break;
    }
  }
  if (first < 0) return undefined;
  let start = Math.max(0, first - Math.floor(length / 3));
  let end = Math.min(source.length, start + length);
  if (start > 0) {
    const space = source.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  if (end < source.length) {
    const space = source.lastIndexOf(" ", end);
    end = space > first ? space : end;
  }
  const segments = highlight(source.slice(start, end), query);
  if (start > 0) segments.unshift({ text: "… " });
  if (end < source.length) segments.push({ text: " …" });
  return merge(segments);
}

/**
 * Plain text of the sanitized HTML the editors publish (an allow-list of simple tags, see
 * core/shared/html.ts): block ends become spaces, tags go, the few entities a sanitizer emits are decoded.
 * A regex is enough for that known-clean input and keeps an HTML parser off the reader path.
 */
export function textOfHtml(html: string): string {
  return html
    .replace(/<\/(p|h\d|li|blockquote|tr|td|th|figcaption|caption)>|<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
      const lower = entity.toLowerCase();
      if (lower.startsWith("#")) {
        const code = lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
      }
      return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[lower]!;
    })
    .replace(/\s+/g, " ")
    .trim();
}
