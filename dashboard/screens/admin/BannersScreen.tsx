/**
 * Linked banners of the sidebar (`/api/banners`, admins): the list in display order, a new one or
 * one changed (title, an image from the media library, link, order, shown or hidden, with the
 * version read: a 409 says someone else changed it), and deleting one after a confirmation.
 */
import { createSignal, For, Show } from "solid-js";
import { api, type Page } from "../../api";
import { ImagePicker } from "../../components/ImagePicker";
import { thumbnail } from "../../components/MediaDetails";
import type { Banner, ImageSnapshot } from "../../types";
import { AdminHead, createForm, createLoad, Field, FieldError, FormMessage, Loaded, toOrder } from "./common";

interface Draft {
  title: string;
  href: string;
  order: string;
  active: boolean;
  image?: { id: string; alt: string; src?: string };
}

const smallest = (image: ImageSnapshot) => [...image.variants].sort((a, b) => a.width - b.width)[0]?.url;
const draftOf = (banner?: Banner): Draft => ({
  title: banner?.title ?? "",
  href: banner?.href ?? "",
  order: banner ? String(banner.order) : "",
  active: banner?.active ?? true,
  image: banner ? { id: banner.image.id, alt: banner.image.alt, src: smallest(banner.image) } : undefined,
});

function BannerForm(props: { banner?: Banner; onSaved: (banner: Banner) => void; onClose?: () => void }) {
  const prefix = props.banner ? "edit-banner" : "new-banner";
  const form = createForm(prefix);
  const [draft, setDraft] = createSignal(draftOf(props.banner));
  const [picking, setPicking] = createSignal(false);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft(), ...patch });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = draft();
    const body = { title: d.title, href: d.href, order: toOrder(d.order), active: d.active, image: d.image?.id };
    const saved = await form.run(
      () =>
        props.banner
          ? api.patch<Banner>(`/api/banners/${encodeURIComponent(props.banner.id)}`, { ...body, version: props.banner.version })
          : api.post<Banner>("/api/banners", body),
      props.banner ? "Đã lưu ảnh liên kết." : `Đã thêm ảnh liên kết ${d.title}.`,
    );
    if (saved) {
      if (!props.banner) setDraft(draftOf());
      props.onSaved(saved);
    }
  };
  const titleId = `${prefix}-heading`; // not "-title": the title field is `${prefix}-title`
  return (
    <form class="panel form" onSubmit={submit} novalidate aria-labelledby={titleId}>
      <h2 id={titleId} tabindex="-1">
        {props.banner ? `Sửa ảnh liên kết ${props.banner.title}` : "Thêm ảnh liên kết"}
      </h2>
      <Field form={form} name="title" label="Tiêu đề" required maxlength={150} hint="Đọc cho người dùng trình đọc màn hình và hiện khi ảnh chưa tải." value={draft().title} onInput={(title) => set({ title })} />
      <div class="field">
        <span class="field__label" id={`${prefix}-image-label`}>
          Ảnh <span aria-hidden="true">*</span>
        </span>
        <Show when={draft().image} fallback={<p>Chưa chọn ảnh.</p>}>
          {(image) => (
            <div class="featured">
              <Show when={image().src}>
                <img src={image().src} alt="" width="160" height="100" />
              </Show>
              <p>{image().alt ? `Mô tả: ${image().alt}` : "Ảnh chưa có mô tả (alt)"}</p>
            </div>
          )}
        </Show>
        <button type="button" id={`${prefix}-image`} class="button" aria-describedby={form.errors().image ? `${prefix}-image-error` : undefined} onClick={() => setPicking(true)}>
          {draft().image ? "Đổi ảnh" : "Chọn ảnh trong thư viện"}
        </button>
        <FieldError form={form} name="image" />
      </div>
      <Field form={form} name="href" label="Địa chỉ liên kết" required hint="Địa chỉ http(s):// đầy đủ, hoặc đường dẫn trong cổng bắt đầu bằng “/”." value={draft().href} onInput={(href) => set({ href })} />
      <Field form={form} name="order" label="Thứ tự" type="number" hint="Số nhỏ đứng trước; để trống thì xếp cuối." value={draft().order} onInput={(order) => set({ order })} />
      <div class="field">
        <label class="choice">
          <input id={`${prefix}-active`} type="checkbox" checked={draft().active} onChange={(event) => set({ active: event.currentTarget.checked })} />
          Hiển thị trên cổng
        </label>
      </div>
      <FormMessage form={form} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          {props.banner ? "Lưu ảnh liên kết" : "Thêm ảnh liên kết"}
        </button>
        <Show when={props.onClose}>
          <button type="button" class="button button--quiet" onClick={() => props.onClose!()}>
            Đóng
          </button>
        </Show>
      </div>
      <Show when={picking()}>
        <ImagePicker
          onPick={(record) => set({ image: { id: record.id, alt: record.alt ?? "", src: thumbnail(record) } })}
          onClose={() => {
            setPicking(false);
            document.getElementById(`${prefix}-image`)?.focus();
          }}
        />
      </Show>
    </form>
  );
}

