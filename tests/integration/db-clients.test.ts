/**
 * The two clients of the core's one data-access interface (core/storage/db.ts `Db`, objects.ts
 * `Objects`), the AWS SDK's (sdk-store.ts: staff, media, scheduler, local runner) and signed fetch
 * (fetch-store.ts: the reader function), run through the same cases against DynamoDB Local and
 * s3rver: every command, the same outputs (consumed capacity included), the same error names and
 * cancellation reasons, pagination, and values written by one read back identically by the other.
 * Where the emulator cannot be made to answer something (unprocessed keys, throttling), both
 * clients talk to a stand-in that answers as DynamoDB does.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand,
  type Db,
} from "../../functions/core/storage/db";
import { createFetchStore } from "../../functions/core/storage/fetch-store";
import { createStore } from "../../functions/core/storage/sdk-store";
import { batchGet, transact, type Store } from "../../functions/core/storage/store";
import { localDynamoConfig } from "../../scripts/local/emulators";
import { createTestStore, fetchStoreOn } from "../support/store";

/** Every value type the DocumentClient converts, undefined (dropped) included. */
const VALUES = {
  text: "Tỉnh ủy — văn bản",
  empty: "",
  integer: 42,
  negative: -7,
  decimal: 3.25,
  big: Number.MAX_SAFE_INTEGER,
  yes: true,
  no: false,
  nothing: null,
  missing: undefined,
  list: [1, "hai", { ba: [true, null] }, undefined],
  map: { nested: { deeper: ["x"] }, gone: undefined, zero: 0 },
  emptyList: [],
  emptyMap: {},
  strings: new Set(["a", "b"]),
  numbers: new Set([1, 2.5]),
  bytes: new Uint8Array([0, 1, 254, 255]),
  binaries: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
};

/** What both clients must read back: VALUES without the undefined ones. */
const { missing: _missing, ...defined } = VALUES;
const STORED = { ...defined, list: [1, "hai", { ba: [true, null] }], map: { nested: { deeper: ["x"] }, zero: 0 } };

/** An output without its transport metadata and with the table's name replaced, to compare two tables' answers. */
function comparable(output: unknown, table: string): unknown {
  const json = JSON.stringify(output, (key, value) => (key === "$metadata" ? undefined : value instanceof Set ? [...value] : value));
  return JSON.parse(json.replaceAll(`"${table}"`, '"T"'));
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: Record<string, unknown>) => error);

let sdk: Store;
let fetched: Store;
/** Each client on its own table (fetched on `other`), so that both see the same items. */
let other: Store;
const clients = () => [{ name: "sdk", store: sdk }, { name: "fetch", store: fetched }] as const;

beforeAll(async () => {
  [sdk, other] = await Promise.all([createTestStore(), createTestStore()]);
  fetched = fetchStoreOn(other);
});

/** Runs `scenario` on both clients (each on its own table) and returns both results, comparable. */
async function both(scenario: (db: Db, table: string) => Promise<unknown>) {
  const [viaSdk, viaFetch] = [await scenario(sdk.db, sdk.table), await scenario(fetched.db, fetched.table)];
  return { sdk: comparable(viaSdk, sdk.table), fetch: comparable(viaFetch, fetched.table) };
}

