/**
 * What every administration screen shares: the sub-navigation between them, labelled fields that
 * show the server's field messages next to the field (`aria-describedby`, `aria-invalid`), and a
 * form state whose failure message is announced (role="alert") and moves focus to the first field
 * in error, so a keyboard or screen reader user lands where the fix is needed.
 */
import { createSignal, For, Show, type JSX } from "solid-js";
import { ApiError, messageOf, type FieldErrors } from "../../api";
import { BASE, Link, path } from "../../router";

export const ADMIN = `${BASE}/he-thong`;

export const ADMIN_PAGES: { href: string; label: string }[] = [
  { href: `${ADMIN}/nguoi-dung`, label: "Tài khoản" },
  { href: `${ADMIN}/chuyen-muc`, label: "Chuyên mục" },
  { href: `${ADMIN}/cau-hinh`, label: "Cấu hình cổng" },
  { href: `${ADMIN}/don-vi-lich`, label: "Đơn vị có lịch công tác" },
  { href: `${ADMIN}/loai-van-ban`, label: "Loại văn bản" },
  { href: `${ADMIN}/anh-lien-ket`, label: "Ảnh liên kết" },
  { href: `${ADMIN}/nhat-ky`, label: "Nhật ký" },
];

/** The heading of an administration screen with the links to the others. */
export function AdminHead(props: { title: string }) {
  document.title = `${props.title} — Quản trị hệ thống`;
  return (
    <>
      <nav aria-label="Các mục quản trị hệ thống" class="admin-nav">
        <ul>
          <For each={ADMIN_PAGES}>
            {(page) => (
              <li>
                <Link href={page.href} aria-current={path() === page.href ? "page" : undefined}>
                  {page.label}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <h1 tabindex="-1">{props.title}</h1>
    </>
  );
}

/**
 * One form's state: busy, the message of the last failure or success, field errors by name.
 * `run` does the call and sorts its outcome; `prefix` is the form's id prefix, so that focus
 * goes to `<prefix>-<field>` of the first field in error.
 */
export function createForm(prefix: string) {
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  /** The last failure was a 409: someone else changed the thing first. */
  const [conflict, setConflict] = createSignal(false);
  const run = async <T,>(call: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    setErrors({});
    setConflict(false);
    try {
      const result = await call();
      if (success) setDone(success);
      return result;
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setErrors(fields);
      setConflict(caught instanceof ApiError && caught.conflict);
      setError(messageOf(caught));
      const first = Object.keys(fields)[0];
      // "types.2.name" is a row's own field when the form has one, else the list as a whole.
      if (first) requestAnimationFrame(() => (document.getElementById(`${prefix}-${first}`) ?? document.getElementById(`${prefix}-${first.split(".")[0]}`))?.focus());
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, error, done, conflict, run, setError, setDone, clear: () => (setErrors({}), setError(undefined), setDone(undefined)), prefix };
}
export type Form = ReturnType<typeof createForm>;

/** The form's outcome, announced: an error as an alert, a success as a status. */
export function FormMessage(props: { form: Form }) {
  return (
    <>
      <div role="alert">
        <Show when={props.form.error()}>
          <p class="alert alert--error">{props.form.error()}</p>
        </Show>
      </div>
      <div role="status">
        <Show when={props.form.done()}>
          <p class="alert alert--ok">{props.form.done()}</p>
        </Show>
      </div>
    </>
  );
}

interface FieldProps {
  form: Form;
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "tel" | "date";
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  autocomplete?: string;
  maxlength?: number;
}

/** A labelled input (or textarea) with its hint and the server's message for it. */
export function Field(props: FieldProps) {
  const id = () => `${props.form.prefix}-${props.name}`;
  const message = () => props.form.errors()[props.name];
  const describedBy = () => [props.hint ? `${id()}-hint` : "", message() ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = (): JSX.InputHTMLAttributes<HTMLInputElement> & JSX.TextareaHTMLAttributes<HTMLTextAreaElement> => ({
    id: id(),
    name: props.name,
    value: props.value,
    required: props.required,
    maxlength: props.maxlength,
    "aria-invalid": message() ? "true" : undefined,
    "aria-describedby": describedBy(),
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => props.onInput(event.currentTarget.value),
  });
  return (
    <div class="field">
      <label for={id()}>
        {props.label}
        <Show when={props.required}>
          <span aria-hidden="true"> *</span>
        </Show>
      </label>
      <Show when={props.multiline} fallback={<input type={props.type ?? "text"} autocomplete={props.autocomplete ?? "off"} {...common()} />}>
        <textarea rows="3" {...common()} />
      </Show>
      <Show when={props.hint}>
        <p id={`${id()}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <Show when={message()}>
        <p id={`${id()}-error`} class="field__error">
          {message()}
        </p>
      </Show>
    </div>
  );
}

/** A field's message for checkboxes and selects, which build their own markup. */
export function FieldError(props: { form: Form; name: string }) {
  return (
    <Show when={props.form.errors()[props.name]}>
      <p id={`${props.form.prefix}-${props.name}-error`} class="field__error">
        {props.form.errors()[props.name]}
      </p>
    </Show>
  );
}

/** Loads a screen's data once; the server's message (a 403 for non-admins) replaces the screen. */
export function createLoad<T>(load: () => Promise<T>) {
  const [data, setData] = createSignal<T>();
  const [error, setError] = createSignal<string>();
  const reload = async () => {
    try {
      setError(undefined);
      const value = await load();
      setData(() => value);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  void reload();
  return { data, setData, error, reload };
}

/**
 * "Đang tải…" until loaded, the server's message when refused, then the content, rendered once
 * (it reads `data()` itself, so a reload updates it in place and keeps focus where it was).
 */
export function Loaded<T>(props: { load: { data: () => T | undefined; error: () => string | undefined }; children: () => JSX.Element }) {
  return (
    <Show
      when={props.load.data() !== undefined}
      fallback={
        <Show when={props.load.error()} fallback={<p role="status">Đang tải…</p>}>
          <p class="alert alert--error" role="alert">
            {props.load.error()}
          </p>
        </Show>
      }
    >
      {props.children()}
    </Show>
  );
}

/** Order fields are numbers in the API, text in inputs: "" and junk become NaN for the server to refuse. */
export const toOrder = (value: string): number | undefined => (value.trim() === "" ? undefined : Number(value));
