import { articles } from "../../functions/core/content/articles";
import { describe, expect, it } from "vitest";
import { cloudFrontInvalidator, Invalidation, RecordingInvalidator, type CreateInvalidationInput } from "../../functions/core/publishing/invalidation";
import { parseWeek, weekOf, weeksInYear } from "../../functions/core/shared/week";
import { pageHref, pageWindow } from "../../web/paging";

describe("ISO weeks for /lich-cong-tac?tuan=", () => {
  it("knows which years have 53 weeks", () => {
    expect([2015, 2020, 2025, 2026, 2027].map(weeksInYear)).toEqual([53, 53, 52, 53, 52]);
  });

  it("parses a week into its Monday and Sunday, with neighbours across years", () => {
    expect(parseWeek("2026-W01")).toMatchObject({ monday: "2025-12-29", sunday: "2026-01-04", previous: "2025-W52", next: "2026-W02" });
    expect(parseWeek("2026-W53")).toMatchObject({ monday: "2026-12-28", sunday: "2027-01-03", next: "2027-W01" });
  });

  it("rejects anything else with a VALIDATION error", () => {
    for (const bad of ["2026-W99", "2025-W53", "2026-W00", "2026W10", "2026-w10", "26-W10", "", "2026-W1", "0000-W01"]) {
      expect(() => parseWeek(bad), bad).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    }
  });

  it("takes the current week in Vietnam's time zone", () => {
    // Sunday 22:00 UTC is already Monday in Vietnam.
    expect(weekOf(new Date("2026-11-29T18:00:00Z")).id).toBe("2026-W49");
    expect(weekOf(new Date("2026-11-29T16:00:00Z")).id).toBe("2026-W48");
  });
});

describe("page links", () => {
  it("leaves page 1 bare and keeps other parameters", () => {
    expect(pageHref({ page: 1, pages: 3, path: "/chuyen-muc/kinh-te" }, 1)).toBe("/chuyen-muc/kinh-te");
    expect(pageHref({ page: 1, pages: 3, path: "/tim-kiem", query: { q: "tỉnh ủy" } }, 2)).toBe("/tim-kiem?q=t%E1%BB%89nh+%E1%BB%A7y&trang=2");
  });

  it("shows the first, the last and the neighbours, with gaps", () => {
    expect(pageWindow(6, 57)).toEqual([1, null, 4, 5, 6, 7, 8, null, 57]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 1)).toEqual([1]);
  });
});

describe("CDN invalidation", () => {
  it("names every page an article change can affect, old and new places", () => {
    const paths = Invalidation.paths(articles, { slug: "moi", sectionSlug: "kinh-te" }, { slug: "cu", sectionSlug: "van-hoa" });
    expect(paths).toEqual(
      expect.arrayContaining(["/", "/rss.xml", "/sitemap.xml", "/sitemaps/*", "/tim-kiem*", "/bai-viet/moi", "/bai-viet/cu", "/chuyen-muc/kinh-te*", "/chuyen-muc/van-hoa*"]),
    );
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("sends CloudFront one batch per call, collapsing long lists to /*", async () => {
    const sent: CreateInvalidationInput[] = [];
    let n = 0;
    const invalidator = cloudFrontInvalidator({ distributionId: "E123", send: async (input) => sent.push(input), reference: () => `ref-${++n}` });
    await invalidator.invalidate(["/", "/bai-viet/a", "/"]);
    await invalidator.invalidate(Array.from({ length: 40 }, (_, i) => `/bai-viet/${i}`));
    await invalidator.invalidate([]);
    expect(sent).toEqual([
      { DistributionId: "E123", InvalidationBatch: { CallerReference: "ref-1", Paths: { Quantity: 2, Items: ["/", "/bai-viet/a"] } } },
      { DistributionId: "E123", InvalidationBatch: { CallerReference: "ref-2", Paths: { Quantity: 1, Items: ["/*"] } } },
    ]);
  });

  it("records calls locally so tests can observe them", async () => {
    const recorder = new RecordingInvalidator();
    await recorder.invalidate(["/a"]);
    await recorder.invalidate(["/b", "/c"]);
    expect(recorder.calls).toEqual([["/a"], ["/b", "/c"]]);
    expect(recorder.paths).toEqual(["/a", "/b", "/c"]);
  });
});
