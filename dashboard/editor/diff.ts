/**
 * Word diffs in the browser, for what the server cannot compare: the text on screen (not saved
 * yet) against the server's current version after a 409, or against an old revision. Imported
 * only by the lazily loaded compare and revisions views, so the `diff` package stays out of the
 * dashboard's first load and out of the editor's own chunk. Same shape as the server's compare
 * (core/publishing/revisions.ts `DiffPart`), so one view shows both.
 */
import { diffWords } from "diff";
import type { DiffPart } from "../../functions/core/publishing/revisions";

/** Longest diff on a weak office PC before showing the changed texts whole. */
const TIMEOUT_MS = 300;

const BLOCKS = new Set(["P", "H1", "H2", "H3", "H4", "LI", "BLOCKQUOTE", "TR", "FIGCAPTION", "DIV"]);

/** The text of rich text, one line per block (paragraph, heading, list item, table row), images by their alt. */
export function textOfHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    const text = line.replace(/\s+/g, " ").trim();
    if (text) lines.push(text);
    line = "";
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) line += node.textContent ?? "";
    else if (node instanceof HTMLElement) {
      if (node.tagName === "IMG") line += ` [Ảnh: ${node.getAttribute("alt") || "không có mô tả"}] `;
      if (node.tagName === "TD" || node.tagName === "TH") line += " | ";
      if (node.tagName === "BR") line += " ";
      const block = BLOCKS.has(node.tagName);
      if (block) flush();
      node.childNodes.forEach(walk);
      if (block) flush();
    }
  };
  doc.body.childNodes.forEach(walk);
  flush();
  return lines.join("\n");
}

/** `before` → `after` word by word; past the time limit, the whole of each (old, then new). */
export function diffTexts(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const changes = diffWords(before, after, { timeout: TIMEOUT_MS });
  if (!changes) return [before && { op: "removed" as const, text: before }, after && { op: "added" as const, text: after }].filter(Boolean) as DiffPart[];
  return changes.map((change) => ({ op: change.added ? "added" : change.removed ? "removed" : "same", text: change.value }));
}
