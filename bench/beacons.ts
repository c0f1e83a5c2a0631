/**
 * Visitor and view beacons under load (docs/architecture.md, "Budgets": a heartbeat costs 3 write units in a new
 * minute and 0 in the same one, a counted view 3, a new visit 3, plus the per-client limits' leases; 1,000
 * concurrent sessions lose no count), against the local server on DynamoDB Local, which reads the client
 * address from the socket as `npm start` does:
 *
 * 1. SESSIONS new sessions, from SESSIONS / 4 loopback addresses (127.0.x.y: four readers behind each
 *    address, well under the per-client limits), send their first heartbeat at once (each starts a visit);
 * 2. the same sessions then send a view of one article, the same view again (a reload) and a
 *    heartbeat: 3 × SESSIONS beacons, SESSIONS of them in flight at any time;
 * 3. the totals are read back from the table: visits, visits today, online, views;
 * 4. one address floods: 1,000 cookie-less heartbeats and 1,000 cookie-less views, all at once —
 *    what it adds must stay within the per-client limits (core/metrics/limits.ts).
 * Then the write units of each write path, as DynamoDB reports them (ReturnConsumedCapacity), and
 * ONLINE sessions (10,000; BENCH_ONLINE) online at once, through the core function on DynamoDB Local
 * directly (HTTP for 10,000 is too slow on 2 shared cores): exact count, read units of one stats call.
 */
import { Agent, request, type Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Articles } from "../functions/core/reader/articles";
import { resolveCounters } from "../functions/core/metrics/counters";
import { CLIENT_LIMITS, ClientLimits, ONLINE_PER_CLIENT } from "../functions/core/metrics/limits";
import { clientKey, visitorKey } from "../functions/core/metrics/signing";
import { vietnamDay } from "../functions/core/shared/time";
import { Views } from "../functions/core/metrics/views";
import { Presence } from "../functions/core/metrics/presence";
import { ONLINE_WINDOW_MS, PresenceMemo, VISIT_IDLE_MS, Visitors } from "../functions/core/metrics/visitors";
import { freePort } from "../scripts/local/emulators";
import { startHarness } from "./harness";

const SESSIONS = Number(process.env.BENCH_SESSIONS || 1000);
const SESSIONS_PER_ADDRESS = 4;
const FLOOD = 1000;
const ONLINE = Number(process.env.BENCH_ONLINE || 10_000);

interface Timed<T> {
  results: T[];
  seconds: number;
}

