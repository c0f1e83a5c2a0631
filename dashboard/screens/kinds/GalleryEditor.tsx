/**
 * A photo reportage (phóng sự ảnh): title, summary, section, featured image and the ordered
 * photos, chosen from the library several at a time, each with its caption and credit (the
 * library's by default; an emptied field stays empty). Order by dragging or with the "up"/"down"
 * buttons, each move announced in a polite live region. The server's rules and messages are
 * functions/core/content/galleries.ts (at most PHOTOS_PER_SAVE photos per save).
 */
import { createSignal, For, Show } from "solid-js";
import {
  createItemEditor, EditorBottom, EditorForm, EditorTop, EditorWorkflow, FeaturedField, featuredChange, featuredOf, FieldError, smallest, type Featured, type ItemEditor,
} from "../../components/ItemForm";
import { thumbnail } from "../../components/MediaDetails";
import { MediaPicker } from "../../components/MediaPicker";
import { worksIn } from "../../permissions";
import { sections } from "../../stores/sections";
import { session } from "../../stores/session";
import type { GalleryContent, Item, MediaRecord } from "../../types";

/** core/content/galleries.ts PHOTOS_PER_SAVE (that module carries zod: not bundled here). */
const PHOTOS_PER_SAVE = 85;

interface Photo {
  id: string;
  alt: string;
  src?: string;
  caption: string;
  credit: string;
}
interface Form {
  title: string;
  summary: string;
  section: string;
  photos: Photo[];
  featured: Featured;
}

const empty = (): Form => ({ title: "", summary: "", section: "", photos: [], featured: null });
const formOf = (item: Item<GalleryContent>): Form => ({
  title: item.title,
  summary: item.summary,
  section: item.sectionId,
  photos: item.photos.map((photo) => ({ id: photo.image.id, alt: photo.image.alt, src: smallest(photo.image), caption: photo.caption, credit: photo.credit })),
  featured: featuredOf(item.featuredImage),
});

function inputOf(form: Form, before: Form, creating: boolean): Record<string, unknown> {
  return {
    title: form.title,
    summary: form.summary,
    photos: form.photos.map((photo) => ({ media: photo.id, caption: photo.caption, credit: photo.credit })),
    ...(form.section ? { section: form.section } : {}),
    ...(creating ? (form.featured ? { featuredImage: form.featured.id } : {}) : featuredChange(form.featured, before.featured)),
  };
}

