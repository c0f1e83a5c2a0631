import { articleEngine, importArticle } from "../support/engine";
import { GetCommand, QueryCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { Keys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { Views } from "../../functions/core/metrics/views";
import { ONLINE_WINDOW_MS, VISIT_IDLE_MS, Visitors } from "../../functions/core/metrics/visitors";
import { CLIENT_LIMITS, ClientLimits, MAX_LEASE, ONLINE_PER_CLIENT } from "../../functions/core/metrics/limits";
import { clientKey, visitorKey } from "../../functions/core/metrics/signing";
import { type BeaconClient, PresenceMemo } from "../../functions/core/metrics/visitors";
import { createStore } from "../../functions/core/storage/store";
import { localStoreOptions } from "../../scripts/local/emulators";
import { createTestStore } from "../support/store";

const MINUTE = 60_000;
/** 10:00 in Vietnam on 15 March 2026. */
const T0 = Date.parse("2026-03-15T03:00:00.000Z");
const counters = resolveCounters({ shards: 8, cacheMs: 0 });

const times = <T>(n: number, make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, index) => make(index)));

describe("visitors in DynamoDB Local", () => {
  // Each test gets its own table: online counts and totals are table-wide.
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it("shows N concurrent sessions as exactly N online, members apart from guests, each one visit", async () => {
    store = await createTestStore();
    const guests = await times(250, () => Visitors.heartbeat(store, counters, { member: false, now: T0 }));
    const members = await times(100, () => Visitors.heartbeat(store, counters, { member: true, now: T0 }));
    expect([...guests, ...members].every((beat) => beat.newVisit)).toBe(true);
    expect(new Set([...guests, ...members].map((beat) => beat.visitorId)).size).toBe(350);

    // Every session beats again, all at once: two heartbeats each in the window, still one session each.
    const again = await Promise.all(
      [...guests, ...members].map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: beat.member, now: T0 + 3 * MINUTE })),
    );
    expect(again.some((beat) => beat.newVisit)).toBe(false);
    expect(await Visitors.stats(store, counters, T0 + 4 * MINUTE)).toEqual({
      total: 350,
      online: { guests: 250, members: 100, total: 350 },
    });
    const days = await Visitors.visitsByDay(store, counters, "2026-03-01", "2026-03-31");
    expect([...days]).toEqual([["2026-03-15", 350]]);
  });

  it("drops a session that stops within 5 minutes of its last heartbeat, even though TTL never runs locally", async () => {
    store = await createTestStore();
    const stopping = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    const staying = await Visitors.heartbeat(store, counters, { member: true, now: T0 });
    let stay = staying;
    for (let minute = 1; minute <= 6; minute++)
      stay = await Visitors.heartbeat(store, counters, { cookie: stay.cookie, member: true, now: T0 + minute * MINUTE });

    expect(await Visitors.online(store, counters, T0 + ONLINE_WINDOW_MS - 1)).toEqual({ guests: 1, members: 1, total: 2 });
    expect(await Visitors.online(store, counters, T0 + ONLINE_WINDOW_MS)).toEqual({ guests: 0, members: 1, total: 1 });
    // Numbers reused for cacheMs are computed over a shorter window, so they are never late either.
    const cached = await Visitors.stats(store, counters, T0 + ONLINE_WINDOW_MS - 5_000, 5_000);
    expect(cached.online).toEqual({ guests: 0, members: 1, total: 1 });
    expect(stopping.visitorId).not.toBe(stay.visitorId);
  });

  it("counts a session by its newest heartbeat: a guest who signs in becomes a member, not both", async () => {
    store = await createTestStore();
    const guest = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    await Visitors.heartbeat(store, counters, { cookie: guest.cookie, member: true, now: T0 + MINUTE });
    expect(await Visitors.stats(store, counters, T0 + 2 * MINUTE)).toEqual({ total: 1, online: { guests: 0, members: 1, total: 1 } });
  });

  it("adds one visit for a reload storm, and one more only after 30 minutes idle, however many requests race", async () => {
    store = await createTestStore();
    const first = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    const storm = await times(60, (i) => Visitors.heartbeat(store, counters, { cookie: first.cookie, member: false, now: T0 + 1000 + i }));
    expect(storm.filter((beat) => beat.newVisit)).toHaveLength(0);
    expect(await Visitors.totalVisits(store, counters)).toBe(1);

    // The same cookie comes back after 30 minutes of silence, from many tabs at once.
    const back = T0 + 1000 + VISIT_IDLE_MS;
    const resumed = await times(60, () => Visitors.heartbeat(store, counters, { cookie: first.cookie, member: false, now: back }));
    expect(resumed.filter((beat) => beat.newVisit)).toHaveLength(1);
    expect(new Set(resumed.map((beat) => beat.visitorId))).toEqual(new Set([first.visitorId]));
    expect(await Visitors.totalVisits(store, counters)).toBe(2);
    expect(await Visitors.online(store, counters, back)).toEqual({ guests: 1, members: 0, total: 1 });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["garbage", "'; DROP TABLE--"],
    ["a bare id", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["a bad time", "AAAAAAAAAAAAAAAAAAAAAA.zzzzzzzzzzzzzz"],
    ["a time in the future", `AAAAAAAAAAAAAAAAAAAAAA.${(T0 + 3_600_000).toString(36)}`],
    ["a huge value", "x".repeat(10_000)],
  ])("treats a %s cookie as a new visitor", async (_label, cookie) => {
    const beat = await Visitors.heartbeat(store, counters, { cookie, member: false, now: T0 });
    expect(beat.newVisit).toBe(true);
    expect(beat.visitorId).not.toBe("AAAAAAAAAAAAAAAAAAAAAA");
    expect(Visitors.readCookie(beat.cookie, T0, await visitorKey(store))).toEqual({ visitorId: beat.visitorId, lastSeen: T0 });
  });

  it("costs one write unit per continuing heartbeat and three for a new visit", async () => {
    const fresh = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    const again = await Visitors.heartbeat(store, counters, { cookie: fresh.cookie, member: false, now: T0 + MINUTE });
    expect(fresh.writeUnits).toBe(3);
    expect(again.writeUnits).toBe(1);
  });
});

