/**
 * The site settings (`GET/PUT /api/settings`): the agency's name and contacts and the footer's
 * legal lines. Saved as a whole with the version read; a 409 (someone saved in between) offers to
 * load their version, never overwriting it silently.
 */
import { createSignal, For, Show } from "solid-js";
import { api } from "../../api";
import { formatDateTime } from "../../format";
import type { VersionedSettings } from "../../types";
import { AdminHead, createForm, createLoad, Field, FormMessage, Loaded } from "./common";

type Key = Exclude<keyof VersionedSettings, "version" | "updatedAt" | "updatedBy">;

const FIELDS: { name: Key; label: string; required?: boolean; type?: "email" | "tel"; multiline?: boolean; hint?: string; max: number }[] = [
  { name: "name", label: "Tên cổng thông tin", required: true, max: 200, hint: "Hiện ở đầu mọi trang và trong tiêu đề trình duyệt." },
  { name: "shortName", label: "Tên viết tắt", required: true, max: 80 },
  { name: "managingAgency", label: "Cơ quan chủ quản", max: 200 },
  { name: "responsiblePerson", label: "Người chịu trách nhiệm chính", max: 150 },
  { name: "licence", label: "Giấy phép hoặc quyết định thành lập", max: 300 },
  { name: "address", label: "Địa chỉ", max: 300 },
  { name: "phone", label: "Điện thoại", type: "tel", max: 60 },
  { name: "email", label: "Thư điện tử", type: "email", max: 254 },
  { name: "footerText", label: "Dòng chữ thêm ở chân trang", multiline: true, max: 1000 },
];

export default function SettingsScreen() {
  const load = createLoad(() => api.get<VersionedSettings>("/api/settings"));
  const form = createForm("settings");
  const [values, setValues] = createSignal<Record<Key, string>>({} as Record<Key, string>);
  const fill = (settings: VersionedSettings) => {
    load.setData(() => settings);
    setValues(Object.fromEntries(FIELDS.map((field) => [field.name, settings[field.name] ?? ""])) as Record<Key, string>);
  };
  // The first load fills the form; later loads are explicit (after a save or a conflict).
  let filled = false;
  const data = () => {
    const settings = load.data();
    if (settings && !filled) {
      filled = true;
      fill(settings);
    }
    return settings;
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const saved = await form.run(
      () => api.put<VersionedSettings>("/api/settings", { ...values(), version: load.data()!.version }),
      "Đã lưu cấu hình. Các trang của cổng sẽ hiển thị thông tin mới sau ít phút.",
    );
    if (saved) fill(saved);
  };
  const reloadTheirs = async () => {
    const fresh = await form.run(() => api.get<VersionedSettings>("/api/settings"), "Đã tải bản mới nhất. Hãy sửa lại rồi lưu.");
    if (fresh) fill(fresh);
  };

  return (
    <>
      <AdminHead title="Cấu hình cổng thông tin" />
      <Loaded load={{ data, error: load.error }}>
        {() => (
          <form class="form panel" onSubmit={save} novalidate aria-describedby="settings-intro">
            <p id="settings-intro" class="field__hint">
              Thông tin này hiện ở đầu và chân mọi trang. Trường có dấu * là bắt buộc.
              <Show when={load.data()?.updatedAt}>
                {" "}
                Lưu lần cuối: {formatDateTime(load.data()!.updatedAt!)}
                {load.data()?.updatedBy ? `, bởi ${load.data()!.updatedBy!.name}` : ""}.
              </Show>
            </p>
            <For each={FIELDS}>
              {(field) => (
                <Field
                  form={form}
                  name={field.name}
                  label={field.label}
                  type={field.type}
                  required={field.required}
                  multiline={field.multiline}
                  hint={field.hint}
                  maxlength={field.max}
                  autocomplete={field.type === "email" ? "email" : field.type === "tel" ? "tel" : "off"}
                  value={values()[field.name] ?? ""}
                  onInput={(value) => setValues((all) => ({ ...all, [field.name]: value }))}
                />
              )}
            </For>
            <FormMessage form={form} />
            <Show when={form.conflict()}>
              <button type="button" class="button" onClick={() => void reloadTheirs()}>
                Tải bản mới nhất (bỏ thay đổi của tôi)
              </button>
            </Show>
            <div class="actions">
              <button type="submit" class="button button--primary" disabled={form.busy()}>
                {form.busy() ? "Đang lưu…" : "Lưu cấu hình"}
              </button>
            </div>
          </form>
        )}
      </Loaded>
    </>
  );
}
