/**
 * The core's DynamoDB commands (db.ts) over the DynamoDB JSON protocol, signed with aws4
 * (signed-fetch.ts): the reader function's client, a few KB instead of the AWS SDK. It accepts and
 * returns what the SDK's DocumentClient does (marshall.ts), with the SDK's error names, so the
 * core cannot tell the two apart; tests/integration/db-clients.test.ts runs the same cases through
 * both against DynamoDB Local.
 */
import type { Db, DbCommand, SendOptions } from "./db";
import { marshall, unmarshall, type AttributeMap } from "./marshall";
import { serviceError, signedCaller, type Answer, type ServiceOptions } from "./signed-fetch";

export interface FetchDbOptions extends ServiceOptions {
  /** DynamoDB Local's address; `https://dynamodb.<region>.amazonaws.com` when omitted. */
  endpoint?: string;
}

type Json = Record<string, unknown>;
type Native = Record<string, unknown>;

const map = (value: unknown, convert: (item: Native) => unknown) => (value ? convert(value as Native) : value);
const items = (value: unknown, convert: (item: Native) => unknown) => (Array.isArray(value) ? value.map(convert) : value);

/** A copy of `input` with `fields` converted where present. */
function convert(input: Json | undefined, fields: Record<string, (value: unknown) => unknown>): Json | undefined {
  if (!input) return input;
  const out: Json = { ...input };
  for (const [field, change] of Object.entries(fields)) if (out[field] !== undefined) out[field] = change(out[field]);
  return out;
}

const toWire = (item: Native) => marshall(item);
const fromWire = (item: Native) => unmarshall(item as AttributeMap);

/** Key, Item and ExpressionAttributeValues of a request, and the legacy AttributeUpdates. */
const request = (input: Json) =>
  convert(input, {
    Key: (v) => map(v, toWire),
    Item: (v) => map(v, toWire),
    ExpressionAttributeValues: (v) => map(v, toWire),
    ExclusiveStartKey: (v) => map(v, toWire),
    AttributeUpdates: (v) =>
      Object.fromEntries(Object.entries(v as Json).map(([name, update]) => [name, convert(update as Json, { Value: (value) => fromNative(value) })])),
  })!;

const fromNative = (value: unknown) => marshall({ v: value }).v;

/** ItemCollectionMetrics (of a write, or a map of them per table) with its key converted. */
const metrics = (value: unknown) => convert(value as Json, { ItemCollectionKey: (key) => map(key, fromWire) });
const metricsByTable = (value: unknown) =>
  Object.fromEntries(Object.entries(value as Record<string, unknown[]>).map(([table, list]) => [table, list.map(metrics)]));

const writeRequests = (requests: unknown, key: (item: Native) => unknown) =>
  Object.fromEntries(
    Object.entries(requests as Record<string, Json[]>).map(([table, list]) => [
      table,
      list.map((write) =>
        convert(write, {
          PutRequest: (put) => convert(put as Json, { Item: (item) => map(item, key) }),
          DeleteRequest: (del) => convert(del as Json, { Key: (k) => map(k, key) }),
        }),
      ),
    ]),
  );

const keysAndAttributes = (requests: unknown, key: (item: Native) => unknown) =>
  Object.fromEntries(
    Object.entries(requests as Record<string, Json>).map(([table, read]) => [table, convert(read, { Keys: (keys) => items(keys, key) })]),
  );

/** Per operation: the request as the wire wants it, and the answer as the DocumentClient returns it. */
const OPERATIONS: Record<DbCommand["op"], { input: (input: Json) => Json; output: (output: Json) => Json }> = {
  GetItem: { input: request, output: (out) => convert(out, { Item: (v) => map(v, fromWire) })! },
  PutItem: { input: request, output: (out) => convert(out, { Attributes: (v) => map(v, fromWire), ItemCollectionMetrics: metrics })! },
  UpdateItem: { input: request, output: (out) => convert(out, { Attributes: (v) => map(v, fromWire), ItemCollectionMetrics: metrics })! },
  DeleteItem: { input: request, output: (out) => convert(out, { Attributes: (v) => map(v, fromWire), ItemCollectionMetrics: metrics })! },
  Query: { input: request, output: (out) => convert(out, { Items: (v) => items(v, fromWire), LastEvaluatedKey: (v) => map(v, fromWire) })! },
  Scan: { input: request, output: (out) => convert(out, { Items: (v) => items(v, fromWire), LastEvaluatedKey: (v) => map(v, fromWire) })! },
  BatchGetItem: {
    input: (input) => convert(input, { RequestItems: (v) => keysAndAttributes(v, toWire) })!,
    output: (out) =>
      convert(out, {
        Responses: (v) => Object.fromEntries(Object.entries(v as Record<string, Native[]>).map(([table, list]) => [table, list.map(fromWire)])),
        UnprocessedKeys: (v) => keysAndAttributes(v, fromWire),
      })!,
  },
  BatchWriteItem: {
    input: (input) => convert(input, { RequestItems: (v) => writeRequests(v, toWire) })!,
    output: (out) => convert(out, { UnprocessedItems: (v) => writeRequests(v, fromWire), ItemCollectionMetrics: metricsByTable })!,
  },
  TransactWriteItems: {
    input: (input) =>
      convert(input, {
        TransactItems: (list) =>
          (list as Json[]).map((item) =>
            convert(item, { ConditionCheck: (v) => request(v as Json), Put: (v) => request(v as Json), Delete: (v) => request(v as Json), Update: (v) => request(v as Json) }),
          ),
      })!,
    output: (out) => convert(out, { ItemCollectionMetrics: metricsByTable })!,
  },
};

/** DynamoDB's error: the name after `#` in `__type` (or x-amzn-ErrorType), its message and members. */
function dynamoError(answer: Answer) {
  let body: Json = {};
  try {
    body = JSON.parse(new TextDecoder().decode(answer.body)) as Json;
  } catch {
    // Not JSON (a proxy's 502 page): named by status below.
  }
  const type = answer.headers.get("x-amzn-errortype") ?? (typeof body.__type === "string" ? body.__type : "");
  const name = type.split(":")[0]!.split("#").pop() || (answer.status >= 500 ? "InternalServerError" : "UnknownError");
  const { __type: _type, message, Message, ...members } = body;
  return serviceError(answer.status, name, String(message ?? Message ?? ""), members, answer.headers.get("x-amzn-requestid") ?? undefined);
}

/** A `Db` that signs each command with the given credentials and sends it with fetch. */
export function fetchDb(options: FetchDbOptions): Db {
  const url = options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`;
  const call = signedCaller("dynamodb", options, dynamoError);
  return {
    async send(command: DbCommand, send?: SendOptions) {
      const operation = OPERATIONS[command.op];
      if (!operation) throw new TypeError(`fetchDb cannot send ${(command as { constructor: { name: string } }).constructor.name}`);
      const answer = await call(
        {
          method: "POST",
          url,
          headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `DynamoDB_20120810.${command.op}` },
          body: JSON.stringify(operation.input(command.input as Json)),
        },
        send,
      );
      const output = operation.output(JSON.parse(new TextDecoder().decode(answer.body)) as Json);
      return { ...output, $metadata: { httpStatusCode: answer.status, requestId: answer.headers.get("x-amzn-requestid") ?? undefined, attempts: answer.attempts, totalRetryDelay: answer.totalRetryDelay } };
    },
  } as Db;
}
