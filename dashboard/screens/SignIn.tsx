/**
 * The sign-in form, used as the signed-out screen and inside the "session expired" dialog. Errors
 * are announced (role="alert") and tied to their fields (aria-invalid, aria-describedby).
 */
import { createSignal, Show } from "solid-js";
import { ApiError, messageOf } from "../api";
import { session } from "../stores/session";

export function SignInForm(props: { idPrefix: string; email?: string }) {
  const [email, setEmail] = createSignal(props.email ?? "");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const id = (name: string) => `${props.idPrefix}-${name}`;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setFields({});
    const missing: Record<string, string> = {};
    if (!email().trim()) missing.email = "Hãy nhập thư điện tử.";
    if (!password()) missing.password = "Hãy nhập mật khẩu.";
    if (Object.keys(missing).length) {
      setFields(missing);
      setError("Hãy điền đủ thư điện tử và mật khẩu.");
      return;
    }
    setBusy(true);
    try {
      await session.signIn(email().trim(), password());
      setPassword("");
    } catch (caught) {
      setError(messageOf(caught));
      if (caught instanceof ApiError) setFields(caught.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form signin" onSubmit={submit} noValidate aria-describedby={error() ? id("error") : undefined}>
      <Show when={error()}>
        <p id={id("error")} class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="field">
        <label for={id("email")}>Thư điện tử</label>
        <input
          id={id("email")}
          type="email"
          autocomplete="username"
          required
          value={email()}
          onInput={(event) => setEmail(event.currentTarget.value)}
          aria-invalid={fields().email ? "true" : undefined}
          aria-describedby={fields().email ? id("email-error") : undefined}
        />
        <Show when={fields().email}>
          <p id={id("email-error")} class="field__error">
            {fields().email}
          </p>
        </Show>
      </div>
      <div class="field">
        <label for={id("password")}>Mật khẩu</label>
        <input
          id={id("password")}
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
          aria-invalid={fields().password ? "true" : undefined}
          aria-describedby={fields().password ? id("password-error") : undefined}
        />
        <Show when={fields().password}>
          <p id={id("password-error")} class="field__error">
            {fields().password}
          </p>
        </Show>
      </div>
      <button type="submit" class="button button--primary" disabled={busy()}>
        {busy() ? "Đang đăng nhập…" : "Đăng nhập"}
      </button>
    </form>
  );
}
