/**
 * Every stored item carries a numeric `schemaVersion` (docs/architecture.md, "Data": every item carries one, so a future
 * migration can tell old items from new). The operations below write one of every kind of item
 * the portal stores today; the whole table is then read back with a Scan (tests only: request
 * paths never scan) and every item is checked, so a new item kind written without a version makes
 * this test fail, naming the item.
 */
import { ScanCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Sessions } from "../../functions/core/accounts/sessions";
import { Users } from "../../functions/core/accounts/users";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { Views } from "../../functions/core/metrics/views";
import { VISIT_IDLE_MS, Visitors } from "../../functions/core/metrics/visitors";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { seedDemo } from "../../scripts/seed/index";
import { PASSWORD } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

const T0 = Date.parse("2026-03-15T03:00:00.000Z");
const counters = resolveCounters({ shards: 2, cacheMs: 0 });

async function scanAll(store: Store): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.db.send(new ScanCommand({ TableName: store.table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe("schema versions in DynamoDB Local", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it("gives every item the portal writes a numeric schemaVersion", async () => {
    // Publishing: sections, settings, articles with their revisions, slugs, published views,
    // report aggregates, listing counts, search documents and audit events.
    const { articles } = await seedSmallPortal(store);
    await SectionAdmin.update(store, "van-hoa", { name: "Văn hóa - Xã hội" }, { id: "u-admin", name: "Quản trị" });

    // Accounts: users and e-mail reservations; failed logins leave throttle items; a login a session.
    const admin = await Users.create(store, { email: "quan-tri@thunghiem.example.vn", password: PASSWORD, name: "Quản trị", role: "admin" });
    const writer = await Users.create(store, { email: "phong-vien@thunghiem.example.vn", password: PASSWORD, name: "Phóng viên", role: "writer", sections: ["kinh-te"] });
    await Users.update(store, writer.id, { sections: ["kinh-te", "van-hoa"] }, admin);
    const client = "203.0.113.7";
    await expect(Sessions.login(store, { email: writer.email, password: "sai-mat-khau-roi-nhe", client }, T0)).rejects.toThrow();
    await expect(Sessions.login(store, { email: "khong-co@thunghiem.example.vn", password: "sai-mat-khau-roi-nhe", client }, T0)).rejects.toThrow();
    const { token } = await Sessions.login(store, { email: writer.email, password: PASSWORD, client }, T0);
    expect(await Sessions.resolve(store, token, T0 + 2 * 60_000)).toMatchObject({ id: writer.id });

    // Beacons: a visit (presence, visit counters), its return after 30 idle minutes (the visit
    // claim), and a counted view (view mark, view counters).
    const first = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    const back = await Visitors.heartbeat(store, counters, { cookie: first.cookie, member: true, now: T0 + VISIT_IDLE_MS + 1000 });
    expect(back.newVisit).toBe(true);
    expect((await Views.count(store, counters, { visitorId: first.visitorId, articleId: articles[0]!.id, now: T0 })).counted).toBe(true);

    // The demo seed's completion marker (with no articles of its own: the portal above has them).
    await seedDemo(store, { site: { name: "Cổng", shortName: "Cổng", address: "", phone: "", email: "" }, sections: [], articles: [] });

    const items = await scanAll(store);
    const entities = new Set(items.map((item) => item.entity));
    // The operations above did write each of these: the check below is not vacuous.
    for (const entity of [
      "Section", "Settings", "AuditEvent", "ReportAggregate", "PublishedCount", "SearchDoc", "PublishedSummary", "SectionRecent",
      "User", "UserEmail", "LoginThrottle", "Session",
      "Presence", "VisitCounter", "VisitsPerDay", "VisitStart", "ViewMark", "ArticleViews", "ArticleViewsPerDay",
      "Marker",
    ])
      expect(entities, entity).toContain(entity);
    const unversioned = items
      .filter((item) => typeof item.schemaVersion !== "number")
      .map((item) => `${String(item.entity)} ${String(item.pk)} ${String(item.sk)}`);
    expect(unversioned).toEqual([]);
  }, 120_000); // the demo seed draws and processes its images: about 22 s on an idle machine, CPU-bound
});
