/**
 * The types a document is filed under (`GET /api/document-types`, `PUT` to replace the list with
 * the version read; admins). Rows are renamed, added, moved and removed here, then saved together;
 * the server refuses to remove a type a published document uses, and a stale list is a 409.
 */
import { createSignal, For, Index, Show } from "solid-js";
import { api } from "../../api";
import type { DocumentTypeList } from "../../types";
import { AdminHead, createForm, createLoad, FormMessage, Loaded } from "./common";

interface Row {
  slug?: string;
  name: string;
}

export default function DocumentTypesScreen() {
  const load = createLoad(() => api.get<DocumentTypeList>("/api/document-types"));
  const form = createForm("types");
  const [rows, setRows] = createSignal<Row[]>([]);
  let filled = false;
  const data = () => {
    const list = load.data();
    if (list && !filled) {
      filled = true;
      setRows(list.types.map((type) => ({ ...type })));
    }
    return list;
  };
  const update = (index: number, name: string) => setRows((all) => all.map((row, i) => (i === index ? { ...row, name } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const focusRow = (index: number) => requestAnimationFrame(() => document.getElementById(`types-types.${index}.name`)?.focus());
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const saved = await form.run(
      () => api.put<DocumentTypeList>("/api/document-types", { version: load.data()!.version, types: rows().map((row) => (row.slug ? row : { name: row.name })) }),
      "Đã lưu danh sách loại văn bản.",
    );
    if (saved) {
      load.setData(() => saved);
      setRows(saved.types.map((type) => ({ ...type })));
    }
  };
  return (
    <>
      <AdminHead title="Loại văn bản" />
      <Loaded load={{ data, error: load.error }}>
        {() => (
          <form class="panel form" onSubmit={save} novalidate>
            <p class="field__hint">Thứ tự ở đây là thứ tự trong ô chọn loại văn bản. Loại mới được tạo đường dẫn từ tên khi lưu.</p>
            <ol class="rows">
              <Index each={rows()}>
                {(row, index) => {
                  const id = `types-types.${index}.name`;
                  const message = () => form.errors()[`types.${index}.name`] ?? form.errors()[`types.${index}`];
                  return (
                    <li class="row">
                      <label for={id} class="visually-hidden">
                        Tên loại văn bản thứ {index + 1}
                      </label>
                      <input id={id} type="text" maxlength="100" value={row().name} aria-invalid={message() ? "true" : undefined} aria-describedby={message() ? `${id}-error` : undefined} onInput={(event) => update(index, event.currentTarget.value)} />
                      <span class="field__hint">{row().slug ? `/${row().slug}` : "(mới)"}</span>
                      <button type="button" class="button" disabled={index === 0} aria-label={`Đưa “${row().name}” lên`} onClick={() => (move(index, -1), focusRow(index - 1))}>
                        ↑
                      </button>
                      <button type="button" class="button" disabled={index === rows().length - 1} aria-label={`Đưa “${row().name}” xuống`} onClick={() => (move(index, 1), focusRow(index + 1))}>
                        ↓
                      </button>
                      <button type="button" class="button button--danger" aria-label={`Bỏ “${row().name}”`} onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>
                        Bỏ
                      </button>
                      <Show when={message()}>
                        <p id={`${id}-error`} class="field__error">
                          {message()}
                        </p>
                      </Show>
                    </li>
                  );
                }}
              </Index>
            </ol>
            <Show when={form.errors().types}>
              <p class="field__error">{form.errors().types}</p>
            </Show>
            <div class="actions">
              <button type="button" class="button" onClick={() => (setRows((all) => [...all, { name: "" }]), focusRow(rows().length - 1))}>
                Thêm loại văn bản
              </button>
            </div>
            <FormMessage form={form} />
            <div class="actions">
              <button type="submit" class="button button--primary" disabled={form.busy()}>
                Lưu danh sách
              </button>
            </div>
          </form>
        )}
      </Loaded>
    </>
  );
}
