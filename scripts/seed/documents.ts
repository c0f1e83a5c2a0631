/**
 * Demo directive documents of the fictional Tỉnh ủy Hòa Phong and its bodies, 2024–2026: several
 * types, one directive replaced by a later one, one decision expired. Each has a small real PDF
 * made here (`minimalPdf`), stored with `MediaLibrary.importFile`, and is imported through the
 * engine's `importPublished` (the path of an approval). Fixed ids make a second run write nothing.
 */
import { GetCommand } from "../../functions/core/storage/db";
import { documentImport, documents, type DocumentImport } from "../../functions/core/content/documents";
import { MediaLibrary } from "../../functions/core/media/library";
import type { Actor } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import { Sections } from "../../functions/core/sections/sections";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";

/** Vietnamese to plain ASCII, case kept ("Tỉnh ủy" → "Tinh uy"): the PDF uses a standard font. */
const ascii = (text: string) =>
  text.replace(/[–—]/g, "-").replace(/[“”]/g, "\"").normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^\x20-\x7e]/g, "?");

/**
 * A minimal valid PDF 1.4: one A4 page with `lines` of ASCII text in Helvetica, with a correct
 * cross-reference table (byte offsets of each object), so readers open it and tools can parse it.
 */
export function minimalPdf(lines: string[]): Uint8Array {
  const escape = (line: string) => ascii(line).replace(/[\\()]/g, (ch) => `\\${ch}`);
  const text = lines.map((line, i) => `${i === 0 ? "" : "0 -22 Td "}(${escape(line)}) Tj`).join("\n");
  const stream = `BT\n/F1 12 Tf\n56 780 Td\n${text}\nET\n`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}endstream`,
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space + LF.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

const TU = "Tỉnh ủy Hòa Phong";
const BI_THU = { signer: "Phan Đình Khải", signerTitle: "T/M Ban Thường vụ, Bí thư" };
const PHO_BI_THU = { signer: "Vũ Thị Minh Nguyệt", signerTitle: "T/M Ban Thường vụ, Phó Bí thư Thường trực" };

type Demo = Omit<DocumentImport, "sectionId" | "files" | "publishedAt" | "id"> & { key: string; file: string };

const DEMO: Demo[] = [
  {
    key: "01", docType: "nghi-quyet", number: "05-NQ/TU", issuer: TU, issuedAt: "2024-01-15", effectiveAt: "2024-01-15", field: "kinh-te", ...BI_THU,
    subject: "Về phát triển nông nghiệp hữu cơ gắn với xây dựng nông thôn mới kiểu mẫu giai đoạn 2024 – 2030",
    body: "<p>Nghị quyết đặt mục tiêu đến năm 2030 diện tích sản xuất nông nghiệp hữu cơ của tỉnh đạt 5% tổng diện tích đất nông nghiệp; mỗi xã có ít nhất một mô hình liên kết sản xuất hữu cơ gắn với tiêu thụ sản phẩm.</p>",
    file: "nghi-quyet-05-nq-tu.pdf",
  },
  {
    key: "02", docType: "chi-thi", number: "12-CT/TU", issuer: TU, issuedAt: "2024-03-20", field: "quoc-phong-an-ninh", ...BI_THU, validity: "replaced", replacedBy: "demo-vb-07",
    subject: "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    file: "chi-thi-12-ct-tu.pdf",
  },
  {
    key: "03", docType: "ket-luan", number: "08-KL/TU", issuer: TU, issuedAt: "2024-05-08", field: "cai-cach-hanh-chinh-chuyen-doi-so", ...PHO_BI_THU,
    subject: "Về kết quả sơ kết ba năm thực hiện nghị quyết của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số",
    file: "ket-luan-08-kl-tu.pdf",
  },
  {
    key: "04", docType: "ke-hoach", number: "45-KH/TU", issuer: TU, issuedAt: "2024-06-12", field: "xay-dung-dang", ...PHO_BI_THU,
    subject: "Tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025 – 2030",
    file: "ke-hoach-45-kh-tu.pdf",
  },
  {
    key: "05", docType: "quyet-dinh", number: "1250-QĐ/TU", issuer: TU, issuedAt: "2024-02-26", effectiveAt: "2024-02-26", field: "van-hoa-xa-hoi", ...PHO_BI_THU, validity: "expired",
    subject: "Về việc thành lập Ban Chỉ đạo tổ chức Năm Du lịch quốc gia – Hòa Phong 2024",
    body: "<p>Ban Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ; Quyết định hết hiệu lực kể từ ngày Ban Chỉ đạo kết thúc hoạt động.</p>",
    file: "quyet-dinh-1250-qd-tu.pdf",
  },
  {
    key: "06", docType: "huong-dan", number: "07-HD/BTGTU", issuer: "Ban Tuyên giáo Tỉnh ủy Hòa Phong", issuedAt: "2024-12-10", field: "tuyen-giao-dan-van",
    signer: "Lê Thị Thu Hằng", signerTitle: "Phó Trưởng ban Thường trực",
    subject: "Về tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam và mừng Xuân Ất Tỵ",
    file: "huong-dan-07-hd-btgtu.pdf",
  },
  {
    key: "07", docType: "chi-thi", number: "31-CT/TU", issuer: TU, issuedAt: "2025-04-15", effectiveAt: "2025-04-15", field: "quoc-phong-an-ninh", ...BI_THU,
    subject: "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống thiên tai, tìm kiếm cứu nạn trong tình hình mới",
    body: "<p>Chỉ thị này thay thế Chỉ thị số 12-CT/TU ngày 20/3/2024 của Ban Thường vụ Tỉnh ủy. Cấp ủy các xã, phường ven biển chủ động xây dựng phương án sơ tán dân, bảo đảm an toàn tính mạng và tài sản của Nhân dân trước mùa mưa bão.</p>",
    file: "chi-thi-31-ct-tu.pdf",
  },
  {
    key: "08", docType: "thong-bao", number: "215-TB/TU", issuer: TU, issuedAt: "2025-07-22", field: "xay-dung-dang", ...PHO_BI_THU,
    subject: "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Ban Thường vụ Đảng ủy xã Ngọc Sơn",
    file: "thong-bao-215-tb-tu.pdf",
  },
  {
    key: "09", docType: "nghi-quyet", number: "12-NQ/TU", issuer: TU, issuedAt: "2025-09-30", effectiveAt: "2025-10-01", field: "cai-cach-hanh-chinh-chuyen-doi-so", ...BI_THU,
    subject: "Về chuyển đổi số trong các cơ quan của hệ thống chính trị tỉnh Hòa Phong đến năm 2030",
    body: "<p>Đến năm 2030, 100% văn bản giữa các cơ quan đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể của tỉnh được gửi, nhận dưới dạng điện tử có chữ ký số, trừ văn bản mật.</p>",
    file: "nghi-quyet-12-nq-tu.pdf",
  },
  {
    key: "10", docType: "quy-che", number: "01-QC/TU", issuer: TU, issuedAt: "2025-10-14", effectiveAt: "2025-10-14", field: "xay-dung-dang", ...BI_THU,
    subject: "Làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVI, nhiệm kỳ 2025 – 2030",
    file: "quy-che-01-qc-tu.pdf",
  },
  {
    key: "11", docType: "chuong-trinh", number: "01-CTr/TU", issuer: TU, issuedAt: "2025-11-05", field: "kinh-te", ...BI_THU,
    subject: "Hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025 – 2030",
    file: "chuong-trinh-01-ctr-tu.pdf",
  },
  {
    key: "12", docType: "bao-cao", number: "86-BC/TU", issuer: TU, issuedAt: "2026-01-08", field: "xay-dung-dang", ...PHO_BI_THU,
    subject: "Tổng kết công tác xây dựng Đảng và hệ thống chính trị năm 2025, phương hướng, nhiệm vụ năm 2026",
    file: "bao-cao-86-bc-tu.pdf",
  },
  {
    key: "13", docType: "ket-luan", number: "05-KL/TU", issuer: TU, issuedAt: "2026-02-10", field: "van-hoa-xa-hoi", ...BI_THU,
    subject: "Về phát triển du lịch cộng đồng ở các xã ven biển đến năm 2030",
    file: "ket-luan-05-kl-tu.pdf",
  },
  {
    key: "14", docType: "cong-van", number: "1520-CV/VPTU", issuer: "Văn phòng Tỉnh ủy Hòa Phong", issuedAt: "2026-03-03", field: "cai-cach-hanh-chinh-chuyen-doi-so",
    signer: "Nguyễn Văn Hòa", signerTitle: "Chánh Văn phòng",
    subject: "Về việc triển khai gửi, nhận văn bản điện tử có chữ ký số trong các cơ quan đảng",
    file: "cong-van-1520-cv-vptu.pdf",
  },
  {
    key: "15", docType: "huong-dan", number: "04-HD/UBKTTU", issuer: "Ủy ban Kiểm tra Tỉnh ủy Hòa Phong", issuedAt: "2026-06-18", field: "kiem-tra-giam-sat",
    signer: "Đoàn Văn Phúc", signerTitle: "Chủ nhiệm",
    subject: "Về kiểm tra, giám sát việc kê khai, công khai tài sản, thu nhập của cán bộ, đảng viên năm 2026",
    file: "huong-dan-04-hd-ubkttu.pdf",
  },
];

/** Published a few days after issue at 09:00 Vietnam time, never after `now`. */
function publishedAt(issuedAt: string, index: number, now: Date): string {
  const at = Date.parse(`${issuedAt}T09:00:00+07:00`) + (2 + (index % 3)) * 86_400_000;
  return new Date(Math.min(at, now.getTime())).toISOString();
}

/** Imports the demo documents (and their PDFs) not yet there; returns how many were written. */
export async function seedDocuments(store: Store, approver: Actor, now = new Date()): Promise<number> {
  const sections = await Sections.list(store);
  const section = sections.find((s) => s.slug === "van-ban") ?? sections.find((s) => s.slug === "chinh-tri") ?? sections[0];
  if (!section) return 0;
  const engine = createEngine(documents, { store });
  // A replaced document links to its replacement, which must exist first.
  const ordered = [...DEMO.entries()].sort(([, a], [, b]) => Number(Boolean(a.replacedBy)) - Number(Boolean(b.replacedBy)));
  let written = 0;
  for (const [index, demo] of ordered) {
    const id = `demo-vb-${demo.key}`;
    const existing = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(documents.space).item(id), ProjectionExpression: "pk" }));
    if (existing.Item) continue;
    const { key, file, ...fields } = demo;
    const pdf = minimalPdf([
      `${demo.issuer.toUpperCase()}`,
      `So ${demo.number}, ngay ${demo.issuedAt.split("-").reverse().join("/")}`,
      demo.subject.slice(0, 90),
      demo.subject.slice(90, 180),
      "Tai lieu mau cua Cong thong tin dien tu Tinh uy Hoa Phong (du lieu gia lap).",
    ].filter(Boolean));
    const mediaId = `demo-tep-vb-${key}`;
    // A run interrupted between the file and its document left the file: reuse it.
    const media = (await MediaLibrary.get(store, mediaId)) ?? (await MediaLibrary.importFile(store, { id: mediaId, filename: file, bytes: pdf, uploadedBy: approver }));
    await engine.importPublished(
      documentImport({ ...fields, id, sectionId: section.id, files: [media.id], publishedAt: publishedAt(demo.issuedAt, index, now) }),
      approver,
    );
    written++;
  }
  return written;
}
