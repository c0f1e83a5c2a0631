/**
 * The dashboard's screens: one line per screen, matched in order against the path. Each screen is
 * a lazily loaded chunk, so a screen's code is fetched only when an editor opens it. `nav` puts a
 * screen in the top navigation (with `navFor` limiting who sees the link; the server checks anyway);
 * `section` names the navigation entry a screen belongs to (for `aria-current`).
 * Adding a screen = adding a line here; App.tsx renders whatever matches.
 */
import { lazy, type Component } from "solid-js";
import { BASE } from "./router";
import type { SessionUser } from "./types";
import { canReadReports } from "../functions/core/accounts/permissions";

export interface ScreenProps {
  /** The path's parameters (`:id` → `params.id`). */
  params: Record<string, string>;
}

export interface Route {
  pattern: string;
  screen: Component<ScreenProps>;
  /** The navigation entry this screen highlights (its href). */
  section: string;
}

export interface NavEntry {
  href: string;
  label: string;
  /** Shown only when this returns true (the server still checks every call). */
  navFor?: (user: SessionUser) => boolean;
}

const WorkList = lazy(() => import("./screens/WorkList"));
const MediaLibrary = lazy(() => import("./screens/MediaLibrary"));
const ArticleEditor = lazy(() => import("./screens/ArticleEditor"));
const DocumentEditor = lazy(() => import("./screens/kinds/DocumentEditor"));
const ScheduleEditor = lazy(() => import("./screens/kinds/ScheduleEditor"));
const GalleryEditor = lazy(() => import("./screens/kinds/GalleryEditor"));
const VideoEditor = lazy(() => import("./screens/kinds/VideoEditor"));
const ConsultationEditor = lazy(() => import("./screens/kinds/ConsultationEditor"));

export const NAV: NavEntry[] = [
  { href: BASE, label: "Bài viết" },
  { href: `${BASE}/thu-vien`, label: "Thư viện ảnh và tệp" },
  { href: `${BASE}/bao-cao`, label: "Báo cáo", navFor: canReadReports },
  { href: `${BASE}/he-thong`, label: "Quản trị", navFor: (user) => user.role === "admin" },
  { href: `${BASE}/binh-luan`, label: "Bình luận", navFor: (user) => user.role !== "writer" },
];

export const ROUTES: Route[] = [
  { pattern: BASE, screen: WorkList, section: BASE },
  { pattern: `${BASE}/thu-vien`, screen: MediaLibrary, section: `${BASE}/thu-vien` },
  { pattern: `${BASE}/doi-mat-khau`, screen: lazy(() => import("./screens/PasswordChange")), section: `${BASE}/doi-mat-khau` },
  { pattern: `${BASE}/bao-cao`, screen: lazy(() => import("./screens/Reports")), section: `${BASE}/bao-cao` },
  { pattern: `${BASE}/bai-viet/moi`, screen: () => <ArticleEditor />, section: BASE },
  { pattern: `${BASE}/bai-viet/:id`, screen: (props) => <ArticleEditor id={props.params.id} />, section: BASE },
  { pattern: `${BASE}/he-thong`, screen: lazy(() => import("./screens/admin/AdminHome")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/nguoi-dung`, screen: lazy(() => import("./screens/admin/UsersScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/chuyen-muc`, screen: lazy(() => import("./screens/admin/SectionsScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/cau-hinh`, screen: lazy(() => import("./screens/admin/SettingsScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/don-vi-lich`, screen: lazy(() => import("./screens/admin/ScheduleOwnersScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/loai-van-ban`, screen: lazy(() => import("./screens/admin/DocumentTypesScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/anh-lien-ket`, screen: lazy(() => import("./screens/admin/BannersScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/he-thong/nhat-ky`, screen: lazy(() => import("./screens/admin/AuditScreen")), section: `${BASE}/he-thong` },
  { pattern: `${BASE}/binh-luan`, screen: lazy(() => import("./screens/Comments")), section: `${BASE}/binh-luan` },
  { pattern: `${BASE}/van-ban/moi`, screen: () => <DocumentEditor />, section: BASE },
  { pattern: `${BASE}/van-ban/:id`, screen: (props) => <DocumentEditor id={props.params.id} />, section: BASE },
  { pattern: `${BASE}/lich-cong-tac/moi`, screen: () => <ScheduleEditor />, section: BASE },
  { pattern: `${BASE}/lich-cong-tac/:id`, screen: (props) => <ScheduleEditor id={props.params.id} />, section: BASE },
  { pattern: `${BASE}/phong-su-anh/moi`, screen: () => <GalleryEditor />, section: BASE },
  { pattern: `${BASE}/phong-su-anh/:id`, screen: (props) => <GalleryEditor id={props.params.id} />, section: BASE },
  { pattern: `${BASE}/video/moi`, screen: () => <VideoEditor />, section: BASE },
  { pattern: `${BASE}/video/:id`, screen: (props) => <VideoEditor id={props.params.id} />, section: BASE },
  { pattern: `${BASE}/gop-y/moi`, screen: () => <ConsultationEditor />, section: BASE },
  { pattern: `${BASE}/gop-y/:id`, screen: (props) => <ConsultationEditor id={props.params.id} />, section: BASE },
];
