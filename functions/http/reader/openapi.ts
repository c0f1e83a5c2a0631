import { ARTICLE_TYPES, DATASETS, OPEN_DATA_LIMIT, READ_BOUNDS, type Dataset, type DatasetName } from "../../core/reader/open-data";
import { OPEN_DATA_RATE } from "../../core/reader/open-data-limits";
import { vietnamDay } from "../../core/shared/time";
import type { OpenDataGuide } from "../../../web/pages/OpenDataPage";
import type { DocumentType } from "../../core/reader/documents";
import { VALIDITIES } from "../../core/reader/documents";
import { SESSIONS } from "../../core/reader/schedules";
import { Urls } from "../../core/shared/urls";

/**
 * The open data described, for programs and for people (open-data.ts imports this on first use).
 *
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of the open-data datasets, written by hand
 * (no generator: the reader bundle stays small, and the document says exactly what
 * core/reader/open-data.ts answers; tests/http/open-data.test.ts validates every answer against it).
 * Schemas are JSON Schema 2020-12, as OpenAPI 3.1 uses it: every property is present (null when
 * empty) and nothing else is.
 */

/** What each query parameter means, for the document and the /du-lieu-mo page. */
export const OPEN_DATA_PARAMETERS: readonly { name: string; description: string; example: string }[] = [
  { name: "from", description: "Ngày đăng sớm nhất, theo giờ Việt Nam, dạng YYYY-MM-DD (tính cả ngày này).", example: "2026-11-01" },
  { name: "to", description: "Ngày đăng muộn nhất, theo giờ Việt Nam, dạng YYYY-MM-DD (tính cả ngày này), không trước ngày from.", example: "2026-11-30" },
  { name: "section", description: "Đường dẫn (slug) của một chuyên mục: chỉ lấy các mục thuộc đúng chuyên mục đó.", example: "kinh-te" },
  {
    name: "type",
    description:
      `Loại: với tin bài là news hoặc collected, với văn bản là mã loại văn bản; không dùng cho lịch công tác và góp ý dự thảo. ` +
      `Lọc theo loại không có chỉ mục riêng: mỗi yêu cầu xem tối đa ${READ_BOUNDS.queries * READ_BOUNDS.filteredPageSize} mục, ` +
      `nên một trang có thể ít hơn limit mục, kể cả không có mục nào, trong khi vẫn còn next.`,
    example: "chi-thi",
  },
  { name: "cursor", description: "Giá trị next của trang trước, giữ nguyên; gửi kèm đúng các tham số from, to, section, type của trang đó.", example: "" },
  { name: "limit", description: `Số mục tối đa của một trang, từ 1 đến ${OPEN_DATA_LIMIT.max}; mặc định ${OPEN_DATA_LIMIT.default}.`, example: "10" },
];

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const string = (description?: string, format?: string): Schema => ({ type: "string", ...(format ? { format } : {}), ...(description ? { description } : {}) });
const nullable = (schema: Schema): Schema => ("$ref" in schema ? { oneOf: [schema, { type: "null" }] } : { ...schema, type: [schema.type, "null"] });
/** An object with exactly these properties, all present. */
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
const array = (items: Schema): Schema => ({ type: "array", items });
const integer = (minimum = 0): Schema => ({ type: "integer", minimum });
const uri = (description?: string) => string(description, "uri");
const dateTime = (description?: string) => string(description, "date-time");
const date = (description?: string) => string(description, "date");

const COMMON_HEAD = {
  id: string("Mã định danh, không đổi."),
  slug: string("Đường dẫn rút gọn, không đổi."),
  url: uri("Địa chỉ trang trên cổng."),
};
const COMMON_DATES = {
  section: nullable(ref("Section")),
  publishedAt: dateTime("Thời điểm đăng (UTC)."),
  updatedAt: dateTime("Thời điểm lưu bản đang đăng (UTC)."),
  revisedAt: nullable(dateTime("Thời điểm bản đang đăng thay một bản đã đăng trước đó, nếu có.")),
};

