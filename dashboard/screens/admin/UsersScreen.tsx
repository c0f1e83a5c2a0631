/**
 * Accounts (`/api/users`, admins): the list with role, sections and state; a new account with its
 * first password; one account's role and sections; locking and unlocking it (`{ active }`: a
 * locked account's sessions stop at once); a new password (`POST /api/users/:id/password`).
 */
import { createSignal, For, Show } from "solid-js";
import { api, type Page } from "../../api";
import { sections } from "../../stores/sections";
import { ROLE_LABELS, type Section, type User } from "../../types";
import { AdminHead, createForm, createLoad, Field, FieldError, FormMessage, Loaded, type Form } from "./common";

const ROLES = Object.keys(ROLE_LABELS) as User["role"][];

function RoleSelect(props: { form: Form; value: User["role"]; onChange: (role: User["role"]) => void }) {
  const id = `${props.form.prefix}-role`;
  return (
    <div class="field">
      <label for={id}>Vai trò</label>
      <select id={id} value={props.value} aria-invalid={props.form.errors().role ? "true" : undefined} aria-describedby={props.form.errors().role ? `${id}-error` : undefined} onChange={(event) => props.onChange(event.currentTarget.value as User["role"])}>
        <For each={ROLES}>{(role) => <option value={role}>{ROLE_LABELS[role]}</option>}</For>
      </select>
      <FieldError form={props.form} name="role" />
    </div>
  );
}

/** Checkboxes of every section, children indented under their parent. */
function SectionChoice(props: { form: Form; value: string[]; onChange: (ids: string[]) => void }) {
  const ordered = () => {
    const all = sections.list();
    const out: Section[] = [];
    for (const top of all.filter((s) => !s.parentId)) out.push(top, ...all.filter((s) => s.parentId === top.id));
    return out;
  };
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.value, id] : props.value.filter((one) => one !== id));
  return (
    <fieldset class="field" id={`${props.form.prefix}-sections`} tabindex="-1" aria-describedby={`${props.form.prefix}-sections-hint${props.form.errors().sections ? ` ${props.form.prefix}-sections-error` : ""}`}>
      <legend>Chuyên mục phụ trách</legend>
      <p id={`${props.form.prefix}-sections-hint`} class="field__hint">
        Cho phóng viên và biên tập viên chuyên mục. Tổng biên tập và quản trị viên làm việc ở mọi chuyên mục.
      </p>
      <div class="choices">
        <For each={ordered()}>
          {(section) => (
            <label class={`choice${section.parentId ? " choice--child" : ""}`}>
              <input type="checkbox" checked={props.value.includes(section.id)} onChange={(event) => toggle(section.id, event.currentTarget.checked)} />
              {section.name}
            </label>
          )}
        </For>
      </div>
      <FieldError form={props.form} name="sections" />
    </fieldset>
  );
}

function CreateUser(props: { onCreated: (user: User) => void }) {
  const form = createForm("new-user");
  const empty = () => ({ email: "", name: "", password: "", role: "writer" as User["role"], sections: [] as string[] });
  const [draft, setDraft] = createSignal(empty());
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const user = await form.run(() => api.post<User>("/api/users", draft()), `Đã tạo tài khoản ${draft().name}.`);
    if (user) {
      setDraft(empty());
      props.onCreated(user);
    }
  };
  return (
    <form class="panel form" onSubmit={submit} novalidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">Thêm tài khoản</h2>
      <Field form={form} name="name" label="Họ và tên" required maxlength={120} value={draft().name} onInput={(name) => setDraft({ ...draft(), name })} />
      <Field form={form} name="email" label="Thư điện tử (dùng để đăng nhập)" type="email" required maxlength={254} value={draft().email} onInput={(email) => setDraft({ ...draft(), email })} />
      <Field form={form} name="password" label="Mật khẩu ban đầu" type="password" required autocomplete="new-password" hint="Ít nhất 12 ký tự. Báo cho người dùng qua kênh riêng và nhắc họ đổi mật khẩu." value={draft().password} onInput={(password) => setDraft({ ...draft(), password })} />
      <RoleSelect form={form} value={draft().role} onChange={(role) => setDraft({ ...draft(), role })} />
      <SectionChoice form={form} value={draft().sections} onChange={(ids) => setDraft({ ...draft(), sections: ids })} />
      <FormMessage form={form} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          Tạo tài khoản
        </button>
      </div>
    </form>
  );
}