describe("the same answers from the SDK and the fetch client", () => {
  it("stores and reads back every value type identically, and each reads what the other wrote", async () => {
    for (const { store } of clients()) {
      await store.db.send(new PutCommand({ TableName: store.table, Item: { pk: "values", sk: "all", ...VALUES } }));
      const { Item } = await store.db.send(new GetCommand({ TableName: store.table, Key: { pk: "values", sk: "all" } }));
      expect(Item).toEqual({ pk: "values", sk: "all", ...STORED });
      expect(Item!.bytes).toBeInstanceOf(Uint8Array);
      expect(typeof Item!.big).toBe("number");
    }
    // Across clients: the fetch client reads the SDK's item and the SDK reads the fetch client's.
    const sdkOnOther = createStore({ table: other.table, bucket: other.bucket, dynamodb: localDynamoConfig(inject("dynamodbEndpoint")) });
    const fetchOnSdk = createFetchStore({
      table: sdk.table, bucket: sdk.bucket, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, endpoints: { dynamodb: inject("dynamodbEndpoint") },
    });
    const key = { pk: "values", sk: "all" };
    expect((await fetchOnSdk.db.send(new GetCommand({ TableName: sdk.table, Key: key }))).Item).toEqual({ ...key, ...STORED });
    expect((await sdkOnOther.db.send(new GetCommand({ TableName: other.table, Key: key }))).Item).toEqual({ ...key, ...STORED });
  });

  it("answers put, update, get and delete alike, consumed capacity and returned values included", async () => {
    const answers = await both(async (db, table) => {
      const key = { pk: "crud", sk: "1" };
      return [
        await db.send(new PutCommand({ TableName: table, Item: { ...key, title: "Một", count: 1 }, ReturnConsumedCapacity: "TOTAL" })),
        await db.send(
          new UpdateCommand({
            TableName: table, Key: key, UpdateExpression: "SET title = :t, tags = :tags ADD #c :one REMOVE gone",
            ExpressionAttributeNames: { "#c": "count" }, ExpressionAttributeValues: { ":t": "Hai", ":tags": ["a"], ":one": 1, ":unused": undefined },
            ReturnValues: "ALL_NEW", ReturnConsumedCapacity: "TOTAL",
          }),
        ),
        await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true, ReturnConsumedCapacity: "TOTAL" })),
        await db.send(new GetCommand({ TableName: table, Key: { pk: "crud", sk: "none" } })),
        await db.send(new DeleteCommand({ TableName: table, Key: key, ReturnValues: "ALL_OLD", ReturnConsumedCapacity: "INDEXES" })),
      ];
    });
    expect(answers.fetch).toEqual(answers.sdk);
    const [put, update] = answers.sdk as Record<string, unknown>[];
    expect(put).toEqual({ ConsumedCapacity: { TableName: "T", CapacityUnits: 1 } });
    expect(update!.Attributes).toEqual({ pk: "crud", sk: "1", title: "Hai", count: 2, tags: ["a"] });
  });

  it("pages queries and scans alike, forwards and backwards", async () => {
    const answers = await both(async (db, table) => {
      for (let n = 0; n < 7; n++) await db.send(new PutCommand({ TableName: table, Item: { pk: "page", sk: `item-${n}`, n, odd: n % 2 === 1 } }));
      const pages: unknown[] = [];
      for (const forward of [true, false]) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await db.send(
            new QueryCommand({
              TableName: table, KeyConditionExpression: "pk = :pk AND begins_with(sk, :item)", ExpressionAttributeValues: { ":pk": "page", ":item": "item-" },
              Limit: 3, ScanIndexForward: forward, ExclusiveStartKey: start, ReturnConsumedCapacity: "TOTAL",
            }),
          );
          pages.push(page);
          start = page.LastEvaluatedKey;
        } while (start);
      }
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand({ TableName: table, FilterExpression: "odd = :yes", ExpressionAttributeValues: { ":yes": true }, Limit: 4, ExclusiveStartKey: start }));
        pages.push(page);
        start = page.LastEvaluatedKey;
      } while (start);
      return pages;
    });
    expect(answers.fetch).toEqual(answers.sdk);
    const pages = answers.sdk as { Items: { n: number }[]; LastEvaluatedKey?: unknown }[];
    expect(pages.slice(0, 3).flatMap((page) => page.Items.map((item) => item.n))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages[0]!.LastEvaluatedKey).toEqual({ pk: "page", sk: "item-2" });
  });

  it("answers batch reads and writes alike, and the core's batchGet and transact work on both", async () => {
    const answers = await both(async (db, table) => {
      const write = await db.send(
        new BatchWriteCommand({
          RequestItems: { [table]: [1, 2, 3].map((n) => ({ PutRequest: { Item: { pk: "batch", sk: `${n}`, n, gone: undefined } } })) },
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      const remove = await db.send(new BatchWriteCommand({ RequestItems: { [table]: [{ DeleteRequest: { Key: { pk: "batch", sk: "3" } } }] } }));
      const read = await db.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: ["1", "2", "3"].map((sk) => ({ pk: "batch", sk })), ProjectionExpression: "sk, n" } },
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      const responses = read.Responses![table]!.sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
      return [write, remove, { ...read, Responses: { [table]: responses } }];
    });
    expect(answers.fetch).toEqual(answers.sdk);
    expect((answers.sdk as Record<string, unknown>[])[2]).toMatchObject({ Responses: { T: [{ sk: "1", n: 1 }, { sk: "2", n: 2 }] }, UnprocessedKeys: {} });

    for (const { store } of clients()) {
      await transact(store, [
        { Put: { TableName: store.table, Item: { pk: "tx", sk: "a", v: 1 }, ConditionExpression: "attribute_not_exists(pk)" } },
        { Update: { TableName: store.table, Key: { pk: "tx", sk: "b" }, UpdateExpression: "ADD v :one", ExpressionAttributeValues: { ":one": 1 } } },
      ]);
      const conflict = await failure(transact(store, [{ Put: { TableName: store.table, Item: { pk: "tx", sk: "a" }, ConditionExpression: "attribute_not_exists(pk)" } }]));
      expect(conflict).toMatchObject({ code: "CONFLICT" });
      const items = await batchGet(store, [{ pk: "tx", sk: "a" }, { pk: "tx", sk: "b" }, { pk: "tx", sk: "c" }], ["sk", "v"]);
      expect(items.sort((a, b) => String(a.sk).localeCompare(String(b.sk)))).toEqual([{ sk: "a", v: 1 }, { sk: "b", v: 1 }]);
    }
  });
});

