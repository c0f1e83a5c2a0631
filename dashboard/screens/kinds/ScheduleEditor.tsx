/**
 * A body's weekly work schedule (lịch công tác tuần): the owner (`GET /api/schedule-owners`) and
 * the ISO week, chosen once at creation (they make the page's address), the week grid of entries
 * (components/WeekGrid.tsx) and a note. One schedule per owner per week: the server's 409 is shown
 * on the week field (functions/core/content/schedules.ts).
 */
import { createEffect, createResource, For, Show, untrack } from "solid-js";
import { parseWeek, weekOf } from "../../../functions/core/shared/week";
import { api } from "../../api";
import { createItemEditor, EditorBottom, EditorForm, EditorTop, EditorWorkflow, FieldError, type ItemEditor } from "../../components/ItemForm";
import { dayText, entryForm, WeekGrid, type EntryForm } from "../../components/WeekGrid";
import type { Item, ScheduleContent, ScheduleEntry, ScheduleOwner } from "../../types";

interface Form {
  owner: string;
  week: string;
  entries: EntryForm[];
  note: string;
}

/** "Tuần 48 (23/11 – 29/11/2026)", or undefined for a value that is not a week. */
export function weekText(value: string): string | undefined {
  try {
    const week = parseWeek(value);
    const [monday, sunday] = [dayText(week.monday), dayText(week.sunday)];
    return `Tuần ${week.week} (${week.monday.slice(0, 4) === week.sunday.slice(0, 4) ? monday.slice(0, 5) : monday} – ${sunday})`;
  } catch {
    return undefined;
  }
}

const empty = (): Form => ({ owner: "", week: weekOf(new Date()).next, entries: [], note: "" });
const formOf = (item: Item<ScheduleContent>): Form => ({ owner: item.ownerId, week: item.week, entries: item.entries.map(entryForm), note: item.note ?? "" });

/** Empty optional fields left out, as the server stores them. */
function entryInput(entry: EntryForm): ScheduleEntry {
  const out: ScheduleEntry = { date: entry.date, session: entry.session, content: entry.content };
  for (const name of ["time", "leader", "participants", "location", "preparer"] as const) if (entry[name].trim()) out[name] = entry[name].trim();
  return out;
}

function inputOf(form: Form, _before: Form, creating: boolean): Record<string, unknown> {
  const body = { entries: form.entries.map(entryInput), note: form.note };
  return creating ? { owner: form.owner, week: form.week, ...body } : body;
}

export default function ScheduleEditor(props: { id?: string }) {
  const title = props.id ? "Sửa lịch công tác tuần" : "Lập lịch công tác tuần";
  document.title = `${title} — Quản trị nội dung`;
  const editor = createItemEditor<ScheduleContent, Form>({ kind: "schedules", id: props.id, noun: "lịch công tác", empty, formOf, inputOf });
  const { form, setForm } = editor;
  const shared = editor as unknown as ItemEditor;
  const [owners] = createResource(() => api.get<ScheduleOwner[]>("/api/schedule-owners"), { initialValue: [] });
  const creating = () => !editor.item();
  const monday = () => {
    try {
      return parseWeek(form.week).monday;
    } catch {
      return undefined;
    }
  };

  // A new schedule starts with the first body, once the list has arrived.
  createEffect(() => {
    const first = owners()[0]?.id;
    if (props.id || form.owner || !first) return;
    untrack(() => {
      const untouched = !editor.dirty();
      setForm("owner", first);
      if (untouched) editor.markSaved();
    });
  });

  const shiftWeek = (by: -1 | 1) => {
    try {
      const week = parseWeek(form.week);
      changeWeek(by < 0 ? week.previous : week.next);
    } catch {
      changeWeek(weekOf(new Date()).id);
    }
  };
  /** Entries follow the week: each keeps its weekday in the new week. */
  const changeWeek = (value: string) => {
    const before = monday();
    setForm("week", value);
    const after = monday();
    if (!before || !after || before === after) return;
    const shift = Date.parse(`${after}T00:00:00Z`) - Date.parse(`${before}T00:00:00Z`);
    setForm("entries", (list) => list.map((entry) => ({ ...entry, date: new Date(Date.parse(`${entry.date}T00:00:00Z`) + shift).toISOString().slice(0, 10) })));
  };

  const entryErrors = (index: number) =>
    Object.entries(editor.fields())
      .filter(([name]) => name.startsWith(`entries.${index}.`))
      .map(([, message]) => message);

  return (
    <>
      <EditorTop editor={shared} title={title} />
      <EditorForm editor={shared}>
        <Show
          when={creating()}
          fallback={
            <p>
              Đơn vị: <strong>{editor.item()!.ownerName}</strong> · {weekText(form.week)}
            </p>
          }
        >
          <div class="field">
            <label for="owner">Đơn vị</label>
            <select id="owner" value={form.owner} onChange={(event) => setForm("owner", event.currentTarget.value)} aria-invalid={editor.error("owner") ? "true" : undefined} aria-describedby={editor.described("owner")}>
              <For each={owners()}>{(owner) => <option value={owner.id} selected={owner.id === form.owner}>{owner.name}</option>}</For>
            </select>
            <FieldError editor={editor} name="owner" />
          </div>
          <div class="field">
            <label for="week">Tuần</label>
            <p id="week-hint" class="field__hint">
              {weekText(form.week) ?? "Chọn một tuần."} Mỗi đơn vị có một lịch cho mỗi tuần.
            </p>
            <div class="actions">
              <button type="button" class="button" onClick={() => shiftWeek(-1)}>
                ← Tuần trước
              </button>
              <input id="week" type="week" value={form.week} onChange={(event) => event.currentTarget.value && changeWeek(event.currentTarget.value)} aria-invalid={editor.error("week") ? "true" : undefined} aria-describedby={editor.described("week", true)} />
              <button type="button" class="button" onClick={() => shiftWeek(1)}>
                Tuần sau →
              </button>
            </div>
            <FieldError editor={editor} name="week" />
          </div>
        </Show>
        <section class="field" aria-labelledby="entries-title">
          <h2 id="entries-title" class="field__label">
            Các việc trong tuần
          </h2>
          <p id="entries-hint" class="field__hint">
            Bấm “+ Thêm” ở ô ngày và buổi. Muốn chuyển một việc sang ngày hoặc buổi khác, bấm “Sửa” rồi đổi ngày, buổi. Trong một buổi, việc có giờ được xếp theo giờ.
          </p>
          <FieldError editor={editor} name="entries" />
          <Show when={monday()} fallback={<p>Chọn tuần để lập lịch.</p>}>
            {(start) => <WeekGrid monday={start()} entries={form.entries} onChange={(entries) => setForm("entries", entries)} errors={entryErrors} />}
          </Show>
        </section>
        <div class="field">
          <label for="note">Ghi chú</label>
          <textarea id="note" rows="3" value={form.note} onInput={(event) => setForm("note", event.currentTarget.value)} aria-invalid={editor.error("note") ? "true" : undefined} aria-describedby={editor.described("note")} />
          <FieldError editor={editor} name="note" />
        </div>
        <EditorBottom editor={shared} saveLabel="Lưu lịch" />
      </EditorForm>
      <EditorWorkflow editor={shared} />
    </>
  );
}
