import { Hono } from "hono";
import {
  DOCUMENT_FIELDS, documentFilters, Documents, DocumentTypes, filterQuery, pastTheEnd,
} from "../../core/reader/documents";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { pageParam, sendPage } from "./pages";
import { loadShell } from "./shell";

/**
 * Public pages of directive documents (docs/architecture.md, "Contract"):
 *
 *   /van-ban?loai=&nam=&co-quan=&linh-vuc=&q=&trang=   newest issue date first, 20 a page, filters and count
 *   /van-ban/:slug                                      every field, files, body, approver, related documents
 *
 * A filter value the form does not offer (an unknown type or field, a malformed year or issuer, an
 * over-long `q`) and a malformed `trang` are 400 pages; a page past the last and an unknown slug
 * are 404 pages. `/van-ban/rss.xml` is the kinds' feed (feeds.ts), mounted before these.
 */
export function createDocumentsPages(deps: AppDeps) {
  const pages = new Hono();
  const store = deps.store;

  pages.get(Urls.documents(), async (c) => {
    const page = pageParam(c);
    const [shell, typeList] = await Promise.all([loadShell(deps), DocumentTypes.get(store)]);
    const filters = documentFilters((name) => c.req.query(name), typeList.types);
    const listing = await Documents.list(store, filters, page);
    if (page > listing.pages) throw pastTheEnd(page);
    const query = filterQuery(filters);
    return sendPage(
      deps,
      c,
      shell,
      {
        kind: "documents",
        filters,
        items: listing.items,
        total: listing.total,
        truncated: listing.truncated,
        paging: { page, pages: listing.pages, path: Urls.documents(), query },
        types: typeList.types,
        fields: [...DOCUMENT_FIELDS],
        issuers: listing.issuers,
        years: listing.years,
      },
      { canonical: Urls.paged(Urls.documents(), page, query), ...(filters.q ? { cache: CACHE.search } : {}) },
    );
  });

  pages.get(`${Urls.documents()}/:slug`, async (c) => {
    const [shell, document, typeList] = await Promise.all([loadShell(deps), Documents.get(store, c.req.param("slug")), DocumentTypes.get(store)]);
    const related = await Documents.related(store, document);
    return sendPage(deps, c, shell, { kind: "document", document, related, types: typeList.types, fields: [...DOCUMENT_FIELDS] });
  });

  return pages;
}
