/**
 * Attached files of a content item (a document's PDF/DOCX, a draft's files): the list in order,
 * each removable or movable, and "add" through the library picker (which also uploads, with
 * progress). The form keeps `{ id, filename, size }`; the request sends the ids.
 */
import { createSignal, For, Show } from "solid-js";
import { formatBytes } from "../format";
import type { MediaKind } from "../stores/media";
import type { MediaRecord } from "../types";
import type { ItemEditor } from "./ItemForm";
import { FieldError } from "./ItemForm";
import { MediaPicker } from "./MediaPicker";

export interface ChosenFile {
  id: string;
  filename: string;
  size: number;
  url?: string;
}

export const chosenFile = (file: { id: string; filename: string; size: number; url?: string }): ChosenFile => ({ id: file.id, filename: file.filename, size: file.size, ...(file.url ? { url: file.url } : {}) });

export function FilesField(props: {
  editor: Pick<ItemEditor, "error" | "described">;
  name: string;
  label: string;
  files: ChosenFile[];
  onChange: (files: ChosenFile[]) => void;
  kind?: MediaKind;
  multiple?: boolean;
  hint?: string;
}) {
  const [picking, setPicking] = createSignal(false);
  const [announce, setAnnounce] = createSignal("");
  const multiple = () => props.multiple ?? true;
  const move = (index: number, by: number) => {
    const list = [...props.files];
    const [file] = list.splice(index, 1);
    list.splice(index + by, 0, file!);
    props.onChange(list);
    setAnnounce(`Đã chuyển “${file!.filename}” đến vị trí ${index + by + 1}/${list.length}.`);
  };
  const add = (records: MediaRecord[]) => {
    const fresh = records.filter((record) => !props.files.some((file) => file.id === record.id)).map((record) => chosenFile({ ...record, url: record.url }));
    props.onChange(multiple() ? [...props.files, ...fresh] : fresh.slice(0, 1));
  };
  return (
    <fieldset class="field" aria-describedby={props.editor.described(props.name, Boolean(props.hint))}>
      <legend>{props.label}</legend>
      <Show when={props.hint}>
        <p id={`${props.name}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.files.length} fallback={<p>Chưa có tệp nào.</p>}>
        <ol class="file-list">
          <For each={props.files}>
            {(file, index) => (
              <li>
                <span>
                  {file.url ? (
                    <a href={file.url} target="_blank" rel="noopener">
                      {file.filename}
                      <span class="visually-hidden"> (mở thẻ mới)</span>
                    </a>
                  ) : (
                    file.filename
                  )}{" "}
                  <span class="field__hint">({formatBytes(file.size)})</span>
                </span>
                <span class="actions">
                  <Show when={multiple() && props.files.length > 1}>
                    <button type="button" class="button button--quiet" disabled={index() === 0} onClick={() => move(index(), -1)} aria-label={`Đưa “${file.filename}” lên trên`}>
                      ↑
                    </button>
                    <button type="button" class="button button--quiet" disabled={index() === props.files.length - 1} onClick={() => move(index(), 1)} aria-label={`Đưa “${file.filename}” xuống dưới`}>
                      ↓
                    </button>
                  </Show>
                  <button type="button" class="button button--quiet" onClick={() => props.onChange(props.files.filter((one) => one.id !== file.id))} aria-label={`Bỏ tệp “${file.filename}”`}>
                    Bỏ
                  </button>
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <p class="visually-hidden" aria-live="polite">
        {announce()}
      </p>
      <button type="button" class="button" onClick={() => setPicking(true)}>
        {multiple() ? `Thêm tệp từ thư viện` : props.files.length ? "Đổi tệp" : "Chọn tệp trong thư viện"}
      </button>
      <FieldError editor={props.editor} name={props.name} />
      <Show when={picking()}>
        <MediaPicker kind={props.kind ?? "file"} multiple={multiple()} title={props.label} chosen={props.files.map((file) => file.id)} onPick={add} onClose={() => setPicking(false)} />
      </Show>
    </fieldset>
  );
}
