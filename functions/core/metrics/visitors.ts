/**
 * Visits and who is online, counted from browser beacons (pages are CDN-cached, so never while
 * rendering). docs/architecture.md ("Data"): a visit per visitor session (cookie, 30 min idle); online =
 * sessions with a heartbeat in the last 5 minutes, guests and members apart.
 *
 * Why this shape (each heartbeat is one 1-WCU write; a new visit adds 2, a resumed one 3, plus
 * the per-client limit's lease when one is passed, limits.ts):
 *
 * - The session lives in the visitor's cookie: a random visitor id and the server time of its
 *   last beacon, signed with HMAC-SHA256 under the table's visitor key (signing.ts). A heartbeat
 *   with a valid, fresh cookie is a continuing visit and needs no session item, so it writes only
 *   its presence. A missing, unsigned or tampered cookie is a new visitor, never an error; so is
 *   a client that drops its cookie, and both are what the per-client `visits` limit bounds.
 * - A visit starts when the cookie is missing, invalid or idle for 30 minutes. A new id cannot
 *   repeat; a cookie that went idle may come back in a burst of concurrent requests (a reload
 *   storm, several tabs), so the restart is claimed once by a conditional Put keyed by (visitor,
 *   previous last-seen): exactly one request of the burst counts the visit.
 * - Online without a Scan: every heartbeat appends a small presence item to one of a few
 *   partitions, sorted by time (`ONLINE#<shard>`, sk `<iso>#<visitorId>`). Counting is one Query
 *   per shard for the last 5 minutes, by key range, so expired presence is never read whether or
 *   not TTL has deleted it (DynamoDB Local never does); a visitor's items (about one a minute) are
 *   deduplicated on read and the newest one says guest or member. The alternatives cost more:
 *   one session item per visitor indexed by last-seen time writes 3 units per heartbeat (a GSI key
 *   change is a delete and a put); per-minute counters cannot be summed over 5 minutes without
 *   counting a visitor once per minute.
 * - Visit totals are write-sharded counters, per day (reports) and overall (the visitor box).
 *   The counters are written after the claim, not in one transaction with it: transactions on a
 *   hot item conflict with each other in DynamoDB, and a plain ADD does not.
 */
import { randomBytes } from "node:crypto";
import { PutCommand, QueryCommand } from "../storage/db";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { COUNTER_SCHEMA_VERSION, type Counters, increment, randomShard, shardList, sumCounts, writeUnits } from "./counters";
import { type ClientLimits, ONLINE_PER_CLIENT } from "./limits";
import { mac, verifyMac, visitorKey } from "./signing";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store } from "../storage/store";
import { vietnamDay } from "../shared/time";

export const VISIT_IDLE_MS = 30 * 60_000;
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** Presence is read by key range only; TTL just keeps the table small (lazily, on AWS). */
const PRESENCE_TTL_S = 60 * 60;
const VISIT_CLAIM_TTL_S = 2 * 60 * 60;
/** A last-seen time this far ahead of the server clock was not written by us. */
const CLOCK_SKEW_MS = 60_000;

export const VISITOR_COOKIE = "portal_vid";
export const VISITOR_COOKIE_MAX_AGE_S = VISIT_IDLE_MS / 1000;
const COOKIE_PATTERN = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/;
const COOKIE_PURPOSE = "portal_vid v1";
/** A session's presence written this recently on this instance is not written again (reload storms, floods). */
const PRESENCE_REPEAT_MS = 30_000;

export interface OnlineCount {
  guests: number;
  members: number;
  total: number;
}

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
}

export interface Heartbeat {
  /** False when the beacon was over its client's limit: nothing was written and there is no cookie. */
  counted: boolean;
  visitorId: string;
  /** The cookie value to send back (the same visitor, seen now); undefined when not counted. */
  cookie: string | undefined;
  newVisit: boolean;
  member: boolean;
  /** Write units consumed, as DynamoDB reports them. */
  writeUnits: number;
}

/**
 * Who sent a beacon, for the per-client limits (limits.ts) and the online cap: the instance's
 * `ClientLimits`, the hashed client (signing.ts `clientKey`), and the instance's presence memo.
 */
export interface BeaconClient {
  limits: ClientLimits;
  client: string;
  presence?: PresenceMemo;
}

/** The sessions whose presence this instance wrote in the last 30 s: a repeat need not be written. */
export class PresenceMemo {
  private readonly written = new Map<string, number>();

  constructor(private readonly maxEntries = 20_000) {}

  /** Whether presence for `key` must be written at `now`; if so, it is noted as written. */
  due(key: string, now: number): boolean {
    const at = this.written.get(key);
    if (at !== undefined && now >= at && now - at < PRESENCE_REPEAT_MS) return false;
    this.written.delete(key);
    if (this.written.size >= this.maxEntries) this.written.delete(this.written.keys().next().value!);
    this.written.set(key, now);
    return true;
  }

