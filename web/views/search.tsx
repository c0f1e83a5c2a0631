import { SearchPage } from "../pages/SearchPage";
import type { PageGroup } from "./kinds";

/** Search: /tim-kiem. */
export const group: PageGroup = {
  views: {
    search: (data, app) => <SearchPage query={data.query} total={data.total} hits={data.hits} paging={data.paging} offset={data.offset} sections={app.sections} />,
  },
};
