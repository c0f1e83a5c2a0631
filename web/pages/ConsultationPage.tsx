import { For, Show } from "solid-js";
import { Island } from "../island";
import { Urls } from "../../functions/core/shared/urls";
import { Picture } from "../components/Picture";
import { formatDate, formatDateTime, formatNumber } from "../format";
import type { PageData, Section } from "../types";

type Data = Extract<PageData, { kind: "consultation" }>;
type File = Data["consultation"]["files"][number];

/** "1,2 MB", "85 KB": sizes as Vietnamese readers write them. */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} byte`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/zip": "ZIP",
};

function FileLink(props: { file: File }) {
  return (
    <a href={props.file.url} download={props.file.filename}>
      {props.file.filename}
      <span class="file-meta"> ({[TYPE_LABELS[props.file.contentType], fileSize(props.file.size)].filter(Boolean).join(", ")})</span>
    </a>
  );
}

/**
 * `/gop-y/:slug`: a draft for public comment. The state (open / upcoming / closed), the days
 * left and the number of comments received come from the server with the page, which the CDN
 * caches: the count may lag behind by the cache time (functions/http/reader/consultations.ts).
 */
export function ConsultationPage(props: Omit<Data, "kind"> & { sections: Section[] }) {
  const c = () => props.consultation;
  const section = () => props.sections.find((s) => s.id === c().sectionId);
  return (
    <article class="article consultation">
      <nav aria-label="Vị trí" class="breadcrumb">
        <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.consultations()}>Góp ý dự thảo</a>
      </nav>
      <h1 class="article__title">{c().title}</h1>
      <p class="meta">
        <span class="badge">
          {props.state === "open" ? `Đang lấy ý kiến · còn ${props.daysLeft} ngày` : props.state === "upcoming" ? "Chưa mở lấy ý kiến" : "Đã kết thúc"}
        </span>
        <Show when={section()}>{(s) => <> · {s().name}</>}</Show> · Đăng ngày <time datetime={c().publishedAt}>{formatDate(c().publishedAt)}</time>
        <Show when={c().revisedAt}>
          {(at) => (
            <>
              {" "}· Cập nhật <time datetime={at()}>{formatDateTime(at())}</time>
            </>
          )}
        </Show>
      </p>
      <p class="article__summary">{c().summary}</p>
      <Show when={c().featuredImage}>
        {(image) => (
          <figure class="article__image">
            <Picture image={image()} sizes="(max-width: 860px) calc(100vw - 32px), 760px" priority />
          </figure>
        )}
      </Show>

      <dl class="consultation__facts">
        <div>
          <dt>Thời gian lấy ý kiến</dt>
          <dd>
            Từ <time datetime={c().opensAt}>{formatDateTime(c().opensAt)}</time> đến <time datetime={c().closesAt}>{formatDateTime(c().closesAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Số góp ý đã nhận</dt>
          <dd>{formatNumber(props.commentCount)}</dd>
        </div>
      </dl>

      <Show when={props.state === "closed" && c().summaryFile}>
        {(file) => (
          <section aria-labelledby="bao-cao-tiep-thu" class="consultation__box">
            <h2 id="bao-cao-tiep-thu">Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý</h2>
            <p>
              <FileLink file={file()} />
            </p>
          </section>
        )}
      </Show>

      {/* Sanitized on the server before storage (allow-list); see functions/core/shared/html.ts. */}
      <div class="article__body" innerHTML={c().body} />

      <Show when={c().files.length > 0}>
        <section aria-labelledby="tai-lieu-du-thao">
          <h2 id="tai-lieu-du-thao">Tài liệu dự thảo</h2>
          <ul class="file-list">
            <For each={c().files}>{(file) => <li><FileLink file={file} /></li>}</For>
          </ul>
        </section>
      </Show>

      <section aria-labelledby="don-vi-tiep-nhan" class="consultation__box">
        <h2 id="don-vi-tiep-nhan">Đơn vị tiếp nhận góp ý</h2>
        <address>
          <strong>{c().receiver.unit}</strong>
          <br />
          Địa chỉ: {c().receiver.address}
          <br />
          Thư điện tử: <a href={`mailto:${c().receiver.email}`}>{c().receiver.email}</a>
          <Show when={c().receiver.phone}>
            {(phone) => (
              <>
                <br />
                Điện thoại: <a href={`tel:${phone().replace(/[^\d+]/g, "")}`}>{phone()}</a>
              </>
            )}
          </Show>
        </address>
      </section>

      <Show when={props.state === "open"}>
        <Island name="consultation-form" props={{ consultationId: c().id, receiverEmail: c().receiver.email }} />
      </Show>
      <Show when={props.state === "upcoming"}>
        <p class="consultation__notice">Dự thảo bắt đầu nhận góp ý từ {formatDateTime(c().opensAt)}.</p>
      </Show>
      <Show when={props.state === "closed"}>
        <p class="consultation__notice">Đã hết thời hạn góp ý (đến {formatDateTime(c().closesAt)}).</p>
      </Show>

      <Show when={props.comments.length > 0}>
        <section aria-labelledby="y-kien-cong-khai">
          <h2 id="y-kien-cong-khai">Ý kiến góp ý được công khai</h2>
          <ol class="comment-list">
            <For each={props.comments}>
              {(comment) => (
                <li class="comment-list__item">
                  <p class="meta">
                    <strong>{comment.name}</strong>
                    <Show when={comment.organization}>{(org) => <> ({org()})</>}</Show> · <time datetime={comment.receivedAt}>{formatDateTime(comment.receivedAt)}</time>
                  </p>
                  <p class="comment-list__content">{comment.content}</p>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
      <Island name="rating-form" props={{ kind: "consultations", id: c().id }} />
    </article>
  );
}
