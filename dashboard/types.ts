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
import type { ActivityReport } from "../functions/core/metrics/reports";
// admin screens
import type { User } from "../functions/core/accounts/users";
import type { AuditEvent } from "../functions/core/publishing/audit";
import type { DocumentTypeList } from "../functions/core/reader/documents";
import type { ScheduleOwner } from "../functions/core/reader/schedules";
import type { Banner } from "../functions/core/site/banners";
import type { VersionedSettings } from "../functions/core/site/settings";
export type { AuditEvent, Banner, DocumentTypeList, ScheduleOwner, User, VersionedSettings };

export type { ImageSnapshot, ListItem, MediaRecord, Section, SessionUser };
/** `GET /api/reports/activity`: the activity report of a period. */
export type { ActivityReport };
/** `GET /api/comments`: readers' comments for moderation (screens/Comments.tsx). */
export type { ReaderComment } from "../functions/core/participation/comments";

// The other content kinds' working copies (dashboard/screens/kinds/, stores/items.ts).
export type { BaseContent, Item } from "../functions/core/publishing/kind";
export type { DocumentContent, DocumentFile, Validity } from "../functions/core/reader/documents";
export type { ScheduleContent, ScheduleEntry, ScheduleSession } from "../functions/core/reader/schedules";
export type { GalleryContent, GalleryPhoto } from "../functions/core/reader/galleries";
export type { VideoContent } from "../functions/core/reader/videos";
export type { ConsultationContent, ConsultationFile } from "../functions/core/reader/consultations";

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
