/**
 * Who is online, in a number of reads that does not grow with the number online
 * (docs/architecture.md, "Data" → "Online"). Online = the sessions whose last heartbeat fell in the
 * current UTC minute or the 4 before it, guests and members apart.
 *
 * - Buckets: per UTC minute and write shard, one item (`ONLINE#<minute>#<s>`) with `guests` and
 *   `members`: the sessions whose LAST heartbeat fell in that minute. Counting is one BatchGet of
 *   those minutes × shards (plus the next minute, below), whatever the number online: 24 items,
 *   12 read units, with the default 4 shards. Shards only spread the writes: a session's +1 and
 *   its later -1 may land on different shards of a minute, and only the sum over shards is read.
 * - Marker: per session, `VISITOR#<vid>` / `ONLINE` says the minute and role it is counted under.
 *   A heartbeat in a later minute moves the session: a conditional update of the marker from the
 *   old minute to the new one (of a burst of requests, one wins; the rest write nothing more), then
 *   ADD -1 to the old bucket and +1 to the new one: 3 write units, no transaction (a transaction
 *   costs double and conflicts on hot items). A role change (sign-in) in the same minute is one ADD
 *   of -1 guest, +1 member on one bucket: 2 units.
 * - Cookie: the signed visitor cookie also says where the session is counted (visitors.ts signs
 *   the role into it). A heartbeat in the minute its cookie names, with the same role, writes
 *   nothing. A new visitor's first heartbeat writes no marker (+1 only): until its first move the
 *   cookie is the marker, as no other request can have moved a session that only it knows.
 * - Exact: at any instant the buckets hold each session once, under the minute of its last
 *   counted heartbeat, so a session is online for 4 to 5 minutes after its last heartbeat (the window
 *   starts at a minute boundary), never longer: with the page's heartbeat every 60 s a reader is never
 *   dropped. The next minute's bucket is read too, so a session moved by an instance whose clock
 *   runs a little ahead is not missing meanwhile.
 * - A move is not atomic for readers: a count read between its +1 and its -1 (a few ms) sees the
 *   session twice; +1 comes first so that a moving session is never missing.
 * - Failure between the marker update and the ADDs (a crashed or timed-out request): the session
 *   is off by one in one bucket, so online is off by at most one per failed move, and only while
 *   that bucket is read, at most 6 minutes; nothing needs repairing (tests/integration/visitors.test.ts).
 * - Per-client cap (limits.ts `online`): a guest session with a client takes a token of its client's
 *   5-minute window when first counted in that window (leased in chunks, as visits are); refused, it
 *   is counted nowhere until a later window has room. Checked at write time because the buckets
 *   no longer know who is in them.
 */
import { BatchGetCommand, UpdateCommand } from "../storage/db";
import { COUNTER_SCHEMA_VERSION, type Counters, randomShard, shardList, writeUnits } from "./counters";
import type { ClientLimits } from "./limits";
import { Keys } from "../storage/keys";
import { busy, type Store } from "../storage/store";

const MINUTE = 60_000;
/** Buckets and markers outlive what is read by far; TTL only keeps the table small (lazily, on AWS). */
const BUCKET_TTL_S = 60 * 60;
const MARKER_TTL_S = 2 * 60 * 60;
/** A bucket this many minutes before the current one is never read again: no -1 for it. */
const STALE_MINUTES = 6;

export type Role = "guest" | "member";
/** Where a session is counted: under its role, or nowhere (its client had no online token left). */
export type Counted = Role | "none";

export interface OnlineCount {
  guests: number;
  members: number;
  total: number;
}

/** The beacon's client, for the online cap: the instance's limits and the hashed client (signing.ts). */
export interface OnlineClient {
  limits: ClientLimits;
  client: string;
  presence?: PresenceMemo;
}

/** Where the session's cookie says it is counted: the minute of its last beacon, and how. */
export interface CookiePresence {
  minute: number;
  counted: Counted;
}

export interface PresenceBeat {
  counted: Counted;
  writeUnits: number;
}

/** The minute (epoch minutes) each session was last moved to by this instance: a repeat writes nothing. */
export class PresenceMemo {
  private readonly seen = new Map<string, { minute: number; role: Role; counted: Counted }>();

  constructor(private readonly maxEntries = 20_000) {}

