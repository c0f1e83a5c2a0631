/**
 * Writing and editing an article: title, summary, section, byline, kind (news or collected, with
 * its source), the body (Tiptap, loaded only here), the featured image; save (create, or PATCH
 * with the version read), autosave of drafts and returned items, then the workflow. Nothing typed
 * is ever dropped by the screen: a 409 opens the compare view (components/Compare.tsx) and stops
 * autosave until the editor chooses; a 401 signs in again over the screen. Revisions and the
 * compare view are their own lazy chunks (they carry the word diff).
 */
import { createEffect, createSignal, lazy, on, onCleanup, onMount, Show, Suspense, untrack } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { canOnContent } from "../../functions/core/accounts/permissions";
import { Urls } from "../../functions/core/shared/urls";
import { ApiError, messageOf } from "../api";
import type { CopyField } from "../components/Compare";
import { ImagePicker } from "../components/ImagePicker";
import { thumbnail } from "../components/MediaDetails";
import { Workflow } from "../components/Workflow";
import { empty, formOf, type Form } from "../editor/article-form";
import { createAutosave, serial } from "../editor/autosave";
import { worksIn } from "../permissions";
import { BASE, guardLeaving, Link, navigate } from "../router";
import { articles, type ArticleInput, type Command } from "../stores/articles";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import { STATUS_LABELS, type Article } from "../types";

const RichText = lazy(() => import("../editor/RichText"));
const Compare = lazy(() => import("../components/Compare"));
const Revisions = lazy(() => import("../components/Revisions"));

const UNSAVED = "Bài viết có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi đó?";
const clock = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Ho_Chi_Minh" });
/** Statuses whose text is still being written: autosaved. Submitted or live text is saved by hand only. */
const AUTOSAVED = new Set(["draft", "returned"]);

type SaveState = { kind: "saving" } | { kind: "saved"; at: string } | { kind: "failed"; message: string };

