/**
 * The per-instance render cache (functions/http/reader/rendered.ts): a page is rendered again
 * exactly when one of its inputs is not the very same (objects by identity, strings by value),
 * and at most `max` pages are kept, the least recently rendered dropped first.
 */
import { describe, expect, it } from "vitest";
import { renderedPages } from "../../functions/http/reader/rendered";

describe("rendered pages", () => {
  it("reuses a render only while every input is the same", () => {
    const pages = renderedPages({ max: 10 });
    let renders = 0;
    const render = () => `<p>${++renders}</p>`;
    const shell = { site: "Tỉnh ủy Hòa Phong" };
    expect(pages.get("/bai-viet/a", [shell, "2026-11-28", '{"title":"A"}'], render)).toBe("<p>1</p>");
    // Equal strings, the same object: the same page, not rendered again.
    expect(pages.get("/bai-viet/a", [shell, "2026-11-28", JSON.stringify({ title: "A" })], render)).toBe("<p>1</p>");
    // A reloaded shell is a new object even when equal; a new day; an edited item; fewer inputs.
    expect(pages.get("/bai-viet/a", [{ ...shell }, "2026-11-28", '{"title":"A"}'], render)).toBe("<p>2</p>");
    expect(pages.get("/bai-viet/a", [shell, "2026-11-29", '{"title":"A"}'], render)).toBe("<p>3</p>");
    expect(pages.get("/bai-viet/a", [shell, "2026-11-29", '{"title":"A đã sửa"}'], render)).toBe("<p>4</p>");
    expect(pages.get("/bai-viet/a", [shell, "2026-11-29"], render)).toBe("<p>5</p>");
    // Another page's key never answers for this one.
    expect(pages.get("/bai-viet/b", [shell, "2026-11-29"], render)).toBe("<p>6</p>");
    expect(renders).toBe(6);
  });

  it("keeps at most `max` pages, dropping the one rendered longest ago", () => {
    const pages = renderedPages({ max: 2 });
    let renders = 0;
    const render = () => String(++renders);
    pages.get("a", [], render);
    pages.get("b", [], render);
    pages.get("c", [], render);
    expect(pages.size).toBe(2);
    expect(pages.get("b", [], render)).toBe("2");
    expect(pages.get("a", [], render)).toBe("4"); // dropped, rendered again
  });
});