describe("the same errors from both clients", () => {
  it("names a failed condition, a cancelled transaction with its reasons, a missing table and an invalid request alike", async () => {
    for (const { name, store } of clients()) {
      const table = store.table;
      await store.db.send(new PutCommand({ TableName: table, Item: { pk: "err", sk: "1" } }));
      const condition = await failure(store.db.send(new PutCommand({ TableName: table, Item: { pk: "err", sk: "1" }, ConditionExpression: "attribute_not_exists(pk)" })));
      expect(condition, name).toMatchObject({ name: "ConditionalCheckFailedException", $metadata: { httpStatusCode: 400 } });

      const cancelled = await failure(
        store.db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: { pk: "err", sk: "2" } } },
              { ConditionCheck: { TableName: table, Key: { pk: "err", sk: "1" }, ConditionExpression: "attribute_not_exists(pk)" } },
            ],
          }),
        ),
      );
      expect(cancelled.name, name).toBe("TransactionCanceledException");
      expect((cancelled.CancellationReasons as { Code: string }[]).map((reason) => reason.Code), name).toEqual(["None", "ConditionalCheckFailed"]);

      const missing = await failure(store.db.send(new GetCommand({ TableName: `${table}-missing`, Key: { pk: "x", sk: "y" } })));
      expect(missing, name).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 400 } });

      const invalid = await failure(store.db.send(new QueryCommand({ TableName: table, KeyConditionExpression: "nope = :x", ExpressionAttributeValues: { ":x": "1" } })));
      expect(invalid, name).toMatchObject({ name: "ValidationException", $fault: "client" });
    }
  });
});

