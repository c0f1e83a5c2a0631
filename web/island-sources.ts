/**
 * Each island's module as Vite's manifest names it (web/islands.ts imports the same files):
 * entry-server.tsx preloads the chunks of the page's islands, and refuses to load when one of
 * these is not a chunk of its own in the client build.
 */
export const ISLAND_SOURCES = {
  "top-bar": "web/components/TopBar.tsx",
  "main-menu": "web/components/MainMenu.tsx",
  "notice-banner": "web/components/NoticeBanner.tsx",
  "visitor-box": "web/components/VisitorBox.tsx",
  "view-count": "web/components/ViewCount.tsx",
  "share-bar": "web/components/ShareBar.tsx",
  "rating-form": "web/components/RatingForm.tsx",
  "comment-form": "web/components/CommentForm.tsx",
  "consultation-form": "web/components/ConsultationForm.tsx",
  "gallery-viewer": "web/components/GalleryViewer.tsx",
} as const;
