/**
 * One library item in a dialog: what it is (size, dimensions, uploader, quality warnings, where it
 * is used), its alt text / caption / credit (`PATCH /api/media/:id` with the version read), and
 * deletion (`DELETE /api/media/:id?version=`; a used file is refused with the list of its uses).
 */
import { createEffect, createSignal, For, onMount, Show } from "solid-js";
import { ApiError, messageOf } from "../api";
import { formatBytes, formatDateTime, formatNumber } from "../format";
import { BASE, Link } from "../router";
import { media } from "../stores/media";
import { KIND_LABELS, type MediaRecord } from "../types";

export function thumbnail(record: MediaRecord): string | undefined {
  const variants = (record.variants ?? []).filter((variant) => variant.format === "webp" || variant.format === "image/webp");
  const list = variants.length ? variants : record.variants ?? [];
  return [...list].sort((a, b) => a.width - b.width)[0]?.url;
}

/** "articles#abc" → a readable line, linked when the dashboard has a screen for it. */
function Use(props: { use: string }) {
  const [kind, id] = props.use.split("#") as [string, string | undefined];
  const label = `${KIND_LABELS[kind] ?? kind} (mã ${id ?? "?"})`;
  return kind === "articles" && id ? <Link href={`${BASE}/bai-viet/${encodeURIComponent(id)}`}>{label}</Link> : <>{label}</>;
}

export function MediaDetails(props: { record: MediaRecord; onChanged: (record: MediaRecord) => void; onDeleted: (id: string) => void; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [record, setRecord] = createSignal(props.record);
  const [alt, setAlt] = createSignal(props.record.alt ?? "");
  const [caption, setCaption] = createSignal(props.record.caption ?? "");
  const [credit, setCredit] = createSignal(props.record.credit ?? "");
  const [message, setMessage] = createSignal<{ kind: "ok" | "error"; text: string; uses?: string[] }>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const isImage = () => record().kind === "image";

  onMount(() => dialog.showModal());
  createEffect(() => {
    if (confirming()) dialog.querySelector<HTMLButtonElement>("[data-confirm-delete]")?.focus();
  });

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setFields({});
    try {
      const saved = await media.update(record().id, record().version, { alt: alt().trim(), caption: caption().trim(), credit: credit().trim() });
      setRecord(saved);
      props.onChanged(saved);
      setMessage({ kind: "ok", text: "Đã lưu thông tin tệp." });
    } catch (error) {
      if (error instanceof ApiError && error.conflict) {
        // Someone else saved meanwhile: show theirs beside what was typed, nothing is overwritten.
        const fresh = await media.get(record().id).catch(() => undefined);
        if (fresh) setRecord(fresh);
        setMessage({ kind: "error", text: `${error.message} Nội dung bạn vừa nhập vẫn còn trong ô; bấm “Lưu thông tin” lần nữa để ghi đè.` });
      } else {
        setMessage({ kind: "error", text: messageOf(error) });
        if (error instanceof ApiError) setFields(error.fields);
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      await media.remove(record().id, record().version);
      props.onDeleted(record().id);
      close();
    } catch (error) {
      const uses = error instanceof ApiError && Array.isArray(error.details.uses) ? (error.details.uses as string[]) : undefined;
      setMessage({ kind: "error", text: messageOf(error), uses });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (dialog.open) dialog.close();
    props.onClose();
  };

  const field = (name: "alt" | "caption" | "credit", label: string, value: () => string, set: (value: string) => void, hint?: string) => (
    <div class="field">
      <label for={`media-${name}`}>{label}</label>
      <Show when={hint}>
        <p id={`media-${name}-hint`} class="field__hint">
          {hint}
        </p>
      </Show>
      {name === "caption" ? (
        <textarea id={`media-${name}`} rows="3" value={value()} onInput={(event) => set(event.currentTarget.value)} aria-invalid={fields()[name] ? "true" : undefined} />
      ) : (
        <input
          id={`media-${name}`}
          type="text"
          value={value()}
          onInput={(event) => set(event.currentTarget.value)}
          aria-invalid={fields()[name] ? "true" : undefined}
          aria-describedby={hint ? `media-${name}-hint` : undefined}
        />
      )}
      <Show when={fields()[name]}>
        <p class="field__error">{fields()[name]}</p>
      </Show>
    </div>
  );

  return (
    <dialog ref={dialog} class="dialog dialog--wide" aria-labelledby="media-details-title" onClose={() => props.onClose()}>
      <h2 id="media-details-title">Thông tin tệp: {record().filename}</h2>
      <div class="details">
        <Show when={thumbnail(record())}>
          <img class="details__image" src={thumbnail(record())} alt="" width={record().width} height={record().height} />
        </Show>
        <dl class="details__facts">
          <dt>Kích thước</dt>
          <dd>
            {formatBytes(record().size)}
            <Show when={record().width && record().height}>{`, ${formatNumber(record().width!)} × ${formatNumber(record().height!)} điểm ảnh`}</Show>
          </dd>
          <dt>Người tải lên</dt>
          <dd>
            {record().uploadedBy.name}, {formatDateTime(record().createdAt)}
          </dd>
          <Show when={record().url}>
            <dt>Địa chỉ</dt>
            <dd>
              <a href={record().url}>{record().url}</a>
            </dd>
          </Show>
          <Show when={record().uses?.length}>
            <dt>Đang dùng ở</dt>
            <dd>
              <ul>
                <For each={record().uses}>{(use) => <li><Use use={use} /></li>}</For>
              </ul>
            </dd>
          </Show>
        </dl>
      </div>
      <Show when={record().warnings?.length}>
        <div class="alert alert--warning">
          <p>Lưu ý về chất lượng ảnh:</p>
          <ul>
            <For each={record().warnings}>{(warning) => <li>{warning}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={message()}>
        {(shown) => (
          <div class={`alert ${shown().kind === "ok" ? "alert--ok" : "alert--error"}`} role={shown().kind === "ok" ? "status" : "alert"}>
            <p>{shown().text}</p>
            <Show when={shown().uses?.length}>
              <ul>
                <For each={shown().uses}>{(use) => <li><Use use={use} /></li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
      <form class="form" onSubmit={save}>
        {field("alt", isImage() ? "Mô tả ảnh (alt)" : "Mô tả", alt, setAlt, isImage() ? "Bắt buộc trước khi dùng ảnh: tả điều ảnh cho thấy, cho người không xem được ảnh." : undefined)}
        {field("caption", "Chú thích", caption, setCaption)}
        {field("credit", "Nguồn / tác giả ảnh", credit, setCredit)}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy()}>
            Lưu thông tin
          </button>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="button button--danger" disabled={busy()} onClick={() => setConfirming(true)}>
                Xóa tệp
              </button>
            }
          >
            <button type="button" class="button button--danger" data-confirm-delete disabled={busy()} onClick={() => void remove()}>
              Xác nhận xóa vĩnh viễn
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              Không xóa
            </button>
          </Show>
          <button type="button" class="button button--quiet" onClick={close}>
            Đóng
          </button>
        </div>
      </form>
    </dialog>
  );
}