  get(visitorId: string, role: Role, minute: number): Counted | undefined {
    const hit = this.seen.get(visitorId);
    return hit && hit.minute === minute && hit.role === role ? hit.counted : undefined;
  }

  set(visitorId: string, role: Role, minute: number, counted: Counted): void {
    this.seen.delete(visitorId);
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(visitorId, { minute, role, counted });
  }
}

export const minuteOf = (ms: number) => Math.floor(ms / MINUTE);
/** "yyyy-mm-ddThh:mm" of an epoch minute: the bucket's key. */
const minuteKey = (minute: number) => new Date(minute * MINUTE).toISOString().slice(0, 16);
const countOf = { guest: "guests", member: "members" } as const;

function isConditionFailure(error: unknown): boolean {
  return (error as Error).name === "ConditionalCheckFailedException";
}

/** ADDs `change` (per role) to a random shard of `minute`'s bucket; the write units. */
async function addToBucket(store: Store, shards: number, minute: number, change: Partial<Record<Role, number>>): Promise<number> {
  const roles = (Object.keys(change) as Role[]).filter((role) => change[role]);
  if (roles.length === 0) return 0;
  const out = await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: Keys.onlineBucket(minuteKey(minute), randomShard(shards)),
      UpdateExpression: `ADD ${roles.map((role) => `#${role} :${role}`).join(", ")} SET entity = :entity, schemaVersion = :version, expiresAt = :expires`,
      ExpressionAttributeNames: Object.fromEntries(roles.map((role) => [`#${role}`, countOf[role]])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(roles.map((role) => [`:${role}`, change[role]])),
        ":entity": "OnlineBucket",
        ":version": COUNTER_SCHEMA_VERSION,
        ":expires": Math.floor(((minute + 1) * MINUTE) / 1000) + BUCKET_TTL_S,
      },
      ReturnConsumedCapacity: "TOTAL",
    }),
  );
  return writeUnits(out.ConsumedCapacity);
}

/** Takes an online token for a guest of `from` at `now`: whether it may be counted, and the lease's units. */
async function token(from: OnlineClient, now: number) {
  return from.limits.take("online", from.client, now);
}

