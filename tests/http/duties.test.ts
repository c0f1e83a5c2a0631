/**
 * The public duties on the pages readers get: the footer's agency, person responsible and licence
 * from site settings; today's date in the header; the HTML site map; the decree's metadata and
 * valid JSON-LD with the right @type per page (escaped: "</script>" in a text cannot break out);
 * the statistics page's figures equal to the visitor counters; the display script.
 */
import { PutCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { increment, resolveCounters } from "../../functions/core/metrics/counters";
import { Visitors } from "../../functions/core/metrics/visitors";
import { vietnamDate } from "../../functions/core/shared/working-days";
import { Settings, type SiteSettings } from "../../functions/core/site/settings";
import { Keys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { vietnameseToday } from "../../web/components/today";
import { seedSchedules } from "../../scripts/seed/schedules";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let site: SiteSettings;
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "");
const page = async (path: string, status = 200) => {
  const res = await createApp({ store }).request(path);
  expect(res.status, path).toBe(status);
  return clean(await res.text());
};
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
const types = (html: string) => jsonLd(html).map((data) => data["@type"]);
const meta = (html: string, name: string) => new RegExp(`<meta name="${name.replace(".", "\\.")}" content="([^"]*)">`).exec(html)?.[1];

beforeAll(async () => {
  store = await createTestStore();
  await seedSmallPortal(store);
  site = {
    ...(await Settings.get(store)),
    managingAgency: "Ban Thường vụ Tỉnh ủy Thử Nghiệm",
    responsiblePerson: "Đồng chí Lê Văn Trách",
    licence: "Quyết định số 01-QĐ/TU ngày 02/01/2024 về việc thành lập Cổng",
    footerText: "Bản quyền thuộc Tỉnh ủy Thử Nghiệm.",
  };
  await Settings.put(store, site);
}, 90_000);

describe("header and footer duties", () => {
  it("names the managing agency, the person responsible and the licence from settings, and links the HTML site map", async () => {
    const html = await page("/");
    const footer = /<footer[\s\S]*<\/footer>/.exec(html)![0];
    expect(footer).toContain("Cơ quan chủ quản: Ban Thường vụ Tỉnh ủy Thử Nghiệm");
    expect(footer).toContain("Chịu trách nhiệm chính: Đồng chí Lê Văn Trách");
    expect(footer).toContain("Quyết định số 01-QĐ/TU ngày 02/01/2024 về việc thành lập Cổng");
    expect(footer).toContain("Bản quyền thuộc Tỉnh ủy Thử Nghiệm.");
    expect(footer).toContain('<a href="/so-do-cong">Sơ đồ cổng</a>');
    expect(footer).toContain('<a href="/tiep-can">');
    expect(footer).not.toContain('href="/sitemap.xml"');
  });

  it("shows today's date in Vietnamese, Vietnam time", async () => {
    const html = await page("/chuyen-muc/kinh-te");
    const shown = /<span class="today">([^<]*)<\/span>/.exec(html)![1]!;
    expect(shown).toMatch(/^(Chủ nhật|Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)), \d{2}\/\d{2}\/\d{4}$/);
    expect([vietnameseToday(Date.now() - 60_000), vietnameseToday(Date.now())]).toContain(shown);
    expect(vietnameseToday(Date.parse("2026-11-27T17:30:00Z"))).toBe("Thứ Bảy, 28/11/2026");
  });

  it("renders the menu open without JavaScript: no folding class, no button until hydration", async () => {
    const nav = /<nav id="danh-muc"[^>]*>[\s\S]*?<\/nav>/.exec(await page("/"))![0];
    expect(nav).not.toContain("main-nav--folding");
    expect(nav).not.toContain("<button");
    expect(nav).toContain('href="/chuyen-muc/kinh-te"');
  });

  it("loads the display script in <head> from this site, and serves it", async () => {
    const html = await page("/");
    expect(/<head>[\s\S]*<script src="\/hien-thi.js"><\/script>[\s\S]*<\/head>/.test(html)).toBe(true);
    const res = await createApp({ store }).request("/hien-thi.js");
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(await res.text()).toContain("tuong-phan");
  });
});

