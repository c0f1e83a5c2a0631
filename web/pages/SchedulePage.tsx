import { For, Show } from "solid-js";
import { Island } from "../island";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate, formatDateTime } from "../format";
import type { IsoWeek } from "../types";
import { day, whenOf } from "../schedule-format";
import type { PublishedSchedule, ScheduleOwnerLink } from "../../functions/core/reader/schedules";

const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];
const COLUMNS = 6;

/** The seven days of the week from its Monday, "YYYY-MM-DD". */
function daysOf(monday: string): string[] {
  const start = Date.parse(`${monday}T00:00:00Z`);
  return WEEKDAYS.map((_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** "23/11 – 29/11/2026", or both years when the week spans two. */
function range(week: IsoWeek): string {
  return week.monday.slice(0, 4) === week.sunday.slice(0, 4) ? `${day(week.monday).slice(0, 5)} – ${day(week.sunday)}` : `${day(week.monday)} – ${day(week.sunday)}`;
}

/**
 * The weekly work schedule of one body (`/lich-cong-tac?tuan=&don-vi=`): the bodies as links, the
 * week's navigation, then a table by day (Monday first) and session. Weekends appear only when
 * they have entries. Prints on A4 without the site's chrome (styles.css, "schedules-pages").
 */
export function SchedulePage(props: {
  week: IsoWeek;
  current: boolean;
  /** This week's id ("Tuần này" keeps the chosen body). */
  thisWeek: string;
  owners: ScheduleOwnerLink[];
  owner?: string;
  schedule?: PublishedSchedule;
}) {
  const owner = () => props.owners.find((o) => o.slug === props.owner);
  // A week of the chosen body keeps it (`don-vi`); without bodies, the week alone.
  const link = (week: string) => (props.owner ? Urls.schedule(week, props.owner) : Urls.schedules(week));
  const days = () => {
    const all = daysOf(props.week.monday);
    const entries = props.schedule?.entries ?? [];
    return all.filter((date, i) => i < 5 || entries.some((entry) => entry.date === date));
  };
  const entriesOf = (date: string) => (props.schedule?.entries ?? []).filter((entry) => entry.date === date);

  return (
    <section class="schedule" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">
        Lịch công tác<Show when={owner()}>{(o) => <span class="schedule__owner"> {o().name}</span>}</Show>
      </h1>
      <p class="lead">
        Tuần {props.week.week} năm {props.week.year}{props.current ? " (tuần này)" : ""}: từ thứ Hai {day(props.week.monday)} đến Chủ nhật {day(props.week.sunday)}.
      </p>
      <Show when={props.owners.length > 1}>
        <nav class="schedule-owners" aria-label="Đơn vị">
          <ul>
            <For each={props.owners}>
              {(o) => (
                <li>
                  <a href={Urls.schedule(props.week.id, o.slug)} aria-current={o.slug === props.owner ? "page" : undefined}>{o.name}</a>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </Show>
      <nav class="week-nav" aria-label="Chọn tuần">
        <ul>
          <li><a href={link(props.week.previous)}>‹ Tuần trước</a></li>
          <li><a href={props.owner ? Urls.schedule(props.thisWeek, props.owner) : Urls.schedules()} aria-current={props.current ? "page" : undefined}>Tuần này</a></li>
          <li><a href={link(props.week.next)}>Tuần sau ›</a></li>
        </ul>
      </nav>
      <Show
        when={props.schedule}
        fallback={
          <p class="empty">
            {props.owners.length === 0
              ? "Chưa có nội dung: chưa có đơn vị nào đăng lịch công tác."
              : `Chưa có nội dung: lịch công tác tuần này${owner() ? ` của ${owner()!.name}` : ""} chưa được đăng.`}
          </p>
        }
      >
        {(schedule) => (
          <>
            <Show when={schedule().revisedAt}>
              {(at) => (
                <p class="schedule__revised">
                  <strong>Lịch điều chỉnh</strong> lúc <time datetime={at()}>{formatDateTime(at()).split(" ").reverse().join(" ngày ")}</time>
                </p>
              )}
            </Show>
            <Show when={schedule().note}>{(note) => <p class="schedule__note">{note()}</p>}</Show>
            <p class="meta">
              Đăng ngày <time datetime={schedule().publishedAt}>{formatDate(schedule().publishedAt)}</time> · Duyệt: {schedule().approvedBy.name}
            </p>
            <p class="schedule__actions">
              <a href={Urls.scheduleCalendar(props.week.id, schedule().ownerSlug)} download={`lich-cong-tac-${schedule().slug}.ics`}>
                Tải lịch về ứng dụng lịch (.ics)
              </a>
              {/* data-print: entry-client.tsx prints; the page has no island for one call. */}
              <button type="button" class="share__button" data-print>In lịch</button>
            </p>
            <div class="table-scroll" role="region" aria-labelledby="bang-lich" tabindex="0">
              <table class="schedule-table">
                <caption id="bang-lich">
                  Lịch công tác tuần {props.week.week}/{props.week.year} ({range(props.week)}) — {schedule().ownerName}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Buổi</th>
                    <th scope="col">Nội dung</th>
                    <th scope="col">Chủ trì</th>
                    <th scope="col">Thành phần</th>
                    <th scope="col">Địa điểm</th>
                    <th scope="col">Chuẩn bị</th>
                  </tr>
                </thead>
                <For each={days()}>
                  {(date) => (
                    <tbody>
                      <tr class="schedule-table__day">
                        <th scope="rowgroup" colspan={COLUMNS}>
                          {WEEKDAYS[daysOf(props.week.monday).indexOf(date)]}, {day(date)}
                        </th>
                      </tr>
                      <For each={entriesOf(date)} fallback={<tr><td colspan={COLUMNS} class="empty">Không có lịch công tác.</td></tr>}>
                        {(entry) => (
                          <tr>
                            <th scope="row" class="schedule-table__when">{whenOf(entry)}</th>
                            <td>{entry.content}</td>
                            <td>{entry.leader ?? ""}</td>
                            <td>{entry.participants ?? ""}</td>
                            <td>{entry.location ?? ""}</td>
                            <td>{entry.preparer ?? ""}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  )}
                </For>
              </table>
            </div>
          </>
        )}
      </Show>
      <Show when={props.schedule}>{(schedule) => <Island name="rating-form" props={{ kind: "schedules", id: schedule().id }} />}</Show>
    </section>
  );
}
