import { createSignal, onMount, Show } from "solid-js";
import { formatNumber } from "../format";

/**
 * The form under "Các ý kiến của bạn đọc" (web/components/Comments.tsx): sends a new comment to
 * `POST /api/<kind>/:id/comments` (functions/http/staff/participation.ts). An island
 * (web/island.tsx): until it is hydrated its button stays disabled. `website` is the honeypot:
 * off-screen, hidden from assistive technology, out of the tab order.
 */
const MAX_CONTENT = 2000;
type FieldName = "name" | "email" | "content";

export function CommentForm(props: { kind: string; itemId: string }) {
  const [ready, setReady] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [length, setLength] = createSignal(0);
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [problem, setProblem] = createSignal<string>();
  const [sent, setSent] = createSignal(false);
  let form!: HTMLFormElement;
  let problemBox!: HTMLParagraphElement;
  onMount(() => setReady(true));

  const value = (name: string) => String(new FormData(form).get(name) ?? "");

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setSending(true);
    setErrors({});
    setProblem(undefined);
    setSent(false);
    try {
      const response = await fetch(`/api/${props.kind}/${encodeURIComponent(props.itemId)}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ name: value("name"), email: value("email"), content: value("content"), website: value("website") }),
      });
      const body = (await response.json().catch(() => undefined)) as { status?: string; error?: { message?: string; fields?: Record<string, string> } } | undefined;
      if (response.status === 202) {
        setSent(true);
        form.reset();
        setLength(0);
        return;
      }
      setErrors((body?.error?.fields ?? {}) as Partial<Record<FieldName, string>>);
      setProblem(body?.error?.message ?? "Không gửi được ý kiến. Xin vui lòng thử lại sau.");
      (form.querySelector<HTMLElement>("[aria-invalid='true']") ?? problemBox).focus();
    } catch {
      setProblem("Không kết nối được tới cổng thông tin. Xin kiểm tra kết nối mạng rồi gửi lại.");
      problemBox.focus();
    } finally {
      setSending(false);
    }
  }

  const described = (name: FieldName, hint?: string) => () => [hint ?? "", errors()[name] ? `bl-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const error = (name: FieldName) => (
    <Show when={errors()[name]}>{(message) => <p id={`bl-${name}-error`} class="form-field__error">{message()}</p>}</Show>
  );

  return (
    <form ref={form} class="reader-comments__form" method="post" novalidate onSubmit={submit} aria-labelledby="gui-y-kien">
      <h3 id="gui-y-kien">Gửi ý kiến của bạn</h3>
      <p class="form-note">Ý kiến được đăng sau khi Ban Biên tập duyệt. Các ô có dấu <span aria-hidden="true">*</span> là bắt buộc.</p>
      <div class="form-field">
        <label for="bl-name">Họ và tên<span class="required" aria-hidden="true"> *</span></label>
        <input id="bl-name" name="name" type="text" required aria-required="true" maxLength={80} autocomplete="name"
          aria-describedby={described("name")()} aria-invalid={errors().name ? "true" : undefined} />
        {error("name")}
      </div>
      <div class="form-field">
        <label for="bl-email">Thư điện tử</label>
        <p id="bl-email-hint" class="form-field__hint">Không bắt buộc, không hiển thị.</p>
        <input id="bl-email" name="email" type="email" maxLength={254} autocomplete="email"
          aria-describedby={described("email", "bl-email-hint")()} aria-invalid={errors().email ? "true" : undefined} />
        {error("email")}
      </div>
      <div class="form-field">
        <label for="bl-content">Nội dung ý kiến<span class="required" aria-hidden="true"> *</span></label>
        <textarea id="bl-content" name="content" rows={5} required aria-required="true" maxLength={MAX_CONTENT} onInput={(e) => setLength(e.currentTarget.value.length)}
          aria-describedby={described("content", "bl-content-count")()} aria-invalid={errors().content ? "true" : undefined} />
        <p id="bl-content-count" class="form-field__hint">
          {formatNumber(length())}/{formatNumber(MAX_CONTENT)} ký tự
        </p>
        {error("content")}
      </div>
      <div class="hp-field" aria-hidden="true">
        <label for="bl-website">Trang web (không điền ô này)</label>
        <input id="bl-website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      <p ref={problemBox} class="form-problem" role="alert" tabindex="-1">{problem() ?? ""}</p>
      <button type="submit" class="button" disabled={!ready() || sending()}>{sending() ? "Đang gửi…" : "Gửi ý kiến"}</button>
      <div class="form-receipt" role="status">
        <Show when={sent()}>
          <p>Ý kiến của bạn đã được gửi và sẽ hiển thị sau khi Ban Biên tập duyệt.</p>
        </Show>
      </div>
    </form>
  );
}
