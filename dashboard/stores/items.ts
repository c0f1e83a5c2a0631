/**
 * Any content kind through the workflow API, the same for every kind (docs/architecture.md
 * "Contract": `/api/<kind>`): the editor's detail, create, saves (PATCH with the version read: a
 * 409 reaches the screen with `currentVersion`) and the workflow commands. The articles' own store
 * (stores/articles.ts) stays as it is; the screens of documents, schedules, consultations, galleries
 * and videos use this one. The server decides every rule.
 */
import { api } from "../api";
import type { KindName } from "../kinds";
import type { Command } from "./articles";
import type { BaseContent, Item } from "../types";

export type { Command };

export interface KindStore<C extends BaseContent> {
  get(id: string): Promise<Item<C>>;
  create(input: Record<string, unknown>): Promise<Item<C>>;
  update(id: string, version: number, input: Record<string, unknown>): Promise<Item<C>>;
  command(id: string, command: Command, body: { version: number; reason?: string; at?: string }): Promise<Item<C>>;
}

export function kindStore<C extends BaseContent>(kind: KindName): KindStore<C> {
  const path = (id?: string) => (id ? `/api/${kind}/${encodeURIComponent(id)}` : `/api/${kind}`);
  return {
    get: (id) => api.get<Item<C>>(path(id)),
    create: (input) => api.post<Item<C>>(path(), input),
    update: (id, version, input) => api.patch<Item<C>>(path(id), { version, ...input }),
    command: (id, command, body) => api.post<Item<C>>(`${path(id)}/${command}`, body),
  };
}