export default function BannersScreen() {
  const load = createLoad(async () => (await api.get<Page<Banner>>("/api/banners")).items);
  const [editing, setEditing] = createSignal<string>();
  const [confirming, setConfirming] = createSignal<string>();
  const removal = createForm("remove-banner");
  const sorted = (all: Banner[]) => [...all].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const replace = (banner: Banner) => load.setData((all) => sorted([...(all ?? []).filter((one) => one.id !== banner.id), banner]));
  const open = (id: string) => {
    setEditing(id);
    requestAnimationFrame(() => document.getElementById("edit-banner-heading")?.focus());
  };
  const remove = async (banner: Banner) => {
    const ok = await removal.run(async () => {
      await api.delete(`/api/banners/${encodeURIComponent(banner.id)}`, { query: { version: banner.version } });
      return true;
    }, `Đã xóa ảnh liên kết ${banner.title}.`);
    setConfirming(undefined);
    if (ok) {
      if (editing() === banner.id) setEditing(undefined);
      load.setData((all) => (all ?? []).filter((one) => one.id !== banner.id));
    }
  };
  return (
    <>
      <AdminHead title="Ảnh liên kết" />
      <Loaded load={load}>
        {() => (
          <>
            <FormMessage form={removal} />
            <Show when={load.data()!.length} fallback={<p>Chưa có ảnh liên kết nào.</p>}>
              <table class="table">
                <caption class="visually-hidden">Ảnh liên kết theo thứ tự hiển thị</caption>
                <thead>
                  <tr>
                    <th scope="col">Thứ tự</th>
                    <th scope="col">Tiêu đề</th>
                    <th scope="col">Ảnh</th>
                    <th scope="col">Liên kết</th>
                    <th scope="col">Hiển thị</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={load.data()}>
                    {(banner) => (
                      <tr>
                        <td>{banner.order}</td>
                        <th scope="row">{banner.title}</th>
                        <td>
                          <img src={smallest(banner.image)} alt="" width="120" height="60" class="thumb" />
                        </td>
                        <td class="wrap">{banner.href}</td>
                        <td>{banner.active ? "Có" : "Đang ẩn"}</td>
                        <td>
                          <div class="actions actions--tight">
                            <button type="button" class="button" onClick={() => open(banner.id)} aria-label={`Sửa ảnh liên kết ${banner.title}`}>
                              Sửa
                            </button>
                            <Show
                              when={confirming() === banner.id}
                              fallback={
                                <button type="button" class="button button--danger" onClick={() => setConfirming(banner.id)} aria-label={`Xóa ảnh liên kết ${banner.title}`}>
                                  Xóa
                                </button>
                              }
                            >
                              <span role="alert">Xóa “{banner.title}”?</span>
                              <button type="button" class="button button--danger" disabled={removal.busy()} onClick={() => void remove(banner)}>
                                Xác nhận xóa
                              </button>
                              <button type="button" class="button button--quiet" onClick={() => setConfirming(undefined)}>
                                Hủy
                              </button>
                            </Show>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={editing() && load.data()!.some((one) => one.id === editing()) ? editing() : undefined} keyed>
              {(id) => <BannerForm banner={load.data()!.find((one) => one.id === id)} onSaved={replace} onClose={() => setEditing(undefined)} />}
            </Show>
            <BannerForm onSaved={replace} />
          </>
        )}
      </Loaded>
    </>
  );
}
