/**
 * The board's view of the comments on a draft (`GET /api/consultations/:id/comments`, oldest
 * first, paged): each comment with its receipt, sender and time, a toggle that shows it on the
 * public page or hides it (`PATCH …/comments/:receipt { published }`), and the CSV export
 * (`?format=csv`, a plain download link).
 */
import { createSignal, For, onMount, Show } from "solid-js";
import { api, messageOf, type Page } from "../api";
import { formatDateTime } from "../format";

export interface BoardComment {
  receipt: string;
  name: string;
  email?: string;
  phone?: string;
  organization?: string;
  content: string;
  receivedAt: string;
  published: boolean;
}

export function ConsultationComments(props: { id: string }) {
  const path = `/api/consultations/${encodeURIComponent(props.id)}/comments`;
  const [items, setItems] = createSignal<BoardComment[]>([]);
  const [next, setNext] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const [status, setStatus] = createSignal("");
  const [busy, setBusy] = createSignal<string>();

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.get<Page<BoardComment>>(path, { query: { cursor } });
      setItems((current) => (cursor ? [...current, ...page.items] : page.items));
      setNext(page.next);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void load());

  const toggle = async (comment: BoardComment) => {
    setBusy(comment.receipt);
    setError(undefined);
    try {
      const changed = await api.patch<BoardComment>(`${path}/${encodeURIComponent(comment.receipt)}`, { published: !comment.published });
      setItems((all) => all.map((one) => (one.receipt === comment.receipt ? { ...one, published: changed.published } : one)));
      setStatus(changed.published ? `Đã đăng công khai góp ý ${comment.receipt}.` : `Đã ẩn góp ý ${comment.receipt} khỏi trang công khai.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Góp ý đã nhận</h2>
      <p>
        <a href={`${path}?format=csv`} download="">
          Tải danh sách góp ý (CSV)
        </a>
      </p>
      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <p class="visually-hidden" role="status">
        {status()}
      </p>
      <Show when={items().length} fallback={<p>{loading() ? "Đang tải góp ý…" : "Chưa có góp ý nào."}</p>}>
        <table class="table comment-list">
          <thead>
            <tr>
              <th scope="col">Số phiếu</th>
              <th scope="col">Người góp ý</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Công khai</th>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(comment) => (
                <tr>
                  <th scope="row">
                    {comment.receipt}
                    <br />
                    <span class="field__hint">{formatDateTime(comment.receivedAt)}</span>
                  </th>
                  <td>
                    {comment.name}
                    <Show when={comment.organization}>
                      <br />
                      {comment.organization}
                    </Show>
                    <Show when={comment.email || comment.phone}>
                      <br />
                      <span class="field__hint">{[comment.email, comment.phone].filter(Boolean).join(" · ")}</span>
                    </Show>
                  </td>
                  <td style={{ "white-space": "pre-line" }}>{comment.content}</td>
                  <td>
                    <button type="button" class="button button--small" aria-pressed={comment.published ? "true" : "false"} disabled={busy() === comment.receipt} onClick={() => void toggle(comment)}>
                      Công khai<span class="visually-hidden"> góp ý {comment.receipt}</span>
                    </button>
                    <span class="field__hint"> {comment.published ? "Đang hiện trên trang" : "Chưa hiện"}</span>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={next()}>
        <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
          Xem thêm góp ý
        </button>
      </Show>
    </section>
  );
}
