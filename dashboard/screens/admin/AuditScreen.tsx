/**
 * The audit trail (`GET /api/audit?item=|day=&cursor=`, admins): one item's events or one day's
 * (Vietnam's day), newest first, read as sentences: who, did what, to what, when (vi-VN), with the
 * stated reason and the fields that changed. "Xem thêm" fetches the next page.
 */
import { createSignal, For, Show } from "solid-js";
import { api, type Page } from "../../api";
import { formatDateTime } from "../../format";
import type { AuditEvent } from "../../types";
import { AdminHead, createForm, Field, FormMessage } from "./common";

const VERBS: Record<string, string> = {
  create: "tạo",
  update: "sửa",
  edit: "sửa",
  delete: "xóa",
  submit: "gửi duyệt",
  approve: "duyệt",
  return: "trả lại",
  schedule: "hẹn giờ đăng",
  publish: "đăng",
  "publish-due": "đăng theo giờ hẹn",
  unpublish: "gỡ",
  republish: "đăng lại",
  restore: "khôi phục phiên bản",
  login: "đăng nhập",
  logout: "đăng xuất",
  activate: "mở khóa",
  deactivate: "khóa",
  "password-reset": "đặt lại mật khẩu",
  "password-change": "đổi mật khẩu",
  cancel: "hủy",
};
const THINGS: Record<string, string> = {
  article: "bài viết",
  document: "văn bản",
  schedule: "lịch công tác",
  consultation: "dự thảo lấy ý kiến",
  gallery: "phóng sự ảnh",
  video: "video",
  user: "tài khoản",
  section: "chuyên mục",
  session: "phiên làm việc",
  settings: "cấu hình cổng",
  banner: "ảnh liên kết",
  featured: "tin nổi bật",
  "schedule-owner": "đơn vị có lịch",
  "document-types": "danh sách loại văn bản",
  notice: "thông báo gián đoạn",
  holidays: "ngày nghỉ",
  comment: "bình luận",
};

/** "article.approve" → "duyệt bài viết". */
function describe(event: AuditEvent): string {
  const dot = event.action.lastIndexOf(".");
  const verb = dot >= 0 ? event.action.slice(dot + 1) : event.action;
  return `${VERBS[verb] ?? verb} ${THINGS[event.itemType] ?? event.itemType}`;
}

function note(event: AuditEvent): string {
  const changed = [...new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])];
  return [event.reason ? `Lý do: ${event.reason}` : "", changed.length ? `Trường thay đổi: ${changed.join(", ")}` : ""].filter(Boolean).join(". ") || "—";
}

/** Today in Vietnam (UTC+7, no daylight saving), as the API's days are. */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export default function AuditScreen() {
  const form = createForm("audit");
  const [mode, setMode] = createSignal<"day" | "item">("day");
  const [day, setDay] = createSignal(today());
  const [item, setItem] = createSignal("");
  const [events, setEvents] = createSignal<AuditEvent[]>();
  const [next, setNext] = createSignal<string>();
  const [shown, setShown] = createSignal("");

  const fetchPage = async (cursor?: string) => {
    const query = mode() === "day" ? { day: day() } : { item: item().trim() };
    const page = await form.run(() => api.get<Page<AuditEvent>>("/api/audit", { query: { ...query, cursor } }));
    if (!page) return;
    setEvents((current) => [...(cursor ? current ?? [] : []), ...page.items]);
    setNext(page.next);
    setShown(mode() === "day" ? `ngày ${day().split("-").reverse().join("/")}` : `mục “${item().trim()}”`);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void fetchPage();
  };

  return (
    <>
      <AdminHead title="Nhật ký thao tác" />
      <form class="panel form" onSubmit={submit} novalidate aria-labelledby="audit-search">
        <h2 id="audit-search">Xem nhật ký</h2>
        <fieldset class="field">
          <legend>Xem theo</legend>
          <label class="choice">
            <input type="radio" name="audit-mode" value="day" checked={mode() === "day"} onChange={() => setMode("day")} />
            Ngày
          </label>
          <label class="choice">
            <input type="radio" name="audit-mode" value="item" checked={mode() === "item"} onChange={() => setMode("item")} />
            Mục (mã bài viết, tài khoản, chuyên mục…)
          </label>
        </fieldset>
        <Show when={mode() === "day"} fallback={<Field form={form} name="item" label="Mã mục" hint="Ví dụ: mã của bài viết, “settings” cho cấu hình cổng, hoặc mã chuyên mục." value={item()} onInput={setItem} />}>
          <Field form={form} name="day" label="Ngày" type="date" value={day()} onInput={setDay} />
        </Show>
        <FormMessage form={form} />
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          Xem nhật ký
        </button>
      </form>
      <Show when={events()}>
        {(list) => (
          <section aria-labelledby="audit-results">
            <h2 id="audit-results">Nhật ký {shown()}</h2>
            <p role="status">{list().length ? `${list().length} thao tác${next() ? " (còn nữa)" : ""}.` : "Không có thao tác nào."}</p>
            <Show when={list().length}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Thời gian</th>
                    <th scope="col">Người thực hiện</th>
                    <th scope="col">Thao tác</th>
                    <th scope="col">Mục</th>
                    <th scope="col">Ghi chú</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(event) => (
                      <tr>
                        <td>{formatDateTime(event.at)}</td>
                        <td>{event.actor.name}</td>
                        <th scope="row">{describe(event)}</th>
                        <td class="wrap">{event.itemId}</td>
                        <td class="wrap">{note(event)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={next()}>
              <button type="button" class="button" disabled={form.busy()} onClick={() => void fetchPage(next())}>
                Xem thêm
              </button>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}
