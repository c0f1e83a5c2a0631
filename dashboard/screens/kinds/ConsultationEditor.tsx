/**
 * A draft for public comment (dự thảo lấy ý kiến): title, summary, full text, files, the period
 * (Vietnam time), the receiving unit, the reason for a period under 30 days (asked for as soon as
 * the period is short, and whenever the server asks), section, featured image; once saved, the
 * board's comment list (publish toggle, CSV) and the summary report upload
 * (`PATCH /api/consultations/:id { version, summaryFile }`). Rules and messages are the server's
 * (functions/core/content/consultations.ts).
 */
import { createSignal, For, lazy, Show, Suspense } from "solid-js";
import { ApiError, messageOf } from "../../api";
import { ConsultationComments } from "../../components/ConsultationComments";
import { chosenFile, FilesField, type ChosenFile } from "../../components/FilesField";
import {
  createItemEditor, EditorBottom, EditorForm, EditorTop, EditorWorkflow, FeaturedField, featuredChange, featuredOf, FieldError, type Featured, type ItemEditor,
} from "../../components/ItemForm";
import { worksIn } from "../../permissions";
import { kindStore } from "../../stores/items";
import { sections } from "../../stores/sections";
import { session } from "../../stores/session";
import type { ConsultationContent, Item } from "../../types";

const RichText = lazy(() => import("../../editor/RichText"));

/** content/consultations.ts MIN_PERIOD_DAYS (that module carries zod: not bundled here). */
const MIN_PERIOD_DAYS = 30;
const OFFSET_MS = 7 * 3_600_000;

/** ISO instant → "YYYY-MM-DDTHH:MM" in Vietnam time (a datetime-local value), and back. */
const local = (iso: string) => (iso ? new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16) : "");
const instant = (value: string) => (value ? new Date(Date.parse(`${value}:00+07:00`)).toISOString() : "");

interface Form {
  title: string;
  summary: string;
  body: string;
  files: ChosenFile[];
  opensAt: string;
  closesAt: string;
  unit: string;
  address: string;
  email: string;
  phone: string;
  shortPeriodReason: string;
  section: string;
  featured: Featured;
}

const empty = (): Form => ({ title: "", summary: "", body: "", files: [], opensAt: "", closesAt: "", unit: "", address: "", email: "", phone: "", shortPeriodReason: "", section: "", featured: null });
const formOf = (item: Item<ConsultationContent>): Form => ({
  title: item.title,
  summary: item.summary,
  body: item.body,
  files: item.files.map(chosenFile),
  opensAt: local(item.opensAt),
  closesAt: local(item.closesAt),
  unit: item.receiver.unit,
  address: item.receiver.address,
  email: item.receiver.email,
  phone: item.receiver.phone ?? "",
  shortPeriodReason: item.shortPeriodReason ?? "",
  section: item.sectionId,
  featured: featuredOf(item.featuredImage),
});

function inputOf(form: Form, before: Form, creating: boolean): Record<string, unknown> {
  return {
    title: form.title,
    summary: form.summary,
    body: form.body,
    files: form.files.map((file) => file.id),
    opensAt: instant(form.opensAt),
    closesAt: instant(form.closesAt),
    receiver: { unit: form.unit, address: form.address, email: form.email, phone: form.phone },
    shortPeriodReason: form.shortPeriodReason,
    ...(form.section ? { section: form.section } : {}),
    ...(creating ? (form.featured ? { featuredImage: form.featured.id } : {}) : featuredChange(form.featured, before.featured)),
  };
}

