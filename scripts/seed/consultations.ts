/**
 * Demo drafts for public comment (góp ý dự thảo) of the fictional Tỉnh ủy Hòa Phong: one open now
 * (45 days, opened three days before the seed runs), one closed last month with its report on how
 * comments were taken in and three comments, one of them published. Files are small real PDFs
 * (pdf.ts) in the media library; drafts go through the engine's `importPublished` (the path of an
 * approval) and comments through the public comment path at an instant inside the period. Fixed
 * ids: a second run writes nothing.
 */
import { GetCommand } from "../../functions/core/storage/db";
import type { SessionUser } from "../../functions/core/accounts/users";
import { Comments } from "../../functions/core/consultations/comments";
import { consultationImport, consultations } from "../../functions/core/content/consultations";
import { MediaLibrary } from "../../functions/core/media/library";
import type { Actor } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import { Consultations } from "../../functions/core/reader/consultations";
import { Sections } from "../../functions/core/sections/sections";
import { AppError } from "../../functions/core/shared/errors";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { tinyPdf } from "./pdf";

const DAY_MS = 86_400_000;
const RECEIVER = {
  unit: "Văn phòng Tỉnh ủy Hòa Phong (Phòng Tổng hợp)",
  address: "Số 1 đường Trần Hưng Đạo, phường Vân Giang, tỉnh Hòa Phong",
  email: "gopyduthao@hoaphong.example.vn",
  phone: "0200 3812 346",
};

/** The PDF's text: ASCII only (the standard font has no Vietnamese glyphs), tones removed, case kept. */
const ascii = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");

/** 08:00 Vietnam time on the day `days` from `now`. */
function morning(now: Date, days: number): string {
  const day = new Date(now.getTime() + 7 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);
  return new Date(`${day}T08:00:00+07:00`).toISOString();
}

async function pdf(store: Store, id: string, filename: string, lines: string[], approver: Actor): Promise<string> {
  if (await MediaLibrary.get(store, id)) return id;
  await MediaLibrary.importFile(store, { id, filename, bytes: tinyPdf(lines.map(ascii)), uploadedBy: approver }).catch((error) => {
    if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
  });
  return id;
}

const exists = async (store: Store, id: string) =>
  (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(consultations.space).item(id), ProjectionExpression: "pk" }))).Item !== undefined;

