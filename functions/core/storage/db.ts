/**
 * The core's own vocabulary for DynamoDB: plain command objects with the DocumentClient's input
 * shapes (native JavaScript values, not attribute values) and one `send`. The core imports these
 * classes, never `@aws-sdk/lib-dynamodb`, so that a function can choose its client at its
 * composition root: the staff, media and scheduler functions and the local runner send through the
 * AWS SDK (`sdk-db.ts`); the reader function, whose cold start is on every reader's path, sends
 * through a small signed-fetch client with only these calls.
 *
 * Errors keep the SDK's names (`ConditionalCheckFailedException`, `TransactionCanceledException`
 * with `CancellationReasons`, …) whichever client sent the call: the core branches on them.
 */
import type * as Sdk from "@aws-sdk/lib-dynamodb";

abstract class Command<Op extends string, Input> {
  abstract readonly op: Op;
  constructor(readonly input: Input) {}
}

export class GetCommand extends Command<"GetItem", Sdk.GetCommandInput> {
  readonly op = "GetItem";
}
export class PutCommand extends Command<"PutItem", Sdk.PutCommandInput> {
  readonly op = "PutItem";
}
export class UpdateCommand extends Command<"UpdateItem", Sdk.UpdateCommandInput> {
  readonly op = "UpdateItem";
}
export class DeleteCommand extends Command<"DeleteItem", Sdk.DeleteCommandInput> {
  readonly op = "DeleteItem";
}
export class QueryCommand extends Command<"Query", Sdk.QueryCommandInput> {
  readonly op = "Query";
}
export class ScanCommand extends Command<"Scan", Sdk.ScanCommandInput> {
  readonly op = "Scan";
}
export class BatchGetCommand extends Command<"BatchGetItem", Sdk.BatchGetCommandInput> {
  readonly op = "BatchGetItem";
}
export class BatchWriteCommand extends Command<"BatchWriteItem", Sdk.BatchWriteCommandInput> {
  readonly op = "BatchWriteItem";
}
export class TransactWriteCommand extends Command<"TransactWriteItems", Sdk.TransactWriteCommandInput> {
  readonly op = "TransactWriteItems";
}

export type DbCommand =
  | GetCommand
  | PutCommand
  | UpdateCommand
  | DeleteCommand
  | QueryCommand
  | ScanCommand
  | BatchGetCommand
  | BatchWriteCommand
  | TransactWriteCommand;

export type {
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
} from "@aws-sdk/lib-dynamodb";

export interface SendOptions {
  abortSignal?: AbortSignal;
}

/** A DynamoDB client as the core sees it: one `send` per command, typed by command. */
export interface Db {
  send(command: GetCommand, options?: SendOptions): Promise<Sdk.GetCommandOutput>;
  send(command: PutCommand, options?: SendOptions): Promise<Sdk.PutCommandOutput>;
  send(command: UpdateCommand, options?: SendOptions): Promise<Sdk.UpdateCommandOutput>;
  send(command: DeleteCommand, options?: SendOptions): Promise<Sdk.DeleteCommandOutput>;
  send(command: QueryCommand, options?: SendOptions): Promise<Sdk.QueryCommandOutput>;
  send(command: ScanCommand, options?: SendOptions): Promise<Sdk.ScanCommandOutput>;
  send(command: BatchGetCommand, options?: SendOptions): Promise<Sdk.BatchGetCommandOutput>;
  send(command: BatchWriteCommand, options?: SendOptions): Promise<Sdk.BatchWriteCommandOutput>;
  send(command: TransactWriteCommand, options?: SendOptions): Promise<Sdk.TransactWriteCommandOutput>;
}
