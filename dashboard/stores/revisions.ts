/**
 * An item's revisions through the workflow API (docs/architecture.md, "Contract"): pages of the
 * list (newest first, without content), one revision with its content, the server's compare of
 * two revisions (its word diff, so the dashboard need not diff what the server already can), and
 * restore with the version read (a 409 reaches the screen as any other stale save).
 */
import { api, type Page } from "../api";
import type { Article } from "../types";
import type { DiffPart, RevisionSummary } from "../../functions/core/publishing/revisions";
import type { Revision } from "../../functions/core/publishing/kind";

export type { DiffPart, Revision, RevisionSummary };

/** `GET /api/<kind>/:id/revisions/compare?a=&b=`. */
export interface RevisionCompare {
  a: Pick<Revision, "number" | "at" | "by">;
  b: Pick<Revision, "number" | "at" | "by">;
  fields: { field: string; before: unknown; after: unknown }[];
  body: DiffPart[];
  truncated?: boolean;
  notice?: string;
}

const base = (kind: string, id: string) => `/api/${kind}/${encodeURIComponent(id)}/revisions`;

export const revisions = {
  list: (kind: string, id: string, cursor?: string, limit = 20) => api.get<Page<RevisionSummary>>(base(kind, id), { query: { cursor, limit } }),
  get: (kind: string, id: string, number: number) => api.get<Revision>(`${base(kind, id)}/${number}`),
  compare: (kind: string, id: string, a: number, b: number) => api.get<RevisionCompare>(`${base(kind, id)}/compare`, { query: { a, b } }),
  restore: (kind: string, id: string, number: number, version: number) => api.post<Article>(`${base(kind, id)}/${number}/restore`, { version }),
};
