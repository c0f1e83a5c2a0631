/**
 * A video: an uploaded MP4/WebM from the library (the picker uploads, with progress) or a YouTube
 * address, a poster image, summary, description, section, featured image and "show on the home
 * page". Exactly one source; the server's rules and messages are functions/core/content/videos.ts.
 */
import { For, Show } from "solid-js";
import { chosenFile, FilesField, type ChosenFile } from "../../components/FilesField";
import {
  createItemEditor, EditorBottom, EditorForm, EditorTop, EditorWorkflow, FeaturedField, featuredChange, featuredOf, FieldError, type Featured, type ItemEditor,
} from "../../components/ItemForm";
import { worksIn } from "../../permissions";
import { sections } from "../../stores/sections";
import { session } from "../../stores/session";
import type { Item, VideoContent } from "../../types";

type Source = "media" | "embed";
interface Form {
  title: string;
  summary: string;
  description: string;
  section: string;
  source: Source;
  media: ChosenFile[];
  embedUrl: string;
  poster: Featured;
  homepage: boolean;
  featured: Featured;
}

const empty = (): Form => ({ title: "", summary: "", description: "", section: "", source: "media", media: [], embedUrl: "", poster: null, homepage: false, featured: null });
const formOf = (item: Item<VideoContent>): Form => ({
  title: item.title,
  summary: item.summary,
  description: item.description,
  section: item.sectionId,
  source: item.embed ? "embed" : "media",
  media: item.media ? [chosenFile(item.media)] : [],
  embedUrl: item.embed ? `https://www.youtube.com/watch?v=${item.embed.id}` : "",
  poster: featuredOf(item.poster),
  homepage: item.homepage,
  featured: featuredOf(item.featuredImage),
});

function inputOf(form: Form, before: Form, creating: boolean): Record<string, unknown> {
  const media = form.media[0]?.id;
  // The source is sent when new or changed: an unchanged one is left alone (it stays resolved).
  const sourceChanged = creating || form.source !== before.source || (form.source === "media" ? media !== before.media[0]?.id : form.embedUrl !== before.embedUrl);
  return {
    title: form.title,
    summary: form.summary,
    description: form.description,
    homepage: form.homepage,
    ...(sourceChanged ? (form.source === "media" ? (media ? { media } : {}) : { embedUrl: form.embedUrl }) : {}),
    ...(form.section ? { section: form.section } : {}),
    ...(creating ? (form.poster ? { poster: form.poster.id } : {}) : form.poster?.id !== before.poster?.id ? { poster: form.poster?.id ?? null } : {}),
    ...(creating ? (form.featured ? { featuredImage: form.featured.id } : {}) : featuredChange(form.featured, before.featured)),
  };
}

export default function VideoEditor(props: { id?: string }) {
  const title = props.id ? "Sửa video" : "Thêm video";
  document.title = `${title} — Quản trị nội dung`;
  const editor = createItemEditor<VideoContent, Form>({ kind: "videos", id: props.id, noun: "video", empty, formOf, inputOf });
  const { form, setForm } = editor;
  const shared = editor as unknown as ItemEditor;
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);

  return (
    <>
      <EditorTop editor={shared} title={title} />
      <EditorForm editor={shared}>
        <div class="field">
          <label for="title">Tiêu đề</label>
          <input id="title" value={form.title} onInput={(event) => setForm("title", event.currentTarget.value)} aria-invalid={editor.error("title") ? "true" : undefined} aria-describedby={editor.described("title")} />
          <FieldError editor={editor} name="title" />
        </div>
        <fieldset class="field">
          <legend>Nguồn video</legend>
          <label class="choice">
            <input type="radio" name="source" value="media" checked={form.source === "media"} onChange={() => setForm("source", "media")} /> Video tải lên (MP4, WebM)
          </label>
          <label class="choice">
            <input type="radio" name="source" value="embed" checked={form.source === "embed"} onChange={() => setForm("source", "embed")} /> Video YouTube
          </label>
        </fieldset>
        <Show
          when={form.source === "media"}
          fallback={
            <div class="field">
              <label for="embedUrl">Địa chỉ video YouTube</label>
              <p id="embedUrl-hint" class="field__hint">
                Dán địa chỉ dạng https://www.youtube.com/watch?v=… hoặc https://youtu.be/…
              </p>
              <input id="embedUrl" type="url" value={form.embedUrl} onInput={(event) => setForm("embedUrl", event.currentTarget.value)} aria-invalid={editor.error("embedUrl") ? "true" : undefined} aria-describedby={editor.described("embedUrl", true)} />
              <FieldError editor={editor} name="embedUrl" />
            </div>
          }
        >
          <FilesField
            editor={editor}
            name="media"
            label="Tệp video"
            kind="video"
            multiple={false}
            hint="Chọn video trong thư viện hoặc tải lên tệp MP4, WebM (đến 500 MB). Video tải lên cần có ảnh bìa."
            files={form.media}
            onChange={(files) => setForm("media", files)}
          />
        </Show>
        <FeaturedField editor={editor} name="poster" label="Ảnh bìa video" value={form.poster} onChange={(value) => setForm("poster", value)} />
        <div class="field">
          <label for="summary">Tóm tắt</label>
          <textarea id="summary" rows="3" value={form.summary} onInput={(event) => setForm("summary", event.currentTarget.value)} aria-invalid={editor.error("summary") ? "true" : undefined} aria-describedby={editor.described("summary")} />
          <FieldError editor={editor} name="summary" />
        </div>
        <div class="field">
          <label for="description">Mô tả (mỗi đoạn cách nhau một dòng trống)</label>
          <textarea id="description" rows="5" value={form.description} onInput={(event) => setForm("description", event.currentTarget.value)} aria-describedby={editor.described("description")} />
          <FieldError editor={editor} name="description" />
        </div>
        <div class="field">
          <label for="section">Chuyên mục duyệt</label>
          <select id="section" value={form.section} onChange={(event) => setForm("section", event.currentTarget.value)} aria-describedby={editor.described("section")}>
            <option value="">Mặc định (Tin tức - Sự kiện)</option>
            <For each={choices()}>{(section) => <option value={section.id} selected={section.id === form.section}>{section.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="section" />
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" checked={form.homepage} onChange={(event) => setForm("homepage", event.currentTarget.checked)} /> Hiển thị ở trang chủ
          </label>
          <p class="field__hint">Trang chủ hiện video mới nhất được đánh dấu.</p>
        </div>
        <FeaturedField editor={editor} value={form.featured} onChange={(value) => setForm("featured", value)} />
        <EditorBottom editor={shared} saveLabel="Lưu video" />
      </EditorForm>
      <EditorWorkflow editor={shared} />
    </>
  );
}
