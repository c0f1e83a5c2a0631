/**
 * Native JavaScript values ↔ DynamoDB attribute values, as the AWS SDK's DocumentClient converts
 * them with `removeUndefinedValues: true` (its only option the store sets): the signed-fetch client
 * (fetch-db.ts) must store and read back exactly what the SDK client does, since both work on the
 * same table (tests/integration/db-clients.test.ts compares them item by item).
 *
 * Covered: strings, numbers (and bigint), booleans, null, lists, maps (plain objects and Map),
 * sets (SS/NS/BS) and binaries (Uint8Array and the other typed arrays, base64 in the JSON
 * protocol). The core stores only the first six; the rest costs a few lines and keeps the two
 * clients interchangeable. Like the SDK: undefined and functions are dropped from maps and lists,
 * NaN/Infinity, numbers beyond ±2^53 and empty sets throw, class instances throw, and a number
 * read back beyond ±2^53 becomes a bigint.
 */

/** One attribute value of the DynamoDB JSON protocol (B and BS are base64 on the wire). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { B: string }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type AttributeMap = Record<string, AttributeValue>;

const BINARY = new Set([
  "ArrayBuffer", "Buffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
  "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
]);

const isBinary = (value: unknown): value is ArrayBuffer | ArrayBufferView =>
  typeof value === "object" && value !== null && BINARY.has(value.constructor?.name ?? "");

const kept = (value: unknown) => value !== undefined && typeof value !== "function";

function base64(value: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.from(value);
  return bytes.toString("base64");
}

function number(value: number | bigint): string {
  if (typeof value === "bigint") return value.toString();
  if (!Number.isFinite(value)) throw new Error(`Special numeric value ${value} is not allowed`);
  if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) {
    throw new Error(`Number ${value} is outside Number.MAX_SAFE_INTEGER bounds.`);
  }
  return value.toString();
}

function entries(map: Iterable<[string, unknown]>): AttributeMap {
  const out: AttributeMap = {};
  for (const [key, value] of map) if (kept(value)) out[key] = toAttribute(value);
  return out;
}

/** One native value as an attribute value. */
export function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.filter(kept).map(toAttribute) };
  if (value instanceof Set) return toSet(value);
  if (value instanceof Map) return { M: entries(value) };
  if (isBinary(value)) return { B: base64(value) };
  switch (typeof value) {
    case "string":
      return { S: value };
    case "number":
    case "bigint":
      return { N: number(value) };
    case "boolean":
      return { BOOL: value };
    case "object":
      if (value.constructor === Object || !value.constructor) return { M: entries(Object.entries(value)) };
  }
  throw new Error(`Unsupported type passed: ${String(value)}`);
}

function toSet(set: Set<unknown>): AttributeValue {
  const values = [...set].filter((value) => value !== undefined);
  if (values.length === 0) throw new Error("Pass a non-empty set, or options.convertEmptyValues=true.");
  const first = values[0];
  if (typeof first === "number" || typeof first === "bigint") return { NS: values.map((value) => number(value as number)) };
  if (typeof first === "string") return { SS: values as string[] };
  if (isBinary(first)) return { BS: values.map((value) => base64(value as ArrayBufferView)) };
  throw new Error("Only Number Set (NS), Binary Set (BS) or String Set (SS) are allowed.");
}

/** A native object (an item, a key, expression attribute values) as an attribute map. */
export function marshall(item: Record<string, unknown>): AttributeMap {
  return entries(Object.entries(item));
}

function toNumber(text: string): number | bigint {
  const value = Number(text);
  if ((value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) && Number.isFinite(value)) return BigInt(text);
  return value;
}

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/** One attribute value as a native value. */
export function fromAttribute(value: AttributeValue): unknown {
  if ("S" in value) return value.S;
  if ("N" in value) return toNumber(value.N);
  if ("BOOL" in value) return value.BOOL;
  if ("NULL" in value) return null;
  if ("M" in value) return unmarshall(value.M);
  if ("L" in value) return value.L.map(fromAttribute);
  if ("SS" in value) return new Set(value.SS);
  if ("NS" in value) return new Set(value.NS.map(toNumber));
  if ("B" in value) return fromBase64(value.B);
  if ("BS" in value) return new Set(value.BS.map(fromBase64));
  throw new Error(`Unsupported type passed: ${Object.keys(value)[0]}`);
}

/** An attribute map as a native object. */
export function unmarshall(map: AttributeMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) out[key] = fromAttribute(value);
  return out;
}
