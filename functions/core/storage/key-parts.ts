/**
 * The pieces every key module builds with (keys.ts, feature-keys.ts): the key shapes and the sort-key
 * conventions. Kept apart so the key modules import them without importing each other.
 */

/** Primary key of one item: what GetItem, UpdateItem, DeleteItem and BatchGet take. */
export interface Key {
  pk: string;
  sk: string;
}

/** Every key attribute an item is stored with: its primary key and the index keys that list it. */
export type ItemKeys = Key & { gsi1pk?: string; gsi1sk?: string; gsi2pk?: string; gsi2sk?: string };

/** Bounds of a sort key for `BETWEEN :from AND :to` (both inclusive). */
export interface SortRange {
  from: string;
  to: string;
}

/** Sorts after every id, digit, letter and "#": the inclusive upper end of everything under a prefix. */
export const LAST = "~";
/** Sorts before every instant and date (a key condition cannot compare with ""). */
export const FIRST = "0";

/** `<instant>#<id>`: time order, and items of the same instant kept apart. */
export const timeSort = (at: string, id: string) => `${at}#${id}`;
