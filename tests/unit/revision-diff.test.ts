import { describe, expect, it } from "vitest";
import { diffText, textOf, type DiffPart } from "../../functions/core/publishing/revisions";

/** One side of a diff read back from its parts; whitespace aside, as jsdiff's diffWords gives it. */
const side = (parts: DiffPart[], op: "removed" | "added") => squeeze(parts.filter((part) => part.op === "same" || part.op === op).map((part) => part.text).join(""));
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

function paragraphs(seed: number, count: number, words: number, vocabulary: string[]): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Array.from({ length: words }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(" ") + "\n").join("");
}
const VOCABULARY = "một hai ba bốn năm sáu bảy tám chín mười trăm nghìn triệu tỉnh huyện xã phường".split(" ");

describe("textOf", () => {
  it("gives the text of stored rich text, one line per block, entities decoded", () => {
    expect(textOf('<h2>Tiêu  đề</h2><p>An &amp; <strong>toàn</strong>&nbsp;&lt;b&gt; &#233;&#x1EC7;</p><ul><li>a</li><li>b<br />c</li></ul>')).toBe(
      "Tiêu đề\nAn & toàn <b> éệ\na\nb\nc\n",
    );
  });
});

describe("diffText", () => {
  it("diffs short texts word by word", async () => {
    const { parts, truncated } = await diffText("Phiên bản một.\n", "Phiên bản hai.\n");
    expect(truncated).toBe(false);
    expect(parts).toEqual([
      { op: "same", text: "Phiên bản " },
      { op: "removed", text: "một" },
      { op: "added", text: "hai" },
      { op: "same", text: ".\n" },
    ]);
  });

  it("aligns long texts by paragraph, then shows changed paragraphs word by word", async () => {
    const older = paragraphs(1, 400, 60, VOCABULARY);
    const lines = older.split("\n");
    lines[10] = `${lines[10]} thêm`;
    lines.splice(200, 1);
    lines.splice(300, 0, "Đoạn mới hoàn toàn.");
    const newer = lines.join("\n");
    const { parts, truncated } = await diffText(older, newer);
    expect(truncated).toBe(false);
    expect(side(parts, "removed")).toBe(squeeze(older));
    expect(side(parts, "added")).toBe(squeeze(newer));
    expect(parts.filter((part) => part.op === "added").map((part) => part.text.trim())).toEqual(["thêm", "Đoạn mới hoàn toàn."]);
  });

  it("stays within its time budget on the costliest inputs, and says when it cut the detail", async () => {
    const cases = [
      // as many paragraphs on both sides, different throughout: every pair gets a word diff
      [paragraphs(1, 600, 50, VOCABULARY), paragraphs(2, 600, 50, VOCABULARY)],
      // many one-word paragraphs, shuffled: the paragraph alignment itself is the cost
      [paragraphs(3, 30_000, 1, VOCABULARY), paragraphs(4, 30_000, 1, VOCABULARY)],
      // one huge paragraph each
      [paragraphs(5, 1, 30_000, VOCABULARY), paragraphs(6, 1, 30_000, VOCABULARY)],
    ];
    const limits = { budgetMs: 150, sliceMs: 20, paragraphSliceMs: 40, wordChars: 20_000 };
    for (const [older, newer] of cases) {
      const started = performance.now();
      const { parts, truncated } = await diffText(older!, newer!, limits);
      const took = performance.now() - started;
      expect(truncated).toBe(true);
      expect(side(parts, "removed")).toBe(squeeze(older!));
      expect(side(parts, "added")).toBe(squeeze(newer!));
      // A budget of 150 ms; the margin is for tokenizing outside jsdiff's timeout on a busy machine.
      expect(took).toBeLessThan(1_500);
    }
  }, 30_000);

  it("lets other work run while it diffs", async () => {
    const older = paragraphs(7, 600, 50, VOCABULARY);
    const newer = paragraphs(8, 600, 50, VOCABULARY);
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await diffText(older, newer, { budgetMs: 300, sliceMs: 20, paragraphSliceMs: 40, wordChars: 20_000 });
    running = false;
    expect(ticks).toBeGreaterThan(3);
  });
});
