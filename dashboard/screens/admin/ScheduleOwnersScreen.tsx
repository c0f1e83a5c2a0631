/**
 * The bodies that publish weekly work schedules (`GET/POST/PATCH /api/schedule-owners`; admins
 * change them): name, order and the section whose board approves their schedules. The address
 * (slug) is chosen once: every published week's address is made from it.
 */
import { createSignal, For, Show } from "solid-js";
import { api } from "../../api";
import { sections } from "../../stores/sections";
import type { ScheduleOwner } from "../../types";
import { AdminHead, createForm, createLoad, Field, FieldError, FormMessage, Loaded, toOrder } from "./common";

function OwnerForm(props: { owner?: ScheduleOwner; onSaved: (owner: ScheduleOwner) => void; onClose?: () => void }) {
  const prefix = props.owner ? "edit-owner" : "new-owner";
  const form = createForm(prefix);
  const blank = () => ({ name: props.owner?.name ?? "", slug: props.owner?.slug ?? "", order: props.owner ? String(props.owner.order) : "", section: props.owner?.sectionId ?? "" });
  const [draft, setDraft] = createSignal(blank());
  const set = (patch: Partial<ReturnType<typeof blank>>) => setDraft({ ...draft(), ...patch });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = draft();
    const saved = await form.run(
      () =>
        props.owner
          ? api.patch<ScheduleOwner>(`/api/schedule-owners/${encodeURIComponent(props.owner.id)}`, { name: d.name, order: toOrder(d.order), section: d.section })
          : api.post<ScheduleOwner>("/api/schedule-owners", { name: d.name, slug: d.slug.trim() || undefined, order: toOrder(d.order), section: d.section }),
      props.owner ? "Đã lưu đơn vị." : `Đã thêm đơn vị ${d.name}.`,
    );
    if (saved) {
      if (!props.owner) setDraft(blank());
      props.onSaved(saved);
    }
  };
  const titleId = `${prefix}-title`;
  return (
    <form class="panel form" onSubmit={submit} novalidate aria-labelledby={titleId}>
      <h2 id={titleId} tabindex="-1">
        {props.owner ? `Sửa đơn vị ${props.owner.name}` : "Thêm đơn vị"}
      </h2>
      <Field form={form} name="name" label="Tên đơn vị" required maxlength={150} value={draft().name} onInput={(name) => set({ name })} />
      <Show when={!props.owner}>
        <Field form={form} name="slug" label="Đường dẫn" hint="Để trống để tạo từ tên. Không đổi được sau khi tạo." value={draft().slug} onInput={(slug) => set({ slug })} />
      </Show>
      <Field form={form} name="order" label="Thứ tự" type="number" hint="Số nhỏ đứng trước; để trống thì xếp cuối." value={draft().order} onInput={(order) => set({ order })} />
      <div class="field">
        <label for={`${prefix}-section`}>
          Chuyên mục duyệt lịch <span aria-hidden="true">*</span>
        </label>
        <select id={`${prefix}-section`} value={draft().section} aria-invalid={form.errors().section ? "true" : undefined} aria-describedby={form.errors().section ? `${prefix}-section-error` : undefined} onChange={(event) => set({ section: event.currentTarget.value })}>
          <option value="">(Chọn chuyên mục)</option>
          <For each={sections.list()}>{(section) => <option value={section.id}>{section.name}</option>}</For>
        </select>
        <FieldError form={form} name="section" />
      </div>
      <FormMessage form={form} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          {props.owner ? "Lưu đơn vị" : "Thêm đơn vị"}
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

export default function ScheduleOwnersScreen() {
  const load = createLoad(() => api.get<ScheduleOwner[]>("/api/schedule-owners"));
  const [editing, setEditing] = createSignal<string>();
  const replace = (owner: ScheduleOwner) =>
    load.setData((all) => [...(all ?? []).filter((one) => one.id !== owner.id), owner].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)));
  const open = (id: string) => {
    setEditing(id);
    requestAnimationFrame(() => document.getElementById("edit-owner-title")?.focus());
  };
  return (
    <>
      <AdminHead title="Đơn vị có lịch công tác" />
      <Loaded load={load}>
        {() => (
          <>
            <Show when={load.data()!.length} fallback={<p>Chưa có đơn vị nào.</p>}>
              <table class="table">
                <caption class="visually-hidden">Các đơn vị có lịch công tác</caption>
                <thead>
                  <tr>
                    <th scope="col">Thứ tự</th>
                    <th scope="col">Tên đơn vị</th>
                    <th scope="col">Đường dẫn</th>
                    <th scope="col">Chuyên mục duyệt</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={load.data()}>
                    {(owner) => (
                      <tr>
                        <td>{owner.order}</td>
                        <th scope="row">{owner.name}</th>
                        <td>{owner.slug}</td>
                        <td>{sections.name(owner.sectionId)}</td>
                        <td>
                          <button type="button" class="button" onClick={() => open(owner.id)} aria-label={`Sửa đơn vị ${owner.name}`}>
                            Sửa
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={editing() && load.data()!.some((one) => one.id === editing()) ? editing() : undefined} keyed>
              {(id) => <OwnerForm owner={load.data()!.find((one) => one.id === id)} onSaved={replace} onClose={() => setEditing(undefined)} />}
            </Show>
            <OwnerForm onSaved={replace} />
          </>
        )}
      </Loaded>
    </>
  );
}
