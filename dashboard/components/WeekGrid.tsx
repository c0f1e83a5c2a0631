/**
 * The week grid of a work schedule: one row per day of the ISO week, one column per session
 * (sáng, chiều, tối, cả ngày), the entries of each cell in order. Every cell has its "add" button;
 * every entry can be edited (a modal form: day, session, time, content, leader, participants,
 * location, preparer — changing the day or session moves it), moved up or down within its cell
 * and removed; each change is announced in a polite live region. Plain buttons and a native
 * dialog: all of it works with the keyboard alone. The server sorts a day's entries by session,
 * then time; the order given here decides between entries of the same time.
 */
import { createSignal, For, Show } from "solid-js";
import type { ScheduleEntry, ScheduleSession } from "../types";

export const SESSION_ORDER: ScheduleSession[] = ["sang", "chieu", "toi", "ca-ngay"];
export const SESSION_NAMES: Record<ScheduleSession, string> = { sang: "Sáng", chieu: "Chiều", toi: "Tối", "ca-ngay": "Cả ngày" };
const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];

/** "2026-11-23" → "23/11/2026" */
export const dayText = (iso: string) => iso.split("-").reverse().join("/");

/** The seven days of the week starting on `monday` ("YYYY-MM-DD"). */
export function weekDays(monday: string): { date: string; label: string }[] {
  const start = Date.parse(`${monday}T00:00:00Z`);
  return WEEKDAYS.map((name, index) => {
    const date = new Date(start + index * 86_400_000).toISOString().slice(0, 10);
    return { date, label: `${name} ${dayText(date).slice(0, 5)}` };
  });
}

/** An entry as the form edits it: every text field present (empty when not given). */
export type EntryForm = Required<Omit<ScheduleEntry, "session">> & { session: ScheduleSession };

export const entryForm = (entry: ScheduleEntry): EntryForm => ({
  date: entry.date,
  session: entry.session,
  time: entry.time ?? "",
  content: entry.content,
  leader: entry.leader ?? "",
  participants: entry.participants ?? "",
  location: entry.location ?? "",
  preparer: entry.preparer ?? "",
});

const EDITED: { name: keyof EntryForm; label: string; long?: boolean }[] = [
  { name: "content", label: "Nội dung công việc", long: true },
  { name: "leader", label: "Chủ trì" },
  { name: "participants", label: "Thành phần", long: true },
  { name: "location", label: "Địa điểm" },
  { name: "preparer", label: "Chuẩn bị" },
];

