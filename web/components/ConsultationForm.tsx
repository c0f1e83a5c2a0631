import { createSignal, onMount, Show, type JSX } from "solid-js";
import { formatDateTime, formatNumber } from "../format";

/**
 * The comment form of an open draft (góp ý dự thảo). An island (web/island.tsx): rendered on the
 * server and hydrated from its own two props; it posts JSON with fetch to the public API
 * `POST /api/consultations/:id/comments` (functions/http/staff/consultations.ts), shows the API's
 * field messages next to their fields (aria-describedby, aria-invalid) and the receipt in a
 * status region. Until hydration the button stays disabled and a note gives the receiving
 * unit's e-mail instead: without JavaScript the form could only send data the API refuses.
 *
 * `website` is a honeypot for form-filling robots: off-screen, hidden from screen readers
 * (aria-hidden), out of the tab order, not auto-filled. A person never fills it.
 */
const MAX_CONTENT = 5000;

type FieldName = "name" | "email" | "phone" | "organization" | "content";
/** What a field's control gets: its id and name, and the error wiring (reactive getters). */
type ControlAttrs = { id: string; name: string; "aria-describedby"?: string; "aria-invalid"?: "true" };

interface Receipt {
  receipt: string;
  receivedAt: string;
}

export function ConsultationForm(props: { consultationId: string; receiverEmail: string }) {
  const [ready, setReady] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [problem, setProblem] = createSignal<string>();
  const [receipt, setReceipt] = createSignal<Receipt>();
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
    try {
      const response = await fetch(`/api/consultations/${encodeURIComponent(props.consultationId)}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({
          name: value("name"),
          email: value("email"),
          phone: value("phone"),
          organization: value("organization"),
          content: value("content"),
          website: value("website"),
        }),
      });
      const body = (await response.json().catch(() => undefined)) as (Receipt & { error?: { message?: string; fields?: Record<string, string> } }) | undefined;
      if (response.status === 201 && body?.receipt) {
        setReceipt({ receipt: body.receipt, receivedAt: body.receivedAt });
        form.reset();
        return;
      }
      setErrors((body?.error?.fields ?? {}) as Partial<Record<FieldName, string>>);
      setProblem(body?.error?.message ?? "Không gửi được góp ý. Xin vui lòng thử lại sau.");
      const first = form.querySelector<HTMLElement>("[aria-invalid='true']");
      (first ?? problemBox).focus();
    } catch {
      setProblem("Không kết nối được tới cổng thông tin. Xin kiểm tra kết nối mạng rồi gửi lại.");
      problemBox.focus();
    } finally {
      setSending(false);
    }
  }

  /** One labelled field with its required marker, hint and error, tied together for screen readers. */
  const field = (name: FieldName, label: string, control: (attrs: ControlAttrs) => JSX.Element, options: { required?: boolean; hint?: string } = {}) => {
    const id = `gy-${name}`;
    const described = () => [options.hint ? `${id}-hint` : "", errors()[name] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div class="form-field">
        <label for={id}>
          {label}
          <Show when={options.required}>
            <span class="required" aria-hidden="true"> *</span>
          </Show>
        </label>
        <Show when={options.hint}>
          <p id={`${id}-hint`} class="form-field__hint">{options.hint}</p>
        </Show>
        {control({
          id,
          name,
          // Getters: the spread stays reactive, so errors appear and go without re-creating the field.
          get "aria-describedby"() {
            return described();
          },
          get "aria-invalid"() {
            return errors()[name] ? ("true" as const) : undefined;
          },
        })}
        <Show when={errors()[name]}>
          {(message) => <p id={`${id}-error`} class="form-field__error">{message()}</p>}
        </Show>
      </div>
    );
  };

  return (
    <section class="consultation-form" aria-labelledby="gui-gop-y">
      <h2 id="gui-gop-y">Gửi góp ý</h2>
      <p class="form-note">
        Các ô có dấu <span aria-hidden="true">*</span> là bắt buộc. Góp ý chỉ được công khai khi Ban Biên tập lựa chọn; thư điện tử và số điện thoại
        không bao giờ được công khai.
      </p>
      <Show when={!ready()}>
        <p class="form-note">
          Nếu không gửi được bằng biểu mẫu (trình duyệt đã tắt JavaScript), xin gửi góp ý bằng thư điện tử tới{" "}
          <a href={`mailto:${props.receiverEmail}`}>{props.receiverEmail}</a>.
        </p>
      </Show>
      <form ref={form} method="post" novalidate onSubmit={submit}>
        {field("name", "Họ và tên", (attrs) => <input {...attrs} type="text" required aria-required="true" maxLength={120} autocomplete="name" />, { required: true })}
        {field("email", "Thư điện tử", (attrs) => <input {...attrs} type="email" maxLength={254} autocomplete="email" />)}
        {field("phone", "Số điện thoại", (attrs) => <input {...attrs} type="tel" maxLength={30} autocomplete="tel" />)}
        {field("organization", "Cơ quan, tổ chức", (attrs) => <input {...attrs} type="text" maxLength={200} autocomplete="organization" />)}
        {field(
          "content",
          "Nội dung góp ý",
          (attrs) => <textarea {...attrs} rows={8} required aria-required="true" maxLength={MAX_CONTENT} />,
          { required: true, hint: `Văn bản thường, tối đa ${formatNumber(MAX_CONTENT)} ký tự.` },
        )}
        <div class="hp-field" aria-hidden="true">
          <label for="gy-website">Trang web (không điền ô này)</label>
          <input id="gy-website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <p ref={problemBox} class="form-problem" role="alert" tabindex="-1">
          {problem() ?? ""}
        </p>
        <button type="submit" class="button" disabled={!ready() || sending()}>
          {sending() ? "Đang gửi…" : "Gửi góp ý"}
        </button>
      </form>
      <div class="form-receipt" role="status">
        <Show when={receipt()}>
          {(r) => (
            <p>
              Đã nhận góp ý của bạn lúc {formatDateTime(r().receivedAt)}. Mã tiếp nhận: <strong>{r().receipt}</strong>. Xin ghi lại mã này để tra cứu khi
              cần.
            </p>
          )}
        </Show>
      </div>
    </section>
  );
}
