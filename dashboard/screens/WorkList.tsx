/**
 * The work lists of every content kind: "Bài của tôi" (my items, newest first, the return reason
 * on those sent back), "Chờ duyệt" (the review queue of my sections, oldest first), "Đã lên lịch"
 * (scheduled, due first) and "Đã đăng" (published, newest first), each from
 * `GET /api/<kind>?view=…` (core/publishing/lists.ts) with its filters (section, status, author,
 * title) applied by the server, so a long list is filtered beyond its first page. "All kinds"
 * asks each kind and merges the answers. `?loai=<kind>` preselects the kind.
 */
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { messageOf } from "../api";
import { formatDateTime } from "../format";
import { editPath, KINDS, kindByName, type KindName } from "../kinds";
import { creates, reviews } from "../permissions";
import { Link } from "../router";
import { content, type ListFilters, type WorkView } from "../stores/content";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import { STATUS_LABELS, type ListItem } from "../types";

const VIEWS: { view: WorkView; label: string; empty: string; board?: boolean }[] = [
  { view: "mine", label: "Bài của tôi", empty: "Bạn chưa có nội dung nào ở đây." },
  { view: "queue", label: "Chờ duyệt", empty: "Không có nội dung nào chờ duyệt trong các chuyên mục của bạn.", board: true },
  { view: "scheduled", label: "Đã lên lịch", empty: "Không có nội dung nào đang hẹn giờ đăng." },
  { view: "published", label: "Đã đăng", empty: "Chưa có nội dung nào được đăng." },
];

/** The time a list is ordered by, and its column's heading. */
const TIME: Record<WorkView, { heading: string; of: (item: ListItem) => string | undefined; ascending?: boolean }> = {
  mine: { heading: "Cập nhật", of: (item) => item.updatedAt },
  queue: { heading: "Gửi duyệt lúc", of: (item) => item.submittedAt, ascending: true },
  scheduled: { heading: "Hẹn đăng lúc", of: (item) => item.scheduledAt, ascending: true },
  published: { heading: "Ngày đăng", of: (item) => item.publishedAt },
};

function initialKind(): KindName | "" {
  const wanted = new URLSearchParams(location.search).get("loai") ?? "";
  return kindByName(wanted) ? (wanted as KindName) : "";
}

