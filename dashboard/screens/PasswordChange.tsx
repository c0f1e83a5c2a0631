/**
 * The signed-in user's password change (`POST /api/auth/password`): the current password, the
 * new one twice. The server checks the current one (counted like a sign-in), applies the policy
 * of account creation, ends the user's other sessions and keeps this one.
 */
import { session } from "../stores/session";
import { createSignal, Show } from "solid-js";
import { api, ApiError, messageOf } from "../api";

/** accounts/users.ts MIN_PASSWORD_LENGTH (not imported: that module pulls the AWS SDK in); the server checks anyway. */
const MIN_PASSWORD_LENGTH = 12;

type Field = "currentPassword" | "newPassword" | "repeat";

export default function PasswordChange() {
  document.title = "Đổi mật khẩu — Quản trị nội dung";
  const [values, setValues] = createSignal<Record<Field, string>>({ currentPassword: "", newPassword: "", repeat: "" });
  const [fields, setFields] = createSignal<Partial<Record<Field, string>>>({});
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(false);
    const { currentPassword, newPassword, repeat } = values();
    const missing: Partial<Record<Field, string>> = {};
    if (!currentPassword) missing.currentPassword = "Hãy nhập mật khẩu hiện tại.";
    if (newPassword.length < MIN_PASSWORD_LENGTH) missing.newPassword = `Mật khẩu mới cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
    if (repeat !== newPassword) missing.repeat = "Hai lần nhập mật khẩu mới không giống nhau.";
    setFields(missing);
    if (Object.keys(missing).length) return void setError("Hãy sửa các ô được đánh dấu.");
    setBusy(true);
    try {
      await api.post("/api/auth/password", { currentPassword, newPassword });
      setValues({ currentPassword: "", newPassword: "", repeat: "" });
      setDone(true);
      // A one-time password is now replaced: the session's user no longer carries the flag.
      if (session.user()?.mustChangePassword) await session.load();
    } catch (caught) {
      setError(messageOf(caught));
      if (caught instanceof ApiError) setFields(caught.fields as Partial<Record<Field, string>>);
    } finally {
      setBusy(false);
    }
  };

  const input = (name: Field, label: string, autocomplete: string, hint?: string) => (
    <div class="field">
      <label for={`password-${name}`}>{label}</label>
      <Show when={hint}>
        <p id={`password-${name}-hint`} class="field__hint">
          {hint}
        </p>
      </Show>
      <input
        id={`password-${name}`}
        type="password"
        autocomplete={autocomplete}
        value={values()[name]}
        onInput={(event) => setValues({ ...values(), [name]: event.currentTarget.value })}
        aria-invalid={fields()[name] ? "true" : undefined}
        aria-describedby={[hint ? `password-${name}-hint` : "", fields()[name] ? `password-${name}-error` : ""].join(" ").trim() || undefined}
      />
      <Show when={fields()[name]}>
        <p id={`password-${name}-error`} class="field__error">
          {fields()[name]}
        </p>
      </Show>
    </div>
  );

  return (
    <div class="main--narrow">
      <h1 tabindex="-1">Đổi mật khẩu</h1>
      <Show when={session.user()?.mustChangePassword}>
        <p class="alert alert--error" role="alert">
          Bạn đang dùng mật khẩu dùng một lần. Hãy đặt mật khẩu mới trước khi tiếp tục làm việc.
        </p>
      </Show>
      <p>Sau khi đổi, các phiên đăng nhập khác của bạn (trên máy khác, trình duyệt khác) sẽ bị đăng xuất; phiên này vẫn tiếp tục.</p>
      <form class="form panel" onSubmit={submit} noValidate>
        <Show when={error()}>
          <p class="alert alert--error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={done()}>
          <p class="alert alert--ok" role="status">
            Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.
          </p>
        </Show>
        {input("currentPassword", "Mật khẩu hiện tại", "current-password")}
        {input("newPassword", "Mật khẩu mới", "new-password", `Ít nhất ${MIN_PASSWORD_LENGTH} ký tự; nên dùng một câu dễ nhớ với người khác khó đoán.`)}
        {input("repeat", "Nhập lại mật khẩu mới", "new-password")}
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? "Đang đổi…" : "Đổi mật khẩu"}
        </button>
      </form>
    </div>
  );
}
