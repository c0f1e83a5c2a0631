import { createHash, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "../storage/db";
import { AppError } from "../shared/errors";
import { Keys, type Key } from "../storage/keys";
import type { Store } from "../storage/store";

/**
 * Login throttling (docs/architecture.md, "Security → login throttling", OWASP ASVS 2.2.1): it
 * stops guessing without handing anyone a way to lock an account's owner out.
 *
 * - **Pair** (account, client): `perPair` failures in a `windowMs` window, then that pair is
 *   refused until the window ends. The client is the browser when it carries a device cookie
 *   trusted for the account, else the address.
 * - **Client** (address): `perClient` failures of untrusted attempts in a window, then untrusted
 *   attempts from the address are refused: one address spraying many accounts. A browser trusted
 *   for the account (it signed in to it before) is neither counted nor refused here, so
 *   colleagues behind one office address keep signing in while a guesser among them is stopped.
 * - **Account**, every client: past `accountFree` failures in the last hour, each further failure
 *   makes the next untrusted attempt wait `baseDelayMs`, doubling, at most `maxDelayMs` (so a
 *   guesser with endless addresses gets 46 tries the first hour, 30 an hour after); at
 *   `perAccount` failures in the last hour (this window and the one before) every
 *   attempt is refused, trusted ones included (the ASVS ceiling, out of reach of untrusted clients
 *   alone at these numbers).
 *
 * Only failures count: an attempt takes its place in every count before the password is checked
 * (a conditional write, so parallel guesses cannot all slip through) and a successful sign-in
 * gives them back; it also clears its own pair, never another. Counts live in small TTL'd window
 * items keyed by window start; reads ignore items past `expiresAt` (TTL deletion is lazy).
 * Unknown accounts are counted exactly like real ones, so nothing here tells them apart.
 */
export interface ThrottleConfig {
  /** Window of the pair and client counts, in ms (default 15 minutes). */
  windowMs?: number;
  /** Failures of one (account, client) pair in a window before the pair is refused (default 5). */
  perPair?: number;
  /** Failures of untrusted attempts from one address in a window before it is refused (default 30). */
  perClient?: number;
  /** Window of the account counts, in ms (default 1 hour); "the last hour" is this window and the one before. */
  accountWindowMs?: number;
  /** Failures on an account in the last hour before untrusted attempts are spaced out (default 10). */
  accountFree?: number;
  /** The first spacing, doubled at every further failure (default 1 s). */
  baseDelayMs?: number;
  /** The longest spacing (default 120 s). */
  maxDelayMs?: number;
  /** Failures on an account in the last hour after which every attempt is refused (default 100). */
  perAccount?: number;
  /** How long a browser stays trusted for an account after signing in to it (default 90 days). */
  deviceTrustMs?: number;
  /** The clock, in epoch ms; tests move it instead of sleeping. */
  now?: () => number;
}

export type Throttling = Required<ThrottleConfig>;

export const THROTTLE_DEFAULTS: Throttling = {
  windowMs: 15 * 60 * 1000,
  perPair: 5,
  perClient: 30,
  accountWindowMs: 60 * 60 * 1000,
  accountFree: 10,
  baseDelayMs: 1000,
  maxDelayMs: 120 * 1000,
  perAccount: 100,
  deviceTrustMs: 90 * 24 * 60 * 60 * 1000,
  now: () => Date.now(),
};

/** The throttle settings with their defaults filled in. */
export function resolveThrottle(config: ThrottleConfig = {}): Throttling {
  const defined = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  return { ...THROTTLE_DEFAULTS, ...defined };
}

/** What one sign-in attempt took from the counts, given back if it succeeds. */
export interface Admission {
  account: string;
  /** The device token the browser sent, if well formed. */
  device?: string;
  /** The browser is trusted for this account: exempt from the client count and the account's spacing. */
  trusted: boolean;
  pair: Key;
  client?: Key;
  accountWindow: Key;
}

const THROTTLED = (wait: string) => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait}.`;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Attempts at once on one account past its free failures: the losers of a write race are refused, briefly. */
const ACCOUNT_ROUNDS = 3;

const hash = (token: string) => createHash("sha256").update(token).digest("base64url");
const seconds = (ms: number) => Math.floor(ms / 1000);
const windowStart = (now: number, windowMs: number) => now - (now % windowMs);
const iso = (ms: number) => new Date(ms).toISOString();
const isConditionFailure = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

/** 429 with the wait in the message and in `retryAfter` (seconds; auth.ts sends it as Retry-After). */
function throttled(waitMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = retryAfter < 60 ? `${retryAfter} giây` : `${Math.ceil(retryAfter / 60)} phút`;
  return new AppError("RATE_LIMITED", THROTTLED(wait), undefined, { retryAfter });
}

interface Count {
  count: number;
  nextAt: number;
}

const NONE: Count = { count: 0, nextAt: 0 };

function live(item: Record<string, unknown> | undefined, now: number): Count {
  if (!item || typeof item.expiresAt !== "number" || item.expiresAt * 1000 <= now) return NONE;
  return { count: Number(item.count ?? 0), nextAt: Number(item.nextAt ?? 0) };
}

async function read(store: Store, key: Key, now: number): Promise<Count> {
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }));
  return live(out.Item, now);
}

/** The account's counts in this window and the one before (one Query). */
async function readAccount(store: Store, t: Throttling, account: string, now: number) {
  const current = windowStart(now, t.accountWindowMs);
  const previous = Keys.throttle("account", account, iso(current - t.accountWindowMs));
  const key = Keys.throttle("account", account, iso(current));
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":pk": key.pk, ":from": previous.sk, ":to": key.sk },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  const prev = live(items.find((item) => item.sk === previous.sk), now);
  const stored = items.find((item) => item.sk === key.sk);
  const cur = live(stored, now);
  // What a conditional write on the exact count compares with (the item, even past expiresAt).
  const seen = stored ? Number(stored.count ?? 0) : undefined;
  return { key, prev, cur, seen, end: current + t.accountWindowMs };
}

type AccountState = Awaited<ReturnType<typeof readAccount>>;

/**
 * How long an attempt on the account must wait, if at all: everyone at the ceiling (until the
 * last hour holds fewer failures: the rest of this window, and the next one too when this window
 * alone reached it), untrusted attempts until `nextAt`.
 */
function accountWait(t: Throttling, { prev, cur, end }: AccountState, trusted: boolean, now: number): number | undefined {
  if (prev.count + cur.count >= t.perAccount) return end - now + (cur.count >= t.perAccount ? t.accountWindowMs : 0);
  const nextAt = Math.max(prev.nextAt, cur.nextAt);
  if (!trusted && nextAt > now) return nextAt - now;
  return undefined;
}

/** The spacing an untrusted attempt must keep after the account's `failures`-th failure of the last hour. */
export function spacingAfter(t: Throttling, failures: number): number {
  if (failures <= t.accountFree) return 0;
  return Math.min(t.baseDelayMs * 2 ** (failures - t.accountFree - 1), t.maxDelayMs);
}

/** Conditional ADD of one to a window count, only while under `limit`; false when at the limit. */
async function take(store: Store, key: Key, limit: number, expiresAt: number): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: "ADD #count :one SET expiresAt = :expires, entity = :entity, schemaVersion = :schemaVersion",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": expiresAt, ":entity": "LoginThrottle", ":schemaVersion": 1 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives back one taken attempt (never below zero; nothing when the item is gone). */
async function giveBack(store: Store, key: Key) {
  await store.db
    .send(
      new UpdateCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: "ADD #count :minus",
        ConditionExpression: "#count > :zero",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
      }),
    )
    .catch((error) => {
      if (!isConditionFailure(error)) throw error;
    });
}

/**
 * Takes the attempt from the account's count. Untrusted attempts write on the exact count they
 * read (optimistic), and move `nextAt`, so parallel guesses past the free failures go one at a
 * time; trusted attempts only need to stay under the ceiling.
 */
async function takeAccount(store: Store, t: Throttling, account: string, trusted: boolean, now: number, read?: AccountState): Promise<Key> {
  for (let round = 0; round < ACCOUNT_ROUNDS; round++) {
    const state = round === 0 && read ? read : await readAccount(store, t, account, now);
    const wait = accountWait(t, state, trusted, now);
    if (wait !== undefined) throw throttled(wait);
    const { key, prev, cur, seen, end } = state;
    const failures = prev.count + cur.count;

    const values: Record<string, unknown> = {
      ":one": 1,
      ":expires": seconds(end + t.accountWindowMs) + 60,
      ":entity": "LoginThrottle",
      ":schemaVersion": 1,
    };
    let update = "ADD #count :one SET expiresAt = :expires, entity = :entity, schemaVersion = :schemaVersion";
    let condition: string;
    if (trusted) {
      condition = "attribute_not_exists(#count) OR #count < :limit";
      values[":limit"] = t.perAccount - prev.count;
    } else {
      update += ", nextAt = :nextAt";
      values[":nextAt"] = now + spacingAfter(t, failures + 1);
      condition = seen === undefined ? "attribute_not_exists(#count)" : "#count = :seen";
      if (seen !== undefined) values[":seen"] = seen;
    }
    try {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: key,
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: { "#count": "count" },
          ExpressionAttributeValues: values,
        }),
      );
      return key;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw throttled(1000);
}

async function isTrusted(store: Store, device: string | undefined, account: string, now: number): Promise<boolean> {
  if (!device) return false;
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.trustedDevice(hash(device), account), ConsistentRead: true }));
  return typeof out.Item?.expiresAt === "number" && out.Item.expiresAt * 1000 > now;
}

export const Throttle = {
  /**
   * Admits one sign-in attempt before its password is checked, or throws RATE_LIMITED (with
   * `retryAfter`). What it took stays counted as a failure unless `succeeded` gives it back.
   */
  async admit(store: Store, t: Throttling, input: { account: string; address: string; device?: string }, now: number): Promise<Admission> {
    const device = input.device && TOKEN_PATTERN.test(input.device) ? input.device : undefined;
    const trusted = await isTrusted(store, device, input.account, now);
    const start = windowStart(now, t.windowMs);
    const windowEnd = start + t.windowMs;
    const expires = seconds(windowEnd) + 60;
    const pair = Keys.throttlePair(input.account, trusted ? `device:${hash(device!)}` : input.address, iso(start));
    const client = trusted ? undefined : Keys.throttle("client", input.address, iso(start));

    // Refused at once, without a write, while a count is at its limit: the usual case under attack.
    const [pairCount, clientCount, account] = await Promise.all([
      read(store, pair, now),
      client ? read(store, client, now) : NONE,
      readAccount(store, t, input.account, now),
    ]);
    const waits = [
      pairCount.count >= t.perPair ? windowEnd - now : undefined,
      client && clientCount.count >= t.perClient ? windowEnd - now : undefined,
      accountWait(t, account, trusted, now),
    ].filter((wait): wait is number => wait !== undefined);
    if (waits.length) throw throttled(Math.max(...waits));

    if (!(await take(store, pair, t.perPair, expires))) throw throttled(windowEnd - now);
    if (client && !(await take(store, client, t.perClient, expires))) {
      await giveBack(store, pair);
      throw throttled(windowEnd - now);
    }
    try {
      const accountWindow = await takeAccount(store, t, input.account, trusted, now, account);
      return { account: input.account, device, trusted, pair, client, accountWindow };
    } catch (error) {
      await Promise.all([giveBack(store, pair), client && giveBack(store, client)]);
      throw error;
    }
  },

  /**
   * After a correct password: gives back what the attempt took, clears its own pair (no other),
   * and trusts the browser for the account. Returns the device token for the cookie: the one the
   * browser sent when it is already one of ours, else a new one.
   */
  async succeeded(store: Store, t: Throttling, admission: Admission, now: number): Promise<string> {
    const device = admission.trusted || (admission.device && (await isIssued(store, admission.device, now))) ? admission.device! : randomBytes(32).toString("base64url");
    await Promise.all([
      store.db.send(new DeleteCommand({ TableName: store.table, Key: admission.pair })),
      admission.client && giveBack(store, admission.client),
      giveBack(store, admission.accountWindow),
      store.db.send(
        new PutCommand({
          TableName: store.table,
          Item: {
            ...Keys.trustedDevice(hash(device), admission.account),
            entity: "TrustedDevice",
            schemaVersion: 1,
            trustedAt: new Date(now).toISOString(),
            expiresAt: seconds(now + t.deviceTrustMs),
          },
        }),
      ),
    ]);
    return device;
  },
};

/** A device token we issued (trusted for some account, still live), as opposed to one a page made up. */
async function isIssued(store: Store, device: string, now: number): Promise<boolean> {
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": Keys.trustedDevices(hash(device)) },
      ConsistentRead: true,
      Limit: 20,
    }),
  );
  return (out.Items ?? []).some((item) => typeof item.expiresAt === "number" && item.expiresAt * 1000 > now);
}
