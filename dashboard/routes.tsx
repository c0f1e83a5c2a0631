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

export const NAV: NavEntry[] = [
  { href: BASE, label: "Bài viết" },
  { href: `${BASE}/thu-vien`, label: "Thư viện ảnh và tệp" },
];

export const ROUTES: Route[] = [
  { pattern: BASE, screen: WorkList, section: BASE },
  { pattern: `${BASE}/thu-vien`, screen: MediaLibrary, section: `${BASE}/thu-vien` },
  { pattern: `${BASE}/bai-viet/moi`, screen: () => <ArticleEditor />, section: BASE },
  { pattern: `${BASE}/bai-viet/:id`, screen: (props) => <ArticleEditor id={props.params.id} />, section: BASE },
];