function schemas(types: readonly DocumentType[]): Record<string, Schema> {
  return {
    Section: object({ slug: string(), name: string() }, "Chuyên mục."),
    Image: object(
      {
        alt: string("Mô tả ảnh."),
        width: integer(1),
        height: integer(1),
        variants: array(object({ width: integer(1), format: { type: "string", enum: ["webp", "jpeg"] }, url: uri() })),
      },
      "Ảnh đại diện, kèm các bản theo chiều rộng.",
    ),
    File: object({ filename: string(), size: integer(), contentType: string(), url: uri() }, "Tệp đính kèm."),
    NewsItem: object({
      ...COMMON_HEAD,
      type: { type: "string", enum: ARTICLE_TYPES.map((t) => t.slug), description: "news: tin bài; collected: tin sưu tầm." },
      title: string(),
      summary: string(),
      body: string("Nội dung, HTML đã làm sạch."),
      byline: nullable(string("Tác giả.")),
      tags: array(string()),
      source: nullable(object({ name: string(), url: nullable(uri()) }, "Nguồn của tin sưu tầm.")),
      image: nullable(uri("Ảnh cũ nhập tay (bài lưu trữ).")),
      featuredImage: nullable(ref("Image")),
      ...COMMON_DATES,
    }),
    DocumentItem: object({
      ...COMMON_HEAD,
      title: string(),
      number: string("Số, ký hiệu, ví dụ 15-CT/TU."),
      type: { type: "string", enum: types.map((t) => t.slug), description: "Mã loại văn bản." },
      typeName: string("Tên loại văn bản."),
      subject: string("Trích yếu."),
      issuer: string("Cơ quan ban hành."),
      issuedAt: date("Ngày ban hành."),
      effectiveAt: nullable(date("Ngày có hiệu lực.")),
      signer: nullable(string()),
      signerTitle: nullable(string()),
      field: nullable(object({ slug: string(), name: string() }, "Lĩnh vực.")),
      validity: { type: "string", enum: [...VALIDITIES], description: "in-force: còn hiệu lực; expired: hết hiệu lực; replaced: bị thay thế." },
      replacedBy: nullable(object({ url: uri(), title: nullable(string()) }, "Văn bản thay thế.")),
      body: string("Nội dung, HTML đã làm sạch; có thể rỗng."),
      files: array(ref("File")),
      featuredImage: nullable(ref("Image")),
      approvedBy: nullable(string("Người duyệt đăng.")),
      ...COMMON_DATES,
    }),
    ScheduleItem: object({
      ...COMMON_HEAD,
      calendarUrl: uri("Lịch tuần dạng iCalendar (.ics)."),
      title: string(),
      summary: string(),
      owner: object({ slug: string(), name: string() }, "Cơ quan, đơn vị có lịch."),
      week: { type: "string", pattern: "^\\d{4}-W\\d{2}$", description: "Tuần ISO, ví dụ 2026-W48." },
      monday: date(),
      sunday: date(),
      entries: array(
        object({
          date: date(),
          session: { type: "string", enum: [...SESSIONS] },
          sessionName: string("Cả ngày, Sáng, Chiều, Tối."),
          time: nullable({ type: "string", pattern: "^\\d{2}:\\d{2}$", description: "Giờ Việt Nam." }),
          content: string(),
          leader: nullable(string("Chủ trì.")),
          participants: nullable(string("Thành phần.")),
          location: nullable(string("Địa điểm.")),
          preparer: nullable(string("Đơn vị chuẩn bị.")),
        }),
      ),
      note: nullable(string()),
      approvedBy: nullable(string("Người duyệt đăng.")),
      ...COMMON_DATES,
    }),
    ConsultationItem: object({
      ...COMMON_HEAD,
      title: string(),
      summary: string(),
      body: string("Nội dung, HTML đã làm sạch."),
      opensAt: dateTime("Bắt đầu lấy ý kiến (UTC)."),
      closesAt: dateTime("Hết hạn lấy ý kiến (UTC)."),
      receiver: object({ unit: string(), address: string(), email: string(), phone: nullable(string()) }, "Đơn vị tiếp nhận góp ý."),
      files: array(ref("File")),
      summaryFile: nullable(ref("File")),
      featuredImage: nullable(ref("Image")),
      ...COMMON_DATES,
    }),
    ...Object.fromEntries(
      DATASETS.map((d) => [pageSchema(d.name), object({ items: array(ref(ITEM_SCHEMA[d.name])), next: nullable(string("Cursor của trang sau; null ở trang cuối.")) })]),
    ),
    Error: object({
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: string("VALIDATION, NOT_FOUND, RATE_LIMITED, UNAVAILABLE…"),
          message: string("Thông báo bằng tiếng Việt."),
          fields: { type: "object", additionalProperties: { type: "string" }, description: "Tham số sai → lý do." },
          retryAfter: integer(1),
        },
        additionalProperties: false,
      },
    }),
  };
}

const ITEM_SCHEMA: Record<DatasetName, string> = { news: "NewsItem", documents: "DocumentItem", schedules: "ScheduleItem", consultations: "ConsultationItem" };
const pageSchema = (name: DatasetName) => `${ITEM_SCHEMA[name].replace("Item", "")}Page`;

