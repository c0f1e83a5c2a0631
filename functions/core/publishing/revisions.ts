import { diffArrays, diffWords } from "diff";
import { GetCommand, QueryCommand } from "../storage/db";
import { invalid, notFound } from "../shared/errors";
import { contentKeys } from "../storage/keys";
import { decodeCursor, encodeCursor, type Page } from "../storage/page";
import type { Store } from "../storage/store";
import { Audit } from "./audit";
import { strip } from "./items";
import type { BaseContent, ContentKind, Revision } from "./kind";

/** A revision as lists show it: number, time, author, note and title, never the content. */
export type RevisionSummary = Pick<Revision, "number" | "at" | "by" | "note"> & { title?: string };

/** Revisions per page of `GET /api/<kind>/:id/revisions` (default, most), and on the item's detail. */
export const REVISION_PAGE = { default: 50, max: 100, detail: 20 } as const;
/**
 * DynamoDB reads at most 1 MB per Query before projecting, i.e. as few as 2–3 large revisions; a
 * page stops after this many Queries, shorter than `limit` but with `next`, so a request reads ≤ 4 MB.
 */
const MAX_QUERIES_PER_PAGE = 4;
const REVISION_SK = /^REV#\d{6}$/;

/** Revisions: every save of an item's content, listed, read, compared (restore is the engine's). */
export const Revisions = {
  /**
   * One page of revisions, newest first, without the content (`ProjectionExpression`): `limit`
   * 1–100 (default 50); `cursor` is a previous page's `next`, checked to be this item's.
   */
  async list(store: Store, kind: ContentKind<BaseContent>, id: string, options: { cursor?: string; limit?: number } = {}): Promise<Page<RevisionSummary>> {
    const { limit: asked, cursor } = options;
    if (asked !== undefined && (!Number.isInteger(asked) || asked < 1))
      throw invalid("Số phiên bản mỗi trang (limit) phải là số nguyên dương.", { limit: "Giá trị không hợp lệ." });
    const limit = Math.min(asked ?? REVISION_PAGE.default, REVISION_PAGE.max);
    const keys = contentKeys(kind.space);
    const pk = keys.item(id).pk;
    let start: Record<string, unknown> | undefined = decodeCursor(cursor, { keys: ["pk", "sk"], partition: { pk } });
    // A start key outside the REV# range would be a DynamoDB ValidationException, i.e. a 500.
    if (start && !REVISION_SK.test(String(start.sk))) throw invalid("Tham số phân trang không hợp lệ.", { cursor: "Giá trị không hợp lệ." });
    const items: RevisionSummary[] = [];
    for (let queries = 0; queries < MAX_QUERIES_PER_PAGE && items.length < limit; queries++) {
      const out = await store.db.send(
        new QueryCommand({
          TableName: store.table,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :rev)",
          ExpressionAttributeValues: { ":pk": pk, ":rev": keys.revisionPrefix() },
          ProjectionExpression: "#number, #at, #by, note, title",
          ExpressionAttributeNames: { "#number": "number", "#at": "at", "#by": "by" },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((out.Items ?? []) as RevisionSummary[]));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, next: encodeCursor(start) };
  },

  /**
   * The newest revisions (one page of 20, `revisionsNext` for the rest) and the audit history, for
   * the editor's screen of an item.
   */
  async overview(store: Store, kind: ContentKind<BaseContent>, id: string) {
    const [revisions, history] = await Promise.all([
      Revisions.list(store, kind, id, { limit: REVISION_PAGE.detail }),
      Audit.byItem(store, id, { limit: 100 }),
    ]);
    return { revisions: revisions.items, ...(revisions.next ? { revisionsNext: revisions.next } : {}), history: history.items };
  },

  /** One revision, after `authorize` (the engine's read check) passes. */
  async get(store: Store, kind: ContentKind<BaseContent>, id: string, number: number, authorize: () => Promise<unknown>): Promise<Revision> {
    await authorize();
    if (!Number.isInteger(number) || number < 1 || number > 999_999) throw notFound("Không tìm thấy phiên bản này.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).revision(id, number) }));
    if (!out.Item) throw notFound("Không tìm thấy phiên bản này.");
    return strip<Revision>(out.Item, ["itemId", "articleId"]);
  },

  /**
   * What changed between two revisions: the plain fields side by side, and the rich text as a
   * diff of its text (block elements on their own lines), word by word where that is affordable
   * (see `diffText`). `truncated: true` and a Vietnamese `notice` say when some changed passages
   * are shown whole (old, then new) instead.
   */
  async compare(store: Store, kind: ContentKind<BaseContent>, id: string, a: number, b: number, authorize: () => Promise<unknown>) {
    await authorize();
    const [older, newer] = await Promise.all([Revisions.get(store, kind, id, a, async () => {}), Revisions.get(store, kind, id, b, async () => {})]);
    const rich = kind.richTextField;
    const fields = kind.contentFields
      .filter((field) => field !== rich && JSON.stringify(older[field]) !== JSON.stringify(newer[field]))
      .map((field) => ({ field, before: older[field] ?? null, after: newer[field] ?? null }));
    const diff = rich ? await diffText(textOf(String(older[rich] ?? "")), textOf(String(newer[rich] ?? ""))) : { parts: [], truncated: false };
    return {
      a: { number: older.number, at: older.at, by: older.by },
      b: { number: newer.number, at: newer.at, by: newer.by },
      fields,
      body: diff.parts,
      ...(diff.truncated ? { truncated: true, notice: DIFF_NOTICE } : {}),
    };
  },
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The text of stored rich text, one line per block (paragraph, heading, item…). Stored bodies are
 * sanitize-html's output, where `<` and `>` only delimit tags, so stripping tags is exact here and
 * takes milliseconds where parsing 300 KB again would hold the event loop for a tenth of a second.
 */
export function textOf(html: string): string {
  return html
    .replace(/<\/(?:p|h\d|li|blockquote|tr|figcaption)>|<br\s*\/?>/gi, "\u0001")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi, (entity, decimal?: string, hex?: string, name?: string) => {
      if (name) return ENTITIES[name.toLowerCase()]!;
      const code = decimal ? Number(decimal) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;
    })
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ ?\u0001 ?/g, "\n");
}

export interface DiffPart {
  op: "same" | "added" | "removed";
  text: string;
}

export const DIFF_NOTICE =
  "Hai phiên bản khác nhau quá nhiều để so sánh từng từ trong thời gian cho phép: những đoạn thay đổi lớn được hiển thị nguyên văn, bản cũ rồi bản mới.";

/**
 * Limits of one compare. A word diff (Myers) costs about (length × differences): instant for an
 * edit, but 10 s for two unrelated 40,000-character texts; so every diff runs with a timeout, the
 * whole compare within `budgetMs`, and never more than `sliceMs` without letting other requests run.
 */
export const DIFF_LIMITS = {
  /** Wall-clock time for all the diffing of one compare. */
  budgetMs: 700,
  /** Longest synchronous stretch (one diff call) before yielding to the event loop. */
  sliceMs: 50,
  /** The paragraph alignment of long texts may take a few slices (it is one call). */
  paragraphSliceMs: 100,
  /** Changed passages longer than this (both sides, characters) are not diffed word by word at once. */
  wordChars: 20_000,
};

/**
 * Diffs two texts (paragraphs separated by "\n"), word by word when affordable: short texts at
 * once; long ones paragraph by paragraph first, then each changed passage (or, when it has as
 * many paragraphs on both sides, each changed paragraph) word by word. Whatever cannot be diffed
 * within the limits is shown whole, old then new, and `truncated` is set. Joining the `same` and
 * `removed` parts gives `older` back, `same` and `added` `newer` (whitespace aside: diffWords
 * ignores changes of whitespace between words).
 */
export async function diffText(older: string, newer: string, limits = DIFF_LIMITS): Promise<{ parts: DiffPart[]; truncated: boolean }> {
  const deadline = Date.now() + limits.budgetMs;
  let lastYield = Date.now();
  /** Lets waiting requests run when this compare has held the event loop for a while. */
  const breathe = async (now = false) => {
    if (!now && Date.now() - lastYield < limits.sliceMs / 2) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = Date.now();
  };
  const parts: DiffPart[] = [];
  let truncated = false;
  const push = (op: DiffPart["op"], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  const whole = (before: string, after: string) => {
    if (before && after && before !== after) truncated = true;
    if (before === after) return push("same", before);
    push("removed", before);
    push("added", after);
  };
  /** Word diff within the time left; false (nothing pushed) when too long or too slow. */
  const words = (before: string, after: string): boolean => {
    const timeout = Math.min(limits.sliceMs, deadline - Date.now());
    if (before.length + after.length > limits.wordChars || timeout <= 0) return false;
    const changes = diffWords(before, after, { timeout });
    if (!changes) return false;
    for (const change of changes) push(change.added ? "added" : change.removed ? "removed" : "same", change.value);
    return true;
  };

  if (older === newer) return { parts: older ? [{ op: "same", text: older }] : [], truncated };
  if (words(older, newer)) return { parts, truncated };
  await breathe();

  const blocks = alignParagraphs(older.split(/(?<=\n)/), newer.split(/(?<=\n)/), Math.min(limits.paragraphSliceMs, deadline - Date.now()));
  if (!blocks) {
    whole(older, newer);
    return { parts, truncated };
  }
  await breathe(true);
  let removed: string[] = [];
  let added: string[] = [];
  const flush = async () => {
    if (!removed.length && !added.length) return;
    await breathe();
    const [r, a] = [removed, added];
    removed = [];
    added = [];
    const [before, after] = [r.join(""), a.join("")];
    if (!r.length || !a.length) return whole(before, after);
    if (words(before, after)) return;
    if (r.length === a.length) {
      for (let i = 0; i < r.length; i++) {
        await breathe();
        if (!words(r[i]!, a[i]!)) whole(r[i]!, a[i]!);
      }
      return;
    }
    whole(before, after);
  };
  for (const block of blocks) {
    if (block.removed) removed.push(...block.value);
    else if (block.added) added.push(...block.value);
    else {
      await flush();
      push("same", block.value.join(""));
    }
  }
  await flush();
  return { parts, truncated };
}

type Block = { value: string[]; added?: boolean; removed?: boolean };

/**
 * Paragraph diff of two texts, or undefined past `timeout` ms. Only paragraphs found on both
 * sides can be kept, so the others are set aside before the (quadratic) alignment and put back
 * after it as removed or added: two texts that differ throughout are aligned in linear time.
 */
function alignParagraphs(before: string[], after: string[], timeout: number): Block[] | undefined {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  const keptBefore = before.flatMap((paragraph, index) => (inAfter.has(paragraph) ? [index] : []));
  const keptAfter = after.flatMap((paragraph, index) => (inBefore.has(paragraph) ? [index] : []));
  const common = diffArrays(
    keptBefore.map((index) => before[index]!),
    keptAfter.map((index) => after[index]!),
    { timeout: Math.max(timeout, 0) },
  );
  if (!common) return undefined;
  const blocks: Block[] = [];
  const add = (block: Block) => {
    if (!block.value.length) return;
    const last = blocks.at(-1);
    if (last && !!last.added === !!block.added && !!last.removed === !!block.removed) last.value.push(...block.value);
    else blocks.push(block);
  };
  let i = 0; // next paragraph of `before` not yet placed
  let j = 0; // of `after`
  let k = 0; // of keptBefore
  let l = 0; // of keptAfter
  for (const change of common) {
    for (const _ of change.value) {
      if (change.removed) k++;
      else if (change.added) l++;
      else {
        // A kept pair: everything before it on either side is a change.
        const [atBefore, atAfter] = [keptBefore[k++]!, keptAfter[l++]!];
        add({ value: before.slice(i, atBefore), removed: true });
        add({ value: after.slice(j, atAfter), added: true });
        add({ value: [before[atBefore]!] });
        [i, j] = [atBefore + 1, atAfter + 1];
      }
    }
  }
  add({ value: before.slice(i), removed: true });
  add({ value: after.slice(j), added: true });
  return blocks;
}
