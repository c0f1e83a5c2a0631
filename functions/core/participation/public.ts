/**
 * What readers see of participation, shared by the server (participation/*.ts) and the pages
 * (web/components/Comments.tsx, RatingForm.tsx): types only, so the reader bundle imports nothing
 * of the editor's libraries from here.
 */

/** An approved comment as the item's published view carries it (`readerComments`): no e-mail. */
export interface PublicComment {
  id: string;
  name: string;
  content: string;
  /** When it was received (ISO). */
  at: string;
  /** The editorial board's answer, shown under it. */
  reply?: string;
}

/** The attributes approval adds to a published view (participation/comments.ts). */
export interface WithReaderComments {
  readerComments?: PublicComment[];
  commentCount?: number;
}

/** Kinds rated by readers, as `POST /api/ratings` names them. */
export const RATING_KINDS = ["articles", "documents", "schedules", "consultations", "galleries", "videos"] as const;
export type RatingKind = (typeof RATING_KINDS)[number];
export const RATING_COMMENT_MAX = 500;
