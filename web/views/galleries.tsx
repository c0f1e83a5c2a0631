import { GalleryViewer } from "../components/GalleryViewer";
import { GalleriesPage } from "../pages/GalleriesPage";
import { GalleryPage } from "../pages/GalleryPage";
import type { PageGroup } from "./kinds";

/** Photo reportages: /thu-vien-anh, /thu-vien-anh/:slug. */
export const group: PageGroup = {
  views: {
    galleries: (data) => <GalleriesPage items={data.items} total={data.total} paging={data.paging} />,
    gallery: (data, app) => <GalleryPage gallery={data.gallery} others={data.others} sections={app.sections} />,
  },
  islands: { "gallery-viewer": GalleryViewer },
};