export default function WorkList() {
  document.title = "Công việc biên tập — Quản trị nội dung";
  const user = () => session.user()!;
  // The board opens on its review queue, writers on their own items.
  const [view, setView] = createSignal<WorkView>(reviews(user()) ? "queue" : "mine");
  const [kind, setKind] = createSignal<KindName | "">(initialKind());
  const [filters, setFilters] = createSignal<ListFilters>({});
  const [draft, setDraft] = createSignal<ListFilters>({});
  const [items, setItems] = createSignal<ListItem[]>([]);
  /** The next cursor of each kind still holding more. */
  const [next, setNext] = createSignal<Partial<Record<KindName, string>>>({});
  const [error, setError] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);
  let generation = 0;

  const kindsAsked = (): KindName[] => (kind() ? [kind() as KindName] : KINDS.map((entry) => entry.name));

  const load = async (more: boolean) => {
    const mine = ++generation;
    setLoading(true);
    setError(undefined);
    const asked = more ? (Object.keys(next()) as KindName[]) : kindsAsked();
    try {
      const pages = await Promise.all(asked.map((name) => content.list(name, view(), { cursor: more ? next()[name] : undefined, filters: filters() })));
      if (mine !== generation) return;
      const cursors: Partial<Record<KindName, string>> = {};
      pages.forEach((page, i) => page.next && (cursors[asked[i]!] = page.next));
      const time = TIME[view()];
      const merged = [...(more ? items() : []), ...pages.flatMap((page) => page.items)].sort((a, b) => {
        const order = (time.of(a) ?? "").localeCompare(time.of(b) ?? "");
        return time.ascending ? order : -order;
      });
      setItems(merged);
      setNext(cursors);
    } catch (caught) {
      if (mine === generation) setError(messageOf(caught));
    } finally {
      if (mine === generation) setLoading(false);
    }
  };
  createEffect(on([view, kind, filters], () => void load(false)));

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setFilters(Object.fromEntries(Object.entries(draft()).filter(([, value]) => value && value.trim())));
  };
  const reset = () => {
    setDraft({});
    setFilters({});
    setKind("");
  };
  const field = (name: keyof ListFilters) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft(), [name]: event.currentTarget.value });
  const shownViews = () => VIEWS.filter((entry) => !entry.board || reviews(user()));
  const current = () => VIEWS.find((entry) => entry.view === view())!;

  return (
    <>
      <div class="screen-head">
        <h1 tabindex="-1">Công việc biên tập</h1>
      </div>
      <Show when={creates(user(), sections.list())}>
        <nav class="panel create-links" aria-labelledby="create-title">
          <h2 id="create-title">Tạo mới</h2>
          <ul class="actions">
            <For each={KINDS}>
              {(entry) => (
                <li>
                  <Link class="button" href={editPath(entry.name)}>
                    {entry.newLabel}
                  </Link>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </Show>

      <div class="actions work-views" role="group" aria-label="Danh sách">
        <For each={shownViews()}>
          {(entry) => (
            <button type="button" class="button" aria-pressed={view() === entry.view ? "true" : "false"} onClick={() => setView(entry.view)}>
              {entry.label}
            </button>
          )}
        </For>
      </div>

      <form class="panel form work-filters" onSubmit={apply} aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">
          Lọc danh sách
        </h2>
        <div class="field">
          <label for="filter-kind">Loại nội dung</label>
          <select id="filter-kind" value={kind()} onChange={(event) => setKind(event.currentTarget.value as KindName | "")}>
            <option value="">Tất cả</option>
            <For each={KINDS}>{(entry) => <option value={entry.name}>{entry.label}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="filter-section">Chuyên mục</label>
          <select id="filter-section" value={draft().section ?? ""} onChange={field("section")}>
            <option value="">Tất cả</option>
            <For each={sections.list()}>{(section) => <option value={section.id}>{section.name}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="filter-status">Trạng thái</label>
          <select id="filter-status" value={draft().status ?? ""} onChange={field("status")}>
            <option value="">Tất cả</option>
            <For each={Object.entries(STATUS_LABELS)}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="filter-author">Người viết</label>
          <input id="filter-author" type="search" value={draft().author ?? ""} onInput={field("author")} />
        </div>
        <div class="field">
          <label for="filter-q">Tìm theo tiêu đề</label>
          <input id="filter-q" type="search" value={draft().q ?? ""} onInput={field("q")} />
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">
            Lọc
          </button>
          <button type="button" class="button button--quiet" onClick={reset}>
            Bỏ lọc
          </button>
        </div>
      </form>

      <section class="panel" aria-labelledby="list-title" aria-busy={loading() ? "true" : "false"}>
        <h2 id="list-title">{current().label}</h2>
        <Show when={error()}>
          <p class="alert alert--error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={!loading() || items().length} fallback={<p role="status">Đang tải danh sách…</p>}>
          <Show when={items().length} fallback={<p>{Object.keys(filters()).length || kind() ? "Không có nội dung nào khớp bộ lọc." : current().empty}</p>}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Tiêu đề</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Chuyên mục</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Người viết</th>
                  <th scope="col">{TIME[view()].heading}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(item) => (
                    <tr>
                      <th scope="row">
                        <Link href={editPath(item.contentKind as KindName, item.id)}>{item.title || "(Chưa có tiêu đề)"}</Link>
                        <Show when={item.status === "returned" && item.returnReason}>
                          <p class="table__note">Lý do trả lại: {item.returnReason}</p>
                        </Show>
                      </th>
                      <td>{kindByName(item.contentKind)?.label ?? item.contentKind}</td>
                      <td>{sections.name(item.sectionId)}</td>
                      <td>
                        <span class={`badge badge--${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</span>
                      </td>
                      <td>{item.author?.name ?? ""}</td>
                      <td>
                        {TIME[view()].of(item) ? formatDateTime(TIME[view()].of(item)!) : ""}
                        <Show when={view() === "published" && item.approvedBy}>
                          <span class="muted">, duyệt: {item.approvedBy!.name}</span>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
        <Show when={Object.keys(next()).length}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(true)}>
            Xem thêm
          </button>
        </Show>
      </section>
    </>
  );
}
