/**
 * What every kind's editor screen shares (documents, schedules, consultations, galleries, videos;
 * the article editor has its own, with autosave and a compare view): loading the working copy,
 * the form, saving (create, or PATCH with the version read), the workflow commands, and how
 * failures keep the text on screen:
 * - a 409 on a stale version keeps the form as it is and offers "overwrite with mine" (saved with
 *   the server's current version, by choice) or "open the newest" (mine stays restorable);
 * - a 409 on a unique value (a document's number + issuer + year, a schedule's owner + week) and
 *   every 400 show the server's message on the field it names (`fields`);
 * - a 401 signs in again over the screen (api.ts) and the save goes on with the same text.
 */
import { createSignal, onCleanup, onMount, Show, type JSX } from "solid-js";
import { createStore, unwrap, type SetStoreFunction } from "solid-js/store";
import { Urls } from "../../functions/core/shared/urls";
import { ApiError, messageOf } from "../api";
import { formatDateTime } from "../format";
import { editPath, kindByName, type KindName } from "../kinds";
import { BASE, guardLeaving, Link, navigate } from "../router";
import { kindStore, type Command } from "../stores/items";
import { STATUS_LABELS, type Article, type BaseContent, type Item, type MediaRecord } from "../types";
import { thumbnail } from "./MediaDetails";
import { MediaPicker } from "./MediaPicker";
import { Workflow } from "./Workflow";

export type Featured = { id: string; alt: string; src?: string } | null;

/** The smallest variant of a snapshot (for a thumbnail in the form). */
export const smallest = (image: { variants: { width: number; url: string }[] } | undefined) =>
  image ? [...image.variants].sort((a, b) => a.width - b.width)[0]?.url : undefined;

export const featuredOf = (image: { id: string; alt: string; variants: { width: number; url: string }[] } | undefined): Featured =>
  image ? { id: image.id, alt: image.alt, src: smallest(image) } : null;

/** `featuredImage` for a request: the new id, null to remove, absent when unchanged. */
export const featuredChange = (now: Featured, before: Featured | undefined): { featuredImage?: string | null } =>
  now?.id !== before?.id ? { featuredImage: now?.id ?? null } : {};

/** Where a published item is read, per kind (shared/urls.ts). */
const PUBLIC_URL: Record<KindName, (slug: string) => string> = {
  articles: Urls.article,
  documents: Urls.document,
  schedules: Urls.scheduleWeek,
  consultations: Urls.consultation,
  galleries: Urls.gallery,
  videos: Urls.video,
};

const DONE: Record<Command, string> = { submit: "Đã gửi duyệt.", approve: "Đã duyệt và đăng.", return: "Đã trả lại cho người soạn.", schedule: "Đã hẹn giờ đăng.", unpublish: "Đã gỡ xuống." };

export interface ItemEditorOptions<C extends BaseContent, F extends object> {
  kind: KindName;
  id?: string;
  /** "văn bản", "lịch công tác"… for messages. */
  noun: string;
  empty: () => F;
  formOf: (item: Item<C>) => F;
  /** The request body of a save (`before` is the form as last saved, to send only what changed when that matters). */
  inputOf: (form: F, before: F, creating: boolean) => Record<string, unknown>;
}