/** Runs the tasks with `SESSIONS` of them in flight at any time. */
async function timed<T>(tasks: (() => Promise<T>)[]): Promise<Timed<T>> {
  const start = performance.now();
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SESSIONS, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return { results, seconds: (performance.now() - start) / 1000 };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** The loopback address of session `index`: 127.0.x.y, SESSIONS_PER_ADDRESS sessions each (Linux routes all of 127/8). */
const addressOf = (index: number) => {
  const n = Math.floor(index / SESSIONS_PER_ADDRESS) + 2;
  return `127.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
  cookie?: string;
}

export async function beaconBenchmark() {
  const harness = await startHarness();
  // A server of its own on the harness's table, reading the client from the socket as `npm start`
  // does, with a listen backlog that takes 1,000 connections at once (Node's default is 511), and
  // keeping connections longer than the bench pauses, so no beacon races one being closed.
  const { createApp } = await import("../functions/http/app");
  const app = createApp({ store: harness.store, clientAddress: (c) => getConnInfo(c).remote.address });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.keepAliveTimeout = 120_000;
  const port = await freePort();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", 4096, resolve));
  // One pool of kept connections per source address, as browsers keep theirs.
  const agent = new Agent({ keepAlive: true });
  try {
    const counters = resolveCounters(); // what the server runs with
    const { store } = harness;
    const url = `http://127.0.0.1:${port}`;
    const article = (await Articles.listLatest(store, { limit: 1 })).items[0]!;
    const post = (path: string, from: string, cookie?: string) =>
      new Promise<Answer>((resolve, reject) => {
        const req = request(
          `${url}${path}`,
          { method: "POST", agent, localAddress: from, headers: { Origin: url, ...(cookie ? { Cookie: cookie } : {}) } },
          (res) => {
            res.on("error", reject);
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (text += chunk));
            res.on("end", () => {
              const body = JSON.parse(text) as Record<string, unknown>;
              if (res.statusCode !== 200 && res.statusCode !== 202) return reject(new Error(`${path}: ${res.statusCode} ${text}`));
              const set = (res.headers["set-cookie"] ?? []).find((header) => header.startsWith("portal_vid="));
              resolve({ status: res.statusCode, body, cookie: set?.split(";")[0] ?? cookie });
            });
          },
        );
        req.on("error", reject);
        req.end();
      });
    const visitsBefore = await Visitors.totalVisits(store, counters);

    const first = await timed(Array.from({ length: SESSIONS }, (_, i) => () => post("/api/visits/heartbeat", addressOf(i))));
    const cookies = first.results.map((result) => result.cookie!);
    const second = await timed(
      cookies.flatMap((cookie, i) => [
        () => post(`/api/views/${article.id}`, addressOf(i), cookie),
        () => post(`/api/views/${article.id}`, addressOf(i), cookie),
        () => post("/api/visits/heartbeat", addressOf(i), cookie),
      ]),
    );

    const now = Date.now();
    const [visits, online, views, today] = await Promise.all([
      Visitors.totalVisits(store, counters),
      Visitors.online(store, counters, now),
      Views.total(store, counters, article.id),
      Visitors.visitsByDay(store, counters, vietnamDay(new Date(now)), vietnamDay(new Date(now))),
    ]);
    const counted = second.results.filter((result) => result.body.counted === true && "views" in result.body).length;
    const newVisits = [...first.results, ...second.results].filter((result) => result.body.newVisit === true).length;
    const refused = [...first.results, ...second.results].filter((result) => result.status === 202).length;
    const checks: [string, number, number][] = [
      ["visits started (answers)", newVisits, SESSIONS],
      ["visits in the table", visits - visitsBefore, SESSIONS],
      ["visits today (daily series)", [...today.values()][0] ?? 0, SESSIONS + visitsBefore],
      ["online now", online.total, SESSIONS],
      ["views counted (answers)", counted, SESSIONS],
      ["views in the table", views, SESSIONS],
      ["beacons refused (202)", refused, 0],
    ];

    const addresses = new Set(Array.from({ length: SESSIONS }, (_, i) => addressOf(i))).size;
    console.log(`\n## Beacons: ${SESSIONS} sessions from ${addresses} addresses against the local server (${counters.shards} write shards)`);
    console.log(`first heartbeats, all at once    ${SESSIONS} beacons in ${first.seconds.toFixed(2)} s = ${(SESSIONS / first.seconds).toFixed(0)} beacons/s`);
    console.log(
      `view + reload + heartbeat       ${second.results.length} beacons in ${second.seconds.toFixed(2)} s = ${(second.results.length / second.seconds).toFixed(0)} beacons/s (${SESSIONS} in flight)`,
    );
    for (const [label, got, expected] of checks) console.log(`${label.padEnd(30)} ${String(got).padStart(6)}   expected ${expected}   ${got === expected ? "exact" : "WRONG"}`);
    console.log(`totals exact: ${checks.every(([, got, expected]) => got === expected) ? "yes" : "NO"}`);

    // One address floods with cookie-less beacons: what it adds stays within its limits.
    const flooder = "127.1.0.1";
    const floodArticle = (await Articles.listLatest(store, { limit: 2 })).items[1] ?? article;
    const [visitsBeforeFlood, viewsBeforeFlood] = await Promise.all([Visitors.totalVisits(store, counters), Views.total(store, counters, floodArticle.id)]);
    const flood = await timed([
      ...Array.from({ length: FLOOD }, () => () => post("/api/visits/heartbeat", flooder)),
      ...Array.from({ length: FLOOD }, () => () => post(`/api/views/${floodArticle.id}`, flooder)),
    ]);
    const [visitsAfterFlood, viewsAfterFlood, onlineAfterFlood] = await Promise.all([
      Visitors.totalVisits(store, counters),
      Views.total(store, counters, floodArticle.id),
      Visitors.online(store, counters, Date.now()),
    ]);
    const added = { visits: visitsAfterFlood - visitsBeforeFlood, views: viewsAfterFlood - viewsBeforeFlood, online: onlineAfterFlood.total - online.total };
    console.log(`\none address floods: ${2 * FLOOD} cookie-less beacons in ${flood.seconds.toFixed(2)} s, ${flood.results.filter((r) => r.status === 202).length} answered 202 (not counted)`);
    console.log(`  added visits ${added.visits} (limit ${CLIENT_LIMITS.visits.max} per 10 min), views ${added.views} (at most one per new visitor), online ${added.online} (cap ${ONLINE_PER_CLIENT})`);
    console.log(`  within the limits: ${added.visits <= 2 * CLIENT_LIMITS.visits.max && added.views <= added.visits && added.online <= ONLINE_PER_CLIENT ? "yes" : "NO"}`);

    // Write units per path, from ReturnConsumedCapacity on the same table.
    const sample = 200;
    const at = Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000; // an hour ahead, on a minute: fresh windows and minutes for the samples
    const views1 = await Promise.all(Array.from({ length: sample }, (_, i) => Views.count(store, counters, { visitorId: `bench-${i}`, articleId: article.id, now: at })));
    const views2 = await Promise.all(Array.from({ length: sample }, (_, i) => Views.count(store, counters, { visitorId: `bench-${i}`, articleId: article.id, now: at + 1 })));
    const beats1 = await Promise.all(Array.from({ length: sample }, () => Visitors.heartbeat(store, counters, { member: false, now: at })));
    const beats2 = await Promise.all(beats1.map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: false, now: at + 20_000 })));
    const beats3 = await Promise.all(beats2.map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: false, now: at + 60_000 })));
    const beats4 = await Promise.all(beats3.map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: true, now: at + 80_000 })));
    const beats5 = await Promise.all(beats4.map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: true, now: at + 80_000 + VISIT_IDLE_MS })));
    console.log(`write units per counted view      ${mean(views1.map((v) => v.writeUnits)).toFixed(2)}  (claim 1 + article total shard 1 + day series 1)`);
    console.log(`write units per repeated view     ${mean(views2.map((v) => v.writeUnits)).toFixed(2)}  (the failed conditional claim; AWS bills it, Local does not report it)`);
    console.log(`write units per new visit         ${mean(beats1.map((b) => b.writeUnits)).toFixed(2)}  (online bucket +1, total shard 1, day series 1; no marker yet)`);
    console.log(`write units per heartbeat, same minute   ${mean(beats2.map((b) => b.writeUnits)).toFixed(2)}  (its cookie says where it is counted)`);
    console.log(`write units per heartbeat, new minute    ${mean(beats3.map((b) => b.writeUnits)).toFixed(2)}  (marker move 1, old bucket -1, new bucket +1)`);
    console.log(`write units per sign-in, same minute     ${mean(beats4.map((b) => b.writeUnits)).toFixed(2)}  (marker 1, one bucket -1 guest +1 member)`);
    console.log(`write units per resumed visit     ${mean(beats5.map((b) => b.writeUnits)).toFixed(2)}  (claim 1, marker 1, new bucket 1, 2 counters; the old bucket is out of the window)`);
    // The same paths with the per-client limit, as the server runs them: one office address, 90 views and visits.
    const limits = new ClientLimits(store);
    const office = { limits, client: clientKey(await visitorKey(store), "203.0.113.9"), presence: new PresenceMemo() };
    const limitedViews = [];
    const limitedVisits = [];
    for (let i = 0; i < 90; i++) {
      limitedViews.push(await Views.count(store, counters, { visitorId: `office-${i}`, articleId: article.id, now: at + 2 * 3_600_000 + i, from: office }));
      limitedVisits.push(await Visitors.heartbeat(store, counters, { member: false, now: at + 2 * 3_600_000 + i, from: office }));
    }
    console.log(`with the per-client limit (one address, 90 each, leases of 1, 1, 2, 4, 8…):`);
    console.log(`  write units per counted view    ${mean(limitedViews.map((v) => v.writeUnits)).toFixed(2)}  (first view of a client in a window: ${limitedViews[0]!.writeUnits})`);
    console.log(`  write units per new visit       ${mean(limitedVisits.map((b) => b.writeUnits)).toFixed(2)}  (first visit of a client in a window: ${limitedVisits[0]!.writeUnits})`);

    await presenceAtScale(harness.store, counters);
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  }
}

