/**
 * The shapes the dashboard reads from the staff API, taken from the server's own types (type-only
 * imports: nothing of functions/ is bundled by these), so a change of contract fails the type check.
 */
import type { SessionUser } from "../functions/core/accounts/users";
import type { MediaRecord } from "../functions/core/media/library";
import type { Item, ListItem, Revision } from "../functions/core/publishing/kind";
import type { ArticleContent } from "../functions/core/reader/articles";
import type { ImageSnapshot } from "../functions/core/reader/images";
import type { Section } from "../functions/core/sections/sections";

export type { ImageSnapshot, ListItem, MediaRecord, Section, SessionUser };

/** `GET /api/articles/:id`: the working copy with its newest revisions. */
export type ArticleDetail = Item<ArticleContent> & { revisions?: Revision[]; revisionsNext?: string };
export type Article = Item<ArticleContent>;

export const ROLE_LABELS: Record<SessionUser["role"], string> = {
  admin: "Quản trị viên",
  "editor-in-chief": "Tổng biên tập",
  "section-editor": "Biên tập viên chuyên mục",
  writer: "Phóng viên",
};

export const STATUS_LABELS: Record<string, string> = {
  draft: "Bản nháp",
  submitted: "Chờ duyệt",
  returned: "Bị trả lại",
  scheduled: "Hẹn giờ đăng",
  published: "Đã đăng",
  unpublished: "Đã gỡ",
};

/** Names of the content kinds a media use (`<kind>#<id>`) may point at. */
export const KIND_LABELS: Record<string, string> = {
  articles: "Bài viết",
  documents: "Văn bản",
  schedules: "Lịch công tác",
  consultations: "Dự thảo lấy ý kiến",
  galleries: "Phóng sự ảnh",
  videos: "Video",
  banners: "Ảnh liên kết",
};
