import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { TodaySchedule as TodayItem } from "../../functions/core/reader/schedules";
import { day, whenOf } from "../schedule-format";

/**
 * "Lịch công tác hôm nay" on the home page: today's entries of each body whose week is published
 * (reader/schedules.ts `Schedules.today`), each body linking to its whole week.
 */
export function TodaySchedule(props: { date: string; items: TodayItem[] }) {
  return (
    <section class="today-schedule" aria-labelledby="lich-hom-nay">
      <h2 id="lich-hom-nay" class="block-title">
        <a href={Urls.schedules()}>Lịch công tác hôm nay</a>
      </h2>
      <p class="meta"><time datetime={props.date}>{day(props.date)}</time></p>
      <Show when={props.items.length > 0} fallback={<p class="empty">Hôm nay không có lịch công tác được đăng.</p>}>
        <For each={props.items}>
          {(item) => (
            <div class="today-schedule__owner">
              <h3 class="today-schedule__name">{item.ownerName}</h3>
              <ul class="today-schedule__list">
                <For each={item.entries}>
                  {(entry) => (
                    <li>
                      <span class="today-schedule__when">{whenOf(entry)}:</span> {entry.content}
                      <Show when={entry.location}>{(where) => <span class="today-schedule__where"> ({where()})</span>}</Show>
                    </li>
                  )}
                </For>
              </ul>
              <p class="more">
                <a href={Urls.schedule(item.week, item.ownerSlug)}>
                  Xem lịch cả tuần<span class="visually-hidden"> của {item.ownerName}</span> ›
                </a>
              </p>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}