  /** A presence write failed: the next beacon must write it. */
  forget(key: string): void {
    this.written.delete(key);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const ttl = (ms: number, seconds: number) => Math.floor(ms / 1000) + seconds;

function isConditionFailure(error: unknown): boolean {
  return (error as Error).name === "ConditionalCheckFailedException";
}

export const Visitors = {
  /** The session in a cookie value, or undefined for a missing, malformed, unsigned or tampered one. */
  readCookie(value: string | undefined, now: number, key: Buffer): VisitorSession | undefined {
    const match = value && value.length <= 60 ? COOKIE_PATTERN.exec(value) : null;
    if (!match || !verifyMac(key, COOKIE_PURPOSE, `${match[1]}.${match[2]}`, match[3]!)) return undefined;
    const lastSeen = parseInt(match[2]!, 36);
    if (!Number.isSafeInteger(lastSeen) || lastSeen > now + CLOCK_SKEW_MS) return undefined;
    return { visitorId: match[1]!, lastSeen };
  },

  /** The signed cookie value of `visitorId` seen at `now`: `<id>.<time, base 36>.<HMAC>`. */
  cookieValue(visitorId: string, now: number, key: Buffer): string {
    const data = `${visitorId}.${now.toString(36)}`;
    return `${data}.${mac(key, COOKIE_PURPOSE, data)}`;
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
    const refused = (writeUnits: number): Heartbeat => ({ counted: false, visitorId, cookie: undefined, newVisit: false, member, writeUnits });
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
      // Asked only when a visit would be counted: a continuing heartbeat stays one write.
      const allowance = await from.limits.take("visits", from.client, now);
      units += allowance.writeUnits;
      if (!allowance.allowed) return refused(units);
    }

    const at = iso(now);
    const memoKey = `${visitorId}#${member}#${from?.client ?? ""}`;
    const writes: Promise<{ ConsumedCapacity?: ConsumedCapacity }>[] = [];
    const due = from?.presence ? from.presence.due(memoKey, now) : true;
    if (due || newVisit)
      writes.push(
        store.db
          .send(
            new PutCommand({
              TableName: store.table,
              Item: {
                ...Keys.presence(randomShard(counters.shards), at, visitorId),
                entity: "Presence",
                schemaVersion: COUNTER_SCHEMA_VERSION,
                member,
                ...(from ? { client: from.client } : {}),
                expiresAt: ttl(now, PRESENCE_TTL_S),
              },
              ReturnConsumedCapacity: "TOTAL",
            }),
          )
          .catch((error: unknown) => {
            from?.presence?.forget(memoKey);
            throw error;
          }),
      );
    if (newVisit) {
      const day = vietnamDay(at);
      const shard = randomShard(counters.shards);
      writes.push(
        store.db.send(increment(store, Keys.visitsTotal(shard), "VisitCounter")),
        store.db.send(increment(store, Keys.visitsDaily(day, shard), "VisitsPerDay", { day })),
      );
    }
    for (const out of await Promise.all(writes)) units += writeUnits(out.ConsumedCapacity);
    return { counted: true, visitorId, cookie: Visitors.cookieValue(visitorId, now, key), newVisit, member, writeUnits: units };
  },

  /**
   * Sessions with a beacon in (now - windowMs, now], each once, as its newest beacon says; at most
   * `ONLINE_PER_CLIENT` of them per client (members first), so no one address can fill "online".
   */
  async online(store: Store, counters: Counters, now: number, windowMs = ONLINE_WINDOW_MS): Promise<OnlineCount> {
    const from = Keys.presenceBound(iso(now - windowMs));
    const to = Keys.presenceBound(iso(now));
    const newest = new Map<string, { sk: string; member: boolean; client?: string }>();
    await Promise.all(
      shardList(counters.shards).map(async (shard) => {
        for await (const items of queryPages(store, {
          TableName: store.table,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeNames: { "#member": "member", "#client": "client" },
          ExpressionAttributeValues: { ":pk": Keys.presencePartition(shard), ":from": from, ":to": to },
          ProjectionExpression: "sk, #member, #client",
        })) {
          for (const item of items) {
            const sk = item.sk as string;
            const visitorId = Keys.presenceVisitor(sk);
            const seen = newest.get(visitorId);
            if (!seen || seen.sk < sk) newest.set(visitorId, { sk, member: item.member === true, client: item.client as string | undefined });
          }
        }
      }),
    );
    // Per client: [members, guests]. Presence without a client (written without `from`) is not capped.
    const byClient = new Map<string, [number, number]>();
    let members = 0;
    let guests = 0;
    for (const [visitorId, { member, client }] of newest) {
      const counts = byClient.get(client ?? `#${visitorId}`) ?? [0, 0];
      counts[member ? 0 : 1]++;
      byClient.set(client ?? `#${visitorId}`, counts);
    }
    for (const [client, [clientMembers, clientGuests]] of byClient) {
      const cap = client.startsWith("#") ? Infinity : ONLINE_PER_CLIENT;
      const countedMembers = Math.min(clientMembers, cap);
      members += countedMembers;
      guests += Math.min(clientGuests, cap - countedMembers);
    }
    return { guests, members, total: guests + members };
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
