/**
 * Visits and who is online, counted from browser beacons (pages are CDN-cached, so never while
 * rendering). docs/architecture.md ("Data"): a visit per visitor session (cookie, 30 min idle); online =
 * sessions whose last heartbeat fell in the last 5 minutes (presence.ts), guests and members apart.
 *
 * Why this shape (write units: a new visit 3, a heartbeat in a new minute 3, one in the same
 * minute 0, a resumed visit 5; plus the per-client limits' leases when one is passed, limits.ts):
 *
 * - The session lives in the visitor's cookie: a random visitor id and the server time of its
 *   last beacon, signed with HMAC-SHA256 under the table's visitor key (signing.ts). The signature
 *   also says where presence.ts counts the session online (as a guest, a member, or not at all),
 *   so a heartbeat in the minute its cookie names writes nothing. A missing, unsigned or tampered
 *   cookie is a new visitor, never an error; so is a client that drops its cookie, and both are
 *   what the per-client `visits` limit bounds.
 * - A visit starts when the cookie is missing, invalid or idle for 30 minutes. A new id cannot
 *   repeat; a cookie that went idle may come back in a burst of concurrent requests (a reload
 *   storm, several tabs), so the restart is claimed once by a conditional Put keyed by (visitor,
 *   previous last-seen): exactly one request of the burst counts the visit.
 * - Online: per-minute buckets kept exact by conditional moves (presence.ts), so counting costs
 *   a fixed number of reads however many are online. Earlier presence items (`ONLINE#<shard>`,
 *   one per heartbeat, deduplicated on read) are no longer read; TTL removes them.
 * - Visit totals are write-sharded counters, per day (reports) and overall (the visitor box).
 *   The counters are written after the claim, not in one transaction with it: transactions on a
 *   hot item conflict with each other in DynamoDB, and a plain ADD does not.
 */
import { randomBytes } from "node:crypto";
import { PutCommand } from "../storage/db";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { COUNTER_SCHEMA_VERSION, type Counters, increment, randomShard, shardList, sumCounts, writeUnits } from "./counters";
import { type Counted, minuteOf, type OnlineClient, type OnlineCount, Presence } from "./presence";
import { mac, verifyMac, visitorKey } from "./signing";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store } from "../storage/store";
import { vietnamDay } from "../shared/time";

export { PresenceMemo, type OnlineCount } from "./presence";

export const VISIT_IDLE_MS = 30 * 60_000;
export const ONLINE_WINDOW_MS = 5 * 60_000;
const VISIT_CLAIM_TTL_S = 2 * 60 * 60;
/** A last-seen time this far ahead of the server clock was not written by us. */
const CLOCK_SKEW_MS = 60_000;

export const VISITOR_COOKIE = "portal_vid";
export const VISITOR_COOKIE_MAX_AGE_S = VISIT_IDLE_MS / 1000;
const COOKIE_PATTERN = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/;
/**
 * What a signature says besides the id and time: v1 nothing (cookies signed before presence
 * buckets, and `cookieValue` without a place), v2 where the session is counted online. The place
 * is in the signed purpose, not the value, so the cookie keeps its format.
 */
const COOKIE_PURPOSE = "portal_vid v1";
const PLACES: Counted[] = ["guest", "member", "none"];
const placePurpose = (counted: Counted) => `portal_vid v2 ${counted}`;

export interface VisitorStats {
  /** Visits since the portal opened ("Lượt truy cập"). */
  total: number;
  /** Sessions seen in the last 5 minutes ("Người dùng online"). */
  online: OnlineCount;
}

export interface VisitorSession {
  visitorId: string;
  /** Epoch ms of the last beacon, as the server wrote it into the cookie. */
  lastSeen: number;
  /** Where the session was counted online in the minute of `lastSeen`; absent when the cookie does not say. */
  counted?: Counted;
}

export interface Heartbeat {
  /** False when the beacon was over its client's limit: nothing was written and there is no cookie. */
  counted: boolean;
  visitorId: string;
  /** The cookie value to send back (the same visitor, seen now); undefined when not counted. */
  cookie: string | undefined;
  newVisit: boolean;
  member: boolean;
  /** Whether the session is counted online now (false: its client's online cap was reached). */
  online: boolean;
  /** Write units consumed, as DynamoDB reports them. */
  writeUnits: number;
}

/**
 * Who sent a beacon, for the per-client limits (limits.ts) and the online cap: the instance's
 * `ClientLimits`, the hashed client (signing.ts `clientKey`), and the instance's presence memo.
 */
export type BeaconClient = OnlineClient;

const ttl = (ms: number, seconds: number) => Math.floor(ms / 1000) + seconds;

function isConditionFailure(error: unknown): boolean {
  return (error as Error).name === "ConditionalCheckFailedException";
}

