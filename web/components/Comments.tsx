import { For, Show } from "solid-js";
import type { PublicComment } from "../../functions/core/participation/public";
import { formatDateTime, formatNumber } from "../format";
import { Island } from "../island";

/**
 * "Các ý kiến của bạn đọc": the approved comments the item's published view carries (copied there
 * on approval, so the page needs no read of its own; functions/core/participation/comments.ts),
 * oldest first, and the form that sends a new one to `POST /api/<kind>/:id/comments`
 * (functions/http/staff/participation.ts). Comments are text: Solid escapes them, links stay
 * plain text, `white-space: pre-line` keeps their line breaks. The list is static HTML; only the
 * form (CommentForm.tsx) is an island, so the comments are never shipped again as JSON.
 */
export function Comments(props: { kind: string; itemId: string; comments?: PublicComment[]; count?: number }) {
  const comments = () => props.comments ?? [];
  const count = () => Math.max(props.count ?? 0, comments().length);
  return (
    <section class="reader-comments" aria-labelledby="y-kien-ban-doc">
      <h2 id="y-kien-ban-doc">Các ý kiến của bạn đọc ({formatNumber(count())})</h2>
      <Show when={comments().length > 0} fallback={<p class="reader-comments__none">Chưa có ý kiến nào được đăng. Mời bạn gửi ý kiến đầu tiên.</p>}>
        <ol class="reader-comments__list">
          <For each={comments()}>
            {(comment) => (
              <li class="reader-comment">
                <p class="reader-comment__meta">
                  <strong>{comment.name}</strong> · <time datetime={comment.at}>{formatDateTime(comment.at)}</time>
                </p>
                <p class="reader-comment__text">{comment.content}</p>
                <Show when={comment.reply}>
                  {(reply) => (
                    <div class="reader-comment__reply">
                      <p class="reader-comment__meta"><strong>Ban Biên tập trả lời:</strong></p>
                      <p class="reader-comment__text">{reply()}</p>
                    </div>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Island name="comment-form" props={{ kind: props.kind, itemId: props.itemId }} />
    </section>
  );
}