/**
 * ONLINE sessions at once, through the core function (no HTTP): each sends its first heartbeat,
 * then one in the next minute (a move), on the harness's table but in minutes of their own (a day
 * ahead). Prints the exact count, and what one stats call reads, however many are online.
 */
async function presenceAtScale(store: Parameters<typeof Visitors.heartbeat>[0], counters: ReturnType<typeof resolveCounters>) {
  const at = Math.ceil((Date.now() + 24 * 3_600_000) / 60_000) * 60_000;
  const inFlight = 200;
  const run = async <T>(count: number, task: (index: number) => Promise<T>) => {
    const start = performance.now();
    const results: T[] = new Array(count);
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }));
    return { results, seconds: (performance.now() - start) / 1000 };
  };
  const first = await run(ONLINE, (i) => Visitors.heartbeat(store, counters, { member: i % 10 === 0, now: at + (i % 50) * 1000 }));
  const moved = await run(ONLINE, (i) => Visitors.heartbeat(store, counters, { cookie: first.results[i]!.cookie, member: first.results[i]!.member, now: at + 60_000 + (i % 50) * 1000 }));
  const { online, readUnits } = await Presence.count(store, counters, at + 2 * 60_000, ONLINE_WINDOW_MS);
  const members = first.results.filter((beat) => beat.member).length;
  const keys = 6 * counters.shards;
  console.log(`\n## Online at scale: ${ONLINE} sessions through the core function on DynamoDB Local (${inFlight} in flight)`);
  console.log(`first heartbeats                  ${ONLINE} in ${first.seconds.toFixed(1)} s, ${mean(first.results.map((b) => b.writeUnits)).toFixed(2)} write units each (visits counted: new visits)`);
  console.log(`heartbeats in the next minute     ${ONLINE} in ${moved.seconds.toFixed(1)} s, ${mean(moved.results.map((b) => b.writeUnits)).toFixed(2)} write units each`);
  console.log(`online now                        ${online.total} (${online.guests} guests, ${online.members} members)   expected ${ONLINE} (${ONLINE - members} + ${members})   ${online.total === ONLINE && online.members === members ? "exact" : "WRONG"}`);
  console.log(`one stats call, online part       ${keys} bucket items (6 minutes × ${counters.shards} shards): ${readUnits} read units reported by DynamoDB Local (found items only); AWS bills ${keys * 0.5} (0.5 per key, eventually consistent), whatever the number online`);
  console.log(`  before the buckets: one presence item per heartbeat in the window, ${2 * ONLINE} items here (~${Math.ceil((2 * ONLINE * 110) / 4096 / 2)} read units at ~110 bytes each), growing with the number online`);
}
