/**
 * Visitor and view beacons under load (docs/architecture.md, "Budgets": "a view or heartbeat costs 1 write unit;
 * 1,000 concurrent beacons lose no count"), against the local server on DynamoDB Local:
 *
 * 1. SESSIONS new sessions send their first heartbeat at once (each starts a visit);
 * 2. the same sessions then send a view of one article, the same view again (a reload) and a
 *    heartbeat: 3 × SESSIONS beacons, SESSIONS of them in flight at any time;
 * 3. the totals are read back from the table: visits, visits today, online, views.
 * Then the write units of each write path, as DynamoDB reports them (ReturnConsumedCapacity).
 */
import { Articles } from "../functions/core/reader/articles";
import { resolveCounters } from "../functions/core/metrics/counters";
import { vietnamDay } from "../functions/core/shared/time";
import { Views } from "../functions/core/metrics/views";
import { Visitors } from "../functions/core/metrics/visitors";
import { startHarness } from "./harness";

const SESSIONS = Number(process.env.BENCH_SESSIONS || 1000);

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

export async function beaconBenchmark() {
  const harness = await startHarness();
  try {
    const counters = resolveCounters(); // what the server runs with
    const { store, url } = harness;
    const article = (await Articles.listLatest(store, { limit: 1 })).items[0]!;
    const post = async (path: string, cookie?: string) => {
      const res = await fetch(url + path, { method: "POST", headers: { Origin: url, ...(cookie ? { Cookie: cookie } : {}) } });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      const set = res.headers.getSetCookie().find((header) => header.startsWith("portal_vid="));
      return { body, cookie: set?.split(";")[0] ?? cookie };
    };
    const visitsBefore = await Visitors.totalVisits(store, counters);

    const first = await timed(Array.from({ length: SESSIONS }, () => () => post("/api/visits/heartbeat")));
    const cookies = first.results.map((result) => result.cookie!);
    const second = await timed(
      cookies.flatMap((cookie) => [
        () => post(`/api/views/${article.id}`, cookie),
        () => post(`/api/views/${article.id}`, cookie),
        () => post("/api/visits/heartbeat", cookie),
      ]),
    );

    const now = Date.now();
    const [visits, online, views, today] = await Promise.all([
      Visitors.totalVisits(store, counters),
      Visitors.online(store, counters, now),
      Views.total(store, counters, article.id),
      Visitors.visitsByDay(store, counters, vietnamDay(new Date(now)), vietnamDay(new Date(now))),
    ]);
    const counted = second.results.filter((result) => result.body.counted === true).length;
    const newVisits = [...first.results, ...second.results].filter((result) => result.body.newVisit === true).length;
    const checks: [string, number, number][] = [
      ["visits started (answers)", newVisits, SESSIONS],
      ["visits in the table", visits - visitsBefore, SESSIONS],
      ["visits today (daily series)", [...today.values()][0] ?? 0, SESSIONS + visitsBefore],
      ["online now", online.total, SESSIONS],
      ["views counted (answers)", counted, SESSIONS],
      ["views in the table", views, SESSIONS],
    ];

    console.log(`\n## Beacons: ${SESSIONS} sessions against the local server (${counters.shards} write shards)`);
    console.log(`first heartbeats, all at once    ${SESSIONS} beacons in ${first.seconds.toFixed(2)} s = ${(SESSIONS / first.seconds).toFixed(0)} beacons/s`);
    console.log(
      `view + reload + heartbeat       ${second.results.length} beacons in ${second.seconds.toFixed(2)} s = ${(second.results.length / second.seconds).toFixed(0)} beacons/s (${SESSIONS} in flight)`,
    );
    for (const [label, got, expected] of checks) console.log(`${label.padEnd(30)} ${String(got).padStart(6)}   expected ${expected}   ${got === expected ? "exact" : "WRONG"}`);
    console.log(`totals exact: ${checks.every(([, got, expected]) => got === expected) ? "yes" : "NO"}`);

    // Write units per path, from ReturnConsumedCapacity on the same table.
    const sample = 200;
    const at = Date.now() + 3_600_000; // an hour ahead: fresh windows for the sample sessions
    const views1 = await Promise.all(Array.from({ length: sample }, (_, i) => Views.count(store, counters, { visitorId: `bench-${i}`, articleId: article.id, now: at })));
    const views2 = await Promise.all(Array.from({ length: sample }, (_, i) => Views.count(store, counters, { visitorId: `bench-${i}`, articleId: article.id, now: at + 1 })));
    const beats1 = await Promise.all(Array.from({ length: sample }, () => Visitors.heartbeat(store, counters, { member: false, now: at })));
    const beats2 = await Promise.all(beats1.map((beat) => Visitors.heartbeat(store, counters, { cookie: beat.cookie, member: false, now: at + 60_000 })));
    console.log(`write units per counted view      ${mean(views1.map((v) => v.writeUnits)).toFixed(2)}  (claim 1 + article total shard 1 + day series 1)`);
    console.log(`write units per repeated view     ${mean(views2.map((v) => v.writeUnits)).toFixed(2)}  (the failed conditional claim; AWS bills it, Local does not report it)`);
    console.log(`write units per heartbeat         ${mean(beats2.map((b) => b.writeUnits)).toFixed(2)}  (presence only)`);
    console.log(`write units per new visit         ${mean(beats1.map((b) => b.writeUnits)).toFixed(2)}  (presence 1 + total shard 1 + day series 1)`);
  } finally {
    await harness.close();
  }
}
