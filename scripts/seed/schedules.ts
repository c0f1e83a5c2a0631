/**
 * Demo weekly work schedules: two bodies of the fictional Tỉnh ủy Hòa Phong, six weeks each
 * around the week the seed runs (three before, this one, two after), so the home page's
 * "Lịch công tác hôm nay" has entries on weekdays. Imported through the engine's
 * `importPublished` (the path of an approval); fixed ids make a second run write nothing.
 */
import { GetCommand } from "../../functions/core/storage/db";
import { ScheduleOwnerAdmin } from "../../functions/core/content/schedule-owners";
import { scheduleImport, schedules } from "../../functions/core/content/schedules";
import type { Actor } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import { ScheduleOwners, type ScheduleEntry, type ScheduleSession } from "../../functions/core/reader/schedules";
import { Sections } from "../../functions/core/sections/sections";
import { AppError } from "../../functions/core/shared/errors";
import { weekOf, parseWeek } from "../../functions/core/shared/week";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";

const BI_THU = "Đồng chí Phan Đình Khải, Bí thư Tỉnh ủy";
const PHO_BI_THU_TT = "Đồng chí Vũ Thị Minh Nguyệt, Phó Bí thư Thường trực Tỉnh ủy";
const CHU_TICH = "Đồng chí Hà Trọng Nghĩa, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh";
const CHU_NHIEM_UBKT = "Đồng chí Đoàn Văn Phúc, Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy";
const UV_BTV = "Đồng chí Lê Hữu Tín, Ủy viên Ban Thường vụ Tỉnh ủy";
const PHONG_HOP_1 = "Phòng họp số 1, trụ sở Tỉnh ủy";
const HOI_TRUONG = "Hội trường Tỉnh ủy";

/** An entry without its day; `session`/`time` absent: the day's next free slot. */
type Template = Omit<ScheduleEntry, "date" | "session"> & { session?: ScheduleSession; monday?: boolean };

