import type { IsoWeek } from "../types";
import { Urls } from "../../functions/core/shared/urls";

/** "2026-11-23" → "23/11/2026": calendar days, no time zone involved. */
const day = (iso: string) => iso.split("-").reverse().join("/");

/** The weekly work schedule; entries arrive with the schedule content type. */
export function SchedulePage(props: { week: IsoWeek; current: boolean }) {
  return (
    <section aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Lịch công tác</h1>
      <p class="lead">
        Tuần {props.week.week} năm {props.week.year}{props.current ? " (tuần này)" : ""}: từ thứ Hai {day(props.week.monday)} đến Chủ nhật {day(props.week.sunday)}.
      </p>
      <nav class="week-nav" aria-label="Chọn tuần">
        <ul>
          <li><a href={Urls.schedules(props.week.previous)}>‹ Tuần trước</a></li>
          <li><a href={Urls.schedules()} aria-current={props.current ? "page" : undefined}>Tuần này</a></li>
          <li><a href={Urls.schedules(props.week.next)}>Tuần sau ›</a></li>
        </ul>
      </nav>
      <p class="empty">Chưa có nội dung: lịch công tác của tuần này chưa được đăng.</p>
    </section>
  );
}
