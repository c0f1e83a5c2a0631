/**
 * Choosing library media for a content item: images (a gallery's photos, a poster), documents
 * (attached files) or videos. One or several (checkboxes, then "add"), newest first with paging,
 * and an upload field right here (the media store's uploader, with its progress bar): a file
 * uploaded from the dialog appears on top once processed, already ticked when several may be
 * chosen. A native modal dialog: focus stays inside, Esc closes it.
 */
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { messageOf } from "../api";
import { formatBytes } from "../format";
import { media, type MediaKind } from "../stores/media";
import type { MediaRecord } from "../types";
import { percent } from "../upload";
import { thumbnail } from "./MediaDetails";

const ACCEPT: Record<MediaKind, string> = {
  image: "image/jpeg,image/png,image/webp,image/gif",
  file: ".pdf,.doc,.docx,.xls,.xlsx,.zip,application/pdf",
  video: "video/mp4,video/webm,.mp4,.webm",
};
const ACCEPT_HINT: Record<MediaKind, string> = {
  image: "Ảnh JPEG, PNG, WebP, GIF đến 30 MB.",
  file: "Tài liệu PDF, Word, Excel, ZIP đến 50 MB.",
  video: "Video MP4 hoặc WebM đến 500 MB.",
};

let pickerCount = 0;

export function MediaPicker(props: {
  kind: MediaKind;
  title: string;
  multiple?: boolean;
  /** Ids already chosen: shown as such, not offered again. */
  chosen?: string[];
  hint?: string;
  onPick: (records: MediaRecord[]) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const id = `media-picker-${++pickerCount}`;
  const [items, setItems] = createSignal<MediaRecord[]>([]);
  const [next, setNext] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const [ticked, setTicked] = createSignal<string[]>([]);
  /** Keys of the uploads started from this dialog (their progress shows here). */
  const [started, setStarted] = createSignal<number[]>([]);
  const already = (record: MediaRecord) => (props.chosen ?? []).includes(record.id);

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await media.list(props.kind, cursor);
      setItems((current) => [...(cursor ? current : []), ...page.items.filter((record) => record.status === "ready" && !current.some((one) => one.id === record.id))]);
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
  onCleanup(
    media.onProcessed((record) => {
      if (record.kind !== props.kind || record.status !== "ready") return;
      setItems((all) => [record, ...all.filter((one) => one.id !== record.id)]);
      if (props.multiple) setTicked((all) => [...new Set([...all, record.id])]);
    }),
  );

  const upload = (files: FileList | null) => {
    if (!files?.length) return;
    const before = new Set(media.uploads.map((one) => one.key));
    media.upload([...files]);
    setStarted((keys) => [...keys, ...media.uploads.filter((one) => !before.has(one.key)).map((one) => one.key)]);
  };
  const close = () => {
    if (dialog.open) dialog.close();
  };
  const choose = (records: MediaRecord[]) => {
    props.onPick(records);
    close();
  };
  const toggle = (recordId: string, on: boolean) => setTicked((all) => (on ? [...all, recordId] : all.filter((one) => one !== recordId)));

  return (
    <dialog ref={dialog} class="dialog dialog--wide" aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <Show when={props.hint}>
        <p class="field__hint">{props.hint}</p>
      </Show>
      <div class="field">
        <label for={`${id}-upload`}>Tải tệp mới lên</label>
        <input id={`${id}-upload`} type="file" accept={ACCEPT[props.kind]} multiple={props.multiple} aria-describedby={`${id}-upload-hint`} onChange={(event) => upload(event.currentTarget.files)} />
        <p id={`${id}-upload-hint`} class="field__hint">
          {ACCEPT_HINT[props.kind]} Tệp tải lên xong sẽ hiện ở đầu danh sách.
        </p>
      </div>
      <Show when={started().length}>
        <ul class="uploads">
          <For each={media.uploads.filter((one) => started().includes(one.key))}>
            {(one) => (
              <li class={`upload upload--${one.phase}`}>
                <p id={`${id}-up-${one.key}`} class="upload__name">
                  Tải lên “{one.filename}”
                </p>
                <div class="upload__bar">
                  <progress max="100" value={percent(one.progress)} aria-labelledby={`${id}-up-${one.key}`} />
                  <span aria-hidden="true">{percent(one.progress)} %</span>
                </div>
                <p class="upload__phase" role="status">
                  {one.phase === "sending" ? "Đang gửi tệp…" : one.phase === "processing" ? "Đã gửi xong, đang xử lý…" : one.phase === "ready" ? "Sẵn sàng." : `Không thành công: ${one.error ?? "lỗi không rõ."}`}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={items().length} fallback={<p role="status">{loading() ? "Đang tải thư viện…" : "Thư viện chưa có tệp nào sẵn sàng loại này."}</p>}>
        <ul class="picker-grid">
          <For each={items()}>
            {(record) => {
              const body = () => (
                <>
                  <Show when={thumbnail(record)}>
                    <img src={thumbnail(record)} alt="" width="160" height="100" loading="lazy" />
                  </Show>
                  <span class="picker-option__name">{record.filename}</span>
                  <span class="picker-option__alt">
                    {record.kind === "image" ? (record.alt ? `Mô tả: ${record.alt}` : "Chưa có mô tả ảnh (alt)") : formatBytes(record.size)}
                    {already(record) ? " · Đã có trong danh sách" : ""}
                  </span>
                </>
              );
              return (
                <li>
                  <Show
                    when={props.multiple}
                    fallback={
                      <button type="button" class="picker-option" onClick={() => choose([record])}>
                        {body()}
                      </button>
                    }
                  >
                    <label class="picker-option picker-option--check">
                      <input type="checkbox" checked={ticked().includes(record.id)} disabled={already(record)} onChange={(event) => toggle(record.id, event.currentTarget.checked)} />
                      {body()}
                    </label>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <div class="actions">
        <Show when={props.multiple}>
          <button
            type="button"
            class="button button--primary"
            disabled={!ticked().length}
            onClick={() => choose(ticked().map((one) => items().find((record) => record.id === one)!).filter(Boolean))}
          >
            Thêm {ticked().length ? `${ticked().length} mục` : ""} đã chọn
          </button>
        </Show>
        <Show when={next()}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
            Xem thêm
          </button>
        </Show>
        <button type="button" class="button button--quiet" onClick={close}>
          Đóng
        </button>
      </div>
    </dialog>
  );
}