describe("article views in DynamoDB Local", () => {
  let store: Store;
  let articleId: string;
  let otherId: string;

  beforeAll(async () => {
    store = await createTestStore();
    const approver = { id: "u-board", name: "Trần Thị Duyệt" };
    const base = { kind: "news" as const, sectionId: "kinh-te", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "Thu Hà", publishedAt: "2026-03-01T08:00:00+07:00" };
    articleId = (await importArticle(store, { ...base, title: "Bài được xem nhiều" }, approver)).id;
    otherId = (await importArticle(store, { ...base, title: "Bài khác" }, approver)).id;
  });

  it("counts one view per session per article per 30 minutes, however many reloads race", async () => {
    const visitorId = "reload-storm-visitor-0";
    const storm = await times(80, (i) => Views.count(store, counters, { visitorId, articleId, now: T0 + i }));
    expect(storm.filter((view) => view.counted)).toHaveLength(1);
    expect(await Views.total(store, counters, articleId)).toBe(1);

    expect((await Views.count(store, counters, { visitorId, articleId, now: T0 + 30 * MINUTE - 1 })).counted).toBe(false);
    expect((await Views.count(store, counters, { visitorId, articleId, now: T0 + 30 * MINUTE })).counted).toBe(true);
    expect((await Views.count(store, counters, { visitorId, articleId: otherId, now: T0 })).counted).toBe(true);
    expect(await Views.total(store, counters, articleId)).toBe(2);
    expect(await Views.total(store, counters, otherId)).toBe(1);
  });

  it("loses no view of a viral article: 400 sessions at once, spread over the shards", async () => {
    const before = await Views.total(store, counters, otherId);
    const results = await times(400, (i) => Views.count(store, counters, { visitorId: `viral-${i}`, articleId: otherId, now: T0 + 2 * 3_600_000 }));
    expect(results.every((view) => view.counted)).toBe(true);
    expect(await Views.total(store, counters, otherId)).toBe(before + 400);
    const shards = await times(counters.shards, (shard) =>
      store.db.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": Keys.articleViews(otherId, shard).pk } })),
    );
    expect(shards.filter((out) => (out.Items ?? []).length > 0).length).toBeGreaterThan(1);
  });

  it("keeps views per article per day and ranks the period's most viewed articles", async () => {
    const day2 = Date.parse("2026-04-02T10:00:00+07:00");
    const day3 = Date.parse("2026-04-03T23:30:00+07:00"); // still 3 April in Vietnam, 4 April nowhere
    await times(5, (i) => Views.count(store, counters, { visitorId: `april-${i}`, articleId, now: day2 }));
    await times(3, (i) => Views.count(store, counters, { visitorId: `april-${i}`, articleId: otherId, now: day3 }));
    expect(await Views.top(store, counters, "2026-04-01", "2026-04-30")).toEqual([
      { articleId, views: 5, title: "Bài được xem nhiều", slug: "bai-duoc-xem-nhieu", sectionId: "kinh-te" },
      { articleId: otherId, views: 3, title: "Bài khác", slug: "bai-khac", sectionId: "kinh-te" },
    ]);
    expect(await Views.top(store, counters, "2026-04-03", "2026-04-03")).toMatchObject([{ articleId: otherId, views: 3 }]);
    expect(await Views.top(store, counters, "2026-04-04", "2026-05-31")).toEqual([]);
  });

  it("costs three write units per counted view and one per repeat", async () => {
    const counted = await Views.count(store, counters, { visitorId: "cost-visitor", articleId, now: T0 });
    const repeat = await Views.count(store, counters, { visitorId: "cost-visitor", articleId, now: T0 + 1 });
    expect(counted).toEqual({ counted: true, writeUnits: 3 });
    expect(repeat).toEqual({ counted: false, writeUnits: 1 });
  });

  it("knows which article ids exist without reading anything for ids that cannot be ours", async () => {
    expect(await Views.articleExists(store, articleId)).toBe(true);
    expect(await Views.articleExists(store, "khong-co-bai-nay")).toBe(false);
    expect(await Views.articleExists(store, "../../etc/passwd")).toBe(false);
    expect(await Views.articleExists(store, "a".repeat(5000))).toBe(false);
  });
});