export function WeekGrid(props: {
  monday: string;
  entries: EntryForm[];
  onChange: (entries: EntryForm[]) => void;
  /** Server messages by entry index (`entries.N.field`). */
  errors: (index: number) => string[];
}) {
  let dialog!: HTMLDialogElement;
  const [editing, setEditing] = createSignal<{ index?: number; entry: EntryForm }>();
  const [missing, setMissing] = createSignal(false);
  const [announce, setAnnounce] = createSignal("");
  const days = () => weekDays(props.monday);
  const dayLabel = (date: string) => days().find((day) => day.date === date)?.label ?? dayText(date);
  const cell = (date: string, session: ScheduleSession) => props.entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.date === date && entry.session === session);
  const short = (entry: EntryForm) => (entry.content.length > 60 ? `${entry.content.slice(0, 59)}…` : entry.content);

  const open = (entry: EntryForm, index?: number) => {
    setMissing(false);
    setEditing({ index, entry: { ...entry } });
    dialog.showModal();
    requestAnimationFrame(() => dialog.querySelector<HTMLElement>("#entry-content")?.focus());
  };
  const set = (name: keyof EntryForm, value: string) => setEditing((current) => current && { ...current, entry: { ...current.entry, [name]: value } });

  const commit = (event: SubmitEvent) => {
    event.preventDefault();
    const current = editing();
    if (!current) return;
    if (!current.entry.content.trim()) return void setMissing(true);
    const list = [...props.entries];
    if (current.index === undefined) list.push(current.entry);
    else list[current.index] = current.entry;
    props.onChange(list);
    const where = `${SESSION_NAMES[current.entry.session]} ${dayLabel(current.entry.date)}`;
    setAnnounce(current.index === undefined ? `Đã thêm việc vào buổi ${where}.` : `Đã sửa việc, nay ở buổi ${where}.`);
    dialog.close();
  };
  const remove = (index: number) => {
    const entry = props.entries[index]!;
    props.onChange(props.entries.filter((_, i) => i !== index));
    setAnnounce(`Đã xóa việc “${short(entry)}”.`);
  };
  /** Swaps an entry with its neighbour in the same cell. */
  const move = (date: string, session: ScheduleSession, position: number, by: -1 | 1) => {
    const members = cell(date, session);
    const a = members[position]!;
    const b = members[position + by]!;
    const list = [...props.entries];
    list[a.index] = b.entry;
    list[b.index] = a.entry;
    props.onChange(list);
    setAnnounce(`Đã chuyển “${short(a.entry)}” đến vị trí ${position + by + 1}/${members.length} của buổi ${SESSION_NAMES[session].toLowerCase()} ${dayLabel(date)}.`);
    // The cell's list is drawn again: keep the keyboard on the same button of the moved entry.
    const label = `Đưa “${short(a.entry)}” ${by < 0 ? "lên trên" : "xuống dưới"}`;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>(".week-grid button")];
    const button = buttons.find((one) => one.getAttribute("aria-label") === label);
    (button && !button.disabled ? button : buttons.find((one) => one.getAttribute("aria-label") === `Sửa việc “${short(a.entry)}”`))?.focus();
  };

  return (
    <>
      <div class="week-grid__wrap">
        <table class="table week-grid">
          <caption class="visually-hidden">Các việc trong tuần theo ngày và buổi</caption>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <For each={SESSION_ORDER}>{(session) => <th scope="col">{SESSION_NAMES[session]}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={days()}>
              {(day) => (
                <tr>
                  <th scope="row">{day.label}</th>
                  <For each={SESSION_ORDER}>
                    {(session) => (
                      <td>
                        <ol class="week-grid__entries">
                          <For each={cell(day.date, session)}>
                            {({ entry, index }, position) => (
                              <li class="week-grid__entry">
                                <p>
                                  <Show when={entry.time}>
                                    <strong>{entry.time}</strong>{" "}
                                  </Show>
                                  {entry.content}
                                </p>
                                <Show when={entry.leader}>
                                  <p class="field__hint">Chủ trì: {entry.leader}</p>
                                </Show>
                                <For each={props.errors(index)}>{(message) => <p class="field__error">{message}</p>}</For>
                                <div class="week-grid__tools">
                                  <button type="button" class="button button--small" onClick={() => open(entry, index)} aria-label={`Sửa việc “${short(entry)}”`}>
                                    Sửa
                                  </button>
                                  <button type="button" class="button button--small" disabled={position() === 0} onClick={() => move(day.date, session, position(), -1)} aria-label={`Đưa “${short(entry)}” lên trên`}>
                                    ↑
                                  </button>
                                  <button
                                    type="button"
                                    class="button button--small"
                                    disabled={position() === cell(day.date, session).length - 1}
                                    onClick={() => move(day.date, session, position(), 1)}
                                    aria-label={`Đưa “${short(entry)}” xuống dưới`}
                                  >
                                    ↓
                                  </button>
                                  <button type="button" class="button button--small button--quiet" onClick={() => remove(index)} aria-label={`Xóa việc “${short(entry)}”`}>
                                    Xóa
                                  </button>
                                </div>
                              </li>
                            )}
                          </For>
                        </ol>
                        <button
                          type="button"
                          class="button button--small button--quiet"
                          onClick={() => open({ date: day.date, session, time: "", content: "", leader: "", participants: "", location: "", preparer: "" })}
                          aria-label={`Thêm việc buổi ${SESSION_NAMES[session].toLowerCase()} ${day.label}`}
                        >
                          + Thêm
                        </button>
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announce()}
      </p>
      <dialog ref={dialog} class="dialog" aria-labelledby="entry-title" onClose={() => setEditing(undefined)}>
        <Show when={editing()}>
          {(current) => (
            <form class="form" onSubmit={commit}>
              <h2 id="entry-title">{current().index === undefined ? "Thêm việc" : "Sửa việc"}</h2>
              <div class="field">
                <label for="entry-date">Ngày</label>
                <select id="entry-date" value={current().entry.date} onChange={(event) => set("date", event.currentTarget.value)}>
                  <For each={days()}>{(day) => <option value={day.date} selected={day.date === current().entry.date}>{day.label}</option>}</For>
                </select>
              </div>
              <div class="field">
                <label for="entry-session">Buổi</label>
                <select id="entry-session" value={current().entry.session} onChange={(event) => set("session", event.currentTarget.value)}>
                  <For each={SESSION_ORDER}>{(session) => <option value={session} selected={session === current().entry.session}>{SESSION_NAMES[session]}</option>}</For>
                </select>
              </div>
              <div class="field">
                <label for="entry-time">Giờ (nếu có)</label>
                <input id="entry-time" type="time" value={current().entry.time} onInput={(event) => set("time", event.currentTarget.value)} />
              </div>
              <For each={EDITED}>
                {(field) => (
                  <div class="field">
                    <label for={`entry-${field.name}`}>{field.label}</label>
                    <Show
                      when={field.long}
                      fallback={<input id={`entry-${field.name}`} value={current().entry[field.name]} onInput={(event) => set(field.name, event.currentTarget.value)} />}
                    >
                      <textarea
                        id={`entry-${field.name}`}
                        rows="3"
                        value={current().entry[field.name]}
                        onInput={(event) => set(field.name, event.currentTarget.value)}
                        aria-invalid={field.name === "content" && missing() ? "true" : undefined}
                        aria-describedby={field.name === "content" && missing() ? "entry-content-error" : undefined}
                      />
                    </Show>
                    <Show when={field.name === "content" && missing()}>
                      <p id="entry-content-error" class="field__error">
                        Hãy nhập nội dung công việc.
                      </p>
                    </Show>
                  </div>
                )}
              </For>
              <div class="actions">
                <button type="submit" class="button button--primary">
                  {current().index === undefined ? "Thêm vào lịch" : "Cập nhật"}
                </button>
                <button type="button" class="button button--quiet" onClick={() => dialog.close()}>
                  Hủy
                </button>
              </div>
            </form>
          )}
        </Show>
      </dialog>
    </>
  );
}
