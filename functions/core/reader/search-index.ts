/**
 * The in-memory search index: pure data structures, no I/O (functions/core/reader/search.ts loads,
 * refreshes and persists it).
 *
 * Vietnamese is written in syllables separated by spaces, so a token is a syllable (or a number).
 * Postings are kept per *exact* token (lower-cased, NFC, with its diacritics: "tỉnh"), and a second
 * map groups exact tokens by their folded form ("tinh" → tình, tỉnh, tính, tinh…). A query token is
 * matched through its folded form (diacritic-insensitive), and each match also tells whether the
 * exact form the reader typed occurs, which is what "exact-diacritic matches first" ranks on.
 * One posting is a uint32: `ordinal << 3 | fields`, fields being title (1), summary (2), body (4).
 *
 * Updates never rewrite postings: a changed article gets a new ordinal and its old one is marked
 * dead (filtered while scoring); `serialize()` compacts. The serialized form is what is stored in
 * S3, so a cold instance loads 10,000 articles in tens of milliseconds instead of re-tokenizing.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { foldVietnamese } from "../shared/text";
import { MAX_TOKEN_LENGTH, queryTokens, words } from "./search-text";

// The text side (tokens, highlighting, plain text of HTML) lives in search-text.ts; re-exported
// here so the index stays the one import for what searching needs.
export { highlight, MAX_QUERY_TOKENS, queryTokens, snippet, textOfHtml, words, type Segment } from "./search-text";

/** What is indexed of one published article. */
export interface IndexDoc {
  id: string;
  /** ISO-8601; ties in relevance go to the newest. */
  publishedAt: string;
  title: string;
  summary: string;
  /** Plain text of the body. */
  text: string;
}

/** One change read from the table: a published article's current text, or its removal. */
export type IndexChange = { id: string; changedAt: string } & ({ removed: true } | ({ removed?: false } & IndexDoc));

export interface IndexHit {
  id: string;
  /** Every diacritic the reader typed matches the article's own spelling. */
  exact: boolean;
}

export interface IndexResult {
  total: number;
  hits: IndexHit[];
}

const TITLE = 1;
const SUMMARY = 2;
const BODY = 4;
/** Relevance of a token found in these fields (index = field bits). */
const FIELD_WEIGHT = [0, 6, 3, 9, 1, 7, 4, 10];

interface Postings {
  /** Loaded from a snapshot (a view into one shared buffer). */
  base: Uint32Array;
  /** Added since. */
  extra: number[];
}

const EMPTY = new Uint32Array(0);
const MAGIC = "PSI1";
const FORMAT_VERSION = 1;

interface SnapshotHeader {
  version: number;
  /** Newest `changedAt` included; the table's change feed is read from there. */
  through: string;
  /** Live articles, in ordinal order. */
  ids: string[];
  changed: string[];
  published: number[];
  /** Removed articles and when: an older copy of them is never re-applied. */
  removed: [id: string, changedAt: string][];
  tokens: string[];
  folds: string[];
  /** Bytes of each token's postings: ascending postings, delta-encoded as LEB128 varints. */
  bytes: number[];
}

export class SearchIndex {
  private ids: string[] = [];
  private published: number[] = [];
  private alive = new Uint8Array(1024);
  /** Every article seen, live or removed, with the `changedAt` of the state applied. */
  private state = new Map<string, { ordinal: number; changedAt: string }>();
  private postings = new Map<string, Postings>();
  private variants = new Map<string, string[]>();
  private liveCount = 0;
  /** Newest `changedAt` applied. */
  through = "";

  get size(): number {
    return this.liveCount;
  }

  /** Applies a change once; a change already applied (same `changedAt`) is a no-op. */
  apply(change: IndexChange): boolean {
    const known = this.state.get(change.id);
    if (known && known.changedAt === change.changedAt) return false;
    if (known && known.ordinal >= 0 && this.alive[known.ordinal]) {
      this.alive[known.ordinal] = 0;
      this.liveCount--;
    }
    if (change.removed) {
      this.state.set(change.id, { ordinal: -1, changedAt: change.changedAt });
    } else {
      this.state.set(change.id, { ordinal: this.add(change), changedAt: change.changedAt });
    }
    if (change.changedAt > this.through) this.through = change.changedAt;
    return true;
  }

