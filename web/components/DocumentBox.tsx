import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { DocumentSummary } from "../../functions/core/reader/documents";
import { issueDay } from "../document-format";

/**
 * "Văn bản mới" on the home page: the newest documents by issue date (reader/documents.ts
 * `Documents.latest(store, 5)`), each linking to its page, with a link to the whole list.
 */
export function DocumentBox(props: { documents: DocumentSummary[] }) {
  return (
    <section class="document-box" aria-labelledby="van-ban-moi">
      <h2 id="van-ban-moi" class="block-title">
        <a href={Urls.documents()}>Văn bản mới</a>
      </h2>
      <Show when={props.documents.length > 0} fallback={<p class="empty">Chưa có văn bản nào được đăng.</p>}>
        <ul class="document-box__list">
          <For each={props.documents}>
            {(doc) => (
              <li>
                <a href={Urls.document(doc.slug)} class="document-box__link">
                  {doc.docTypeName} số {doc.number}
                </a>
                <p class="meta">
                  <time datetime={doc.issuedAt}>{issueDay(doc.issuedAt)}</time> · {doc.issuer}
                </p>
                <p class="document-box__subject">{doc.summary}</p>
              </li>
            )}
          </For>
        </ul>
        <p class="more">
          <a href={Urls.documents()}>Xem tất cả văn bản ›</a>
        </p>
      </Show>
    </section>
  );
}
