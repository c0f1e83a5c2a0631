/**
 * A directive document (văn bản): type (the admins' list, `GET /api/document-types`), the full
 * notation ("15-CT/TU"), issuer, dates, subject, signer, field, validity (and the replacing
 * document), body, attached files from the library, section, featured image. The rules and
 * messages are the server's (functions/core/content/documents.ts): number + issuer + year taken
 * is a 409 shown on the number field.
 */
import { createResource, For, lazy, Show, Suspense } from "solid-js";
import { api } from "../../api";
import { chosenFile, FilesField, type ChosenFile } from "../../components/FilesField";
import {
  createItemEditor, EditorBottom, EditorForm, EditorTop, EditorWorkflow, FeaturedField, featuredChange, featuredOf, FieldError, type Featured, type ItemEditor,
} from "../../components/ItemForm";
import { worksIn } from "../../permissions";
import { sections } from "../../stores/sections";
import { session } from "../../stores/session";
import type { DocumentContent, DocumentTypeList, Item, Validity } from "../../types";

const RichText = lazy(() => import("../../editor/RichText"));

/** The fields of reader/documents.ts DOCUMENT_FIELDS (that module reads the table: not bundled here). */
const FIELDS = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "to-chuc-can-bo", name: "Tổ chức, cán bộ" },
  { slug: "kiem-tra-giam-sat", name: "Kiểm tra, giám sát" },
  { slug: "tuyen-giao-dan-van", name: "Tuyên giáo, dân vận" },
  { slug: "noi-chinh-phong-chong-tham-nhung", name: "Nội chính, phòng chống tham nhũng" },
  { slug: "kinh-te", name: "Kinh tế" },
  { slug: "van-hoa-xa-hoi", name: "Văn hóa, xã hội" },
  { slug: "quoc-phong-an-ninh", name: "Quốc phòng, an ninh" },
  { slug: "cai-cach-hanh-chinh-chuyen-doi-so", name: "Cải cách hành chính, chuyển đổi số" },
  { slug: "khac", name: "Lĩnh vực khác" },
];
const VALIDITY: { value: Validity; label: string }[] = [
  { value: "in-force", label: "Còn hiệu lực" },
  { value: "expired", label: "Hết hiệu lực" },
  { value: "replaced", label: "Bị thay thế" },
];

interface Form {
  docType: string;
  number: string;
  issuer: string;
  issuedAt: string;
  subject: string;
  signer: string;
  signerTitle: string;
  field: string;
  effectiveAt: string;
  validity: Validity;
  replacedBy: string;
  body: string;
  files: ChosenFile[];
  section: string;
  featured: Featured;
}

const empty = (): Form => ({
  docType: "", number: "", issuer: "", issuedAt: "", subject: "", signer: "", signerTitle: "", field: "", effectiveAt: "", validity: "in-force",
  replacedBy: "", body: "", files: [], section: "", featured: null,
});

const formOf = (item: Item<DocumentContent>): Form => ({
  docType: item.docType,
  number: item.number,
  issuer: item.issuer,
  issuedAt: item.issuedAt,
  subject: item.subject,
  signer: item.signer ?? "",
  signerTitle: item.signerTitle ?? "",
  field: item.field ?? "",
  effectiveAt: item.effectiveAt ?? "",
  validity: item.validity,
  replacedBy: item.replacedBy ?? "",
  body: item.body,
  files: item.files.map(chosenFile),
  section: item.sectionId,
  featured: featuredOf(item.featuredImage),
});

function inputOf(form: Form, before: Form, creating: boolean): Record<string, unknown> {
  const { files, featured, section, replacedBy, ...rest } = form;
  return {
    ...rest,
    files: files.map((file) => file.id),
    ...(form.validity === "replaced" ? { replacedBy } : creating ? {} : { replacedBy: "" }),
    ...(section ? { section } : {}),
    ...(creating ? (featured ? { featuredImage: featured.id } : {}) : featuredChange(featured, before.featured)),
  };
}