export function createItemEditor<C extends BaseContent, F extends object>(options: ItemEditorOptions<C, F>) {
  const store = kindStore<C>(options.kind);
  const [item, setItem] = createSignal<Item<C>>();
  const [form, setForm] = createStore<F>(options.empty());
  const [saved, setSaved] = createSignal(JSON.stringify(options.empty()));
  const [loading, setLoading] = createSignal(Boolean(options.id));
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  /** A 409 on a stale version: the server's current copy; the form still holds my text. */
  const [stale, setStale] = createSignal<Item<C>>();
  /** After "open the newest": my text, restorable. */
  const [discarded, setDiscarded] = createSignal<F>();
  /** Bumped when the form gets a text from elsewhere (loaded, newest taken, mine restored): rich-text editors remount on it. */
  const [generation, setGeneration] = createSignal(0);

  const dirty = () => JSON.stringify(form) !== saved();
  const take = (current: Item<C>) => {
    setItem(() => current);
    setForm(options.formOf(current));
    // Read back from the store: its key order is what `dirty` compares.
    setSaved(JSON.stringify(form));
  };

  onMount(async () => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty()) event.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    onCleanup(() => window.removeEventListener("beforeunload", beforeUnload));
    guardLeaving(() => !dirty() || window.confirm(`${capitalize(options.noun)} có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi đó?`));
    onCleanup(() => guardLeaving(undefined));
    if (!options.id) return;
    try {
      take(await store.get(options.id));
      setGeneration((n) => n + 1);
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    } finally {
      setLoading(false);
    }
  });

  /** Marks the current form as the saved state (a new form filled with defaults is not "unsaved"). */
  const markSaved = () => setSaved(JSON.stringify(form));

  const save = async (version?: number): Promise<boolean> => {
    setBusy(true);
    setNotice(undefined);
    setFields({});
    const snapshot = structuredClone(unwrap(form)) as F;
    const before = JSON.parse(saved()) as F;
    const current = item();
    try {
      const input = options.inputOf(snapshot, before, !current);
      const result = current ? await store.update(current.id, version ?? current.version, input) : await store.create(input);
      setStale(undefined);
      setDiscarded(undefined);
      if (!current) {
        setSaved(JSON.stringify(snapshot));
        navigate(editPath(options.kind, result.id), { replace: true });
        return true;
      }
      take(result);
      setNotice({ kind: "ok", text: `Đã lưu lúc ${formatDateTime(result.updatedAt)}.` });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.conflict && typeof error.details.currentVersion === "number" && current) {
        try {
          setStale(() => undefined);
          const theirs = await store.get(current.id);
          setStale(() => theirs);
        } catch (reload) {
          setNotice({ kind: "error", text: messageOf(reload) });
        }
      } else {
        setNotice({ kind: "error", text: messageOf(error) });
        if (error instanceof ApiError) setFields(error.fields);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const takeTheirs = () => {
    const theirs = stale();
    if (!theirs) return;
    setDiscarded(() => structuredClone(unwrap(form)) as F);
    take(theirs);
    setGeneration((n) => n + 1);
    setStale(undefined);
    setNotice({ kind: "ok", text: "Đã mở bản mới nhất. Nội dung của bạn vẫn có thể hoàn lại." });
  };
  const restoreMine = () => {
    const mine = discarded();
    if (!mine) return;
    setForm(structuredClone(mine));
    setGeneration((n) => n + 1);
    setDiscarded(undefined);
    setNotice(undefined);
  };

  const command = async (name: Command, reason?: string, extra?: { at: string }): Promise<boolean> => {
    if (dirty() && !(await save())) return false;
    const current = item();
    if (!current) return false;
    setBusy(true);
    setNotice(undefined);
    setFields({});
    try {
      const result = await store.command(current.id, name, { version: current.version, ...(reason ? { reason } : {}), ...(extra ? { at: extra.at } : {}) });
      take(result);
      setNotice({ kind: "ok", text: result.status === "scheduled" ? "Đã duyệt, sẽ được đăng theo giờ hẹn." : DONE[name] });
      return true;
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
      if (error instanceof ApiError) setFields(error.fields);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** A copy the server returned from a call of the screen's own (a consultation's summary report): replaces the form, which must be saved. */
  const accept = (current: Item<C>) => take(current);

  const error = (name: string) => fields()[name];
  /** `aria-describedby` for a field: its hint and its error, when shown. */
  const described = (name: string, hint?: boolean) => [hint ? `${name}-hint` : "", error(name) ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;

  return { kind: options.kind, noun: options.noun, item, form, setForm: setForm as SetStoreFunction<F>, loading, busy, notice, setNotice, fields, error, described, dirty, save, command, stale, takeTheirs, discarded, restoreMine, markSaved, generation, accept };
}

export type ItemEditor = ReturnType<typeof createItemEditor<BaseContent, object>>;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The field's error under it (its id is what `described` points at). */
export function FieldError(props: { editor: Pick<ItemEditor, "error">; name: string }) {
  return (
    <Show when={props.editor.error(props.name)}>
      <p id={`${props.name}-error`} class="field__error">
        {props.editor.error(props.name)}
      </p>
    </Show>
  );
}

/** Heading, the way back, status (with the approver and publication time), messages, the 409 choices. */
export function EditorTop(props: { editor: ItemEditor; title: string }) {
  const editor = props.editor;
  const kind = kindByName(editor.kind)!;
  return (
    <>
      <p class="breadcrumb">
        <Link href={BASE}>← Danh sách công việc</Link>
      </p>
      <h1 tabindex="-1">{props.title}</h1>
      <Show when={editor.item()}>
        {(current) => (
          <p class="status-line">
            {kind.label} · Trạng thái: <span class={`badge badge--${current().status}`}>{STATUS_LABELS[current().status]}</span> · Phiên bản {current().version} · Người soạn{" "}
            {current().author.name}
            <Show when={current().approvedBy}> · Người duyệt {current().approvedBy!.name}</Show>
            <Show when={current().live && current().publishedAt}> · Đăng lúc {formatDateTime(current().publishedAt!)}</Show>
            <Show when={current().status === "scheduled" && current().scheduledAt}> · Hẹn đăng lúc {formatDateTime(current().scheduledAt!)}</Show>
            <Show when={current().live}>
              {" · "}
              <a href={PUBLIC_URL[editor.kind](current().slug)}>Xem trên trang</a>
            </Show>
          </p>
        )}
      </Show>
      <Show when={editor.item()?.status === "returned" && editor.item()?.returnReason}>
        <p class="alert alert--warning">Bị trả lại. Lý do: {editor.item()!.returnReason}</p>
      </Show>
      <Show when={editor.notice()}>
        {(shown) => (
          <div class={`alert ${shown().kind === "ok" ? "alert--ok" : "alert--error"}`}>
            <p role={shown().kind === "ok" ? "status" : "alert"}>{shown().text}</p>
            <Show when={editor.discarded()}>
              <button type="button" class="button" onClick={() => editor.restoreMine()}>
                Hoàn lại nội dung của tôi
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={editor.stale()}>
        {(theirs) => (
          <div class="alert alert--error" role="alert">
            <p>
              {capitalize(editor.noun)} vừa được {theirs().updatedBy.name} lưu lúc {formatDateTime(theirs().updatedAt)} (phiên bản {theirs().version}). Nội dung bạn đang sửa vẫn còn nguyên
              trên màn hình, chưa được lưu.
            </p>
            <div class="actions">
              <button type="button" class="button button--primary" disabled={editor.busy()} onClick={() => void editor.save(theirs().version)}>
                Lưu đè bằng nội dung của tôi
              </button>
              <button type="button" class="button" disabled={editor.busy()} onClick={() => editor.takeTheirs()}>
                Mở bản mới nhất
              </button>
            </div>
          </div>
        )}
      </Show>
    </>
  );
}

/** The save button and the workflow under the form. */
export function EditorBottom(props: { editor: ItemEditor; saveLabel: string }) {
  const editor = props.editor;
  return (
    <>
      <div class="actions actions--sticky">
        <button type="submit" class="button button--primary" disabled={editor.busy()}>
          {editor.busy() ? "Đang lưu…" : props.saveLabel}
        </button>
        <span class="field__hint save-status" aria-live="polite">
          {editor.dirty() ? "Có thay đổi chưa lưu." : editor.item() ? "Đã lưu mọi thay đổi." : ""}
        </span>
      </div>
    </>
  );
}

/** The workflow buttons (components/Workflow.tsx) on this kind's item: commands post to `/api/<kind>/:id/<command>`. */
export function EditorWorkflow(props: { editor: ItemEditor }) {
  return (
    <Show when={props.editor.item()}>
      {(current) => <Workflow item={current() as unknown as Article} busy={props.editor.busy()} onCommand={props.editor.command} />}
    </Show>
  );
}

/** The form element: submit saves. */
export function EditorForm(props: { editor: ItemEditor; children: JSX.Element }) {
  return (
    <Show when={!props.editor.loading()} fallback={<p role="status">Đang tải…</p>}>
      <form
        class="form editor"
        onSubmit={(event) => {
          event.preventDefault();
          void props.editor.save();
        }}
      >
        {props.children}
      </form>
    </Show>
  );
}

/** The featured image: the library's image picker, a thumbnail with its alt text, remove. */
export function FeaturedField(props: { editor: Pick<ItemEditor, "error" | "described">; value: Featured; onChange: (value: Featured) => void; label?: string; name?: string }) {
  const [picking, setPicking] = createSignal(false);
  const name = () => props.name ?? "featuredImage";
  const label = () => props.label ?? "Ảnh đại diện";
  return (
    <div class="field">
      <span class="field__label">{label()}</span>
      <Show when={props.value} fallback={<p>Chưa chọn {label().toLowerCase()}.</p>}>
        {(featured) => (
          <div class="featured">
            <Show when={featured().src}>
              <img src={featured().src} alt="" width="160" height="100" />
            </Show>
            <p>{featured().alt ? `Mô tả: ${featured().alt}` : "Ảnh chưa có mô tả (alt)"}</p>
          </div>
        )}
      </Show>
      <div class="actions">
        <button type="button" class="button" onClick={() => setPicking(true)} aria-describedby={props.editor.described(name())}>
          {props.value ? `Đổi ${label().toLowerCase()}` : `Chọn ${label().toLowerCase()}`}
        </button>
        <Show when={props.value}>
          <button type="button" class="button button--quiet" onClick={() => props.onChange(null)}>
            Bỏ {label().toLowerCase()}
          </button>
        </Show>
      </div>
      <FieldError editor={props.editor} name={name()} />
      <Show when={picking()}>
        <MediaPicker
          kind="image"
          title={`Chọn ${label().toLowerCase()}`}
          hint="Chỉ ảnh đã xử lý xong. Ảnh cần có mô tả (alt); nhập mô tả ở mục “Thư viện ảnh và tệp”."
          onPick={([record]: MediaRecord[]) => record && props.onChange({ id: record.id, alt: record.alt ?? "", src: thumbnail(record) })}
          onClose={() => setPicking(false)}
        />
      </Show>
    </div>
  );
}
