import { SchedulePage } from "../pages/SchedulePage";
import type { PageGroup } from "./kinds";

/** Weekly work schedules: /lich-cong-tac. */
export const group: PageGroup = {
  views: {
    schedule: (data) => <SchedulePage week={data.week} current={data.current} thisWeek={data.thisWeek} owners={data.owners} owner={data.owner} schedule={data.schedule} />,
  },
};
