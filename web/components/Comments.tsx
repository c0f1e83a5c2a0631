import { createSignal, For, onMount, Show } from "solid-js";
import type { PublicComment } from "../../functions/core/participation/public";
import { formatDateTime, formatNumber } from "../format";

/**
 * "Các ý kiến của bạn đọc": the approved comments the item's published view carries (copied there
 * on approval, so the page needs no read of its own; functions/core/participation/comments.ts),
 * oldest first, and the form that sends a new one to `POST /api/<kind>/:id/comments`
 * (functions/http/staff/participation.ts). Comments are text: Solid escapes them, links stay
 * plain text, `white-space: pre-line` keeps their line breaks. The form is hydrated with the page;
 * until then its button stays disabled. `website` is the honeypot: off-screen, hidden from
 * assistive technology, out of the tab order.
 */
const MAX_CONTENT = 2000;
type FieldName = "name" | "email" | "content";

export function Comments(props: { kind: string; itemId: string; comments?: PublicComment[]; count?: number }) {
  const comments = () => props.comments ?? [];
  const count = () => Math.max(props.count ?? 0, comments().length);
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
    <section class="reader-comments" aria-labelledby="y-kien-ban-doc">
      <h2 id="y-kien-ban-doc">Các ý kiến của bạn đọc ({formatNumber(count())})</h2>
      <Show when={comments().length > 0} fallback={<p class="reader-comments__none">Chưa có ý kiến nào được đăng. Mời bạn gửi ý kiến đầu tiên.</p>}>
        <ol class="reader-comments__list">
          <For each={comments()}>
            {(comment) => (
              <li class="reader-comment">
                <p class="reader-comment__meta">
                  <strong>{comment.name}</strong> · <time datetime={comment.at}>{formatDateTime(comment.at)}</time>
                </p>
                <p class="reader-comment__text">{comment.content}</p>
                <Show when={comment.reply}>
                  {(reply) => (
                    <div class="reader-comment__reply">
                      <p class="reader-comment__meta"><strong>Ban Biên tập trả lời:</strong></p>
                      <p class="reader-comment__text">{reply()}</p>
                    </div>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
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
    </section>
  );
}
