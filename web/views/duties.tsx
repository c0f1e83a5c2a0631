import { AccessibilityPage, NoticesPage, SiteMapPage, StatsPage } from "../pages/DutyPages";
import type { PageGroup } from "./kinds";

/** The public duties' pages: /thong-bao, /so-do-cong, /tiep-can, /thong-ke. */
export const group: PageGroup = {
  views: {
    notices: (data) => <NoticesPage notices={data.notices} />,
    "site-map": (data, app) => <SiteMapPage sections={app.sections} kinds={data.kinds} />,
    accessibility: (_data, app) => <AccessibilityPage site={app.site} />,
    stats: (data) => <StatsPage year={data.year} years={data.years} months={data.months} total={data.total} />,
  },
};
