/**
 * The body editor's dialogs (native modal <dialog>: focus stays inside, Esc closes):
 * - a link's address: only http(s) and mailto (the server's sanitizer would keep tel: too, but a
 *   telephone link in an article is not something the board asked for); "https://" is added to a
 *   bare domain; empty removes the link;
 * - an image from the media library, inserted with the alt text the library holds (an image
 *   without alt is refused here, as the server refuses it for featured images).
 */
import { createSignal, For, onMount, Show } from "solid-js";
import { messageOf } from "../api";
import { thumbnail } from "../components/MediaDetails";
import { media } from "../stores/media";
import type { MediaRecord } from "../types";
import { checkLink } from "./links";

export function LinkDialog(props: { current: string; onApply: (href: string | null) => void; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [value, setValue] = createSignal(props.current);
  const [error, setError] = createSignal<string>();
  onMount(() => dialog.showModal());
  const close = () => dialog.open && dialog.close();
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="link-title" onClose={() => props.onClose()}>
      <h2 id="link-title">Liên kết</h2>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkLink(value());
          if ("error" in checked) return setError(checked.error);
          props.onApply(checked.href);
          close();
        }}
      >
        <div class="field">
          <label for="link-href">Địa chỉ liên kết</label>
          <p id="link-hint" class="field__hint">
            Ví dụ: https://hoaphong.gov.vn/tin-tuc hoặc mailto:banbientap@hoaphong.gov.vn
          </p>
          <input id="link-href" type="text" inputmode="url" value={value()} onInput={(event) => setValue(event.currentTarget.value)} aria-describedby={error() ? "link-hint link-error" : "link-hint"} aria-invalid={error() ? "true" : undefined} />
          <Show when={error()}>
            <p id="link-error" class="field__error">
              {error()}
            </p>
          </Show>
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">
            Áp dụng
          </button>
          <Show when={props.current}>
            <button type="button" class="button" onClick={() => (props.onApply(null), close())}>
              Bỏ liên kết
            </button>
          </Show>
          <button type="button" class="button button--quiet" onClick={close}>
            Hủy
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The variant to put in the body: a JPEG near 1200 px wide (what every browser shows), else the nearest. */
function bodyVariant(record: MediaRecord) {
  const variants = record.variants ?? [];
  const jpegs = variants.filter((variant) => variant.format === "jpeg");
  const pool = jpegs.length ? jpegs : variants;
  return [...pool].sort((a, b) => Math.abs(a.width - 1200) - Math.abs(b.width - 1200))[0];
}

export function InsertImage(props: { onInsert: (image: { src: string; alt: string; width?: number; height?: number }) => void; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [items, setItems] = createSignal<MediaRecord[]>([]);
  const [next, setNext] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await media.list("image", cursor);
      setItems((current) => [...(cursor ? current : []), ...page.items.filter((record) => record.status === "ready")]);
      setNext(page.next);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => {
    dialog.showModal();
    void load();
  });
  const close = () => dialog.open && dialog.close();
  const pick = (record: MediaRecord) => {
    const variant = bodyVariant(record);
    if (!record.alt) return setError(`Ảnh “${record.filename}” chưa có mô tả (alt). Hãy nhập mô tả ở mục “Thư viện ảnh và tệp” rồi chèn lại.`);
    if (!variant) return setError("Ảnh này chưa có bản hiển thị trên trang.");
    const height = record.width && record.height ? Math.round((record.height * variant.width) / record.width) : undefined;
    props.onInsert({ src: variant.url, alt: record.alt, width: variant.width, ...(height ? { height } : {}) });
    close();
  };
  return (
    <dialog ref={dialog} class="dialog dialog--wide" aria-labelledby="insert-image-title" onClose={() => props.onClose()}>
      <h2 id="insert-image-title">Chèn ảnh vào nội dung</h2>
      <p class="field__hint">Ảnh lấy từ thư viện, kèm mô tả (alt) đã nhập ở thư viện.</p>
      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={items().length} fallback={<p role="status">{loading() ? "Đang tải ảnh…" : "Thư viện chưa có ảnh nào sẵn sàng."}</p>}>
        <ul class="picker-grid">
          <For each={items()}>
            {(record) => (
              <li>
                <button type="button" class="picker-option" onClick={() => pick(record)}>
                  <img src={thumbnail(record)} alt="" width="160" height="100" loading="lazy" />
                  <span class="picker-option__name">{record.filename}</span>
                  <span class="picker-option__alt">{record.alt ? `Mô tả: ${record.alt}` : "Chưa có mô tả ảnh (alt)"}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="actions">
        <Show when={next()}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
            Xem thêm ảnh
          </button>
        </Show>
        <button type="button" class="button button--quiet" onClick={close}>
          Đóng
        </button>
      </div>
    </dialog>
  );
}