/** A stand-in DynamoDB answering each request with the next of `script` (the last one repeats). */
let standIn: Server;
let standInEndpoint: string;
let script: { status: number; body: unknown }[] = [];
let received = 0;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const answer = script[Math.min(received++, script.length - 1)]!;
      const type = (answer.body as { __type?: string }).__type;
      res.writeHead(answer.status, { "Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "stand-in", ...(type ? { "x-amzn-ErrorType": type.split("#")[1] } : {}) });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  standInEndpoint = `http://127.0.0.1:${(standIn.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => standIn.close(resolve)));

describe("answers DynamoDB Local does not give", () => {
  const timeouts = { connectMs: 1000, responseMs: 2000, attempts: 3 };
  const standIns = () => [
    { name: "sdk", db: createStore({ table: "t", bucket: "b", timeouts, dynamodb: localDynamoConfig(standInEndpoint) }).db },
    { name: "fetch", db: createFetchStore({ table: "t", bucket: "b", timeouts, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, endpoints: { dynamodb: standInEndpoint } }).db },
  ];

  it("returns unprocessed keys and items in the DocumentClient's shape", async () => {
    const key = { pk: { S: "p" }, sk: { S: "1" } };
    for (const { name, db } of standIns()) {
      script = [{ status: 200, body: { Responses: { t: [{ ...key, n: { N: "5" } }] }, UnprocessedKeys: { t: { Keys: [key], ProjectionExpression: "n" } } } }];
      received = 0;
      const read = await db.send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: "p", sk: "1" }] } } }));
      expect(comparable(read, "t"), name).toEqual({ Responses: { T: [{ pk: "p", sk: "1", n: 5 }] }, UnprocessedKeys: { T: { Keys: [{ pk: "p", sk: "1" }], ProjectionExpression: "n" } } });
      script = [{ status: 200, body: { UnprocessedItems: { t: [{ PutRequest: { Item: { ...key, l: { L: [{ BOOL: true }] } } } }, { DeleteRequest: { Key: key } }] } } }];
      const write = await db.send(new BatchWriteCommand({ RequestItems: { t: [{ DeleteRequest: { Key: { pk: "p", sk: "1" } } }] } }));
      expect(comparable(write, "t"), name).toEqual({ UnprocessedItems: { T: [{ PutRequest: { Item: { pk: "p", sk: "1", l: [true] } } }, { DeleteRequest: { Key: { pk: "p", sk: "1" } } }] } });
    }
  });

  it("retries throttling and 5xx, then succeeds; gives up after the attempts with the service's error", async () => {
    const throttled = { status: 400, body: { __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", message: "slow down" } };
    for (const { name, db } of standIns()) {
      script = [throttled, { status: 500, body: { __type: "com.amazonaws.dynamodb.v20120810#InternalServerError" } }, { status: 200, body: { Item: { pk: { S: "p" } } } }];
      received = 0;
      const answer = await db.send(new GetCommand({ TableName: "t", Key: { pk: "p" } }));
      expect(answer.Item, name).toEqual({ pk: "p" });
      expect(answer.$metadata.attempts, name).toBe(3);
      expect(received, name).toBe(3);
      script = [throttled];
      received = 0;
      const error = await failure(db.send(new GetCommand({ TableName: "t", Key: { pk: "p" } })));
      expect(error, name).toMatchObject({ name: "ProvisionedThroughputExceededException", message: "slow down", $metadata: { httpStatusCode: 400, attempts: 3 } });
      expect(received, name).toBe(3);
    }
  });
});

describe("the objects interface on both clients", () => {
  it("puts, gets, heads and pings alike against s3rver, and each reads what the other wrote", async () => {
    const fetchOnSdkBucket = fetchStoreOn(sdk);
    for (const [writer, reader] of [[sdk, fetchOnSdkBucket], [fetchOnSdkBucket, sdk]] as const) {
      const key = `search/thử nghiệm/${writer === sdk ? "sdk" : "fetch"}+1.bin`;
      const body = new Uint8Array(70_000).map((_, i) => i % 251);
      await writer.objects.put(key, body, "application/octet-stream");
      for (const store of [writer, reader]) {
        expect(await store.objects.get(key)).toEqual(body);
        expect(await store.objects.head(key)).toEqual({ size: body.length });
        expect(await store.objects.get(`${key}.missing`)).toBeUndefined();
        expect(await store.objects.head(`${key}.missing`)).toBeUndefined();
        await store.objects.ping();
      }
    }
    const noBucket = fetchStoreOn({ ...sdk, bucket: `${sdk.bucket}-missing` });
    await expect(noBucket.objects.ping()).rejects.toThrow();
    await expect(createStore({ table: "t", bucket: `${sdk.bucket}-missing`, s3: { endpoint: inject("s3Endpoint"), region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } } }).objects.ping()).rejects.toThrow();
  });
});