export default function ConsultationEditor(props: { id?: string }) {
  const title = props.id ? "Sửa dự thảo lấy ý kiến" : "Đăng dự thảo lấy ý kiến";
  document.title = `${title} — Quản trị nội dung`;
  const editor = createItemEditor<ConsultationContent, Form>({ kind: "consultations", id: props.id, noun: "dự thảo", empty, formOf, inputOf });
  const { form, setForm } = editor;
  const shared = editor as unknown as ItemEditor;
  const choices = () => sections.list().filter((section) => worksIn(session.user()!, section.id) || section.id === form.section);
  const short = () => {
    const period = Date.parse(instant(form.closesAt)) - Date.parse(instant(form.opensAt));
    return (period > 0 && period < MIN_PERIOD_DAYS * 86_400_000) || Boolean(editor.error("shortPeriodReason")) || Boolean(form.shortPeriodReason);
  };

  const input = (name: "title" | "unit" | "address" | "email" | "phone" | "opensAt" | "closesAt", label: string, type = "text", field: string = name) => (
    <div class="field">
      <label for={name}>{label}</label>
      <input id={name} type={type} value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} aria-invalid={editor.error(field) ? "true" : undefined} aria-describedby={editor.described(field)} />
      <FieldError editor={editor} name={field} />
    </div>
  );

  // The summary report: its own save, with the version read (the form must have no unsaved change).
  const [report, setReport] = createSignal<ChosenFile[]>([]);
  const [reportMessage, setReportMessage] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [reportFields, setReportFields] = createSignal<Record<string, string>>({});
  const saveReport = async () => {
    const current = editor.item();
    if (!current) return;
    setReportMessage(undefined);
    setReportFields({});
    try {
      const result = await kindStore<ConsultationContent>("consultations").update(current.id, current.version, { summaryFile: report()[0]?.id ?? null });
      editor.accept(result);
      setReport([]);
      setReportMessage({ kind: "ok", text: result.summaryFile ? "Đã lưu báo cáo tổng hợp." : "Đã bỏ báo cáo tổng hợp." });
    } catch (error) {
      setReportMessage({ kind: "error", text: messageOf(error) });
      if (error instanceof ApiError) setReportFields(error.fields);
    }
  };
  const reportEditor = { error: (name: string) => reportFields()[name], described: (name: string) => (reportFields()[name] ? `${name}-error` : undefined) };

  return (
    <>
      <EditorTop editor={shared} title={title} />
      <EditorForm editor={shared}>
        {input("title", "Tiêu đề")}
        <div class="field">
          <label for="summary">Tóm tắt</label>
          <textarea id="summary" rows="3" value={form.summary} onInput={(event) => setForm("summary", event.currentTarget.value)} aria-invalid={editor.error("summary") ? "true" : undefined} aria-describedby={editor.described("summary")} />
          <FieldError editor={editor} name="summary" />
        </div>
        <div class="field">
          <span id="body-label" class="field__label">
            Toàn văn dự thảo
          </span>
          <Suspense fallback={<p role="status">Đang tải trình soạn thảo…</p>}>
            <Show when={editor.generation() + 1} keyed>
              {(_key) => <RichText value={form.body} onChange={(html) => setForm("body", html)} labelledBy="body-label" describedBy={editor.described("body")} invalid={Boolean(editor.error("body"))} />}
            </Show>
          </Suspense>
          <FieldError editor={editor} name="body" />
        </div>
        <FilesField editor={editor} name="files" label="Tệp đính kèm" files={form.files} onChange={(files) => setForm("files", files)} />
        <fieldset class="field">
          <legend>Thời gian lấy ý kiến (giờ Việt Nam)</legend>
          {input("opensAt", "Bắt đầu", "datetime-local")}
          {input("closesAt", "Kết thúc", "datetime-local")}
        </fieldset>
        <Show when={short()}>
          <div class="field">
            <label for="shortPeriodReason">Lý do rút ngắn thời gian lấy ý kiến</label>
            <p id="shortPeriodReason-hint" class="field__hint">
              Thời gian lấy ý kiến ngắn hơn {MIN_PERIOD_DAYS} ngày cần nêu lý do (được lưu vào nhật ký, không hiện cho người đọc).
            </p>
            <textarea
              id="shortPeriodReason"
              rows="2"
              value={form.shortPeriodReason}
              onInput={(event) => setForm("shortPeriodReason", event.currentTarget.value)}
              aria-invalid={editor.error("shortPeriodReason") ? "true" : undefined}
              aria-describedby={editor.described("shortPeriodReason", true)}
            />
            <FieldError editor={editor} name="shortPeriodReason" />
          </div>
        </Show>
        <fieldset class="field">
          <legend>Đơn vị tiếp nhận góp ý</legend>
          {input("unit", "Tên đơn vị", "text", "receiver.unit")}
          {input("address", "Địa chỉ", "text", "receiver.address")}
          {input("email", "Thư điện tử", "email", "receiver.email")}
          {input("phone", "Điện thoại (nếu có)", "tel", "receiver.phone")}
          <FieldError editor={editor} name="receiver" />
        </fieldset>
        <div class="field">
          <label for="section">Chuyên mục duyệt</label>
          <select id="section" value={form.section} onChange={(event) => setForm("section", event.currentTarget.value)} aria-describedby={editor.described("section")}>
            <option value="">Mặc định (Góp ý dự thảo)</option>
            <For each={choices()}>{(section) => <option value={section.id} selected={section.id === form.section}>{section.name}</option>}</For>
          </select>
          <FieldError editor={editor} name="section" />
        </div>
        <FeaturedField editor={editor} value={form.featured} onChange={(value) => setForm("featured", value)} />
        <EditorBottom editor={shared} saveLabel="Lưu dự thảo" />
      </EditorForm>
      <EditorWorkflow editor={shared} />
      <Show when={editor.item()}>
        {(current) => (
          <>
            <section class="panel" aria-labelledby="report-title">
              <h2 id="report-title">Báo cáo tổng hợp, tiếp thu, giải trình</h2>
              <Show when={current().summaryFile} fallback={<p>Chưa có báo cáo.</p>}>
                {(file) => (
                  <p>
                    Báo cáo hiện tại:{" "}
                    <a href={file().url} target="_blank" rel="noopener">
                      {file().filename}
                      <span class="visually-hidden"> (mở thẻ mới)</span>
                    </a>
                  </p>
                )}
              </Show>
              <FilesField editor={reportEditor} name="summaryFile" label="Tệp báo cáo mới" multiple={false} files={report()} onChange={setReport} />
              <Show when={reportMessage()}>
                {(shown) => (
                  <p class={`alert ${shown().kind === "ok" ? "alert--ok" : "alert--error"}`} role={shown().kind === "ok" ? "status" : "alert"}>
                    {shown().text}
                  </p>
                )}
              </Show>
              <div class="actions">
                <button type="button" class="button button--primary" disabled={editor.dirty() || !report().length} onClick={() => void saveReport()}>
                  Lưu báo cáo
                </button>
                <Show when={current().summaryFile}>
                  <button type="button" class="button button--quiet" disabled={editor.dirty()} onClick={() => (setReport([]), void saveReport())}>
                    Bỏ báo cáo
                  </button>
                </Show>
              </div>
              <Show when={editor.dirty()}>
                <p class="field__hint">Hãy lưu dự thảo trước khi lưu báo cáo.</p>
              </Show>
            </section>
            <ConsultationComments id={current().id} />
          </>
        )}
      </Show>
    </>
  );
}