export const Presence = {
  /**
   * Counts a heartbeat of `visitorId` at `now` as online. `cookie` is where the session's cookie
   * says it is counted (undefined: a new visitor, or a cookie that says nothing, as older ones).
   * `fresh`: the visitor id was made for this request, so no other request can know it.
   */
  async beat(
    store: Store,
    counters: Counters,
    input: { visitorId: string; member: boolean; now: number; cookie?: CookiePresence; fresh: boolean; from?: OnlineClient },
  ): Promise<PresenceBeat> {
    const { visitorId, now, cookie, from } = input;
    const role: Role = input.member ? "member" : "guest";
    const minute = minuteOf(now);
    const capped = role === "guest" && from !== undefined;
    if (cookie && cookie.minute === minute && (cookie.counted === role || (cookie.counted === "none" && capped))) return { counted: cookie.counted, writeUnits: 0 };
    const remembered = from?.presence?.get(visitorId, role, minute);
    if (remembered) return { counted: remembered, writeUnits: 0 };

    let units = 0;
    let counted: Counted = role;
    if (input.fresh) {
      if (capped) {
        const allowance = await token(from, now);
        units += allowance.writeUnits;
        if (!allowance.allowed) counted = "none";
      }
      if (counted !== "none") units += await addToBucket(store, counters.shards, minute, { [counted]: 1 });
      from?.presence?.set(visitorId, role, minute, counted);
      return { counted, writeUnits: units };
    }

    const window = capped ? Math.floor(now / from.limits.limits.online.windowMs) : -1;
    let old: { minute: number; role: Role; counted: boolean; window: number } | undefined;
    try {
      const out = await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: Keys.presenceMarker(visitorId),
          UpdateExpression: "SET #minute = :minute, #role = :role, #counted = :true, #window = :window, entity = :entity, schemaVersion = :version, expiresAt = :expires",
          // One request per session and minute (and role) moves it; the rest of a burst stop here.
          ConditionExpression: "attribute_not_exists(pk) OR #minute < :minute OR (#minute = :minute AND #role <> :role)",
          ExpressionAttributeNames: { "#minute": "minute", "#role": "role", "#counted": "counted", "#window": "window" },
          ExpressionAttributeValues: {
            ":minute": minute,
            ":role": role,
            ":true": true,
            ":window": window,
            ":entity": "Presence",
            ":version": COUNTER_SCHEMA_VERSION,
            ":expires": Math.floor(now / 1000) + MARKER_TTL_S,
          },
          ReturnValues: "ALL_OLD",
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      units += writeUnits(out.ConsumedCapacity);
      const item = out.Attributes;
      if (item) old = { minute: Number(item.minute), role: item.role === "member" ? "member" : "guest", counted: item.counted === true, window: Number(item.window ?? -1) };
      // No marker yet: the session is where its cookie says (a first heartbeat writes none).
      else if (cookie && cookie.counted !== "none")
        old = { minute: cookie.minute, role: cookie.counted, counted: true, window: capped ? Math.floor((cookie.minute * MINUTE) / from.limits.limits.online.windowMs) : -1 };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another request moved it this minute (or later): it counted the session.
      from?.presence?.set(visitorId, role, minute, role);
      return { counted: role, writeUnits: units + 1 }; // a failed condition is billed as one unit
    }

    if (capped && !(old?.counted && old.role === "guest" && old.window === window)) {
      const allowance = await token(from, now);
      units += allowance.writeUnits;
      if (!allowance.allowed) {
        counted = "none";
        units += await Presence.uncount(store, visitorId, minute, role);
      }
    }
    const leaving = old?.counted && old.minute > minute - STALE_MINUTES ? old : undefined;
    if (leaving && leaving.minute === minute) {
      units += await addToBucket(store, counters.shards, minute, counted === "none" ? { [leaving.role]: -1 } : { [leaving.role]: -1, [counted]: 1 });
    } else {
      // +1 before -1: a count read between them sees the session twice, never not at all.
      if (counted !== "none") units += await addToBucket(store, counters.shards, minute, { [counted]: 1 });
      if (leaving) units += await addToBucket(store, counters.shards, leaving.minute, { [leaving.role]: -1 });
    }
    from?.presence?.set(visitorId, role, minute, counted);
    return { counted, writeUnits: units };
  },

  /** Marks a session just moved to `minute` as counted nowhere (its client had no token left). */
  async uncount(store: Store, visitorId: string, minute: number, role: Role): Promise<number> {
    try {
      const out = await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: Keys.presenceMarker(visitorId),
          UpdateExpression: "SET #counted = :false",
          ConditionExpression: "#minute = :minute AND #role = :role",
          ExpressionAttributeNames: { "#counted": "counted", "#minute": "minute", "#role": "role" },
          ExpressionAttributeValues: { ":false": false, ":minute": minute, ":role": role },
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      return writeUnits(out.ConsumedCapacity);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return 1; // moved again meanwhile: that move saw it uncounted
    }
  },

  /**
   * Sessions whose last heartbeat fell in a minute starting after `now - windowMs`, up to the
   * minute after `now`: one BatchGet of (minutes × shards) items, and the read units it cost.
   */
  async count(store: Store, counters: Counters, now: number, windowMs: number): Promise<{ online: OnlineCount; readUnits: number }> {
    const keys = [];
    for (let minute = minuteOf(now - windowMs) + 1; minute <= minuteOf(now) + 1; minute++)
      for (const shard of shardList(counters.shards)) keys.push(Keys.onlineBucket(minuteKey(minute), shard));
    let guests = 0;
    let members = 0;
    let readUnits = 0;
    for (let start = 0; start < keys.length; start += 100) {
      let request: Record<string, { Keys: typeof keys; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
        [store.table]: { Keys: keys.slice(start, start + 100), ProjectionExpression: "#g, #m", ExpressionAttributeNames: { "#g": "guests", "#m": "members" } },
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        if (attempt >= 8) throw busy();
        const out = await store.db.send(new BatchGetCommand({ RequestItems: request, ReturnConsumedCapacity: "TOTAL" }));
        for (const item of out.Responses?.[store.table] ?? []) {
          guests += Number(item.guests ?? 0);
          members += Number(item.members ?? 0);
        }
        readUnits += writeUnits(out.ConsumedCapacity); // the same sum of CapacityUnits, here of reads
        request = out.UnprocessedKeys as typeof request;
      }
    }
    // Only a failed move (module header) can take a sum below the truth; never show it below zero.
    guests = Math.max(0, guests);
    members = Math.max(0, members);
    return { online: { guests, members, total: guests + members }, readUnits };
  },
};
