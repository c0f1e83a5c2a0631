/**
 * The one definition of the DynamoDB table: key attributes, global secondary indexes and the TTL
 * attribute. `infra/` deploys it, the local runner and the tests create it from it, so the three
 * can never drift apart. Key *formats* live in `keys.ts`.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Generic, overloaded indexes; which entity uses which index is listed in keys.ts. */
  globalIndexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  },
  /** Epoch seconds. TTL deletion is lazy (never, locally): reads of TTL'd data filter on it. */
  ttlAttribute: "expiresAt",
} as const;

export type IndexName = keyof typeof TABLE.globalIndexes;

/** Every key attribute, all strings. */
export const KEY_ATTRIBUTES: string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...Object.values(TABLE.globalIndexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** CreateTable input for the local runner and tests (on-demand, like the deployed table). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(TABLE.globalIndexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
