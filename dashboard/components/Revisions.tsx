/**
 * An item's revisions: the list (20 a page, "Xem thêm" for older ones), two revisions side by side
 * (the server's compare), a revision against the text on screen (diffed here), and restore with a
 * confirmation (a new revision is made; nothing in the history is lost). A lazy chunk: the word
 * diff (editor/diff.ts) loads only when the history is opened.
 */
import { createSignal, For, onMount, Show } from "solid-js";
import { ApiError, messageOf } from "../api";
import { diffTexts, textOfHtml } from "../editor/diff";
import { formatDateTime } from "../format";
import { revisions, type Revision, type RevisionCompare, type RevisionSummary } from "../stores/revisions";
import type { Article } from "../types";
import { DiffView, type DiffRow } from "./DiffView";

export interface RevisionsProps {
  kind: string;
  item: Article;
  /** The text on screen (may be unsaved). */
  current: { title: string; summary: string; body: string; byline: string };
  dirty: boolean;
  onRestored: (item: Article) => void;
}

const FIELD_LABELS: Record<string, string> = {
  title: "Tiêu đề", summary: "Sapo (tóm tắt)", body: "Nội dung", byline: "Bút danh tác giả", sectionId: "Chuyên mục",
  kind: "Loại bài", sourceName: "Tên nguồn", sourceUrl: "Địa chỉ nguồn", featuredImage: "Ảnh đại diện", tags: "Từ khóa", image: "Ảnh (cũ)",
};

export function noteLabel(note: string): string {
  if (note === "create") return "Tạo mới";
  if (note === "edit") return "Sửa";
  if (note === "import") return "Nhập từ dữ liệu cũ";
  const restored = /^restore:(\d+)$/.exec(note);
  return restored ? `Khôi phục từ phiên bản ${restored[1]}` : note;
}

const shown = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && value && "alt" in value) return `Ảnh: ${String((value as { alt: unknown }).alt ?? "")}`;
  return Array.isArray(value) ? value.join(", ") : JSON.stringify(value);
};

interface Shown {
  before: string;
  after: string;
  rows: DiffRow[];
  notice?: string;
}

