import { OpenDataPage } from "../pages/OpenDataPage";
import type { PageGroup } from "./kinds";

/** The open-data guide: /du-lieu-mo. */
export const group: PageGroup = {
  views: {
    "open-data": (data, app) => <OpenDataPage guide={data.guide} site={app.site} sections={app.sections} />,
  },
};
