/**
 * Writing and editing an article: title, summary, section, byline, kind (news or collected, with
 * its source), the body (Tiptap, loaded only here), the featured image; save (create, or PATCH
 * with the version read), then the workflow. Nothing typed is ever dropped by the screen: a 409
 * says someone else saved and lets the editor choose, a 401 signs in again over the screen.
 */
import { createEffect, createSignal, lazy, onCleanup, onMount, Show, Suspense, untrack } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { Urls } from "../../functions/core/shared/urls";
import { ApiError, messageOf } from "../api";
import { ImagePicker } from "../components/ImagePicker";
import { thumbnail } from "../components/MediaDetails";
import { Workflow } from "../components/Workflow";
import { formatDateTime } from "../format";
import { worksIn } from "../permissions";
import { BASE, guardLeaving, Link, navigate } from "../router";
import { articles, type ArticleInput, type Command } from "../stores/articles";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import { STATUS_LABELS, type Article } from "../types";

const RichText = lazy(() => import("../editor/RichText"));

type Featured = { id: string; alt: string; src?: string } | null;
interface Form extends Omit<ArticleInput, "featuredImage"> {
  featured: Featured;
}

const empty = (): Form => ({ kind: "news", title: "", summary: "", body: "", section: "", byline: "", sourceName: "", sourceUrl: "", featured: null });

function formOf(item: Article): Form {
  const image = item.featuredImage;
  const small = image ? [...image.variants].sort((a, b) => a.width - b.width)[0]?.url : undefined;
  return {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body: item.body,
    section: item.sectionId,
    byline: item.byline ?? "",
    sourceName: item.sourceName ?? "",
    sourceUrl: item.sourceUrl ?? "",
    featured: image ? { id: image.id, alt: image.alt, src: small } : null,
  };
}

const UNSAVED = "Bài viết có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi đó?";

export default function ArticleEditor(props: { id?: string }) {
  document.title = `${props.id ? "Sửa bài viết" : "Viết bài mới"} — Quản trị nội dung`;
  const [item, setItem] = createSignal<Article>();
  const [form, setForm] = createStore<Form>(empty());
  const [saved, setSaved] = createSignal(JSON.stringify(empty()));
  const [loading, setLoading] = createSignal(Boolean(props.id));
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [conflict, setConflict] = createSignal<number>();
  const [picking, setPicking] = createSignal(false);
  /** Bumped to give the body editor a new text (reloading after a conflict). */
  const [bodyKey, setBodyKey] = createSignal(0);

  const dirty = () => JSON.stringify(form) !== saved();
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);

  const take = (article: Article) => {
    setItem(article);
    setForm(formOf(article));
    setSaved(JSON.stringify(formOf(article)));
  };

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

  /** Saves; true when saved. `version` overrides the one read (overwriting after a conflict, by choice). */
  const save = async (version?: number): Promise<boolean> => {
    setBusy(true);
    setNotice(undefined);
    setFields({});
    const snapshot = unwrap(form);
    const { featured, ...rest } = structuredClone(snapshot);
    const before = JSON.parse(saved()) as Form;
    const input: ArticleInput = { ...rest, ...(featured?.id !== before.featured?.id ? { featuredImage: featured?.id ?? null } : {}) };
    try {
      const current = item();
      const result = current ? await articles.update(current.id, version ?? current.version, input) : await articles.create(input);
      setConflict(undefined);
      if (!current) {
        setSaved(JSON.stringify(form));
        navigate(`${BASE}/bai-viet/${encodeURIComponent(result.id)}`, { replace: true });
        return true;
      }
      setItem(result);
      // What was sent is what is on screen: keep typing on it, but the server's cleaned text is the saved state.
      setSaved(JSON.stringify({ ...snapshot, featured }));
      setNotice({ kind: "ok", text: `Đã lưu lúc ${formatDateTime(result.updatedAt)}.` });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.conflict && typeof error.details.currentVersion === "number") {
        setConflict(error.details.currentVersion);
      } else {
        setNotice({ kind: "error", text: messageOf(error) });
        if (error instanceof ApiError) setFields(error.fields);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const reloadLatest = async () => {
    if (!item()) return;
    try {
      take(await articles.get(item()!.id));
      setBodyKey((key) => key + 1);
      setConflict(undefined);
      setNotice({ kind: "ok", text: "Đã mở bản mới nhất." });
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    }
  };

  const command = async (name: Command, reason?: string): Promise<boolean> => {
    if (dirty() && !(await save())) return false;
    const current = item();
    if (!current) return false;
    setBusy(true);
    setNotice(undefined);
    try {
      const result = await articles.command(current.id, name, { version: current.version, ...(reason ? { reason } : {}) });
      setItem(result);
      const done: Record<Command, string> = { submit: "Đã gửi duyệt.", approve: "Đã duyệt.", return: "Đã trả lại bài cho người viết.", unpublish: "Đã gỡ bài xuống." };
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
          <p class={`alert ${shown().kind === "ok" ? "alert--ok" : "alert--error"}`} role={shown().kind === "ok" ? "status" : "alert"}>
            {shown().text}
          </p>
        )}
      </Show>
      <Show when={conflict()}>
        <div class="alert alert--error" role="alert">
          <p>
            Bài viết vừa được người khác lưu (phiên bản {conflict()}). Nội dung bạn đang soạn vẫn còn nguyên trên màn hình, chưa được lưu. Hãy chọn:
          </p>
          <div class="actions">
            <button type="button" class="button button--primary" disabled={busy()} onClick={() => void save(conflict())}>
              Lưu đè bằng nội dung của tôi
            </button>
            <button type="button" class="button" disabled={busy()} onClick={() => void reloadLatest()}>
              Bỏ nội dung của tôi, mở bản mới nhất
            </button>
          </div>
        </div>
      </Show>
      <Show when={!loading()} fallback={<p role="status">Đang tải bài viết…</p>}>
        <form
          class="form editor"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
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
            {text("sourceName", "Tên nguồn")}
            {text("sourceUrl", "Địa chỉ nguồn (https://…)", "url")}
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
            <span class="field__hint" aria-live="polite">
              {dirty() ? "Có thay đổi chưa lưu." : item() ? "Đã lưu mọi thay đổi." : ""}
            </span>
          </div>
        </form>
        <Show when={item()}>{(current) => <Workflow item={current()} busy={busy()} onCommand={command} />}</Show>
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