export default function ArticleEditor(props: { id?: string }) {
  document.title = `${props.id ? "Sửa bài viết" : "Viết bài mới"} — Quản trị nội dung`;
  const [item, setItem] = createSignal<Article>();
  const [form, setForm] = createStore<Form>(empty());
  const [saved, setSaved] = createSignal(JSON.stringify(empty()));
  const [loading, setLoading] = createSignal(Boolean(props.id));
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [saveState, setSaveState] = createSignal<SaveState>();
  /** A 409: the server's current version, and the text on screen when it was met. */
  const [conflict, setConflict] = createSignal<{ theirs: Article; mine: Form }>();
  /** After "take theirs": my text, still restorable. */
  const [discarded, setDiscarded] = createSignal<Form>();
  const [picking, setPicking] = createSignal(false);
  const [history, setHistory] = createSignal(false);
  /** Bumped to give the body editor a new text (after a conflict, a restore). */
  const [bodyKey, setBodyKey] = createSignal(0);
  /** After an autosave met an expired session the editor chose not to renew: no more dialogs until a manual save. */
  const [paused, setPaused] = createSignal(false);

  const dirty = () => JSON.stringify(form) !== saved();
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);
  const autosaves = () => {
    const current = item();
    return Boolean(current && AUTOSAVED.has(current.status) && !conflict() && !paused() && canOnContent(session.user()!, "edit", { sectionId: current.sectionId, authorId: current.author.id, status: current.status }));
  };

  const take = (article: Article) => {
    setItem(article);
    setForm(formOf(article));
    setSaved(JSON.stringify(formOf(article)));
  };
  const replaceForm = (next: Form) => {
    setForm(structuredClone(next));
    setBodyKey((key) => key + 1);
  };

  const queue = serial();
  /** Saves (one at a time); true when saved. `version` overrides the one read (overwriting after a conflict, by choice). */
  const save = (options: { version?: number; auto?: boolean } = {}): Promise<boolean> =>
    queue(async () => {
      if (options.auto && (!autosaves() || !dirty())) return true;
      if (!options.auto) setBusy(true);
      setSaveState({ kind: "saving" });
      if (!options.auto) setNotice(undefined);
      setFields({});
      const snapshot = structuredClone(unwrap(form));
      const { featured, ...rest } = snapshot;
      const before = JSON.parse(saved()) as Form;
      const input: ArticleInput = { ...rest, ...(featured?.id !== before.featured?.id ? { featuredImage: featured?.id ?? null } : {}) };
      try {
        const current = item();
        const result = current ? await articles.update(current.id, options.version ?? current.version, input) : await articles.create(input);
        setConflict(undefined);
        setDiscarded(undefined);
        setPaused(false);
        // What was sent is what is on screen: keep typing on it, but the server's cleaned text is the saved state.
        setSaved(JSON.stringify(snapshot));
        setSaveState({ kind: "saved", at: result.updatedAt });
        if (!current) {
          navigate(`${BASE}/bai-viet/${encodeURIComponent(result.id)}`, { replace: true });
          return true;
        }
        setItem(result);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.conflict && typeof error.details.currentVersion === "number" && item()) {
          setSaveState({ kind: "failed", message: "bài viết vừa được người khác lưu." });
          try {
            setConflict({ theirs: await articles.get(item()!.id), mine: snapshot });
          } catch (reload) {
            setNotice({ kind: "error", text: messageOf(reload) });
          }
        } else {
          setSaveState({ kind: "failed", message: messageOf(error) });
          if (options.auto && error instanceof ApiError && error.status === 401) setPaused(true);
          if (!options.auto) setNotice({ kind: "error", text: messageOf(error) });
          if (error instanceof ApiError) setFields(error.fields);
        }
        return false;
      } finally {
        if (!options.auto) setBusy(false);
      }
    });

  const autosave = createAutosave({ enabled: autosaves, dirty, save: () => save({ auto: true }) });
  createEffect(on(() => JSON.stringify(form), () => autosave.schedule(), { defer: true }));

  onMount(async () => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty()) event.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    onCleanup(() => window.removeEventListener("beforeunload", beforeUnload));
    guardLeaving(() => !dirty() || window.confirm(UNSAVED));
    onCleanup(() => guardLeaving(undefined));
    if (!props.id) {
      setForm("byline", session.user()!.name);
      setSaved(JSON.stringify(form));
      return;
    }
    try {
      take(await articles.get(props.id));
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    } finally {
      setLoading(false);
    }
  });

  // A new article goes to the first section the user works in, once the sections have arrived.
  createEffect(() => {
    const first = choices()[0]?.id;
    if (props.id || form.section || !first) return;
    untrack(() => {
      const untouched = !dirty();
      setForm("section", first);
      if (untouched) setSaved(JSON.stringify(form));
    });
  });

  const manualSave = () => {
    autosave.cancel();
    return save();
  };

  const takeTheirs = () => {
    const current = conflict();
    if (!current) return;
    setDiscarded(structuredClone(unwrap(form)));
    take(current.theirs);
    setBodyKey((key) => key + 1);
    setConflict(undefined);
    setSaveState(undefined);
    setNotice({ kind: "ok", text: "Đã mở bản mới nhất." });
  };

  const copy = (field: CopyField) => {
    const theirs = conflict()?.theirs;
    if (!theirs) return;
    if (field === "body") replaceForm({ ...unwrap(form), body: theirs.body });
    else if (field === "body-append") replaceForm({ ...unwrap(form), body: `${form.body}${theirs.body}` });
    else setForm(field, String(theirs[field] ?? ""));
  };

  const command = async (name: Command, reason?: string, extra?: { at: string }): Promise<boolean> => {
    autosave.cancel();
    if (dirty() && !(await save())) return false;
    const current = item();
    if (!current) return false;
    setBusy(true);
    setNotice(undefined);
    try {
      const result = await articles.command(current.id, name, { version: current.version, ...(reason ? { reason } : {}), ...(extra ? { at: extra.at } : {}) });
      setItem(result);
      const done: Record<Command, string> = { submit: "Đã gửi duyệt.", approve: "Đã duyệt.", return: "Đã trả lại bài cho người viết.", schedule: "Đã hẹn giờ đăng.", unpublish: "Đã gỡ bài xuống." };
      setNotice({ kind: "ok", text: result.status === "scheduled" ? "Đã duyệt, bài sẽ được đăng theo giờ hẹn." : done[name] });
      return true;
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
      if (error instanceof ApiError) setFields(error.fields);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const previewHref = () => `/api/preview/articles/${encodeURIComponent(item()!.id)}`;
  const openPreview = async (event: MouseEvent) => {
    if (!dirty()) return; // the link opens the saved text in a new tab
    event.preventDefault();
    autosave.cancel();
    if (await save()) window.open(previewHref(), "_blank", "noopener");
  };

  const status = () => {
    const state = saveState();
    if (state?.kind === "saving") return "Đang lưu…";
    if (state?.kind === "failed") return `Chưa lưu được: ${state.message}`;
    if (dirty()) return "Có thay đổi chưa lưu.";
    if (state?.kind === "saved") return `Đã lưu lúc ${clock.format(new Date(state.at))}.`;
    return item() ? "Đã lưu mọi thay đổi." : "";
  };

  const error = (name: string) => fields()[name];
  const described = (name: string, hint?: boolean) => [hint ? `${name}-hint` : "", error(name) ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const fieldError = (name: string) => (
    <Show when={error(name)}>
      <p id={`${name}-error`} class="field__error">
        {error(name)}
      </p>
    </Show>
  );
  const text = (name: "title" | "byline" | "sourceName" | "sourceUrl", label: string, type = "text") => (
    <div class="field">
      <label for={name}>{label}</label>
      <input id={name} type={type} value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} aria-invalid={error(name) ? "true" : undefined} aria-describedby={described(name)} />
      {fieldError(name)}
    </div>
  );

  return (
    <>
      <p class="breadcrumb">
        <Link href={BASE}>← Danh sách bài viết</Link>
      </p>
      <h1 tabindex="-1">{props.id ? "Sửa bài viết" : "Viết bài mới"}</h1>
      <Show when={item()}>
        {(current) => (
          <p class="status-line">
            Trạng thái: <span class={`badge badge--${current().status}`}>{STATUS_LABELS[current().status]}</span> · Phiên bản {current().version} · Người viết{" "}
            {current().author.name}
            <Show when={current().approvedBy}> · Người duyệt {current().approvedBy!.name}</Show>
            <Show when={current().live}>
              {" · "}
              <a href={Urls.article(current().slug)}>Xem bài trên trang</a>
            </Show>
          </p>
        )}
      </Show>
      <Show when={item()?.status === "returned" && item()?.returnReason}>
        <p class="alert alert--warning">Bài bị trả lại. Lý do: {item()!.returnReason}</p>
      </Show>
      <Show when={notice()}>
        {(shown) => (
          <div class={`alert ${shown().kind === "ok" ? "alert--ok" : "alert--error"}`}>
            <p role={shown().kind === "ok" ? "status" : "alert"}>{shown().text}</p>
            <Show when={discarded()}>
              <button type="button" class="button" onClick={() => (replaceForm(discarded()!), setDiscarded(undefined), setNotice(undefined))}>
                Hoàn lại nội dung của tôi
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={conflict()}>
        {(current) => (
          <Suspense fallback={<p role="status">Đang mở phần so sánh…</p>}>
            <Compare
              mine={form}
              theirs={current().theirs}
              busy={busy()}
              canRestoreMine={JSON.stringify(form) !== JSON.stringify(current().mine)}
              onKeepMine={() => void save({ version: current().theirs.version })}
              onTakeTheirs={takeTheirs}
              onCopy={copy}
              onRestoreMine={() => replaceForm(current().mine)}
            />
          </Suspense>
        )}
      </Show>
      <Show when={!loading()} fallback={<p role="status">Đang tải bài viết…</p>}>
        <form
          class="form editor"
          onSubmit={(event) => {
            event.preventDefault();
            void manualSave();
          }}
        >
          <fieldset class="field">
            <legend>Loại bài</legend>
            <label class="choice">
              <input type="radio" name="kind" value="news" checked={form.kind === "news"} onChange={() => setForm("kind", "news")} /> Tin bài
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="collected" checked={form.kind === "collected"} onChange={() => setForm("kind", "collected")} /> Tin sưu tầm
            </label>
          </fieldset>
          {text("title", "Tiêu đề")}
          <div class="field">
            <label for="summary">Sapo (tóm tắt)</label>
            <textarea id="summary" rows="3" value={form.summary} onInput={(event) => setForm("summary", event.currentTarget.value)} aria-invalid={error("summary") ? "true" : undefined} aria-describedby={described("summary")} />
            {fieldError("summary")}
          </div>
          <div class="field">
            <label for="section">Chuyên mục</label>
            <select id="section" value={form.section} onChange={(event) => setForm("section", event.currentTarget.value)} aria-invalid={error("section") ? "true" : undefined} aria-describedby={described("section")}>
              {choices().map((section) => (
                <option value={section.id}>{section.name}</option>
              ))}
            </select>
            {fieldError("section")}
          </div>
          {text("byline", "Bút danh tác giả")}
          <Show when={form.kind === "collected"}>
            <fieldset class="field">
              <legend>Nguồn của tin sưu tầm</legend>
              {text("sourceName", "Tên nguồn (báo, trang tin…)")}
              {text("sourceUrl", "Địa chỉ nguồn (https://…)", "url")}
            </fieldset>
          </Show>
          <div class="field">
            <span id="body-label" class="field__label">
              Nội dung
            </span>
            <Suspense fallback={<p role="status">Đang tải trình soạn thảo…</p>}>
              <Show when={bodyKey() + 1} keyed>
                {(_key) => <RichText value={form.body} onChange={(html) => setForm("body", html)} labelledBy="body-label" describedBy={described("body")} invalid={Boolean(error("body"))} />}
              </Show>
            </Suspense>
            {fieldError("body")}
          </div>
          <div class="field">
            <span id="featured-label" class="field__label">
              Ảnh đại diện
            </span>
            <Show when={form.featured} fallback={<p>Chưa chọn ảnh đại diện.</p>}>
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
              <button type="button" class="button" onClick={() => setPicking(true)} aria-describedby={described("featuredImage")}>
                {form.featured ? "Đổi ảnh đại diện" : "Chọn ảnh đại diện"}
              </button>
              <Show when={form.featured}>
                <button type="button" class="button button--quiet" onClick={() => setForm("featured", null)}>
                  Bỏ ảnh đại diện
                </button>
              </Show>
            </div>
            {fieldError("featuredImage")}
          </div>
          <div class="actions actions--sticky">
            <button type="submit" class="button button--primary" disabled={busy()}>
              {busy() ? "Đang lưu…" : "Lưu bài"}
            </button>
            <Show when={item()}>
              <a class="button" href={previewHref()} target="_blank" rel="noopener" onClick={(event) => void openPreview(event)}>
                Xem trước<span class="visually-hidden"> (mở thẻ mới)</span>
              </a>
            </Show>
            <span class="field__hint save-status" role="status" aria-live="polite">
              {status()}
            </span>
          </div>
        </form>
        <Show when={item()}>{(current) => <Workflow item={current()} busy={busy()} onCommand={command} />}</Show>
        <Show when={item()}>
          {(current) => (
            <>
              <button type="button" class="button" aria-expanded={history() ? "true" : "false"} aria-controls="revisions" onClick={() => setHistory((open) => !open)}>
                {history() ? "Ẩn lịch sử phiên bản" : "Lịch sử phiên bản"}
              </button>
              <div id="revisions">
                <Show when={history()}>
                  <Suspense fallback={<p role="status">Đang tải lịch sử…</p>}>
                    <Revisions
                      kind="articles"
                      item={current()}
                      current={form}
                      dirty={dirty()}
                      onRestored={(restored) => {
                        take(restored);
                        setBodyKey((key) => key + 1);
                        setNotice({ kind: "ok", text: `Đã khôi phục, bài đang ở phiên bản ${restored.version}.` });
                      }}
                    />
                  </Suspense>
                </Show>
              </div>
            </>
          )}
        </Show>
      </Show>
      <Show when={picking()}>
        <ImagePicker
          onPick={(record) => setForm("featured", { id: record.id, alt: record.alt ?? "", src: thumbnail(record) })}
          onClose={() => setPicking(false)}
        />
      </Show>
    </>
  );
}
