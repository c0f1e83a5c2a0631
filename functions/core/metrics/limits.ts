/**
 * Per-client limits on what beacons may add (docs/architecture.md, "Data" → "Counters a script
 * cannot inflate"). A client is an address as signing.ts `clientOf` groups it, stored hashed.
 *
 * - `visits`: visits started from one client per 10-minute window, new visitors included (a
 *   cookie-less beacon that creates a visitor starts a visit; a signed cookie idle for 30 minutes
 *   starts one too). Only a visit that would be counted asks.
 * - `views`: counted views from one client per 10-minute window. Only a view whose per-visitor
 *   claim succeeded asks, so a repeated view still costs its one failed condition and nothing more.
 * - `online`: guest sessions of one client counted online per 5-minute window (presence.ts): a
 *   session takes a token when it is first counted in a window, so one client shows at most
 *   `ONLINE_PER_CLIENT` guests online (members, signed-in accounts, are not capped). Fixed windows: for
 *   the 5 minutes after an edge, sessions counted under the previous window's tokens may still be
 *   online, so the worst case is twice the cap, as for visits and views.
 *
 * Fixed windows, one small item per (kind, client, window) with a TTL, raised by a conditional
 * ADD that never takes it past the limit. Each instance leases tokens: the first ADD asks for 1,
 * later ones for as many as it has used already, up to `MAX_LEASE`, so a busy client costs about
 * one write per eight counted beacons and a lone reader one; tokens an instance leased but did
 * not use before the window ends are lost (at most MAX_LEASE - 1 per instance and window). An
 * instance that was refused remembers the window is full and refuses the rest of it without
 * writing: a flood past the limit costs nothing but the request.
 */
import { UpdateCommand } from "../storage/db";
import { COUNTER_SCHEMA_VERSION, writeUnits } from "./counters";
import { Keys } from "../storage/keys";
import type { Store } from "../storage/store";

const MINUTE = 60_000;

export type LimitKind = "visits" | "views" | "online";

export interface ClientLimit {
  /** Most counted in one window. */
  max: number;
  /** Window length in ms; windows start at multiples of it (epoch ms). */
  windowMs: number;
}

/**
 * Sized for a provincial office of 200–300 staff behind one address: 100 people starting a visit
 * within 10 minutes, and 3 articles each, pass; the 300 cookie-less beacons in 10 s of the probe
 * do not. Sustained, one client adds at most 600 visits and 1,800 views an hour.
 */
/** Guest sessions one client can have counted online (the same order as the visits limit). */
export const ONLINE_PER_CLIENT = 100;

export const CLIENT_LIMITS: Readonly<Record<LimitKind, ClientLimit>> = {
  visits: { max: 100, windowMs: 10 * MINUTE },
  views: { max: 300, windowMs: 10 * MINUTE },
  // As long as the online window (visitors.ts ONLINE_WINDOW_MS): tokens approximate concurrent sessions.
  online: { max: ONLINE_PER_CLIENT, windowMs: 5 * MINUTE },
};

/** Most tokens one conditional ADD leases to an instance. */
export const MAX_LEASE = 8;

/** Window items outlive their window by this much (TTL; reads never look at old windows). */
const WINDOW_TTL_S = 60 * 60;

export interface Allowance {
  allowed: boolean;
  /** Write units consumed, as DynamoDB reports them (a failed condition is counted as 1). */
  writeUnits: number;
}

interface Entry {
  window: number;
  /** Tokens this instance has leased in this window (the next lease's size). */
  leased: number;
  /** Leased, not yet used. */
  left: number;
  /** The window item's count as of this instance's last write. */
  known: number;
  /** The table refused: no more tokens in this window. */
  full: boolean;
  /** A lease write in flight: others wait for it instead of writing too. */
  busy?: Promise<void>;
}

/** One instance's view of every client's windows: create one per app (per Lambda instance). */
export class ClientLimits {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    readonly limits: Readonly<Record<LimitKind, ClientLimit>> = CLIENT_LIMITS,
    private readonly maxEntries = 20_000,
  ) {}

  private entry(kind: LimitKind, client: string, now: number): Entry {
    const key = `${kind}#${client}`;
    const window = Math.floor(now / this.limits[kind].windowMs);
    let entry = this.entries.get(key);
    if (!entry || entry.window !== window) {
      if (entry) this.entries.delete(key);
      else if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      entry = { window, leased: 0, left: 0, known: 0, full: false };
      this.entries.set(key, entry); // insertion order: the oldest window is the first evicted
    }
    return entry;
  }

  /** The in-memory pre-check: this instance already knows `client` has nothing left in this window. No I/O. */
  exhausted(kind: LimitKind, client: string, now: number): boolean {
    const entry = this.entry(kind, client, now);
    return entry.full && entry.left === 0;
  }

  /** One token of `kind` for `client` at `now`: allowed while the window has room. */
  async take(kind: LimitKind, client: string, now: number): Promise<Allowance> {
    const entry = this.entry(kind, client, now);
    let units = 0;
    for (;;) {
      if (entry.left > 0) {
        entry.left--;
        return { allowed: true, writeUnits: units };
      }
      if (entry.full) return { allowed: false, writeUnits: units };
      if (entry.busy) {
        await entry.busy;
        continue;
      }
      let release!: () => void;
      entry.busy = new Promise((resolve) => (release = resolve));
      try {
        units += await this.lease(kind, client, entry);
      } finally {
        entry.busy = undefined;
        release();
      }
    }
  }

  /** Leases tokens for `entry` with one conditional ADD (a second of 1 when a bigger one just missed). */
  private async lease(kind: LimitKind, client: string, entry: Entry): Promise<number> {
    const { max, windowMs } = this.limits[kind];
    const room = max - entry.known;
    if (room <= 0) {
      entry.full = true;
      return 0;
    }
    let size = Math.min(MAX_LEASE, Math.max(1, entry.leased), room);
    let units = 0;
    for (;;) {
      try {
        const out = await this.store.db.send(
          new UpdateCommand({
            TableName: this.store.table,
            Key: Keys.clientWindow(kind, client, new Date(entry.window * windowMs).toISOString()),
            UpdateExpression: "ADD #count :n SET entity = :entity, schemaVersion = :schemaVersion, expiresAt = :expires",
            ConditionExpression: "attribute_not_exists(#count) OR #count <= :room",
            ExpressionAttributeNames: { "#count": "count" },
            ExpressionAttributeValues: {
              ":n": size,
              ":room": max - size,
              ":entity": "ClientWindow",
              ":schemaVersion": COUNTER_SCHEMA_VERSION,
              ":expires": Math.floor(((entry.window + 1) * windowMs) / 1000) + WINDOW_TTL_S,
            },
            ReturnValues: "UPDATED_NEW",
            ReturnConsumedCapacity: "TOTAL",
          }),
        );
        entry.known = Number(out.Attributes?.count ?? entry.known + size);
        entry.leased += size;
        entry.left += size;
        return units + writeUnits(out.ConsumedCapacity);
      } catch (error) {
        if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        units += 1; // billed, though the error does not say so
        if (size === 1) {
          entry.full = true;
          entry.known = max;
          return units;
        }
        size = 1; // others took most of the room: ask for the last tokens one at a time
      }
    }
  }
}
