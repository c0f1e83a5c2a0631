import { For, Show } from "solid-js";
import { Comments } from "../components/Comments";
import { Island } from "../island";
import type { WithReaderComments } from "../../functions/core/participation/public";
import { Urls } from "../../functions/core/shared/urls";
import type { DocumentSummary, DocumentType, PublishedDocument } from "../../functions/core/reader/documents";
import { fileType, formatSize, issueDay, VALIDITY_NAMES } from "../document-format";
import { formatDate } from "../format";
import type { Section } from "../types";

/**
 * One document (`/van-ban/:slug`): every field in a definition list, its validity (with the
 * replacing document), the files to download with type and size, the body, who approved it, and
 * related documents (same type, then same issuer).
 */
export function DocumentPage(props: { document: PublishedDocument; related: DocumentSummary[]; types: DocumentType[]; fields: DocumentType[]; sections: Section[] }) {
  const doc = () => props.document;
  const typeName = (item: Pick<DocumentSummary, "docType" | "docTypeName">) => props.types.find((t) => t.slug === item.docType)?.name ?? item.docTypeName;
  const fieldName = () => props.fields.find((f) => f.slug === doc().field)?.name;
  const section = () => props.sections.find((s) => s.id === doc().sectionId);
  const Replacement = () => (
    <Show when={doc().replacedBy} fallback={<>văn bản khác</>}>
      {(slug) => <a href={Urls.document(slug())}>{doc().replacedByTitle ?? slug()}</a>}
    </Show>
  );
  return (
    <>
      <article class="document">
        <nav aria-label="Vị trí" class="breadcrumb">
          <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.documents()}>Văn bản</a>
        </nav>
        <h1 class="article__title">{doc().title}</h1>
        <Show when={doc().validity !== "in-force"}>
          <p class="document__validity">
            <strong>{VALIDITY_NAMES[doc().validity]}.</strong>{" "}
            <Show when={doc().validity === "replaced"} fallback={<>Văn bản này không còn hiệu lực thi hành.</>}>
              Văn bản này đã được thay thế bởi <Replacement />.
            </Show>
          </p>
        </Show>
        <dl class="document-fields">
          <div><dt>Loại văn bản</dt><dd><a href={Urls.paged(Urls.documents(), 1, { loai: doc().docType })}>{typeName(doc())}</a></dd></div>
          <div><dt>Số, ký hiệu</dt><dd>{doc().number}</dd></div>
          <div><dt>Cơ quan ban hành</dt><dd><a href={Urls.paged(Urls.documents(), 1, { "co-quan": doc().issuerSlug })}>{doc().issuer}</a></dd></div>
          <div><dt>Ngày ban hành</dt><dd><time datetime={doc().issuedAt}>{issueDay(doc().issuedAt)}</time></dd></div>
          <div><dt>Trích yếu</dt><dd>{doc().subject}</dd></div>
          <Show when={doc().signer}>
            <div><dt>Người ký</dt><dd>{doc().signer}<Show when={doc().signerTitle}>{(title) => <>, {title()}</>}</Show></dd></div>
          </Show>
          <Show when={fieldName()}>
            {(name) => <div><dt>Lĩnh vực</dt><dd><a href={Urls.paged(Urls.documents(), 1, { "linh-vuc": doc().field! })}>{name()}</a></dd></div>}
          </Show>
          <Show when={doc().effectiveAt}>
            {(at) => <div><dt>Ngày hiệu lực</dt><dd><time datetime={at()}>{issueDay(at())}</time></dd></div>}
          </Show>
          <div>
            <dt>Tình trạng hiệu lực</dt>
            <dd>
              {VALIDITY_NAMES[doc().validity]}
              <Show when={doc().validity === "replaced"}> (thay thế bởi <Replacement />)</Show>
            </dd>
          </div>
          <div><dt>Ngày đăng</dt><dd><time datetime={doc().publishedAt}>{formatDate(doc().publishedAt)}</time></dd></div>
          <Show when={section()}>{(s) => <div><dt>Chuyên mục duyệt</dt><dd>{s().name}</dd></div>}</Show>
          <div><dt>Người duyệt</dt><dd>{doc().approvedBy.name}</dd></div>
        </dl>
        <section class="document-files" aria-labelledby="tep-dinh-kem">
          <h2 id="tep-dinh-kem">Tệp đính kèm</h2>
          <Show when={doc().files.length > 0} fallback={<p class="empty">Văn bản không có tệp đính kèm.</p>}>
            <ul>
              <For each={doc().files}>
                {(file) => (
                  <li>
                    <a href={file.url} download={file.filename}>{file.filename}</a>{" "}
                    <span class="document-files__meta">({fileType(file)}, {formatSize(file.size)})</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        <Show when={doc().body}>
          <section aria-labelledby="noi-dung-van-ban">
            <h2 id="noi-dung-van-ban">Nội dung</h2>
            {/* Sanitized on the server before storage (allow-list); see functions/core/shared/html.ts. */}
            <div class="article__body" innerHTML={doc().body} />
          </section>
        </Show>
        <Island name="rating-form" props={{ kind: "documents", id: doc().id }} />
        <Comments kind="documents" itemId={doc().id} comments={(doc() as WithReaderComments).readerComments} count={(doc() as WithReaderComments).commentCount} />
      </article>
      <Show when={props.related.length > 0}>
        <section class="related" aria-labelledby="van-ban-lien-quan">
          <h2 id="van-ban-lien-quan">Văn bản liên quan</h2>
          <ul class="article-list article-list--compact">
            <For each={props.related}>
              {(item) => (
                <li class="article-list__item">
                  <h3 class="article-list__title"><a href={Urls.document(item.slug)}>{item.title}</a></h3>
                  <p class="meta">
                    {typeName(item)} · <time datetime={item.issuedAt}>{issueDay(item.issuedAt)}</time> · {item.issuer}
                  </p>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
