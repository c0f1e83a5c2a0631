import { DocumentPage } from "../pages/DocumentPage";
import { DocumentsPage } from "../pages/DocumentsPage";
import type { PageGroup } from "./kinds";

/** Directive documents: /van-ban, /van-ban/:slug. */
export const group: PageGroup = {
  views: {
    documents: (data) => (
      <DocumentsPage filters={data.filters} items={data.items} total={data.total} truncated={data.truncated} paging={data.paging} types={data.types} fields={data.fields} issuers={data.issuers} years={data.years} />
    ),
    document: (data, app) => <DocumentPage document={data.document} related={data.related} types={data.types} fields={data.fields} sections={app.sections} />,
  },
};