const errorResponse = (description: string, retryAfter = false) => ({
  description,
  ...(retryAfter ? { headers: { "Retry-After": { description: "Số giây cần chờ.", schema: integer(1) } } } : {}),
  content: { "application/json": { schema: ref("Error") } },
});

function parameter(name: string, schema: Schema, description?: string) {
  const doc = OPEN_DATA_PARAMETERS.find((p) => p.name === name)!;
  return { name, in: "query", required: false, description: description ?? doc.description, schema, ...(doc.example ? { example: doc.example } : {}) };
}

/** The document, its server the public origin; `types`: the admins' document types today. */
export function openApiDocument(origin: string, types: readonly DocumentType[]) {
  const typeParameter: Partial<Record<DatasetName, Schema>> = {
    news: { type: "string", enum: ARTICLE_TYPES.map((t) => t.slug) },
    documents: { type: "string", enum: types.map((t) => t.slug) },
  };
  const paths = Object.fromEntries(
    DATASETS.map((d) => [
      Urls.openDataset(d.name),
      {
        get: {
          operationId: `list${ITEM_SCHEMA[d.name].replace("Item", "")}`,
          summary: d.title,
          description: `${d.description} Mới đăng trước.`,
          parameters: [
            parameter("from", { type: "string", format: "date" }),
            parameter("to", { type: "string", format: "date" }),
            parameter("section", { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" }),
            ...(typeParameter[d.name] ? [parameter("type", typeParameter[d.name]!, d.name === "news" ? "news: tin bài; collected: tin sưu tầm." : undefined)] : []),
            parameter("cursor", { type: "string", maxLength: 2048 }),
            parameter("limit", { type: "integer", minimum: 1, maximum: OPEN_DATA_LIMIT.max, default: OPEN_DATA_LIMIT.default }),
          ],
          responses: {
            "200": { description: "Một trang.", content: { "application/json": { schema: ref(pageSchema(d.name)) } } },
            "400": errorResponse("Tham số sai; error.fields nêu tên tham số."),
            "429": errorResponse(`Quá ${OPEN_DATA_RATE.max} yêu cầu trong ${OPEN_DATA_RATE.windowMs / 1000} giây từ một địa chỉ mạng.`, true),
            "503": errorResponse("Hệ thống tạm thời không truy cập được dữ liệu.", true),
          },
        },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "Dữ liệu mở của cổng thông tin điện tử",
      version: "1.0.0",
      description:
        "Dữ liệu công khai đã đăng trên cổng, chỉ đọc, định dạng JSON, không cần đăng ký. Mọi trang web khác đều gọi được (CORS). " +
        `Trả lời được lưu đệm tối đa khoảng một phút. Mỗi địa chỉ mạng gửi tối đa ${OPEN_DATA_RATE.max} yêu cầu mỗi phút. ` +
        `Điều kiện sử dụng lại: ${new URL(`${Urls.openData()}#dieu-kien`, origin).href}.`,
      license: { name: "Điều kiện sử dụng lại dữ liệu của cổng", url: new URL(`${Urls.openData()}#dieu-kien`, origin).href },
    },
    servers: [{ url: origin }],
    paths,
    components: { schemas: schemas(types) },
  };
}

/** What /du-lieu-mo shows: every dataset with an example, the parameters, the limits. */
export function openDataGuide(base: string, types: readonly DocumentType[], now = new Date()): OpenDataGuide {
  const at = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.href;
  };
  const today = vietnamDay(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const examples: Record<Dataset["name"], Record<string, string>> = {
    news: { type: "news", limit: "10" },
    documents: types[0] ? { type: types[0].slug, limit: "10" } : { limit: "10" },
    schedules: { from: monthStart, limit: "5" },
    consultations: { from: `${today.slice(0, 4)}-01-01` },
  };
  return {
    datasets: DATASETS.map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      url: at(Urls.openDataset(d.name)),
      example: at(Urls.openDataset(d.name), examples[d.name]),
      ...(d.name === "news" ? { types: [...ARTICLE_TYPES] } : d.name === "documents" ? { types: [...types] } : {}),
    })),
    parameters: OPEN_DATA_PARAMETERS.map((p) => ({ ...p })),
    openApiUrl: at(Urls.openApi()),
    limits: {
      default: OPEN_DATA_LIMIT.default,
      max: OPEN_DATA_LIMIT.max,
      perMinute: Math.round((OPEN_DATA_RATE.max * 60_000) / OPEN_DATA_RATE.windowMs),
      filteredReads: READ_BOUNDS.queries * READ_BOUNDS.filteredPageSize,
    },
  };
}
