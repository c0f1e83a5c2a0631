/**
 * Moderation of readers' comments (`/quan-tri/binh-luan`), for the editorial boards: the comments
 * of the sections the user is board for (`GET /api/comments?status=&section=`), pending ones oldest
 * first; approve with an optional reply shown under the comment on the page, or reject with a
 * required reason (`POST /api/comments/:id/approve|reject`). The server checks the board's rights
 * on the item's section; this screen only asks.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { api, messageOf } from "../api";
import { formatDateTime } from "../format";
import { isBoardFor } from "../permissions";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import type { ReaderComment } from "../types";

const STATUS_LABELS = { pending: "Chờ duyệt", approved: "Đã duyệt", rejected: "Không duyệt" } as const;
type Status = keyof typeof STATUS_LABELS;
const KIND_LABELS: Record<string, string> = { articles: "Bài viết", documents: "Văn bản", galleries: "Phóng sự ảnh", videos: "Video" };

function Decision(props: { comment: ReaderComment; onDone: (message: string) => void }) {
  const [reply, setReply] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [reasonError, setReasonError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const id = () => props.comment.id;

  const decide = async (action: "approve" | "reject") => {
    setError(undefined);
    setReasonError(undefined);
    if (action === "reject" && !reason().trim()) {
      setReasonError("Hãy nêu lý do không duyệt.");
      document.getElementById(`ly-do-${id()}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/comments/${encodeURIComponent(id())}/${action}`, action === "approve" ? { reply: reply() } : { reason: reason() });
      props.onDone(action === "approve" ? `Đã duyệt ý kiến của ${props.comment.name}.` : `Đã không duyệt ý kiến của ${props.comment.name}.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="comment-decision">
      <div class="field">
        <label for={`tra-loi-${id()}`}>Trả lời của Ban Biên tập (không bắt buộc, hiển thị dưới ý kiến)</label>
        <textarea id={`tra-loi-${id()}`} rows={2} maxLength={2000} value={reply()} onInput={(e) => setReply(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`ly-do-${id()}`}>Lý do không duyệt (bắt buộc khi không duyệt)</label>
        <textarea id={`ly-do-${id()}`} rows={2} maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)}
          aria-invalid={reasonError() ? "true" : undefined} aria-describedby={reasonError() ? `ly-do-${id()}-loi` : undefined} />
        <Show when={reasonError()}>{(message) => <p id={`ly-do-${id()}-loi`} class="field__error">{message()}</p>}</Show>
      </div>
      <Show when={error()}>{(message) => <p class="field__error" role="alert">{message()}</p>}</Show>
      <div class="actions">
        <button type="button" class="button button--primary" disabled={busy()} onClick={() => decide("approve")}>Duyệt</button>
        <button type="button" class="button button--danger" disabled={busy()} onClick={() => decide("reject")}>Không duyệt</button>
      </div>
    </div>
  );
}

export default function CommentsScreen() {
  const [status, setStatus] = createSignal<Status>("pending");
  const [section, setSection] = createSignal("");
  const [notice, setNotice] = createSignal("");
  const [list, { refetch }] = createResource(
    () => ({ status: status(), section: section() }),
    (query) => api.get<{ items: ReaderComment[] }>("/api/comments", { query: { status: query.status, section: query.section || undefined } }),
  );
  const mySections = () => {
    const user = session.user();
    return user ? sections.list().filter((s) => isBoardFor(user, s.id)) : [];
  };
  const done = (message: string) => {
    setNotice(message);
    void refetch();
  };

  return (
    <section aria-labelledby="binh-luan-tieu-de">
      <div class="screen-head">
        <h1 id="binh-luan-tieu-de">Bình luận của bạn đọc</h1>
      </div>
      <div class="panel comment-filters">
        <div class="field field--inline">
          <label for="bl-trang-thai">Trạng thái</label>
          <select id="bl-trang-thai" value={status()} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
            <For each={Object.entries(STATUS_LABELS)}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select>
        </div>
        <div class="field field--inline">
          <label for="bl-chuyen-muc">Chuyên mục</label>
          <select id="bl-chuyen-muc" value={section()} onChange={(e) => setSection(e.currentTarget.value)}>
            <option value="">Mọi chuyên mục tôi phụ trách</option>
            <For each={mySections()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </div>
      </div>
      <p class="status-line" role="status">{notice()}</p>
      <Show when={list.error}>{(failure) => <p class="alert alert--error" role="alert">{messageOf(failure())}</p>}</Show>
      <Show when={list()} fallback={<p class="loading">Đang tải…</p>}>
        {(data) => (
          <Show when={data().items.length > 0} fallback={<p>Không có ý kiến nào {STATUS_LABELS[status()].toLowerCase()}.</p>}>
            <ol class="comment-queue">
              <For each={data().items}>
                {(comment) => (
                  <li class="panel comment-queue__item">
                    <p class="comment-queue__item-title">
                      {KIND_LABELS[comment.kind] ?? comment.kind}: <a href={comment.url} target="_blank" rel="noopener">{comment.title}</a> · {sections.name(comment.sectionId)}
                    </p>
                    <p class="comment-queue__meta">
                      <strong>{comment.name}</strong>
                      <Show when={comment.email}>{(email) => <> ({email()})</>}</Show> · {formatDateTime(comment.receivedAt)}
                    </p>
                    <p class="comment-queue__text">{comment.content}</p>
                    <Show when={comment.reply}>{(reply) => <p class="comment-queue__reply">Trả lời: {reply()}</p>}</Show>
                    <Show when={comment.reason}>{(reason) => <p class="comment-queue__reply">Lý do không duyệt: {reason()}</p>}</Show>
                    <Show when={comment.decidedBy}>
                      {(by) => <p class="field__hint">{STATUS_LABELS[comment.status]} bởi {by().name}{comment.decidedAt ? ` lúc ${formatDateTime(comment.decidedAt)}` : ""}</p>}
                    </Show>
                    <Show when={comment.status === "pending"}>
                      <Decision comment={comment} onDone={done} />
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  );
}