describe("pages of the duties", () => {
  it("the site map lists sections, every kind's list and the duty pages", async () => {
    const html = await page("/so-do-cong");
    for (const href of ["/chuyen-muc/kinh-te", "/chuyen-muc/van-hoa", "/van-ban", "/lich-cong-tac", "/gop-y", "/thu-vien-anh", "/video", "/thong-bao", "/tiep-can", "/thong-ke", "/du-lieu-mo"])
      expect(/<main[\s\S]*<\/main>/.exec(html)![0], href).toContain(`href="${href}"`);
  });

  it("lists the duty pages in /sitemap.xml", async () => {
    const xml = await (await createApp({ store }).request("/sitemap.xml")).text();
    for (const path of ["/so-do-cong", "/thong-bao", "/tiep-can", "/thong-ke"]) expect(xml, path).toContain(`${path}</loc>`);
  });

  it("the accessibility statement gives a contact for problems", async () => {
    const html = await page("/tiep-can");
    expect(html).toContain("<h1");
    expect(html).toContain("mailto:banbientap@thunghiem.example.vn");
  });

  it("the statistics page shows the counters' visits per month, vi-VN numbers, in a table", async () => {
    const year = vietnamDate(Date.now()).slice(0, 4);
    const counters = resolveCounters();
    const days = [`${year}-01-05`, `${year}-01-20`, `${year}-03-03`];
    // Counters as the heartbeat writes them (one increment), then raised in bulk on other shards.
    await store.db.send(increment(store, Keys.visitsDaily(days[0]!, 0), "VisitsPerDay", { day: days[0]! }));
    const put = (day: string, shard: number, count: number) =>
      store.db.send(new PutCommand({ TableName: store.table, Item: { ...Keys.visitsDaily(day, shard), entity: "VisitsPerDay", schemaVersion: 1, day, count } }));
    await Promise.all([put(days[0]!, 1, 499), put(days[1]!, 2, 302), put(days[2]!, counters.shards - 1, 401)]);
    const byDay = await Visitors.visitsByDay(store, counters, `${year}-01-01`, `${year}-12-31`);
    const january = (byDay.get(days[0]!) ?? 0) + (byDay.get(days[1]!) ?? 0);
    expect(january).toBe(802);
    const html = await page("/thong-ke");
    expect(html).toContain(`Thống kê truy cập năm ${year}`);
    expect(/<td class="number" data-month="1">[\s\S]*?([\d.]+)<\/td>/.exec(html)![1]).toBe("802");
    expect(/<td class="number" data-month="3">[\s\S]*?([\d.]+)<\/td>/.exec(html)![1]).toBe("401");
    expect(/<td class="number" data-total>([\d.]+)<\/td>/.exec(html)![1]).toBe("1.203");
    expect(html).toContain('<th scope="col">Tháng</th>');
    await page("/thong-ke?nam=abc", 400);
    await page("/thong-ke?nam=1999", 400);
  });
});

describe("metadata", () => {
  it("every page carries the decree's metadata and JSON-LD of the right type", async () => {
    const article = await page("/bai-viet/xuat-khau-nong-san-tang-12-5");
    expect(types(article)).toEqual(expect.arrayContaining(["NewsArticle", "GovernmentOrganization", "BreadcrumbList"]));
    expect(meta(article, "author")).toBe("Minh Khoa");
    expect(meta(article, "DC.subject")).toBe("Kinh tế");
    expect(meta(article, "DC.date.issued")).toMatch(/^2026-10-30T/);
    expect(meta(article, "language")).toBe("vi");
    const crumbs = jsonLd(article).find((d) => d["@type"] === "BreadcrumbList");
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Trang chủ", "Kinh tế", "Xuất khẩu nông sản tăng 12,5%"]);

    expect(types(await page("/chuyen-muc/kinh-te"))).toEqual(expect.arrayContaining(["CollectionPage", "BreadcrumbList", "GovernmentOrganization"]));
    expect(types(await page("/"))).toEqual(expect.arrayContaining(["GovernmentOrganization", "WebPage"]));
    expect(types(await page("/van-ban"))).toContain("CollectionPage");
    expect(types(await page("/so-do-cong"))).toContain("CollectionPage");
    expect(types(await page("/thong-ke"))).toContain("WebPage");
    const home = await page("/");
    expect(meta(home, "author")).toBe(site.name);
    expect(meta(home, "DC.description")).toBeTruthy();
  });

  it("a published week of a work schedule carries its entries as Events", async () => {
    await seedSchedules(store, { id: "u-board", name: "Ban Biên tập" });
    const html = await page("/lich-cong-tac");
    const list = jsonLd(html).find((d) => d["@type"] === "ItemList");
    expect(list.itemListElement.length).toBeGreaterThan(0);
    expect(list.itemListElement[0].item).toMatchObject({ "@type": "Event", name: expect.any(String), startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) });
  });

  it("escapes JSON-LD: a '</script>' in a text stays inside the script element", async () => {
    await Settings.put(store, { ...site, name: 'Cổng </script><script>alert("x")</script> Thử' });
    const html = await page("/");
    expect(html).not.toContain('<script>alert("x")</script>');
    const org = jsonLd(html).find((d) => d["@type"] === "GovernmentOrganization");
    expect(org.name).toBe('Cổng </script><script>alert("x")</script> Thử');
    await Settings.put(store, site);
  });
});
