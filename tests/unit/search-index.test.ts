import { describe, expect, it } from "vitest";
import { highlight, queryTokens, SearchIndex, snippet, textOfHtml, type IndexDoc } from "../../functions/core/reader/search-index";

let clock = 0;
const at = () => new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString();

function doc(id: string, fields: Partial<IndexDoc>): IndexDoc {
  return { id, publishedAt: "2026-01-01T00:00:00.000Z", title: "", summary: "", text: "", ...fields };
}

function indexOf(...docs: IndexDoc[]): SearchIndex {
  const index = new SearchIndex();
  for (const d of docs) index.apply({ ...d, changedAt: at() });
  return index;
}

const ids = (index: SearchIndex, query: string) => index.search(query, { offset: 0, limit: 50 }).hits.map((hit) => hit.id);

describe("search index", () => {
  it("matches Vietnamese typed with or without diacritics, đ as d", () => {
    const index = indexOf(doc("a", { title: "Đảng bộ tỉnh tổng kết năm" }), doc("b", { title: "Hội nghị cán bộ" }));
    expect(ids(index, "dang bo")).toEqual(["a"]);
    expect(ids(index, "Đảng bộ")).toEqual(["a"]);
    expect(ids(index, "ĐẢNG   BỘ!")).toEqual(["a"]);
    expect(ids(index, "bo")).toEqual(expect.arrayContaining(["a", "b"]));
  });

  it("needs every word of the query (AND), in any field", () => {
    const index = indexOf(
      doc("title", { title: "Xuất khẩu nông sản" }),
      doc("split", { title: "Xuất khẩu", text: "gạo và nông sản" }),
      doc("half", { title: "Xuất khẩu gạo" }),
    );
    expect(ids(index, "xuat khau nong san").sort()).toEqual(["split", "title"]);
  });

  it("ranks the reader's exact diacritics first, then title over body, then the newest", () => {
    const index = indexOf(
      doc("tinh-body-new", { text: "tình hình", publishedAt: "2026-05-01T00:00:00.000Z" }),
      doc("tinh-exact-body", { text: "tỉnh ủy", publishedAt: "2026-01-01T00:00:00.000Z" }),
      doc("tinh-exact-title", { title: "tỉnh ủy", publishedAt: "2025-01-01T00:00:00.000Z" }),
      doc("tinh-other", { title: "tính toán", publishedAt: "2026-06-01T00:00:00.000Z" }),
    );
    const result = index.search("tỉnh", { offset: 0, limit: 10 });
    expect(result.hits.map((hit) => hit.id)).toEqual(["tinh-exact-title", "tinh-exact-body", "tinh-other", "tinh-body-new"]);
    expect(result.hits.map((hit) => hit.exact)).toEqual([true, true, false, false]);
    // Without diacritics every spelling is as good: title first, then newest.
    expect(ids(index, "tinh")).toEqual(["tinh-other", "tinh-exact-title", "tinh-body-new", "tinh-exact-body"]);
  });

  it("pages through results with a stable total", () => {
    const index = indexOf(...Array.from({ length: 25 }, (_, i) => doc(`d${i}`, { title: "bản tin", publishedAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString() })));
    const first = index.search("ban tin", { offset: 0, limit: 10 });
    const third = index.search("ban tin", { offset: 20, limit: 10 });
    expect(first.total).toBe(25);
    expect(first.hits[0]!.id).toBe("d24");
    expect(third.hits.map((hit) => hit.id)).toEqual(["d4", "d3", "d2", "d1", "d0"]);
  });

  it("follows edits and removals, and ignores a change applied twice", () => {
    const index = indexOf(doc("a", { title: "Khởi công cầu mới" }));
    index.apply({ ...doc("a", { title: "Khánh thành cầu mới" }), changedAt: at() });
    expect(ids(index, "khoi cong")).toEqual([]);
    expect(ids(index, "khanh thanh")).toEqual(["a"]);
    const removal = { id: "a", changedAt: at(), removed: true as const };
    expect(index.apply(removal)).toBe(true);
    expect(index.apply(removal)).toBe(false);
    expect(ids(index, "cau")).toEqual([]);
    expect(index.size).toBe(0);
  });

  it("survives serialization: same results, removals remembered", () => {
    const index = indexOf(
      doc("a", { title: "Đại hội Đảng bộ tỉnh", summary: "nhiệm kỳ mới", text: "Đại hội thành công tốt đẹp" }),
      doc("b", { title: "Đảng viên mới", text: "kết nạp đảng viên" }),
      doc("c", { title: "Tin đã gỡ" }),
    );
    const removedAt = at();
    index.apply({ id: "c", changedAt: removedAt, removed: true });
    const copy = SearchIndex.deserialize(index.serialize());
    for (const query of ["dang", "Đảng viên", "dai hoi", "tin da go", "tot dep"]) {
      expect(copy.search(query, { offset: 0, limit: 10 })).toEqual(index.search(query, { offset: 0, limit: 10 }));
    }
    expect(copy.through).toBe(index.through);
    expect(copy.apply({ id: "c", changedAt: removedAt, removed: true })).toBe(false);
    copy.apply({ ...doc("d", { title: "Đảng bộ xã" }), changedAt: at() });
    expect(ids(copy, "dang bo")).toEqual(expect.arrayContaining(["a", "d"]));
  });

  it("finds nothing for an empty or punctuation-only query, and caps the number of words", () => {
    const index = indexOf(doc("a", { title: "một hai ba" }));
    expect(index.search("", { offset: 0, limit: 10 }).total).toBe(0);
    expect(index.search("!!! ???", { offset: 0, limit: 10 }).total).toBe(0);
    expect(queryTokens("a b c d e f g h i j k")).toHaveLength(8);
  });
});

describe("highlighting", () => {
  it("marks whole words whatever their diacritics, leaves the rest as text", () => {
    expect(highlight("Tỉnh ủy Hòa Phong", "tinh")).toEqual([{ text: "Tỉnh", hit: true }, { text: " ủy Hòa Phong" }]);
    expect(highlight("tình hình", "tinh hinh")).toEqual([{ text: "tình", hit: true }, { text: " " }, { text: "hình", hit: true }]);
    expect(highlight("tinhthần", "tinh")).toEqual([{ text: "tinhthần" }]);
  });

  it("cuts an excerpt around the first match", () => {
    const text = `${"mở đầu ".repeat(60)}giữa đoạn có tôm càng xanh ${"kết thúc ".repeat(60)}`;
    const excerpt = snippet(text, "tom")!;
    expect(excerpt[0]!.text.startsWith("… ")).toBe(true);
    expect(excerpt.some((s) => s.hit && s.text === "tôm")).toBe(true);
    expect(excerpt[excerpt.length - 1]!.text.endsWith(" …")).toBe(true);
    expect(snippet(text, "khong thay")).toBeUndefined();
  });

  it("reads plain text out of sanitized HTML", () => {
    expect(textOfHtml("<p>Một &amp; hai</p><ul><li>ba</li><li>bốn&nbsp;năm</li></ul><p>&#7841;&#x1EA1;</p>")).toBe("Một & hai ba bốn năm ạạ");
  });
});
