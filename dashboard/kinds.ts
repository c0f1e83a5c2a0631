/**
 * The content kinds as the dashboard names them: the API's collection (`/api/<name>`), the
 * dashboard's path for an item (`/quan-tri/<path>/:id`, `/quan-tri/<path>/moi` for a new one) and
 * the labels. One table so work lists, "create" menus and editors agree on every link.
 */
import { BASE } from "./router";

export type KindName = "articles" | "documents" | "schedules" | "consultations" | "galleries" | "videos";

export interface DashboardKind {
  name: KindName;
  path: string;
  label: string;
  newLabel: string;
}

export const KINDS: DashboardKind[] = [
  { name: "articles", path: "bai-viet", label: "Bài viết", newLabel: "Viết bài mới" },
  { name: "documents", path: "van-ban", label: "Văn bản", newLabel: "Thêm văn bản" },
  { name: "schedules", path: "lich-cong-tac", label: "Lịch công tác", newLabel: "Lập lịch tuần" },
  { name: "consultations", path: "gop-y", label: "Dự thảo lấy ý kiến", newLabel: "Đăng dự thảo" },
  { name: "galleries", path: "phong-su-anh", label: "Phóng sự ảnh", newLabel: "Tạo phóng sự ảnh" },
  { name: "videos", path: "video", label: "Video", newLabel: "Thêm video" },
];

export const kindByName = (name: string): DashboardKind | undefined => KINDS.find((kind) => kind.name === name);

/** The editor's path for an item of `kind`, or for a new one. */
export const editPath = (kind: KindName, id?: string): string =>
  `${BASE}/${kindByName(kind)!.path}/${id ? encodeURIComponent(id) : "moi"}`;
