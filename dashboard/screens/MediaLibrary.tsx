/**
 * The media library: upload by file picker or drop (progress, then processing until ready or
 * failed, with the server's message and quality warnings), the library newest first with a kind
 * filter and "Xem thêm" paging (`GET /api/media?kind=&cursor=`), and each item's details.
 */
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { messageOf } from "../api";
import { MediaDetails, thumbnail } from "../components/MediaDetails";
import { formatBytes, formatDateTime } from "../format";
import { media, type MediaKind, type UploadState } from "../stores/media";
import type { MediaRecord } from "../types";
import { percent } from "../upload";

const FILTERS: { value: MediaKind | ""; label: string }[] = [
  { value: "", label: "Tất cả" },
  { value: "image", label: "Ảnh" },
  { value: "file", label: "Tài liệu" },
  { value: "video", label: "Video" },
];
/** "PDF" for a file without a picture of its own. */
const extension = (filename: string) => (/\.([a-z0-9]{1,5})$/i.exec(filename)?.[1] ?? "tệp").toUpperCase();
const STATUS: Record<MediaRecord["status"], string> = { processing: "Đang xử lý", ready: "Sẵn sàng", failed: "Lỗi" };

function UploadRow(props: { upload: UploadState; onDetails: (record: MediaRecord) => void }) {
  const done = () => percent(props.upload.progress);
  const labelId = `upload-${props.upload.key}-label`;
  return (
    <li class={`upload upload--${props.upload.phase}`}>
      <p id={labelId} class="upload__name">
        Tải lên “{props.upload.filename}”
      </p>
      <div class="upload__bar">
        <progress max="100" value={done()} aria-labelledby={labelId} />
        <span aria-hidden="true">{done()} %</span>
      </div>
      <p class="upload__phase" role="status">
        {props.upload.phase === "sending"
          ? "Đang gửi tệp…"
          : props.upload.phase === "processing"
            ? "Đã gửi xong, đang xử lý…"
            : props.upload.phase === "ready"
              ? "Sẵn sàng."
              : `Không thành công: ${props.upload.error ?? "lỗi không rõ."}`}
      </p>
      <Show when={props.upload.record?.warnings?.length}>
        <ul class="upload__warnings">
          <For each={props.upload.record!.warnings}>{(warning) => <li>{warning}</li>}</For>
        </ul>
      </Show>
      <div class="actions">
        <Show when={props.upload.phase === "ready" && props.upload.record}>
          {(record) => (
            <button type="button" class="button button--primary" onClick={() => props.onDetails(record())}>
              Nhập thông tin ảnh
            </button>
          )}
        </Show>
        <Show when={props.upload.phase === "ready" || props.upload.phase === "failed"}>
          <button type="button" class="button button--quiet" onClick={() => media.dismiss(props.upload.key)} aria-label={`Ẩn dòng tải lên “${props.upload.filename}”`}>
            Ẩn
          </button>
        </Show>
      </div>
    </li>
  );
}

export default function MediaLibrary() {
  document.title = "Thư viện ảnh và tệp — Quản trị nội dung";
  const [kind, setKind] = createSignal<MediaKind | "">("");
  const [items, setItems] = createSignal<MediaRecord[]>([]);
  const [next, setNext] = createSignal<string>();
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const [open, setOpen] = createSignal<MediaRecord>();
  const [dragging, setDragging] = createSignal(false);
  let input!: HTMLInputElement;

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await media.list(kind(), cursor);
      setItems((current) => (cursor ? [...current, ...page.items] : page.items));
      setNext(page.next);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void load());
  const replace = (record: MediaRecord) => setItems((all) => (all.some((one) => one.id === record.id) ? all.map((one) => (one.id === record.id ? record : one)) : all));
  onCleanup(
    media.onProcessed((record) => {
      if (kind() && record.kind !== kind()) return;
      setItems((all) => [record, ...all.filter((one) => one.id !== record.id)]);
    }),
  );

  const pick = (files: FileList | null | undefined) => {
    if (files?.length) media.upload([...files]);
    if (input) input.value = "";
  };

  return (
    <>
      <h1 tabindex="-1">Thư viện ảnh và tệp</h1>
      <section class="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">Tải tệp lên</h2>
        <div
          class={`dropzone${dragging() ? " dropzone--active" : ""}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            pick(event.dataTransfer?.files);
          }}
        >
          <label for="upload-input">Chọn tệp để tải lên</label>
          <input id="upload-input" ref={input} type="file" multiple aria-describedby="upload-hint" onChange={(event) => pick(event.currentTarget.files)} />
          <p id="upload-hint" class="field__hint">
            Hoặc kéo thả tệp vào khung này. Nhận ảnh JPEG, PNG, WebP, GIF (đến 30 MB); tài liệu PDF, Word, Excel, ZIP (đến 50 MB); video MP4, WebM (đến 500 MB).
          </p>
        </div>
        <Show when={media.uploads.length}>
          <ul class="uploads">
            <For each={media.uploads}>{(upload) => <UploadRow upload={upload} onDetails={setOpen} />}</For>
          </ul>
        </Show>
      </section>

      <section class="panel" aria-labelledby="library-title">
        <h2 id="library-title">Tệp đã tải lên</h2>
        <div class="field field--inline">
          <label for="media-kind">Loại tệp</label>
          <select
            id="media-kind"
            value={kind()}
            onChange={(event) => {
              setKind(event.currentTarget.value as MediaKind | "");
              void load();
            }}
          >
            <For each={FILTERS}>{(filter) => <option value={filter.value}>{filter.label}</option>}</For>
          </select>
        </div>
        <Show when={error()}>
          <p class="alert alert--error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={items().length} fallback={<p role="status">{loading() ? "Đang tải thư viện…" : "Chưa có tệp nào."}</p>}>
          <ul class="media-grid">
            <For each={items()}>
              {(record) => (
                <li class="media-card">
                  <Show when={thumbnail(record)} fallback={<span class="media-card__icon" aria-hidden="true">{extension(record.filename)}</span>}>
                    <img src={thumbnail(record)} alt="" loading="lazy" width="160" height="100" />
                  </Show>
                  <p class="media-card__name">{record.filename}</p>
                  <p class="media-card__meta">
                    <span class={`badge badge--media-${record.status}`}>{STATUS[record.status]}</span> {formatBytes(record.size)} · {formatDateTime(record.createdAt)}
                  </p>
                  <Show when={record.kind === "image" && record.status === "ready"}>
                    <p class="media-card__alt">{record.alt ? `Mô tả: ${record.alt}` : "Chưa có mô tả ảnh (alt)"}</p>
                  </Show>
                  <Show when={record.status === "failed" && record.error}>
                    <p class="media-card__error">{record.error}</p>
                  </Show>
                  <button type="button" class="button" onClick={() => setOpen(record)} aria-label={`Xem, sửa thông tin “${record.filename}”`}>
                    Xem, sửa
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={next()}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(next())}>
            Xem thêm
          </button>
        </Show>
      </section>

      <Show when={open()} keyed>
        {(record) => (
          <MediaDetails
            record={record}
            onChanged={replace}
            onDeleted={(id) => setItems((all) => all.filter((one) => one.id !== id))}
            onClose={() => setOpen(undefined)}
          />
        )}
      </Show>
    </>
  );
}