export default function GalleryEditor(props: { id?: string }) {
  const title = props.id ? "Sửa phóng sự ảnh" : "Tạo phóng sự ảnh";
  document.title = `${title} — Quản trị nội dung`;
  const editor = createItemEditor<GalleryContent, Form>({ kind: "galleries", id: props.id, noun: "phóng sự ảnh", empty, formOf, inputOf });
  const { form, setForm } = editor;
  const shared = editor as unknown as ItemEditor;
  const [picking, setPicking] = createSignal(false);
  const [announce, setAnnounce] = createSignal("");
  const [dragged, setDragged] = createSignal<number>();
  const [over, setOver] = createSignal<number>();
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);
  const name = (photo: Photo, index: number) => `ảnh ${index + 1}${photo.alt ? ` (${photo.alt.length > 50 ? `${photo.alt.slice(0, 49)}…` : photo.alt})` : ""}`;

  const add = (records: MediaRecord[]) => {
    const fresh = records
      .filter((record) => !form.photos.some((photo) => photo.id === record.id))
      .map((record) => ({ id: record.id, alt: record.alt ?? "", src: thumbnail(record), caption: record.caption ?? "", credit: record.credit ?? "" }));
    const room = PHOTOS_PER_SAVE - form.photos.length;
    setForm("photos", (list) => [...list, ...fresh.slice(0, Math.max(0, room))]);
    setAnnounce(
      fresh.length > room
        ? `Đã thêm ${Math.max(0, room)} ảnh; ${fresh.length - room} ảnh không được thêm vì mỗi phóng sự nhận tối đa ${PHOTOS_PER_SAVE} ảnh.`
        : `Đã thêm ${fresh.length} ảnh. Phóng sự có ${form.photos.length} ảnh.`,
    );
  };
  const moveTo = (from: number, to: number, focus?: "up" | "down") => {
    if (to < 0 || to >= form.photos.length || from === to) return;
    const list = [...form.photos];
    const [photo] = list.splice(from, 1);
    list.splice(to, 0, photo!);
    setForm("photos", list);
    setAnnounce(`Đã chuyển ${photo!.alt ? `ảnh “${photo!.alt}”` : "ảnh"} đến vị trí ${to + 1}/${list.length}.`);
    if (focus) {
      // Moving the photo's element drops the focus: put the keyboard back on the moved photo's
      // button (or its other one at an end). Solid has already moved the element (synchronous update).
      const item = document.querySelectorAll<HTMLElement>(".photo-list > li")[to];
      const buttons = [...(item?.querySelectorAll<HTMLButtonElement>("[data-move]") ?? [])];
      (buttons.find((button) => button.dataset.move === focus && !button.disabled) ?? buttons.find((button) => !button.disabled))?.focus();
    }
  };
  const remove = (index: number) => {
    setForm("photos", (list) => list.filter((_, i) => i !== index));
    setAnnounce(`Đã bỏ ảnh thứ ${index + 1}. Phóng sự còn ${form.photos.length} ảnh.`);
  };
  const photoErrors = (index: number) =>
    Object.entries(editor.fields())
      .filter(([field]) => field.startsWith(`photos.${index}.`))
      .map(([, message]) => message);

  return (
    <>
      <EditorTop editor={shared} title={title} />
      <EditorForm editor={shared}>
        <div class="field">
          <label for="title">Tiêu đề</label>
          <input id="title" value={form.title} onInput={(event) => setForm("title", event.currentTarget.value)} aria-invalid={editor.error("title") ? "true" : undefined} aria-describedby={editor.described("title")} />
          <FieldError editor={editor} name="title" />
        </div>
        <div class="field">
          <label for="summary">Tóm tắt</label>
          <textarea id="summary" rows="3" value={form.summary} onInput={(event) => setForm("summary", event.currentTarget.value)} aria-invalid={editor.error("summary") ? "true" : undefined} aria-describedby={editor.described("summary")} />
          <FieldError editor={editor} name="summary" />
        </div>
        <div class="field">
          <label for="section">Chuyên mục duyệt</label>
          <select id="section" value={form.section} onChange={(event) => setForm("section", event.currentTarget.value)} aria-describedby={editor.described("section")}>
            <option value="">Mặc định (Tin tức - Sự kiện)</option>
            <For each={choices()}>{(section) => <option value={section.id} selected={section.id === form.section}>{section.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="section" />
        </div>
        <section class="field" aria-labelledby="photos-title">
          <h2 id="photos-title" class="field__label">
            Ảnh ({form.photos.length}/{PHOTOS_PER_SAVE})
          </h2>
          <p id="photos-hint" class="field__hint">
            Kéo thả ảnh để đổi thứ tự, hoặc dùng nút “Lên”, “Xuống”. Chú thích và tác giả ảnh lấy sẵn từ thư viện, sửa được cho riêng phóng sự này. Mỗi lần lưu, một phóng sự nhận tối đa{" "}
            {PHOTOS_PER_SAVE} ảnh; nhiều ảnh hơn, hãy chia thành nhiều phóng sự.
          </p>
          <FieldError editor={editor} name="photos" />
          <ol class="photo-list">
            <For each={form.photos}>
              {(photo, index) => (
                <li
                  class={`photo-list__item${over() === index() ? " photo-list__item--over" : ""}`}
                  draggable="true"
                  onDragStart={(event) => {
                    setDragged(index());
                    event.dataTransfer?.setData("text/plain", String(index()));
                    if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
                  }}
                  onDragOver={(event) => {
                    event.preventDefault();
                    setOver(index());
                  }}
                  onDragLeave={() => setOver(undefined)}
                  onDrop={(event) => {
                    event.preventDefault();
                    const from = dragged() ?? Number(event.dataTransfer?.getData("text/plain"));
                    setOver(undefined);
                    setDragged(undefined);
                    if (Number.isInteger(from)) moveTo(from, index());
                  }}
                  onDragEnd={() => (setOver(undefined), setDragged(undefined))}
                >
                  <Show when={photo.src}>
                    <img src={photo.src} alt="" width="120" height="80" />
                  </Show>
                  <div class="photo-list__text">
                    <p class="photo-list__alt">
                      <strong>Ảnh {index() + 1}.</strong> {photo.alt ? `Mô tả: ${photo.alt}` : "Ảnh chưa có mô tả (alt)"}
                    </p>
                    <div class="field">
                      <label for={`photo-${photo.id}-caption`}>Chú thích {name(photo, index())}</label>
                      <textarea id={`photo-${photo.id}-caption`} rows="2" value={photo.caption} onInput={(event) => setForm("photos", index(), "caption", event.currentTarget.value)} />
                    </div>
                    <div class="field">
                      <label for={`photo-${photo.id}-credit`}>Tác giả {name(photo, index())}</label>
                      <input id={`photo-${photo.id}-credit`} value={photo.credit} onInput={(event) => setForm("photos", index(), "credit", event.currentTarget.value)} />
                    </div>
                    <For each={photoErrors(index())}>{(message) => <p class="field__error">{message}</p>}</For>
                  </div>
                  <div class="photo-list__tools">
                    <button type="button" class="button button--small" data-move="up" disabled={index() === 0} onClick={() => moveTo(index(), index() - 1, "up")} aria-label={`Lên: chuyển ${name(photo, index())} lên trước`}>
                      ↑ Lên
                    </button>
                    <button
                      type="button"
                      class="button button--small"
                      data-move="down"
                      disabled={index() === form.photos.length - 1}
                      onClick={() => moveTo(index(), index() + 1, "down")}
                      aria-label={`Xuống: chuyển ${name(photo, index())} xuống sau`}
                    >
                      ↓ Xuống
                    </button>
                    <button type="button" class="button button--small button--quiet" onClick={() => remove(index())} aria-label={`Bỏ ${name(photo, index())}`}>
                      Bỏ
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ol>
          <p class="visually-hidden" aria-live="polite">
            {announce()}
          </p>
          <button type="button" class="button" disabled={form.photos.length >= PHOTOS_PER_SAVE} onClick={() => setPicking(true)}>
            Thêm ảnh từ thư viện
          </button>
        </section>
        <FeaturedField editor={editor} value={form.featured} onChange={(value) => setForm("featured", value)} />
        <EditorBottom editor={shared} saveLabel="Lưu phóng sự" />
      </EditorForm>
      <EditorWorkflow editor={shared} />
      <Show when={picking()}>
        <MediaPicker
          kind="image"
          multiple
          title="Thêm ảnh vào phóng sự"
          hint={`Chọn một hoặc nhiều ảnh (theo thứ tự bấm chọn). Ảnh cần có mô tả (alt). Tối đa ${PHOTOS_PER_SAVE} ảnh mỗi phóng sự.`}
          chosen={form.photos.map((photo) => photo.id)}
          onPick={add}
          onClose={() => setPicking(false)}
        />
      </Show>
    </>
  );
}
