import { createSignal, For, onMount, Show } from "solid-js";
import { RATING_COMMENT_MAX, type RatingKind } from "../../functions/core/participation/public";

/**
 * "Thông tin này có hữu ích với bạn không?" on every content page: a score 1–5 as a radio group
 * (fieldset and legend, arrow keys move between the scores) and an optional short comment, sent
 * to `POST /api/ratings` (functions/http/staff/participation.ts) once per visitor session. The
 * block keeps its size whatever happens (the status line has its own reserved line), so sending
 * moves nothing on the page; the thanks replace the button's line's status text.
 */
const SCORES = [
  [1, "1 – Không hữu ích"],
  [2, "2 – Ít hữu ích"],
  [3, "3 – Bình thường"],
  [4, "4 – Hữu ích"],
  [5, "5 – Rất hữu ích"],
] as const;

export function RatingForm(props: { kind: RatingKind; id: string }) {
  const [ready, setReady] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [done, setDone] = createSignal(false);
  const [message, setMessage] = createSignal("");
  const [failed, setFailed] = createSignal(false);
  let form!: HTMLFormElement;
  onMount(() => setReady(true));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending() || done()) return;
    const data = new FormData(form);
    const score = Number(data.get("score") ?? 0);
    if (!score) {
      setFailed(true);
      setMessage("Xin chọn một mức đánh giá từ 1 đến 5.");
      form.querySelector<HTMLInputElement>("input[name='score']")?.focus();
      return;
    }
    setSending(true);
    setFailed(false);
    setMessage("");
    try {
      const response = await fetch("/api/ratings", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ kind: props.kind, id: props.id, score, comment: String(data.get("comment") ?? "") }),
      });
      const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      if (response.status === 201) {
        setDone(true);
        setMessage("Cảm ơn bạn đã đánh giá! Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn.");
        return;
      }
      setFailed(response.status !== 409);
      if (response.status === 409) setDone(true);
      setMessage(body?.error?.message ?? "Không gửi được đánh giá. Xin vui lòng thử lại sau.");
    } catch {
      setFailed(true);
      setMessage("Không kết nối được tới cổng thông tin. Xin kiểm tra kết nối mạng rồi gửi lại.");
    } finally {
      setSending(false);
    }
  }

  return (
    <form ref={form} class="rating-form" method="post" novalidate onSubmit={submit} aria-labelledby="danh-gia">
      <fieldset disabled={done()}>
        <legend id="danh-gia">Thông tin này có hữu ích với bạn không?</legend>
        <div class="rating-form__scores">
          <For each={SCORES}>
            {([score, label]) => (
              <label class="rating-form__score">
                <input type="radio" name="score" value={score} /> {label}
              </label>
            )}
          </For>
        </div>
        <label class="rating-form__label" for="dg-comment">Góp ý thêm (không bắt buộc)</label>
        <textarea id="dg-comment" name="comment" rows={2} maxLength={RATING_COMMENT_MAX} />
        <button type="submit" class="button" disabled={!ready() || sending() || done()}>{sending() ? "Đang gửi…" : "Gửi đánh giá"}</button>
      </fieldset>
      <p class={failed() ? "rating-form__status rating-form__status--error" : "rating-form__status"} role="status">
        <Show when={message()}>{message()}</Show>
      </p>
    </form>
  );
}
