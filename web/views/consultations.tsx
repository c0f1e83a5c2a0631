import { ConsultationForm } from "../components/ConsultationForm";
import { ConsultationPage } from "../pages/ConsultationPage";
import { ConsultationsPage } from "../pages/ConsultationsPage";
import type { PageGroup } from "./kinds";

/** Drafts for public comment: /gop-y, /gop-y/:slug. */
export const group: PageGroup = {
  views: {
    consultations: (data) => <ConsultationsPage open={data.open} upcoming={data.upcoming} closed={data.closed} />,
    consultation: (data, app) => (
      <ConsultationPage
        consultation={data.consultation} state={data.state} daysLeft={data.daysLeft}
        commentCount={data.commentCount} comments={data.comments} sections={app.sections}
      />
    ),
  },
  islands: { "consultation-form": ConsultationForm },
};