  private add(doc: IndexDoc): number {
    const ordinal = this.ids.length;
    this.ids.push(doc.id);
    this.published.push(Date.parse(doc.publishedAt) || 0);
    if (ordinal >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[ordinal] = 1;
    this.liveCount++;

    const fields = new Map<string, number>();
    const collect = (text: string, bit: number) => {
      for (const word of words(text)) if (word.length <= MAX_TOKEN_LENGTH) fields.set(word, (fields.get(word) ?? 0) | bit);
    };
    collect(doc.title, TITLE);
    collect(doc.summary, SUMMARY);
    collect(doc.text, BODY);
    for (const [token, mask] of fields) this.postingsOf(token).extra.push(ordinal * 8 + mask);
    return ordinal;
  }

  private postingsOf(token: string): Postings {
    let postings = this.postings.get(token);
    if (!postings) {
      postings = { base: EMPTY, extra: [] };
      this.postings.set(token, postings);
      const fold = foldVietnamese(token);
      const group = this.variants.get(fold);
      if (group) group.push(token);
      else this.variants.set(fold, [token]);
    }
    return postings;
  }

  /**
   * Articles containing every query token (diacritic-insensitive), best first: more of the typed
   * diacritics matched, then the token's fields (title > summary > body), then the newest.
   */
  search(query: string, options: { offset: number; limit: number }): IndexResult {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return { total: 0, hits: [] };

    // Rarest token first: it bounds the candidates, and later tokens only narrow them.
    const plan = tokens
      .map((token) => {
        const fold = foldVietnamese(token);
        const group = this.variants.get(fold) ?? [];
        let size = 0;
        for (const variant of group) {
          const p = this.postings.get(variant)!;
          size += p.base.length + p.extra.length;
        }
        // A token typed without diacritics asks for none: every spelling is as good.
        return { token, group, size, wantsExact: token !== fold };
      })
      .sort((a, b) => a.size - b.size);
    if (plan[0]!.size === 0) return { total: 0, hits: [] };

    const n = this.ids.length;
    const matched = new Uint8Array(n);
    const seenFor = new Uint8Array(n);
    const tokenWeight = new Uint8Array(n);
    const tokenExact = new Uint8Array(n);
    const score = new Uint16Array(n);
    const exact = new Uint8Array(n);
    const candidates: number[] = [];

    plan.forEach((step, t) => {
      const mark = t + 1;
      for (const variant of step.group) {
        const isExact = step.wantsExact && variant === step.token ? 1 : 0;
        const p = this.postings.get(variant)!;
        const visit = (posting: number) => {
          const ordinal = posting >>> 3;
          if (!this.alive[ordinal]) return;
          const weight = FIELD_WEIGHT[posting & 7]!;
          if (seenFor[ordinal] === mark) {
            // Same token, another spelling in the same article: keep the best of both.
            if (weight > tokenWeight[ordinal]!) {
              score[ordinal] = score[ordinal]! + weight - tokenWeight[ordinal]!;
              tokenWeight[ordinal] = weight;
            }
            if (isExact && !tokenExact[ordinal]) {
              exact[ordinal]!++;
              tokenExact[ordinal] = 1;
            }
            return;
          }
          if (matched[ordinal] !== t) return; // missed an earlier token
          seenFor[ordinal] = mark;
          matched[ordinal] = mark;
          tokenWeight[ordinal] = weight;
          tokenExact[ordinal] = isExact;
          score[ordinal] = score[ordinal]! + weight;
          exact[ordinal]! += isExact;
          if (t === 0) candidates.push(ordinal);
        };
        for (let i = 0; i < p.base.length; i++) visit(p.base[i]!);
        for (let i = 0; i < p.extra.length; i++) visit(p.extra[i]!);
      }
    });

    const all = plan.length;
    const wanted = plan.filter((step) => step.wantsExact).length;
    const found = candidates.filter((ordinal) => matched[ordinal] === all);
    found.sort((a, b) => exact[b]! - exact[a]! || score[b]! - score[a]! || this.published[b]! - this.published[a]!);
    const page = found.slice(options.offset, options.offset + options.limit);
    return {
      total: found.length,
      hits: page.map((ordinal) => ({ id: this.ids[ordinal]!, exact: wanted > 0 && exact[ordinal] === wanted })),
    };
  }

  /** A compact, self-contained copy (dead articles dropped), gzip-compressed. */
  serialize(): Buffer {
    const header: SnapshotHeader = { version: FORMAT_VERSION, through: this.through, ids: [], changed: [], published: [], removed: [], tokens: [], folds: [], bytes: [] };
    // Renumbering in ordinal order keeps every postings list ascending.
    const remap = new Int32Array(this.ids.length).fill(-1);
    for (let ordinal = 0; ordinal < this.ids.length; ordinal++) {
      if (!this.alive[ordinal]) continue;
      const id = this.ids[ordinal]!;
      remap[ordinal] = header.ids.length;
      header.ids.push(id);
      header.changed.push(this.state.get(id)!.changedAt);
      header.published.push(this.published[ordinal]!);
    }
    for (const [id, { ordinal, changedAt }] of this.state) if (ordinal < 0) header.removed.push([id, changedAt]);

    let body = Buffer.allocUnsafe(1 << 20);
    let length = 0;
    const write = (value: number) => {
      if (length + 5 > body.length) {
        const grown = Buffer.allocUnsafe(body.length * 2);
        body.copy(grown, 0, 0, length);
        body = grown;
      }
      while (value >= 0x80) {
        body[length++] = (value & 0x7f) | 0x80;
        value = Math.floor(value / 128);
      }
      body[length++] = value;
    };
    for (const [token, p] of this.postings) {
      const start = length;
      let previous = 0;
      const keep = (posting: number) => {
        const ordinal = remap[posting >>> 3]!;
        if (ordinal < 0) return;
        write((ordinal - previous) * 8 + (posting & 7));
        previous = ordinal;
      };
      p.base.forEach(keep);
      p.extra.forEach(keep);
      if (length === start) continue;
      header.tokens.push(token);
      header.folds.push(foldVietnamese(token));
      header.bytes.push(length - start);
    }

    const json = Buffer.from(JSON.stringify(header));
    const prefix = Buffer.alloc(8);
    prefix.write(MAGIC, 0, "ascii");
    prefix.writeUInt32LE(json.length, 4);
    return gzipSync(Buffer.concat([prefix, json, body.subarray(0, length)]), { level: 1 });
  }

  static deserialize(data: Uint8Array): SearchIndex {
    const raw = gunzipSync(data);
    if (raw.toString("ascii", 0, 4) !== MAGIC) throw new Error("not a search index snapshot");
    const headerLength = raw.readUInt32LE(4);
    const header = JSON.parse(raw.toString("utf8", 8, 8 + headerLength)) as SnapshotHeader;
    if (header.version !== FORMAT_VERSION) throw new Error(`search index snapshot version ${header.version}`);

    const index = new SearchIndex();
    header.ids.forEach((id, ordinal) => index.state.set(id, { ordinal, changedAt: header.changed[ordinal]! }));
    for (const [id, changedAt] of header.removed) index.state.set(id, { ordinal: -1, changedAt });
    index.ids = header.ids;
    index.published = header.published;
    index.alive = new Uint8Array(Math.max(1024, header.ids.length * 2)).fill(1, 0, header.ids.length);
    index.liveCount = header.ids.length;
    index.through = header.through;

    // One buffer for every list: at most one posting per byte.
    let pos = 8 + headerLength;
    const all = new Uint32Array(raw.length - pos);
    let used = 0;
    header.tokens.forEach((token, i) => {
      const end = pos + header.bytes[i]!;
      const start = used;
      let ordinal = 0;
      while (pos < end) {
        let value = 0;
        let scale = 1;
        let byte: number;
        do {
          byte = raw[pos++]!;
          value += (byte & 0x7f) * scale;
          scale *= 128;
        } while (byte & 0x80);
        ordinal += Math.floor(value / 8);
        all[used++] = ordinal * 8 + (value & 7);
      }
      index.postings.set(token, { base: all.subarray(start, used), extra: [] });
      const fold = header.folds[i]!;
      const group = index.variants.get(fold);
      if (group) group.push(token);
      else index.variants.set(fold, [token]);
    });
    return index;
  }
}
