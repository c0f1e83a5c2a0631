import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { DocumentFilters, DocumentSummary, DocumentType } from "../../functions/core/reader/documents";
import { Pagination } from "../components/Pagination";
import { formatNumber } from "../format";
import type { Paging } from "../types";
import { issueDay, VALIDITY_NAMES } from "../document-format";

/**
 * The documents list (`/van-ban`): a filter form (type, year, issuer, field, and the notation or
 * subject with or without diacritics) that works without JavaScript (a GET form), the count, a
 * table newest issue date first, numbered pages.
 */
export function DocumentsPage(props: {
  filters: DocumentFilters;
  items: DocumentSummary[];
  total: number;
  truncated: boolean;
  paging: Paging;
  types: DocumentType[];
  fields: DocumentType[];
  issuers: DocumentType[];
  years: string[];
}) {
  const filtered = () => Object.values(props.filters).some(Boolean);
  const typeName = (item: DocumentSummary) => props.types.find((t) => t.slug === item.docType)?.name ?? item.docTypeName;
  // A chosen value stays selectable even when no listed document carries it.
  const years = () => (props.filters.year && !props.years.includes(props.filters.year) ? [props.filters.year, ...props.years] : props.years);
  const issuers = () =>
    props.filters.issuer && !props.issuers.some((i) => i.slug === props.filters.issuer) ? [{ slug: props.filters.issuer, name: props.filters.issuer }, ...props.issuers] : props.issuers;

  return (
    <section class="documents" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">
        Văn bản
        <Show when={props.paging.page > 1}>
          <span class="page-title__page"> – trang {props.paging.page}</span>
        </Show>
      </h1>
      <p class="lead">Văn bản chỉ đạo, điều hành: nghị quyết, chỉ thị, kết luận, quyết định, thông báo, kế hoạch…</p>
      <form class="documents-filter" action={Urls.documents()} method="get" role="search" aria-label="Tra cứu văn bản">
        <div class="documents-filter__grid">
          <div class="documents-filter__field">
            <label for="loc-loai">Loại văn bản</label>
            <select id="loc-loai" name="loai">
              <option value="">Tất cả các loại</option>
              <For each={props.types}>{(t) => <option value={t.slug} selected={t.slug === props.filters.type}>{t.name}</option>}</For>
            </select>
          </div>
          <div class="documents-filter__field">
            <label for="loc-nam">Năm ban hành</label>
            <select id="loc-nam" name="nam">
              <option value="">Tất cả các năm</option>
              <For each={years()}>{(year) => <option value={year} selected={year === props.filters.year}>{year}</option>}</For>
            </select>
          </div>
          <div class="documents-filter__field">
            <label for="loc-co-quan">Cơ quan ban hành</label>
            <select id="loc-co-quan" name="co-quan">
              <option value="">Tất cả cơ quan</option>
              <For each={issuers()}>{(i) => <option value={i.slug} selected={i.slug === props.filters.issuer}>{i.name}</option>}</For>
            </select>
          </div>
          <div class="documents-filter__field">
            <label for="loc-linh-vuc">Lĩnh vực</label>
            <select id="loc-linh-vuc" name="linh-vuc">
              <option value="">Tất cả lĩnh vực</option>
              <For each={props.fields}>{(f) => <option value={f.slug} selected={f.slug === props.filters.field}>{f.name}</option>}</For>
            </select>
          </div>
          <div class="documents-filter__field documents-filter__field--wide">
            <label for="loc-q">Số, ký hiệu hoặc trích yếu (có dấu hoặc không dấu)</label>
            <input id="loc-q" type="search" name="q" value={props.filters.q ?? ""} maxlength="200" placeholder="Ví dụ: 15-CT/TU, chuyển đổi số" />
          </div>
        </div>
        <p class="documents-filter__actions">
          <button type="submit">Tra cứu</button>
          <Show when={filtered()}>
            <a href={Urls.documents()}>Bỏ điều kiện lọc</a>
          </Show>
        </p>
      </form>

      <Show
        when={props.total > 0}
        fallback={
          <p class="empty">
            {filtered() ? "Không tìm thấy văn bản nào phù hợp với điều kiện tra cứu. Hãy bỏ bớt điều kiện hoặc thử từ khóa khác." : "Chưa có nội dung: chưa có văn bản nào được đăng."}
          </p>
        }
      >
        <p class="meta documents__count">
          {filtered() ? "Tìm thấy" : "Có"} {formatNumber(props.total)} văn bản
          <Show when={props.paging.pages > 1}> · trang {props.paging.page}/{props.paging.pages}</Show>
        </p>
        <Show when={props.truncated}>
          <p class="documents__notice">Kết quả chỉ gồm các văn bản ban hành gần đây nhất. Hãy chọn thêm điều kiện lọc (loại, năm…) để tìm văn bản cũ hơn.</p>
        </Show>
        <div class="table-scroll" role="region" aria-labelledby="bang-van-ban" tabindex="0">
          <table class="documents-table">
            <caption id="bang-van-ban" class="visually-hidden">Danh sách văn bản, mới ban hành trước</caption>
            <thead>
              <tr>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Ngày ban hành</th>
                <th scope="col">Trích yếu</th>
                <th scope="col">Cơ quan ban hành</th>
                <th scope="col">Hiệu lực</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(item) => (
                  <tr>
                    <th scope="row" class="documents-table__number">{item.number}</th>
                    <td class="documents-table__date"><time datetime={item.issuedAt}>{issueDay(item.issuedAt)}</time></td>
                    <td>
                      <span class="documents-table__type">{typeName(item)}</span>
                      <a href={Urls.document(item.slug)}>{item.summary}</a>
                    </td>
                    <td>{item.issuer}</td>
                    <td class={`documents-table__validity documents-table__validity--${item.validity}`}>{VALIDITY_NAMES[item.validity]}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Pagination paging={props.paging} />
      </Show>
      <p class="feed-link"><a href={Urls.listFeed(Urls.documents())}>Tin RSS văn bản mới</a></p>
    </section>
  );
}