function EditUser(props: { user: User; onSaved: (user: User) => void; onClose: () => void }) {
  const form = createForm("edit-user");
  const passwordForm = createForm("password");
  const [role, setRole] = createSignal(props.user.role);
  const [chosen, setChosen] = createSignal([...props.user.sections]);
  const [password, setPassword] = createSignal("");
  const patch = async (body: Record<string, unknown>, success: string) => {
    const user = await form.run(() => api.patch<User>(`/api/users/${encodeURIComponent(props.user.id)}`, { ...body, version: props.user.version }), success);
    if (user) props.onSaved(user);
  };
  const resetPassword = async (event: SubmitEvent) => {
    event.preventDefault();
    const ok = await passwordForm.run(() => api.post(`/api/users/${encodeURIComponent(props.user.id)}/password`, { password: password() }), `Đã đặt mật khẩu mới cho ${props.user.name}. Các phiên đăng nhập cũ của tài khoản này đã kết thúc.`);
    if (ok) setPassword("");
  };
  return (
    <section class="panel" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title" tabindex="-1">
        Tài khoản {props.user.name}
      </h2>
      <p>
        {props.user.email} — {props.user.active ? "Đang hoạt động" : "Đã khóa"}
      </p>
      <form
        class="form"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          void patch({ role: role(), sections: chosen() }, "Đã lưu vai trò và chuyên mục.");
        }}
      >
        <RoleSelect form={form} value={role()} onChange={setRole} />
        <SectionChoice form={form} value={chosen()} onChange={setChosen} />
        <FormMessage form={form} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={form.busy()}>
            Lưu vai trò và chuyên mục
          </button>
          <button type="button" class={`button${props.user.active ? " button--danger" : ""}`} disabled={form.busy()} onClick={() => void patch({ active: !props.user.active }, props.user.active ? `Đã khóa tài khoản ${props.user.name}.` : `Đã mở khóa tài khoản ${props.user.name}.`)}>
            {props.user.active ? "Khóa tài khoản" : "Mở khóa tài khoản"}
          </button>
          <button type="button" class="button button--quiet" onClick={() => props.onClose()}>
            Đóng
          </button>
        </div>
      </form>
      <form class="form" novalidate onSubmit={resetPassword} aria-labelledby="password-title">
        <h3 id="password-title">Đặt lại mật khẩu</h3>
        <Field form={passwordForm} name="password" label="Mật khẩu mới" type="password" autocomplete="new-password" hint="Ít nhất 12 ký tự." value={password()} onInput={setPassword} />
        <FormMessage form={passwordForm} />
        <button type="submit" class="button" disabled={passwordForm.busy()}>
          Đặt mật khẩu mới
        </button>
      </form>
    </section>
  );
}

export default function UsersScreen() {
  const load = createLoad(async () => (await api.get<Page<User>>("/api/users")).items);
  const [editing, setEditing] = createSignal<string>();
  const replace = (user: User) => load.setData((all) => [...(all ?? []).filter((one) => one.id !== user.id), user].sort((a, b) => a.name.localeCompare(b.name, "vi")));
  const open = (id: string) => {
    setEditing(id);
    requestAnimationFrame(() => document.getElementById("edit-user-title")?.focus());
  };
  return (
    <>
      <AdminHead title="Tài khoản" />
      <Loaded load={load}>
        {() => (
          <>
            <table class="table">
              <caption class="visually-hidden">Danh sách tài khoản</caption>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Chuyên mục</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                <For each={load.data()}>
                  {(user) => (
                    <tr>
                      <th scope="row">
                        {user.name}
                        <br />
                        <span class="muted">{user.email}</span>
                      </th>
                      <td>{ROLE_LABELS[user.role]}</td>
                      <td>{user.sections.map((id) => sections.name(id)).join(", ") || "—"}</td>
                      <td>{user.active ? "Đang hoạt động" : <span class="badge badge--returned">Đã khóa</span>}</td>
                      <td>
                        <button type="button" class="button" onClick={() => open(user.id)} aria-label={`Sửa tài khoản ${user.name}`}>
                          Sửa
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            {/* Keyed by id: a save replaces the user object but keeps the panel and its message. */}
            <Show when={load.data()!.some((user) => user.id === editing()) && editing()} keyed>
              {(id) => <EditUser user={load.data()!.find((user) => user.id === id)!} onSaved={replace} onClose={() => setEditing(undefined)} />}
            </Show>
            <CreateUser onCreated={replace} />
          </>
        )}
      </Loaded>
    </>
  );
}
