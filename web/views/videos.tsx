import { VideoPage } from "../pages/VideoPage";
import { VideosPage } from "../pages/VideosPage";
import type { PageGroup } from "./kinds";

/** Videos: /video, /video/:slug. */
export const group: PageGroup = {
  views: {
    videos: (data) => <VideosPage items={data.items} total={data.total} paging={data.paging} />,
    video: (data, app) => <VideoPage video={data.video} others={data.others} sections={app.sections} />,
  },
};