/** Imports the two drafts (if absent) and the closed one's comments; returns the number of drafts written. */
export async function seedConsultations(store: Store, approver: Actor, now = new Date()): Promise<number> {
  const sections = await Sections.list(store);
  const sectionOf = (slug: string) => (sections.find((s) => s.slug === slug) ?? sections[0])?.id;
  const digital = sectionOf("cai-cach-hanh-chinh");
  const roads = sectionOf("kinh-te");
  if (!digital || !roads) return 0;
  const engine = createEngine(consultations, { store });
  let written = 0;

  const openId = "demo-gop-y-chuyen-doi-so";
  if (!(await exists(store, openId))) {
    const opensAt = morning(now, -3);
    const draft = await pdf(store, "demo-gop-y-chuyen-doi-so-du-thao", "Dự thảo Nghị quyết chuyển đổi số tỉnh Hòa Phong.pdf", [
      "DU THAO - Nghị quyết của Ban Chấp hành Đảng bộ tỉnh",
      "về chuyển đổi số tỉnh Hòa Phong đến năm 2030, tầm nhìn đến năm 2045",
      "Văn bản lấy ý kiến Nhân dân, cán bộ, đảng viên.",
    ], approver);
    const explanation = await pdf(store, "demo-gop-y-chuyen-doi-so-to-trinh", "Tờ trình dự thảo Nghị quyết chuyển đổi số.pdf", [
      "Tờ trình về dự thảo Nghị quyết chuyển đổi số",
      "Sự cần thiết, quan điểm xây dựng và bố cục của dự thảo.",
    ], approver);
    await engine.importPublished(
      consultationImport({
        id: openId,
        title: "Dự thảo Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số tỉnh Hòa Phong đến năm 2030, tầm nhìn đến năm 2045",
        summary:
          "Ban Thường vụ Tỉnh ủy lấy ý kiến Nhân dân, cán bộ, đảng viên và các cơ quan, tổ chức đối với dự thảo Nghị quyết về chuyển đổi số, tập trung vào chính quyền số, kinh tế số và xã hội số ở các xã, phường.",
        body: [
          "<p>Thực hiện Chương trình làm việc toàn khóa, Ban Thường vụ Tỉnh ủy giao Văn phòng Tỉnh ủy chủ trì xây dựng dự thảo Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số tỉnh Hòa Phong đến năm 2030, tầm nhìn đến năm 2045.</p>",
          "<h2>Những nội dung chính của dự thảo</h2>",
          "<ul>",
          "<li>100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình vào năm 2027;</li>",
          "<li>kinh tế số đạt 20% GRDP của tỉnh vào năm 2030;</li>",
          "<li>mỗi xã, phường có ít nhất một tổ công nghệ số cộng đồng hướng dẫn người dân sử dụng dịch vụ số;</li>",
          "<li>hạ tầng cáp quang và mạng di động thế hệ mới phủ đến 100% thôn, khu dân cư.</li>",
          "</ul>",
          "<p>Ban Thường vụ Tỉnh ủy mong nhận được ý kiến góp ý thẳng thắn, tâm huyết của Nhân dân, cán bộ, đảng viên, các cơ quan, đơn vị, doanh nghiệp trong và ngoài tỉnh.</p>",
        ].join(""),
        sectionId: digital,
        files: [draft, explanation],
        opensAt,
        closesAt: new Date(Date.parse(opensAt) + 45 * DAY_MS).toISOString(),
        receiver: RECEIVER,
        publishedAt: opensAt,
      }),
      approver,
    );
    written++;
  }

  const closedId = "demo-gop-y-giao-thong-nong-thon";
  if (!(await exists(store, closedId))) {
    const opensAt = morning(now, -75);
    const closesAt = new Date(Date.parse(morning(now, -35)) + 9 * 3600_000).toISOString(); // 17:00
    const draft = await pdf(store, "demo-gop-y-giao-thong-du-thao", "Dự thảo Kế hoạch giao thông nông thôn 2026-2030.pdf", [
      "DU THAO - Kế hoạch phát triển giao thông nông thôn tỉnh Hòa Phong",
      "giai đoạn 2026 - 2030",
    ], approver);
    const report = await pdf(store, "demo-gop-y-giao-thong-bao-cao", "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến.pdf", [
      "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý",
      "Dự thảo Kế hoạch phát triển giao thông nông thôn giai đoạn 2026 - 2030",
      "Tổng số ý kiến: 3. Đã tiếp thu 2 ý kiến, giải trình 1 ý kiến.",
    ], approver);
    await engine.importPublished(
      consultationImport({
        id: closedId,
        title: "Dự thảo Kế hoạch phát triển giao thông nông thôn tỉnh Hòa Phong giai đoạn 2026 - 2030",
        summary:
          "Dự thảo Kế hoạch đặt mục tiêu cứng hóa toàn bộ đường trục xã, đường liên thôn và 85% đường ngõ xóm, ưu tiên các xã miền núi phía Tây và vùng thường xuyên ngập lụt.",
        body: [
          "<p>Dự thảo Kế hoạch phát triển giao thông nông thôn giai đoạn 2026 - 2030 do Sở Xây dựng chủ trì xây dựng, trình Ban Thường vụ Tỉnh ủy cho ý kiến trước khi ban hành.</p>",
          "<h2>Mục tiêu chủ yếu</h2>",
          "<ul>",
          "<li>100% đường trục xã, liên xã và đường liên thôn được cứng hóa, bảo đảm ô tô đi lại thuận lợi quanh năm;</li>",
          "<li>85% đường ngõ xóm được cứng hóa, sạch và không lầy lội vào mùa mưa;</li>",
          "<li>thay thế toàn bộ cầu tạm, cầu yếu trên các tuyến đường liên thôn ở các xã miền núi phía Tây.</li>",
          "</ul>",
          "<p>Nguồn lực thực hiện kết hợp ngân sách tỉnh, ngân sách xã và đóng góp tự nguyện của Nhân dân theo phương châm “Nhà nước và Nhân dân cùng làm”.</p>",
        ].join(""),
        sectionId: roads,
        files: [draft],
        opensAt,
        closesAt,
        receiver: RECEIVER,
        summaryFile: report,
        publishedAt: opensAt,
      }),
      approver,
    );
    written++;
  }
  if ((await Consultations.commentCount(store, closedId)) === 0) await seedComments(store, closedId, approver);
  return written;
}

const COMMENTS = [
  {
    name: "Nguyễn Văn Hòa",
    organization: "Thôn Đồng Tâm, xã Ngọc Sơn",
    content:
      "Đề nghị ưu tiên cứng hóa tuyến đường từ thôn Đồng Tâm ra trường tiểu học xã, vì mùa mưa học sinh phải lội bùn hơn hai cây số.\nBà con trong thôn sẵn sàng hiến đất và góp ngày công.",
    publish: true,
  },
  {
    name: "Trần Thị Lan",
    email: "tranthilan@thu.example.vn",
    content: "Kế hoạch nên quy định rõ trách nhiệm duy tu, bảo dưỡng đường sau khi đưa vào sử dụng, tránh tình trạng làm xong rồi xuống cấp nhanh.",
    publish: false,
  },
  {
    name: "Lê Minh Tuấn",
    phone: "0912 345 678",
    organization: "Hợp tác xã vận tải Phú An",
    content: "Đề nghị bổ sung tải trọng thiết kế tối thiểu cho đường liên xã để xe chở nông sản 10 tấn đi được.",
    publish: false,
  },
];

/** The closed draft's comments, received on days inside its period through the public path. */
async function seedComments(store: Store, id: string, approver: Actor) {
  const view = (await viewOf(store, id))!;
  // The seed acts for the board that approved the demo content.
  const board: SessionUser = { id: approver.id, name: approver.name, email: "", role: "editor-in-chief", sections: [] };
  for (const [index, { publish, ...comment }] of COMMENTS.entries()) {
    const now = Date.parse(view.opensAt) + (5 + index * 7) * DAY_MS + 3 * 3600_000;
    const { receipt } = await Comments.receive(store, id, { ...comment, website: "" }, { client: `demo-seed-${index}`, now });
    if (publish) await Comments.setPublished(store, board, id, receipt, { published: true });
  }
}

async function viewOf(store: Store, id: string) {
  const item = (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(consultations.space).item(id), ProjectionExpression: "slug" }))).Item;
  return item ? Consultations.get(store, String(item.slug)) : undefined;
}
