import { beforeAll, describe, expect, it } from "vitest";
import { CONTENT_KINDS } from "../../functions/core/content";
import { PUBLIC_KINDS } from "../../functions/core/reader/kinds";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { seedSchedules } from "../../scripts/seed/schedules";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";
import { findAll, parseXml, textOf } from "../support/xml";

/**
 * Every kind besides articles has an RSS feed and sitemap entries, from core/reader/kinds.ts
 * (the reader's light copy of what it needs of each descriptor): checked against the registry,
 * then read back through the routes with real published schedules.
 */
const ORIGIN = "https://tinhuy.example.vn";

describe("feeds and sitemaps of every content kind", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await createTestStore();
    await createSections(store);
    await SectionAdmin.create(store, { slug: "chinh-tri", name: "Chính trị", description: "", order: 3 });
    await seedSchedules(store, { id: "u-board", name: "Ban Biên tập" }, new Date("2026-11-25T03:00:00Z"));
    app = createApp({ store, publicUrl: ORIGIN });
  });

  it("knows every registered kind but articles, with the descriptor's key space and URLs", () => {
    const others = CONTENT_KINDS.filter((kind) => kind.name !== "articles");
    expect(others.length).toBeGreaterThan(0);
    for (const kind of others) {
      const known = PUBLIC_KINDS.find((entry) => entry.name === kind.name);
      expect(known, kind.name).toBeDefined();
      expect(known!.space).toBe(kind.space);
      expect(known!.url("vi-du-2026-w48")).toBe(kind.url("vi-du-2026-w48"));
    }
  });

  it("serves an RSS feed of published schedules linking to their week pages", async () => {
    const res = await app.request("/lich-cong-tac/rss.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const doc = parseXml(await res.text());
    const links = findAll(doc, "item").map((item) => textOf(item, "link"));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https:\/\/tinhuy\.example\.vn\/lich-cong-tac\?tuan=\d{4}-W\d{2}&don-vi=[a-z0-9-]+$/);
    expect(textOf(findAll(doc, "channel")[0]!, "title")).toContain("Lịch công tác");
  });

  it("lists every published schedule in the sitemap, and the kinds' list pages", async () => {
    const res = await app.request("/sitemap.xml");
    expect(res.status).toBe(200);
    const locs = findAll(parseXml(await res.text()), "loc").map((loc) => loc.text);
    expect(locs).toContain(`${ORIGIN}/van-ban`);
    expect(locs).toContain(`${ORIGIN}/lich-cong-tac`);
    const weeks = locs.filter((loc) => loc.includes("don-vi="));
    expect(weeks.length).toBeGreaterThan(0);
    const own = await app.request("/sitemaps/lich-cong-tac.xml");
    expect(own.status).toBe(200);
    expect(findAll(parseXml(await own.text()), "loc").map((loc) => loc.text).sort()).toEqual(weeks.sort());
  });
});
