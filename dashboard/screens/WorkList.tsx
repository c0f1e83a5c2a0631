/**
 * The work lists of articles: "Bài của tôi" (my items, newest first, the return reason on those
 * sent back) and, for the editorial board, "Chờ duyệt" (the review queue of my sections, oldest
 * first). `GET /api/articles?view=mine|queue` (core/publishing/lists.ts).
 */
import { createSignal, For, onMount, Show } from "solid-js";
import { messageOf } from "../api";
import { formatDateTime } from "../format";
import { reviews } from "../permissions";
import { BASE, Link } from "../router";
import { articles, type WorkView } from "../stores/articles";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import { STATUS_LABELS, type ListItem } from "../types";

function WorkTable(props: { view: WorkView; heading: string; id: string; empty: string }) {
  const [items, setItems] = createSignal<ListItem[]>([]);
  const [next, setNext] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await articles.list(props.view, cursor);
      setItems((current) => (cursor ? [...current, ...page.items] : page.items));
      setNext(page.next);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void load());

  return (
    <section class="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={!loading() || items().length} fallback={<p role="status">Đang tải danh sách…</p>}>
        <Show when={items().length} fallback={<p>{props.empty}</p>}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Chuyên mục</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">{props.view === "queue" ? "Người viết" : "Cập nhật"}</th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(item) => (
                  <tr>
                    <th scope="row">
                      <Link href={`${BASE}/bai-viet/${encodeURIComponent(item.id)}`}>{item.title || "(Chưa có tiêu đề)"}</Link>
                      <Show when={item.status === "returned" && item.returnReason}>
                        <p class="table__note">Lý do trả lại: {item.returnReason}</p>
                      </Show>
                    </th>
                    <td>{sections.name(item.sectionId)}</td>
                    <td>
                      <span class={`badge badge--${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</span>
                    </td>
                    <td>
                      {props.view === "queue"
                        ? `${item.author.name}${item.submittedAt ? `, gửi ${formatDateTime(item.submittedAt)}` : ""}`
                        : formatDateTime(item.updatedAt)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
      <Show when={next()}>
        <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
          Xem thêm
        </button>
      </Show>
    </section>
  );
}

export default function WorkList() {
  document.title = "Bài viết — Quản trị nội dung";
  return (
    <>
      <div class="screen-head">
        <h1 tabindex="-1">Bài viết</h1>
        <Link class="button button--primary" href={`${BASE}/bai-viet/moi`}>
          Viết bài mới
        </Link>
      </div>
      <WorkTable view="mine" id="mine-title" heading="Bài của tôi" empty="Bạn chưa có bài viết nào." />
      <Show when={reviews(session.user()!)}>
        <WorkTable view="queue" id="queue-title" heading="Chờ duyệt" empty="Không có bài nào chờ duyệt trong các chuyên mục của bạn." />
      </Show>
    </>
  );
}