/** Another Store object (another "instance") on the same table. */
const sameTable = (store: Store) =>
  createStore(localStoreOptions({ dynamodb: inject("dynamodbEndpoint"), s3: inject("s3Endpoint") }, { table: store.table, bucket: store.table }));

describe("signed visitor cookies in DynamoDB Local", () => {
  it("creates one signing key per table, whichever of many instances asks first, and keeps it out of any cookie", async () => {
    const store = await createTestStore();
    const instances = [store, ...Array.from({ length: 5 }, () => sameTable(store))];
    const keys = await Promise.all(instances.map((instance) => visitorKey(instance)));
    expect(new Set(keys.map((key) => key.toString("hex"))).size).toBe(1);
    expect(keys[0]).toHaveLength(32);
    const item = (await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.visitorKey() }))).Item!;
    expect(item).toMatchObject({ entity: "VisitorKey", schemaVersion: 1 });
    const beat = await Visitors.heartbeat(store, counters, { member: false, now: T0 });
    expect(beat.cookie).not.toContain(keys[0]!.toString("base64url").slice(0, 8));
  });

  it("reads only cookies it signed: a changed id, time or signature is no session", async () => {
    const store = await createTestStore();
    const key = await visitorKey(store);
    const cookie = Visitors.cookieValue("AAAAAAAAAAAAAAAAAAAAAA", T0, key);
    expect(Visitors.readCookie(cookie, T0, key)).toEqual({ visitorId: "AAAAAAAAAAAAAAAAAAAAAA", lastSeen: T0 });
    const [id, time, signature] = cookie.split(".") as [string, string, string];
    for (const forged of [
      `BAAAAAAAAAAAAAAAAAAAAA.${time}.${signature}`,
      `${id}.${(T0 - VISIT_IDLE_MS).toString(36)}.${signature}`,
      `${id}.${time}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
      `${id}.${time}`,
      `${id}.${time}.${signature}.x`,
      Visitors.cookieValue(id, T0, Buffer.alloc(32, 7)),
    ])
      expect(Visitors.readCookie(forged, T0, key), forged).toBeUndefined();
  });
});

describe("per-client limits in DynamoDB Local", { timeout: 120_000 }, () => {
  const client = (store: Store, address: string) => visitorKey(store).then((key) => clientKey(key, address));
  const from = (limits: ClientLimits, clientHash: string, presence?: PresenceMemo): BeaconClient => ({ limits, client: clientHash, presence });

  it("never allows more than the limit, however many instances race for it, and starts afresh in the next window", async () => {
    const store = await createTestStore();
    const office = await client(store, "203.0.113.9");
    const instances = Array.from({ length: 4 }, (_, i) => new ClientLimits(i === 0 ? store : sameTable(store)));
    const takes = await times(600, (i) => instances[i % 4]!.take("visits", office, T0 + i));
    expect(takes.filter((take) => take.allowed)).toHaveLength(CLIENT_LIMITS.visits.max);
    const windowItem = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.clientWindow("visits", office, new Date(T0).toISOString()) }));
    expect(windowItem.Item).toMatchObject({ count: CLIENT_LIMITS.visits.max, entity: "ClientWindow", schemaVersion: 1 });
    expect(windowItem.Item!.expiresAt).toBeGreaterThan(T0 / 1000);
    // Leased in growing chunks: far fewer writes than tokens.
    const writes = takes.reduce((sum, take) => sum + take.writeUnits, 0);
    expect(writes).toBeLessThan(CLIENT_LIMITS.visits.max / 2);
    // Every instance now refuses without writing; the next window has room again.
    for (const limits of instances) expect(limits.exhausted("visits", office, T0 + 1000)).toBe(true);
    expect(await instances[0]!.take("visits", office, T0 + 1000)).toEqual({ allowed: false, writeUnits: 0 });
    expect((await instances[1]!.take("visits", office, T0 + CLIENT_LIMITS.visits.windowMs)).allowed).toBe(true);
    expect((await instances[1]!.take("views", office, T0 + 1000)).allowed).toBe(true);
  });

  it("keeps the write budget: a continuing heartbeat 1 unit, a counted view 3 once the client holds a lease, a refused flood 0", async () => {
    const store = await createTestStore();
    const limits = new ClientLimits(store);
    const office = from(limits, await client(store, "203.0.113.9"), new PresenceMemo());
    const first = await Visitors.heartbeat(store, counters, { member: false, now: T0, from: office });
    expect(first).toMatchObject({ counted: true, newVisit: true, writeUnits: 4 }); // presence + 2 counters + the first lease
    const again = await Visitors.heartbeat(store, counters, { cookie: first.cookie, member: false, now: T0 + MINUTE, from: office });
    expect(again).toMatchObject({ counted: true, newVisit: false, writeUnits: 1 });
    // The same session beating again within 30 s on this instance writes nothing: presence is fresh.
    expect((await Visitors.heartbeat(store, counters, { cookie: again.cookie, member: false, now: T0 + MINUTE + 5_000, from: office })).writeUnits).toBe(0);

    const articleId = "limit-article";
    const views = [];
    for (let i = 0; i < 20; i++) views.push(await Views.count(store, counters, { visitorId: `office-${i}`, articleId, now: T0 + i, from: office }));
    expect(views.every((view) => view.counted)).toBe(true);
    const units = views.map((view) => view.writeUnits);
    expect(units.filter((unit) => unit === 4).length).toBeLessThanOrEqual(Math.ceil(20 / MAX_LEASE) + 3); // the leases: 1, 1, 2, 4, 8…
    expect(units.filter((unit) => unit === 3).length).toBeGreaterThanOrEqual(14);
    expect((await Views.count(store, counters, { visitorId: "office-0", articleId, now: T0 + 100, from: office })).writeUnits).toBe(1); // a repeat asks no limit

    // Past the limit, this instance refuses cookie-less heartbeats before writing anything.
    const flood = await times(CLIENT_LIMITS.visits.max + 50, (i) => Visitors.heartbeat(store, counters, { member: false, now: T0 + 2 * MINUTE + i, from: office }));
    expect(flood.filter((beat) => beat.counted)).toHaveLength(CLIENT_LIMITS.visits.max - 1);
    const refused = flood.filter((beat) => !beat.counted);
    expect(refused.every((beat) => beat.cookie === undefined && !beat.newVisit)).toBe(true);
    const late = await Visitors.heartbeat(store, counters, { member: false, now: T0 + 3 * MINUTE, from: office });
    expect(late).toMatchObject({ counted: false, writeUnits: 0 });
  });

  it("counts at most ONLINE_PER_CLIENT sessions of one client online, members first, others in full", async () => {
    const store = await createTestStore();
    const limits = new ClientLimits(store, { ...CLIENT_LIMITS, visits: { max: 1_000, windowMs: CLIENT_LIMITS.visits.windowMs } });
    const office = from(limits, await client(store, "2001:db8:1:2::17"));
    const sameOffice = from(limits, await client(store, "2001:db8:1:2:ffff::9")); // same /64: same client
    const home = from(limits, await client(store, "198.51.100.4"));
    await times(ONLINE_PER_CLIENT + 40, (i) => Visitors.heartbeat(store, counters, { member: false, now: T0, from: i % 2 ? office : sameOffice }));
    await times(10, () => Visitors.heartbeat(store, counters, { member: true, now: T0, from: office }));
    await times(7, () => Visitors.heartbeat(store, counters, { member: false, now: T0, from: home }));
    await times(3, () => Visitors.heartbeat(store, counters, { member: false, now: T0 })); // written without a client
    expect(await Visitors.online(store, counters, T0 + MINUTE)).toEqual({ guests: ONLINE_PER_CLIENT - 10 + 7 + 3, members: 10, total: ONLINE_PER_CLIENT + 10 });
    expect(await Visitors.totalVisits(store, counters)).toBe(ONLINE_PER_CLIENT + 60);
  });

  it("measures what one client can add in its worst minute (straddling a window edge): visits, views, online", async () => {
    const store = await createTestStore();
    const limits = new ClientLimits(store);
    const office = from(limits, await client(store, "203.0.113.9"), new PresenceMemo());
    const windowMs = CLIENT_LIMITS.visits.windowMs;
    const edge = Math.ceil(T0 / windowMs) * windowMs + windowMs;
    const minute = (i: number, of: number) => edge - 30_000 + Math.floor((i * 60_000) / of);
    // 1,000 cookie-less heartbeats and 1,000 first views (distinct visitors) in that minute.
    const beats = [];
    for (let b = 0; b < 10; b++) beats.push(...(await times(100, (i) => Visitors.heartbeat(store, counters, { member: false, now: minute(b * 100 + i, 1_000), from: office }))));
    const views = [];
    for (let b = 0; b < 10; b++)
      views.push(...(await times(100, (i) => Views.count(store, counters, { visitorId: `flood-${b * 100 + i}`, articleId: "flood-article", now: minute(b * 100 + i, 1_000), from: office }))));
    const added = {
      visits: beats.filter((beat) => beat.newVisit).length,
      views: views.filter((view) => view.counted).length,
      online: (await Visitors.online(store, counters, edge + 30_000)).total,
    };
    console.log(`one client, worst minute: +${added.visits} visits, +${added.views} views, +${added.online} online`);
    expect(added).toEqual({ visits: 2 * CLIENT_LIMITS.visits.max, views: 2 * CLIENT_LIMITS.views.max, online: ONLINE_PER_CLIENT });
    expect(await Visitors.totalVisits(store, counters)).toBe(added.visits);
    expect(await Views.total(store, counters, "flood-article")).toBe(added.views);
  });
});
