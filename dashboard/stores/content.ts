/**
 * Every content kind's work lists and workflow commands through the generic API
 * (`/api/<kind>`, docs/architecture.md "Contract"): "Bài của tôi", "Chờ duyệt", "Đã lên lịch",
 * "Đã đăng" of one kind, with the server's optional filters. The articles' editor keeps its own
 * store (stores/articles.ts), which uses this one for its lists.
 */
import { api, type Page } from "../api";
import type { KindName } from "../kinds";
import type { ListItem } from "../types";

export type WorkView = "mine" | "queue" | "scheduled" | "published";

/** The list filters the server applies (functions/core/publishing/lists.ts); empty means any. */
export interface ListFilters {
  section?: string;
  status?: string;
  author?: string;
  q?: string;
}

const collection = (kind: KindName) => `/api/${kind}`;

/**
 * A schedule time handed from the workflow buttons to the command that carries it: the editors
 * call `command(id, name, { version, reason })` (their own code), so the time chosen in
 * components/Workflow.tsx travels here rather than through every editor's signature.
 */

export const content = {
  list: (kind: KindName, view: WorkView, options: { cursor?: string; filters?: ListFilters } = {}) =>
    api.get<Page<ListItem>>(collection(kind), { query: { view, cursor: options.cursor, ...options.filters } }),
  command: <T>(kind: KindName, id: string, command: string, body: { version: number; reason?: string; at?: string }) =>
    api.post<T>(`${collection(kind)}/${encodeURIComponent(id)}/${command}`, body),
};