export default function Revisions(props: RevisionsProps) {
  let confirm!: HTMLDialogElement;
  const [items, setItems] = createSignal<RevisionSummary[]>([]);
  const [next, setNext] = createSignal<string>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [diff, setDiff] = createSignal<Shown>();
  const [a, setA] = createSignal<number>();
  const [b, setB] = createSignal<number>();
  const [restoring, setRestoring] = createSignal<number>();
  const [busy, setBusy] = createSignal(false);

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await revisions.list(props.kind, props.item.id, cursor);
      setItems((current) => [...(cursor ? current : []), ...page.items]);
      setNext(page.next);
      if (!cursor && page.items.length) {
        setB(page.items[0]!.number);
        setA(page.items[1]?.number ?? page.items[0]!.number);
      }
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void load());

  const label = (revision: Pick<Revision, "number" | "at" | "by">) => `Phiên bản ${revision.number} (${formatDateTime(revision.at)}, ${revision.by.name})`;

  const compare = async (first: number, second: number) => {
    setError(undefined);
    try {
      const [older, newer] = first <= second ? [first, second] : [second, first];
      const result: RevisionCompare = await revisions.compare(props.kind, props.item.id, older, newer);
      const rows: DiffRow[] = result.fields.map((field) => ({ label: FIELD_LABELS[field.field] ?? field.field, before: shown(field.before), after: shown(field.after) }));
      rows.push({ label: "Nội dung", parts: result.body });
      setDiff({ before: label(result.a), after: label(result.b), rows, notice: result.notice });
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const compareWithScreen = async (number: number) => {
    setError(undefined);
    try {
      const revision = await revisions.get(props.kind, props.item.id, number);
      const field = (name: "title" | "summary" | "byline"): DiffRow => ({ label: FIELD_LABELS[name]!, parts: diffTexts(shown(revision[name]), props.current[name]) });
      const rows = [field("title"), field("summary"), field("byline"), { label: "Nội dung", parts: diffTexts(textOfHtml(shown(revision.body)), textOfHtml(props.current.body)) }];
      setDiff({ before: label(revision), after: props.dirty ? "Nội dung đang soạn (chưa lưu)" : "Nội dung hiện tại", rows });
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const askRestore = (number: number) => {
    setRestoring(number);
    confirm.showModal();
  };
  const restore = async () => {
    const number = restoring();
    if (number === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const item = await revisions.restore(props.kind, props.item.id, number, props.item.version);
      confirm.close();
      props.onRestored(item);
      setDiff(undefined);
      await load();
    } catch (caught) {
      confirm.close();
      setError(caught instanceof ApiError && caught.conflict ? "Bài viết vừa được người khác lưu; hãy tải lại trang rồi khôi phục lại." : messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Lịch sử phiên bản</h2>
      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={items().length} fallback={<p role="status">{loading() ? "Đang tải lịch sử…" : "Chưa có phiên bản nào."}</p>}>
        <table class="table">
          <caption class="visually-hidden">Các phiên bản đã lưu, mới nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Người lưu</th>
              <th scope="col">Thao tác</th>
              <th scope="col">Tiêu đề</th>
              <th scope="col">
                <span class="visually-hidden">Hành động</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(revision) => (
                <tr>
                  <th scope="row">{revision.number}</th>
                  <td>{formatDateTime(revision.at)}</td>
                  <td>{revision.by.name}</td>
                  <td>{noteLabel(revision.note)}</td>
                  <td>{revision.title ?? ""}</td>
                  <td class="revisions__actions">
                    <button type="button" class="button button--quiet" onClick={() => void compareWithScreen(revision.number)} aria-label={`So sánh phiên bản ${revision.number} với nội dung đang soạn`}>
                      So với bản đang soạn
                    </button>
                    <Show when={revision.number !== props.item.revision}>
                      <button type="button" class="button button--quiet" onClick={() => askRestore(revision.number)} aria-label={`Khôi phục phiên bản ${revision.number}`}>
                        Khôi phục
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={next()}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
            Xem thêm phiên bản cũ hơn
          </button>
        </Show>
        <Show when={items().length > 1}>
          <form
            class="field--inline revisions__pick"
            onSubmit={(event) => {
              event.preventDefault();
              if (a() !== undefined && b() !== undefined) void compare(a()!, b()!);
            }}
          >
            <label for="revision-a">So sánh phiên bản</label>
            <select id="revision-a" value={a()} onChange={(event) => setA(Number(event.currentTarget.value))}>
              <For each={items()}>{(revision) => <option value={revision.number}>{revision.number}</option>}</For>
            </select>
            <label for="revision-b">với phiên bản</label>
            <select id="revision-b" value={b()} onChange={(event) => setB(Number(event.currentTarget.value))}>
              <For each={items()}>{(revision) => <option value={revision.number}>{revision.number}</option>}</For>
            </select>
            <button type="submit" class="button">
              So sánh
            </button>
          </form>
        </Show>
      </Show>
      <Show when={diff()}>
        {(current) => (
          <div class="revisions__diff" role="region" aria-label="Kết quả so sánh phiên bản">
            <DiffView id="revision-diff" beforeLabel={current().before} afterLabel={current().after} rows={current().rows} notice={current().notice} />
            <button type="button" class="button button--quiet" onClick={() => setDiff(undefined)}>
              Đóng kết quả so sánh
            </button>
          </div>
        )}
      </Show>
      <dialog ref={confirm} class="dialog" aria-labelledby="restore-title" aria-describedby="restore-text">
        <h2 id="restore-title">Khôi phục phiên bản {restoring()}?</h2>
        <p id="restore-text">
          Nội dung bài sẽ được thay bằng nội dung của phiên bản {restoring()}. Một phiên bản mới được tạo, bản hiện tại vẫn còn trong lịch sử.
          {props.dirty ? " Những thay đổi chưa lưu trên màn hình sẽ bị bỏ." : ""}
        </p>
        <div class="actions">
          <button type="button" class="button button--primary" disabled={busy()} onClick={() => void restore()}>
            Khôi phục
          </button>
          <button type="button" class="button" disabled={busy()} onClick={() => confirm.close()}>
            Hủy
          </button>
        </div>
      </dialog>
    </section>
  );
}
