/**
 * Sections (`POST /api/sections`, `PATCH /api/sections/:id`, admins; read from the public
 * `GET /api/sections`): the tree in navigation order, a new section, and one section's name,
 * address, description, order, parent (one level of nesting: the server's section-admin.ts rules)
 * and whether its board may approve its own items.
 */
import { createSignal, For, Show } from "solid-js";
import { api } from "../../api";
import { sections } from "../../stores/sections";
import type { Section } from "../../types";
import { AdminHead, createForm, Field, FieldError, FormMessage, toOrder } from "./common";

interface Draft {
  name: string;
  slug: string;
  description: string;
  order: string;
  parentId: string;
  selfApproval: boolean;
}

const draftOf = (section?: Section): Draft => ({
  name: section?.name ?? "",
  slug: section?.slug ?? "",
  description: section?.description ?? "",
  order: String(section?.order ?? 0),
  parentId: section?.parentId ?? "",
  selfApproval: section?.selfApproval ?? false,
});

function SectionForm(props: { section?: Section; onDone: (section: Section) => void; onClose?: () => void }) {
  const prefix = props.section ? "edit-section" : "new-section";
  const form = createForm(prefix);
  const [draft, setDraft] = createSignal(draftOf(props.section));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft(), ...patch });
  // A parent must be top-level and not the section itself.
  const parents = () => sections.list().filter((s) => !s.parentId && s.id !== props.section?.id);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = draft();
    const body = { name: d.name, slug: d.slug, description: d.description, order: toOrder(d.order) ?? 0, parentId: d.parentId || null, selfApproval: d.selfApproval };
    const saved = await form.run(
      () => (props.section ? api.patch<Section>(`/api/sections/${encodeURIComponent(props.section.id)}`, body) : api.post<Section>("/api/sections", body)),
      props.section ? "Đã lưu chuyên mục." : `Đã tạo chuyên mục ${d.name}.`,
    );
    if (saved) {
      await sections.refetch();
      if (!props.section) setDraft(draftOf());
      props.onDone(saved);
    }
  };
  const titleId = `${prefix}-title`;
  return (
    <form class="panel form" onSubmit={submit} novalidate aria-labelledby={titleId}>
      <h2 id={titleId} tabindex="-1">
        {props.section ? `Sửa chuyên mục ${props.section.name}` : "Thêm chuyên mục"}
      </h2>
      <Field form={form} name="name" label="Tên chuyên mục" required maxlength={100} value={draft().name} onInput={(name) => set({ name })} />
      <Field form={form} name="slug" label="Đường dẫn" required hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ kinh-te-xa-hoi." value={draft().slug} onInput={(slug) => set({ slug })} />
      <Field form={form} name="description" label="Mô tả" multiline maxlength={500} value={draft().description} onInput={(description) => set({ description })} />
      <Field form={form} name="order" label="Thứ tự" type="number" hint="Số nhỏ đứng trước (0 đến 9999)." value={draft().order} onInput={(order) => set({ order })} />
      <div class="field">
        <label for={`${prefix}-parentId`}>Chuyên mục cha</label>
        <select id={`${prefix}-parentId`} value={draft().parentId} aria-invalid={form.errors().parentId ? "true" : undefined} aria-describedby={form.errors().parentId ? `${prefix}-parentId-error` : undefined} onChange={(event) => set({ parentId: event.currentTarget.value })}>
          <option value="">(Không có — chuyên mục cấp một)</option>
          <For each={parents()}>{(parent) => <option value={parent.id}>{parent.name}</option>}</For>
        </select>
        <FieldError form={form} name="parentId" />
      </div>
      <div class="field">
        <label class="choice">
          <input id={`${prefix}-selfApproval`} type="checkbox" checked={draft().selfApproval} onChange={(event) => set({ selfApproval: event.currentTarget.checked })} />
          Cho phép ban biên tập của chuyên mục tự duyệt bài của mình
        </label>
        <FieldError form={form} name="selfApproval" />
      </div>
      <FormMessage form={form} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          {props.section ? "Lưu chuyên mục" : "Tạo chuyên mục"}
        </button>
        <Show when={props.onClose}>
          <button type="button" class="button button--quiet" onClick={() => props.onClose!()}>
            Đóng
          </button>
        </Show>
      </div>
    </form>
  );
}

export default function SectionsScreen() {
  const [editing, setEditing] = createSignal<string>();
  const tree = () => {
    const all = sections.list();
    return all.filter((s) => !s.parentId).map((top) => ({ top, children: all.filter((s) => s.parentId === top.id) }));
  };
  const open = (id: string) => {
    setEditing(id);
    requestAnimationFrame(() => document.getElementById("edit-section-title")?.focus());
  };
  const Row = (props: { section: Section; child?: boolean }) => (
    <tr>
      <th scope="row" class={props.child ? "table__child" : undefined}>
        {props.child ? "↳ " : ""}
        {props.section.name}
      </th>
      <td>/{props.section.slug}</td>
      <td>{props.section.order}</td>
      <td>{props.section.selfApproval ? "Được tự duyệt" : "—"}</td>
      <td>
        <button type="button" class="button" onClick={() => open(props.section.id)} aria-label={`Sửa chuyên mục ${props.section.name}`}>
          Sửa
        </button>
      </td>
    </tr>
  );
  return (
    <>
      <AdminHead title="Chuyên mục" />
      <Show when={!sections.list.loading || sections.list().length} fallback={<p role="status">Đang tải…</p>}>
        <table class="table">
          <caption class="visually-hidden">Các chuyên mục theo thứ tự hiển thị</caption>
          <thead>
            <tr>
              <th scope="col">Tên</th>
              <th scope="col">Đường dẫn</th>
              <th scope="col">Thứ tự</th>
              <th scope="col">Duyệt bài</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            <For each={tree()}>
              {(group) => (
                <>
                  <Row section={group.top} />
                  <For each={group.children}>{(child) => <Row section={child} child />}</For>
                </>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      {/* Keyed by id (ids never change): the refetch after a save keeps the form and its message. */}
      <Show when={editing() && sections.byId(editing()!) ? editing() : undefined} keyed>
        {(id) => <SectionForm section={sections.byId(id)} onDone={() => undefined} onClose={() => setEditing(undefined)} />}
      </Show>
      <SectionForm onDone={() => undefined} />
    </>
  );
}
