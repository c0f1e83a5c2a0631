/**
 * The key that makes visitor cookies unforgeable (docs/architecture.md, "Data" → "Counters a script
 * cannot inflate"), and what is computed with it: cookie signatures and the hashed client address
 * the per-client limits and online counts are kept under (no raw address is stored).
 *
 * The key is 32 random bytes in the table itself (`META` / `KEY#VISITOR`): readers never see the
 * table, so no secret store and no new SDK client are needed. The first instance that needs it
 * creates it with a conditional Put; an instance that loses that race reads the winner's. Each
 * instance reads it once (consistent read) and keeps it for its life.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { GetCommand, PutCommand } from "../storage/db";
import { COUNTER_SCHEMA_VERSION } from "./counters";
import { Keys } from "../storage/keys";
import type { Store } from "../storage/store";

const KEY_BYTES = 32;
/** 128 bits of HMAC-SHA256: far past guessing, and 22 characters of base64url. */
const MAC_BYTES = 16;

const keys = new WeakMap<Store, Promise<Buffer>>();

function decode(value: unknown): Buffer {
  const key = typeof value === "string" ? Buffer.from(value, "base64") : undefined;
  if (!key || key.length !== KEY_BYTES) throw new Error("The visitor signing key (META/KEY#VISITOR) is malformed");
  return key;
}

async function loadOrCreate(store: Store): Promise<Buffer> {
  const read = async () =>
    (await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.visitorKey(), ConsistentRead: true, ProjectionExpression: "secret" }))).Item?.secret;
  const found = await read();
  if (found !== undefined) return decode(found);
  const fresh = randomBytes(KEY_BYTES);
  try {
    await store.db.send(
      new PutCommand({
        TableName: store.table,
        Item: { ...Keys.visitorKey(), entity: "VisitorKey", schemaVersion: COUNTER_SCHEMA_VERSION, secret: fresh.toString("base64"), createdAt: new Date().toISOString() },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return fresh;
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    return decode(await read()); // another instance created it first
  }
}

/** The signing key of this table, read (or created) once per instance; a failed read is not kept. */
export function visitorKey(store: Store): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    const loading = loadOrCreate(store);
    keys.set(store, loading);
    loading.catch(() => {
      if (keys.get(store) === loading) keys.delete(store);
    });
    key = loading;
  }
  return key;
}

/** HMAC-SHA256 of `data` under `key`, for one `purpose` (so a value signed for one use is never valid for another). */
export function mac(key: Buffer, purpose: string, data: string): string {
  return createHmac("sha256", key).update(`${purpose}\n${data}`).digest().subarray(0, MAC_BYTES).toString("base64url");
}

/** Whether `signature` is the MAC of `data`, compared in constant time. */
export function verifyMac(key: Buffer, purpose: string, data: string, signature: string): boolean {
  const expected = Buffer.from(mac(key, purpose, data));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Expands an IPv6 address (no zone, no brackets) to its eight 16-bit groups, or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const tail: number[] = [];
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (!isIPv4(dotted[1]!)) return undefined;
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = `${text.slice(0, dotted.index)}:`;
    if (text.endsWith(":::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const head = parse(halves[0]!.replace(/:$/, ""));
  const rest = halves.length === 2 ? parse(halves[1]!.replace(/:$/, "")) : [];
  const missing = 8 - tail.length - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest, ...tail];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

/**
 * What counts as one client: an IPv4 address; for IPv6 its /64 prefix, the smallest block a
 * subscriber (an office, a home, a phone) is given, so one client cannot become millions by
 * walking its own prefix. IPv4-mapped IPv6 is IPv4. No address at all is the client "unknown".
 */
export function clientOf(address: string | undefined): string {
  let text = (address ?? "").trim().toLowerCase();
  if (text.startsWith("[")) text = text.slice(1, text.indexOf("]") > 0 ? text.indexOf("]") : undefined);
  text = text.replace(/%.*$/, "");
  if (!text) return "unknown";
  if (isIPv4(text)) return text;
  if (isIPv6(text)) {
    const groups = ipv6Groups(text);
    if (groups) {
      if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff)
        return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
      return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
    }
  }
  return text.slice(0, 200);
}

/** The client as it is stored (window items, presence): a keyed hash, so the table holds no addresses. */
export const clientKey = (key: Buffer, address: string | undefined) => mac(key, "client", clientOf(address));
