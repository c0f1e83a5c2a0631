/**
 * The browser's loader of each island (web/island.tsx): one dynamic import each, so Vite puts every
 * island in its own chunk and a page downloads only the islands it has (web/island-sources.ts
 * names the same modules for the server's preloads).
 */
import type { Component } from "solid-js";
import type { IslandName, IslandProps } from "./island";

type Loader<N extends IslandName> = { load: () => Promise<Component<IslandProps[N]>> };

export const ISLANDS: { [N in IslandName]: Loader<N> } = {
  "top-bar": { load: () => import("./components/TopBar").then((m) => m.TopBar) },
  "main-menu": { load: () => import("./components/MainMenu").then((m) => m.MainMenu) },
  "notice-banner": { load: () => import("./components/NoticeBanner").then((m) => m.NoticeBanner) },
  "visitor-box": { load: () => import("./components/VisitorBox").then((m) => m.VisitorBox) },
  "view-count": { load: () => import("./components/ViewCount").then((m) => m.ViewCount) },
  "share-bar": { load: () => import("./components/ShareBar").then((m) => m.ShareBar) },
  "rating-form": { load: () => import("./components/RatingForm").then((m) => m.RatingForm) },
  "comment-form": { load: () => import("./components/CommentForm").then((m) => m.CommentForm) },
  "consultation-form": { load: () => import("./components/ConsultationForm").then((m) => m.ConsultationForm) },
  "gallery-viewer": { load: () => import("./components/GalleryViewer").then((m) => m.GalleryViewer) },
};