const OWNERS: { slug: string; name: string; order: number; templates: Template[] }[] = [
  {
    slug: "thuong-truc-tinh-uy",
    name: "Thường trực Tỉnh ủy",
    order: 1,
    templates: [
      { monday: true, session: "sang", time: "07:30", content: "Giao ban Thường trực Tỉnh ủy đầu tuần", leader: BI_THU, participants: "Thường trực Tỉnh ủy; Chánh Văn phòng Tỉnh ủy", location: PHONG_HOP_1, preparer: "Văn phòng Tỉnh ủy" },
      { content: "Làm việc với Ban Thường vụ Đảng ủy xã Ngọc Sơn về kết quả thực hiện nghị quyết đại hội đảng bộ xã", leader: BI_THU, participants: "Lãnh đạo Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo và Dân vận Tỉnh ủy", location: "Trụ sở Đảng ủy xã Ngọc Sơn", preparer: "Đảng ủy xã Ngọc Sơn" },
      { content: "Tiếp công dân định kỳ của Bí thư Tỉnh ủy", leader: BI_THU, participants: "Ban Nội chính Tỉnh ủy; Ủy ban Kiểm tra Tỉnh ủy; Thanh tra tỉnh", location: "Trụ sở Tiếp công dân tỉnh", preparer: "Ban Tiếp công dân tỉnh" },
      { content: "Nghe Đảng ủy UBND tỉnh báo cáo tiến độ giải ngân vốn đầu tư công và các công trình trọng điểm", leader: BI_THU, participants: "Thường trực Tỉnh ủy; Sở Tài chính; Sở Xây dựng", location: "Phòng họp số 2, trụ sở Tỉnh ủy", preparer: "Đảng ủy UBND tỉnh" },
      { content: "Kiểm tra tiến độ thi công cầu Tân Lập và tuyến đường nối khu công nghiệp phía Nam", leader: CHU_TICH, participants: "Sở Xây dựng; Ban Quản lý dự án đầu tư xây dựng tỉnh; UBND xã Tân Lập", location: "Xã Tân Lập", preparer: "Sở Xây dựng" },
      { content: "Làm việc tại cơ quan", leader: PHO_BI_THU_TT },
      { content: "Họp Thường trực Tỉnh ủy với Thường trực HĐND tỉnh và lãnh đạo UBND tỉnh cho ý kiến về dự thảo kế hoạch phát triển kinh tế - xã hội năm tới", leader: BI_THU, participants: "Thường trực Tỉnh ủy; Thường trực HĐND tỉnh; lãnh đạo UBND tỉnh", location: PHONG_HOP_1, preparer: "Đảng ủy UBND tỉnh" },
      { session: "ca-ngay", content: "Kiểm tra công tác phòng, chống thiên tai và chuẩn bị ứng phó mùa mưa bão tại các xã ven biển", leader: PHO_BI_THU_TT, participants: "Bộ Chỉ huy Quân sự tỉnh; Sở Nông nghiệp và Môi trường", location: "Xã Hải Bình và xã Thạch Phong", preparer: "Sở Nông nghiệp và Môi trường" },
      { content: "Tiếp và làm việc với đoàn công tác của Tỉnh ủy tỉnh bạn trao đổi kinh nghiệm chuyển đổi số trong cơ quan đảng", leader: BI_THU, participants: "Văn phòng Tỉnh ủy; Sở Khoa học và Công nghệ", location: "Nhà khách Tỉnh ủy", preparer: "Văn phòng Tỉnh ủy" },
      { content: "Dự hội nghị sơ kết công tác dân vận của hệ thống chính trị sáu tháng", leader: PHO_BI_THU_TT, participants: "Ban Tuyên giáo và Dân vận Tỉnh ủy; Ủy ban MTTQ Việt Nam tỉnh", location: HOI_TRUONG, preparer: "Ban Tuyên giáo và Dân vận Tỉnh ủy" },
      { session: "toi", time: "19:30", content: "Dự đêm giao lưu văn nghệ chào mừng thành công Đại hội Hội Liên hiệp Thanh niên tỉnh", leader: PHO_BI_THU_TT, location: "Nhà văn hóa trung tâm tỉnh, phường Vân Giang", preparer: "Tỉnh đoàn" },
      { content: "Làm việc với Đảng ủy phường Vân Giang về cải cách hành chính và dịch vụ công trực tuyến", leader: CHU_TICH, participants: "Sở Nội vụ; Trung tâm Phục vụ hành chính công tỉnh", location: "Trụ sở Đảng ủy phường Vân Giang", preparer: "Đảng ủy phường Vân Giang" },
      { content: "Họp Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh", leader: BI_THU, participants: "Thành viên Ban Chỉ đạo", location: PHONG_HOP_1, preparer: "Ban Nội chính Tỉnh ủy" },
      { content: "Thăm, tặng quà gia đình chính sách và hộ nghèo tại khu dân cư Bến Đò", leader: PHO_BI_THU_TT, participants: "Sở Y tế; Ủy ban MTTQ Việt Nam phường Bến Đò", location: "Phường Bến Đò", preparer: "Ủy ban MTTQ Việt Nam tỉnh" },
    ],
  },
  {
    slug: "ban-thuong-vu-tinh-uy",
    name: "Ban Thường vụ Tỉnh ủy",
    order: 2,
    templates: [
      { content: "Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về đề án nâng cao chất lượng sinh hoạt chi bộ", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy; lãnh đạo các ban đảng Tỉnh ủy", location: HOI_TRUONG, preparer: "Ban Tổ chức Tỉnh ủy" },
      { content: "Ban Thường vụ Tỉnh ủy nghe báo cáo kết quả kiểm tra, giám sát quý và chương trình quý tới", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy", location: PHONG_HOP_1, preparer: "Ủy ban Kiểm tra Tỉnh ủy" },
      { session: "ca-ngay", content: "Hội nghị cán bộ chủ chốt quán triệt, triển khai các nghị quyết của Trung ương (trực tuyến đến các xã, phường)", leader: BI_THU, participants: "Ủy viên Ban Chấp hành Đảng bộ tỉnh; cán bộ chủ chốt của tỉnh", location: "Hội trường Tỉnh ủy và các điểm cầu", preparer: "Ban Tuyên giáo và Dân vận Tỉnh ủy" },
      { content: "Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy kiểm tra việc thực hiện quy chế dân chủ ở cơ sở tại xã Phú An", leader: CHU_NHIEM_UBKT, participants: "Thành viên đoàn kiểm tra", location: "Trụ sở Đảng ủy xã Phú An", preparer: "Ủy ban Kiểm tra Tỉnh ủy" },
      { content: "Ban Thường vụ Tỉnh ủy làm việc với Đảng ủy UBND tỉnh về công tác cán bộ", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy; Ban Thường vụ Đảng ủy UBND tỉnh", location: PHONG_HOP_1, preparer: "Ban Tổ chức Tỉnh ủy" },
      { content: "Cho ý kiến về dự thảo báo cáo tình hình kinh tế - xã hội và dự toán ngân sách tỉnh năm tới", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy; Sở Tài chính", location: HOI_TRUONG, preparer: "Đảng ủy UBND tỉnh" },
      { content: "Giám sát chuyên đề việc thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo", leader: UV_BTV, participants: "Thành viên đoàn giám sát", location: "Xã Đông Lĩnh", preparer: "Ủy ban Kiểm tra Tỉnh ủy" },
      { content: "Sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy", location: PHONG_HOP_1, preparer: "Ban Tuyên giáo và Dân vận Tỉnh ủy" },
      { content: "Gặp mặt người có uy tín trong đồng bào dân tộc thiểu số của tỉnh", leader: PHO_BI_THU_TT, participants: "Ban Tuyên giáo và Dân vận Tỉnh ủy; Sở Dân tộc và Tôn giáo", location: HOI_TRUONG, preparer: "Sở Dân tộc và Tôn giáo" },
      { content: "Làm việc tại cơ quan", leader: UV_BTV },
      { content: "Nghe báo cáo công tác chuẩn bị hội nghị Ban Chấp hành Đảng bộ tỉnh", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy; Chánh Văn phòng Tỉnh ủy", location: PHONG_HOP_1, preparer: "Văn phòng Tỉnh ủy" },
      { content: "Kiểm tra công tác bảo đảm an ninh, trật tự tại khu công nghiệp phía Nam", leader: CHU_TICH, participants: "Công an tỉnh; Ban Quản lý các khu công nghiệp", location: "Khu công nghiệp phía Nam", preparer: "Công an tỉnh" },
      { content: "Dự hội nghị tổng kết phong trào nông dân thi đua sản xuất, kinh doanh giỏi", leader: PHO_BI_THU_TT, participants: "Hội Nông dân tỉnh; Sở Nông nghiệp và Môi trường", location: "Hội trường Ủy ban MTTQ Việt Nam tỉnh", preparer: "Hội Nông dân tỉnh" },
      { content: "Ban Thường vụ Tỉnh ủy xét đề nghị khen thưởng tổ chức đảng và đảng viên tiêu biểu", leader: BI_THU, participants: "Ủy viên Ban Thường vụ Tỉnh ủy", location: PHONG_HOP_1, preparer: "Ban Tổ chức Tỉnh ủy" },
    ],
  },
];

/** Free slots of a day, in the order they fill. */
const SLOTS: [ScheduleSession, string][] = [["sang", "08:00"], ["chieu", "14:00"], ["sang", "10:00"], ["chieu", "15:30"]];
/** Days (0 = Monday) of a week's entries beyond one per weekday: midweek first, a Saturday now and then. */
const EXTRA_DAYS = [2, 4, 1, 3, 5, 0, 2, 3, 1];
const NOTE = "Lịch có thể thay đổi; Văn phòng Tỉnh ủy thông báo điều chỉnh (nếu có) trên Cổng.";
const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 8–14 entries of one week: every weekday has one, the rest spread over Monday–Saturday. */
function weekEntries(templates: Template[], monday: string, weekNumber: number, ownerIndex: number): ScheduleEntry[] {
  const count = 8 + ((weekNumber * 3 + ownerIndex * 5) % 7);
  const start = (weekNumber * 5 + ownerIndex) % templates.length;
  const chosen = Array.from({ length: count }, (_, i) => templates[(start + i) % templates.length]!);
  // A Monday-only item (the weekly briefing) is always there, on Monday.
  for (const template of templates) if (template.monday && !chosen.includes(template)) chosen[chosen.length - 1] = template;
  // Slots used per day; Monday's briefing (07:30) takes the first morning slot.
  const used = new Map<number, number>(chosen.some((t) => t.monday) ? [[0, 1]] : []);
  let spread = 0;
  return chosen.map((template) => {
    const { monday: onMonday, session, time, ...rest } = template;
    const offset = onMonday ? 0 : spread < 5 ? [1, 2, 3, 4, 0][spread++]! : EXTRA_DAYS[(spread++ - 5 + weekNumber) % EXTRA_DAYS.length]!;
    const slot = used.get(offset) ?? 0;
    used.set(offset, slot + 1);
    const [slotSession, slotTime] = SLOTS[slot % SLOTS.length]!;
    const untimed = rest.content === "Làm việc tại cơ quan";
    return {
      ...rest,
      date: addDays(monday, offset),
      session: session ?? slotSession,
      ...(session ? (time ? { time } : {}) : untimed ? {} : { time: slotTime }),
    };
  });
}

/** Creates the two bodies (if absent) and imports their weeks; returns the number of weeks written. */
export async function seedSchedules(store: Store, approver: Actor, now = new Date()): Promise<number> {
  const sections = await Sections.list(store);
  const section = sections.find((s) => s.slug === "chinh-tri") ?? sections[0];
  if (!section) return 0;
  for (const owner of OWNERS) {
    await ScheduleOwnerAdmin.create(store, { name: owner.name, slug: owner.slug, order: owner.order, section: section.id }, approver).catch((error) => {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    });
  }
  const engine = createEngine(schedules, { store });
  const thisMonday = parseWeek(weekOf(now).id).monday;
  let written = 0;
  for (const [ownerIndex, demo] of OWNERS.entries()) {
    const owner = await ScheduleOwners.get(store, demo.slug);
    if (!owner) continue;
    for (let offset = -3; offset <= 2; offset++) {
      const week = weekOf(new Date(`${addDays(thisMonday, offset * 7)}T12:00:00+07:00`));
      const id = `demo-lich-${owner.slug}-${week.id.toLowerCase()}`;
      const existing = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(schedules.space).item(id), ProjectionExpression: "pk" }));
      if (existing.Item) continue;
      // Published on the Friday afternoon before the week, never in the future.
      const friday = Date.parse(`${addDays(week.monday, -3)}T16:00:00+07:00`);
      const publishedAt = new Date(Math.min(friday, now.getTime())).toISOString();
      const entries = weekEntries(demo.templates, week.monday, week.week, ownerIndex);
      await engine.importPublished(
        scheduleImport({ id, owner: owner.id, week: week.id, entries, ...(week.week % 3 === 0 ? { note: NOTE } : {}), publishedAt }, owner.sectionId),
        approver,
      );
      written++;
    }
  }
  return written;
}