export default function DocumentEditor(props: { id?: string }) {
  const title = props.id ? "Sửa văn bản" : "Thêm văn bản";
  document.title = `${title} — Quản trị nội dung`;
  const editor = createItemEditor<DocumentContent, Form>({ kind: "documents", id: props.id, noun: "văn bản", empty, formOf, inputOf });
  const { form, setForm } = editor;
  const shared = editor as unknown as ItemEditor;
  const [types] = createResource(() => api.get<DocumentTypeList>("/api/document-types"), { initialValue: { version: 0, types: [] } });
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);

  const text = (name: "number" | "issuer" | "signer" | "signerTitle", label: string, hint?: string) => (
    <div class="field">
      <label for={name}>{label}</label>
      <Show when={hint}>
        <p id={`${name}-hint`} class="field__hint">
          {hint}
        </p>
      </Show>
      <input id={name} value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} aria-invalid={editor.error(name) ? "true" : undefined} aria-describedby={editor.described(name, Boolean(hint))} />
      <FieldError editor={editor} name={name} />
    </div>
  );
  const date = (name: "issuedAt" | "effectiveAt", label: string) => (
    <div class="field">
      <label for={name}>{label}</label>
      <input id={name} type="date" value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} aria-invalid={editor.error(name) ? "true" : undefined} aria-describedby={editor.described(name)} />
      <FieldError editor={editor} name={name} />
    </div>
  );

  return (
    <>
      <EditorTop editor={shared} title={title} />
      <EditorForm editor={shared}>
        <div class="field">
          <label for="docType">Loại văn bản</label>
          <select id="docType" value={form.docType} onChange={(event) => setForm("docType", event.currentTarget.value)} aria-invalid={editor.error("docType") ? "true" : undefined} aria-describedby={editor.described("docType")}>
            <option value="">— Chọn loại văn bản —</option>
            <For each={types().types}>{(type) => <option value={type.slug} selected={type.slug === form.docType}>{type.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="docType" />
        </div>
        {text("number", "Số, ký hiệu", "Ghi đủ số và ký hiệu, ví dụ 15-CT/TU hoặc 123/QĐ-UBND.")}
        {text("issuer", "Cơ quan ban hành")}
        {date("issuedAt", "Ngày ban hành")}
        <div class="field">
          <label for="subject">Trích yếu</label>
          <textarea id="subject" rows="3" value={form.subject} onInput={(event) => setForm("subject", event.currentTarget.value)} aria-invalid={editor.error("subject") ? "true" : undefined} aria-describedby={editor.described("subject")} />
          <FieldError editor={editor} name="subject" />
        </div>
        {text("signer", "Người ký")}
        {text("signerTitle", "Chức vụ người ký")}
        <div class="field">
          <label for="field">Lĩnh vực</label>
          <select id="field" value={form.field} onChange={(event) => setForm("field", event.currentTarget.value)} aria-describedby={editor.described("field")}>
            <option value="">— Không ghi —</option>
            <For each={FIELDS}>{(field) => <option value={field.slug} selected={field.slug === form.field}>{field.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="field" />
        </div>
        {date("effectiveAt", "Ngày hiệu lực")}
        <fieldset class="field">
          <legend>Tình trạng hiệu lực</legend>
          <For each={VALIDITY}>
            {(choice) => (
              <label class="choice">
                <input type="radio" name="validity" value={choice.value} checked={form.validity === choice.value} onChange={() => setForm("validity", choice.value)} /> {choice.label}
              </label>
            )}
          </For>
          <FieldError editor={editor} name="validity" />
        </fieldset>
        <Show when={form.validity === "replaced"}>
          <div class="field">
            <label for="replacedBy">Văn bản thay thế</label>
            <p id="replacedBy-hint" class="field__hint">
              Đường dẫn (slug) hoặc mã của văn bản thay thế.
              <Show when={editor.item()?.replacedByTitle}> Hiện là: {editor.item()!.replacedByTitle}.</Show>
            </p>
            <input id="replacedBy" value={form.replacedBy} onInput={(event) => setForm("replacedBy", event.currentTarget.value)} aria-invalid={editor.error("replacedBy") ? "true" : undefined} aria-describedby={editor.described("replacedBy", true)} />
            <FieldError editor={editor} name="replacedBy" />
          </div>
        </Show>
        <div class="field">
          <span id="body-label" class="field__label">
            Nội dung (nếu có)
          </span>
          <Suspense fallback={<p role="status">Đang tải trình soạn thảo…</p>}>
            <Show when={editor.generation() + 1} keyed>
              {(_key) => <RichText value={form.body} onChange={(html) => setForm("body", html)} labelledBy="body-label" describedBy={editor.described("body")} invalid={Boolean(editor.error("body"))} />}
            </Show>
          </Suspense>
          <FieldError editor={editor} name="body" />
        </div>
        <FilesField editor={editor} name="files" label="Tệp đính kèm" hint="Bản PDF hoặc Word của văn bản; cần ít nhất một tệp trước khi gửi duyệt." files={form.files} onChange={(files) => setForm("files", files)} />
        <div class="field">
          <label for="section">Chuyên mục duyệt</label>
          <select id="section" value={form.section} onChange={(event) => setForm("section", event.currentTarget.value)} aria-describedby={editor.described("section")}>
            <option value="">Mặc định (chuyên mục Văn bản)</option>
            <For each={choices()}>{(section) => <option value={section.id} selected={section.id === form.section}>{section.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="section" />
        </div>
        <FeaturedField editor={editor} value={form.featured} onChange={(value) => setForm("featured", value)} />
        <EditorBottom editor={shared} saveLabel="Lưu văn bản" />
      </EditorForm>
      <EditorWorkflow editor={shared} />
    </>
  );
}
