/**
 * Choosing a featured image: the library's ready images, newest first, each shown with its alt
 * text (or that it has none: the server refuses an image without alt, and the editor screen shows
 * its message). A native modal dialog: focus stays inside, Esc closes it.
 */
import { createSignal, For, onMount, Show } from "solid-js";
import { messageOf } from "../api";
import { media } from "../stores/media";
import type { MediaRecord } from "../types";
import { thumbnail } from "./MediaDetails";

export function ImagePicker(props: { onPick: (record: MediaRecord) => void; onClose: () => void }) {
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
  const close = () => {
    if (dialog.open) dialog.close();
  };

  return (
    <dialog ref={dialog} class="dialog dialog--wide" aria-labelledby="picker-title" onClose={() => props.onClose()}>
      <h2 id="picker-title">Chọn ảnh đại diện</h2>
      <p class="field__hint">Chỉ ảnh đã xử lý xong. Ảnh cần có mô tả (alt); nhập mô tả ở mục “Thư viện ảnh và tệp”.</p>
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
                <button
                  type="button"
                  class="picker-option"
                  onClick={() => {
                    props.onPick(record);
                    close();
                  }}
                >
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