export const Visitors = {
  /** The session in a cookie value, or undefined for a missing, malformed, unsigned or tampered one. */
  readCookie(value: string | undefined, now: number, key: Buffer): VisitorSession | undefined {
    const match = value && value.length <= 60 ? COOKIE_PATTERN.exec(value) : null;
    if (!match) return undefined;
    const data = `${match[1]}.${match[2]}`;
    const counted = PLACES.find((place) => verifyMac(key, placePurpose(place), data, match[3]!));
    if (!counted && !verifyMac(key, COOKIE_PURPOSE, data, match[3]!)) return undefined;
    const lastSeen = parseInt(match[2]!, 36);
    if (!Number.isSafeInteger(lastSeen) || lastSeen > now + CLOCK_SKEW_MS) return undefined;
    return { visitorId: match[1]!, lastSeen, ...(counted ? { counted } : {}) };
  },

  /** The signed cookie value of `visitorId` seen at `now` (`counted`: where it is counted online then): `<id>.<time, base 36>.<HMAC>`. */
  cookieValue(visitorId: string, now: number, key: Buffer, counted?: Counted): string {
    const data = `${visitorId}.${now.toString(36)}`;
    return `${data}.${mac(key, counted ? placePurpose(counted) : COOKIE_PURPOSE, data)}`;
  },

  /** Whether a session read from its cookie is still the same visit at `now`. */
  isActive: (session: VisitorSession, now: number) => now - session.lastSeen < VISIT_IDLE_MS,

  /**
   * A beacon from a page: records the visitor as online and counts a visit when one starts.
   * `cookie` is the raw cookie value, anything at all. With `from`, a visit that would start
   * asks the client's `visits` limit first; over it, nothing is written (`counted: false`).
   */
  async heartbeat(store: Store, counters: Counters, input: { cookie?: string; member: boolean; now: number; from?: BeaconClient }): Promise<Heartbeat> {
    const { now, member, from } = input;
    const key = await visitorKey(store);
    const session = Visitors.readCookie(input.cookie, now, key);
    const visitorId = session?.visitorId ?? randomBytes(16).toString("base64url");
    const refused = (writeUnits: number): Heartbeat => ({ counted: false, visitorId, cookie: undefined, newVisit: false, member, online: false, writeUnits });
    const starting = !session || !Visitors.isActive(session, now);
    // The in-memory pre-check: a flood past the limit costs no write at all.
    if (starting && from?.limits.exhausted("visits", from.client, now)) return refused(0);
    let units = 0;
    let newVisit = !session;
    if (session && !Visitors.isActive(session, now)) {
      try {
        const claim = await store.db.send(
          new PutCommand({
            TableName: store.table,
            Item: {
              ...Keys.visitStart(visitorId, session.lastSeen),
              entity: "VisitStart",
              schemaVersion: COUNTER_SCHEMA_VERSION,
              at: now,
              expiresAt: ttl(now, VISIT_CLAIM_TTL_S),
            },
            ConditionExpression: "attribute_not_exists(pk)",
            ReturnConsumedCapacity: "TOTAL",
          }),
        );
        units += writeUnits(claim.ConsumedCapacity);
        newVisit = true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        units += 1; // a failed conditional write is billed as one unit; the error does not say so
      }
    }
    if (newVisit && from) {
      // Asked only when a visit would be counted: a continuing heartbeat asks nothing.
      const allowance = await from.limits.take("visits", from.client, now);
      units += allowance.writeUnits;
      if (!allowance.allowed) return refused(units);
    }

    const writes: Promise<{ ConsumedCapacity?: ConsumedCapacity }>[] = [];
    if (newVisit) {
      const day = vietnamDay(new Date(now).toISOString());
      const shard = randomShard(counters.shards);
      writes.push(
        store.db.send(increment(store, Keys.visitsTotal(shard), "VisitCounter")),
        store.db.send(increment(store, Keys.visitsDaily(day, shard), "VisitsPerDay", { day })),
      );
    }
    const cookiePlace = session?.counted ? { minute: minuteOf(session.lastSeen), counted: session.counted } : undefined;
    const [presence, ...counted] = await Promise.all([Presence.beat(store, counters, { visitorId, member, now, cookie: cookiePlace, fresh: !session, from }), ...writes]);
    units += presence.writeUnits;
    for (const out of counted) units += writeUnits(out.ConsumedCapacity);
    return {
      counted: true,
      visitorId,
      cookie: Visitors.cookieValue(visitorId, now, key, presence.counted),
      newVisit,
      member,
      online: presence.counted !== "none",
      writeUnits: units,
    };
  },

  /** Sessions whose last heartbeat fell in a minute starting after `now - windowMs` (presence.ts). */
  async online(store: Store, counters: Counters, now: number, windowMs = ONLINE_WINDOW_MS): Promise<OnlineCount> {
    return (await Presence.count(store, counters, now, windowMs)).online;
  },

  async totalVisits(store: Store, counters: Counters): Promise<number> {
    return sumCounts(store, shardList(counters.shards).map(Keys.visitsTotal));
  },

  /**
   * The visitor box's numbers. When the caller reuses them for `cacheMs`, pass it: the online
   * window shrinks by as much, so a stopped session is gone within 5 minutes of its last beacon.
   */
  async stats(store: Store, counters: Counters, now: number, cacheMs = 0): Promise<VisitorStats> {
    const [total, online] = await Promise.all([
      Visitors.totalVisits(store, counters),
      Visitors.online(store, counters, now, ONLINE_WINDOW_MS - Math.min(cacheMs, ONLINE_WINDOW_MS / 2)),
    ]);
    return { total, online };
  },

  /** Visits per Vietnam day from `from` to `to` (YYYY-MM-DD, inclusive); days without visits are absent. */
  async visitsByDay(store: Store, counters: Counters, from: string, to: string): Promise<Map<string, number>> {
    const byDay = new Map<string, number>();
    const years: string[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(String(year).padStart(4, "0"));
    await Promise.all(
      years.flatMap((year) =>
        shardList(counters.shards).map(async (shard) => {
          for await (const items of queryPages(store, {
            TableName: store.table,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeNames: { "#count": "count" },
            ExpressionAttributeValues: { ":pk": Keys.visitsDailyPartition(year, shard), ":from": from, ":to": to },
            ProjectionExpression: "sk, #count",
          })) {
            for (const item of items) byDay.set(item.sk as string, (byDay.get(item.sk as string) ?? 0) + Number(item.count ?? 0));
          }
        }),
      ),
    );
    return byDay;
  },
};
