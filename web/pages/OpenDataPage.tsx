import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { formatNumber } from "../format";
import type { Section, SiteSettings } from "../types";

/** What /du-lieu-mo shows (built by functions/http/reader/open-data.ts `openDataGuide`). */
export interface OpenDataGuide {
  datasets: {
    name: string;
    title: string;
    description: string;
    /** Absolute URL of the dataset. */
    url: string;
    /** Absolute URL of an example request. */
    example: string;
    /** Values of `type`, where the dataset takes one. */
    types?: { slug: string; name: string }[];
  }[];
  parameters: { name: string; description: string; example: string }[];
  openApiUrl: string;
  limits: { default: number; max: number; perMinute: number; filteredReads: number };
}

/**
 * `/du-lieu-mo`: the open data for people (the same facts as /api/openapi.json for programs):
 * what is offered, how to call it, an example of each, the values of `section` and `type`, and
 * the terms of reuse (#dieu-kien, linked from the OpenAPI document's licence). Long URLs sit in
 * scrollable, keyboard-reachable tables so the page reflows on a phone.
 */
export function OpenDataPage(props: { guide: OpenDataGuide; site: SiteSettings; sections: Section[] }) {
  const typed = () => props.guide.datasets.filter((d) => d.types && d.types.length > 0);
  return (
    <section class="article" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Dữ liệu mở</h1>
      <p class="lead">
        {props.site.name} cung cấp miễn phí dữ liệu đã đăng công khai dưới dạng dịch vụ web: mỗi địa chỉ dưới đây trả về dữ liệu JSON, chỉ đọc,
        mọi người và mọi trang web đều gọi được, không cần tài khoản hay khóa truy cập.
      </p>

      <div class="article__body">
        <h2 class="block-title" id="tap-du-lieu">Các tập dữ liệu</h2>
        <div class="table-scroll" role="region" aria-labelledby="bang-tap-du-lieu" tabindex="0">
          <table class="documents-table">
            <caption id="bang-tap-du-lieu" class="visually-hidden">Các tập dữ liệu mở, địa chỉ và ví dụ</caption>
            <thead>
              <tr>
                <th scope="col">Tập dữ liệu</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Địa chỉ</th>
                <th scope="col">Ví dụ</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.guide.datasets}>
                {(dataset) => (
                  <tr>
                    <th scope="row">{dataset.title}</th>
                    <td>{dataset.description}</td>
                    <td><code>{dataset.url}</code></td>
                    <td>
                      <a href={dataset.example}><code>{dataset.example}</code></a>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>

        <h2 class="block-title" id="tham-so">Tham số</h2>
        <p>Mọi tham số đều không bắt buộc và dùng được cùng nhau. Kết quả xếp theo thời điểm đăng, mới đăng trước.</p>
        <div class="table-scroll" role="region" aria-labelledby="bang-tham-so" tabindex="0">
          <table class="documents-table">
            <caption id="bang-tham-so" class="visually-hidden">Tham số của các tập dữ liệu</caption>
            <thead>
              <tr>
                <th scope="col">Tham số</th>
                <th scope="col">Ý nghĩa</th>
                <th scope="col">Ví dụ</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.guide.parameters}>
                {(parameter) => (
                  <tr>
                    <th scope="row"><code>{parameter.name}</code></th>
                    <td>{parameter.description}</td>
                    <td>
                      <Show when={parameter.example}><code>{parameter.name}={parameter.example}</code></Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>

        <h3>Giá trị của tham số type</h3>
        <For each={typed()}>
          {(dataset) => (
            <>
              <p>{dataset.title}:</p>
              <ul>
                <For each={dataset.types}>{(type) => <li><code>{type.slug}</code>: {type.name}</li>}</For>
              </ul>
            </>
          )}
        </For>

        <h3>Giá trị của tham số section</h3>
        <Show when={props.sections.length > 0} fallback={<p>Cổng chưa có chuyên mục nào.</p>}>
          <ul>
            <For each={props.sections}>{(section) => <li><code>{section.slug}</code>: {section.name}</li>}</For>
          </ul>
        </Show>

        <h2 class="block-title" id="ket-qua">Kết quả trả về</h2>
        <ul>
          <li>
            Mỗi trang là một đối tượng JSON gồm <code>items</code> (các mục) và <code>next</code>. Để lấy trang sau, gửi lại đúng yêu cầu đó kèm
            tham số <code>cursor</code> bằng giá trị <code>next</code>; khi <code>next</code> là <code>null</code> thì đã hết dữ liệu.
          </li>
          <li>
            Mỗi trang có tối đa <code>limit</code> mục (mặc định {formatNumber(props.guide.limits.default)}, tối đa {formatNumber(props.guide.limits.max)}).
            Khi lọc theo <code>type</code>, mỗi yêu cầu chỉ xem tối đa {formatNumber(props.guide.limits.filteredReads)} mục, nên một trang có thể ít mục hơn,
            thậm chí không có mục nào, trong khi vẫn còn <code>next</code>: hãy đi tiếp đến khi <code>next</code> là <code>null</code>.
          </li>
          <li>
            Mỗi mục có đủ mọi trường mô tả trong tài liệu OpenAPI; trường không có giá trị là <code>null</code>. Thời điểm theo chuẩn ISO 8601, giờ UTC
            (ví dụ <code>2026-11-28T02:30:00.000Z</code> là 9 giờ 30 sáng 28/11/2026 giờ Việt Nam); ngày ban hành, ngày hiệu lực dạng <code>YYYY-MM-DD</code>.
            Địa chỉ trang, ảnh và tệp là địa chỉ đầy đủ.
          </li>
          <li>
            Tham số sai: mã lỗi 400, thông báo tiếng Việt, <code>error.fields</code> nêu tên tham số. Quá {formatNumber(props.guide.limits.perMinute)} yêu cầu
            trong một phút từ một địa chỉ mạng: mã lỗi 429, tiêu đề <code>Retry-After</code> cho biết số giây cần chờ.
          </li>
          <li>Kết quả được lưu đệm khoảng một phút: mục mới đăng hoặc vừa gỡ có thể chậm vài phút mới thay đổi trong dữ liệu.</li>
        </ul>

        <h2 class="block-title" id="openapi">Mô tả cho máy đọc</h2>
        <p>
          Tài liệu OpenAPI 3.1 mô tả đầy đủ các địa chỉ, tham số, cấu trúc kết quả và lỗi:{" "}
          {/* The path, not the whole URL: short enough to wrap on a phone. */}
          <a href={props.guide.openApiUrl}><code>{Urls.openApi()}</code></a>.
        </p>

        <h2 class="block-title" id="dieu-kien">Điều kiện sử dụng lại dữ liệu</h2>
        <p>
          Dữ liệu mở của {props.site.name} được cung cấp miễn phí. Tổ chức, cá nhân được sao chép, sử dụng, đưa vào sản phẩm, dịch vụ của mình và
          chia sẻ lại, kể cả vì mục đích thương mại, với các điều kiện sau:
        </p>
        <ol>
          <li>Ghi rõ nguồn “Theo {props.site.name}” kèm địa chỉ trang của mục dữ liệu (trường <code>url</code>).</li>
          <li>Giữ đúng nội dung; không cắt xén, sửa đổi làm sai lệch ý nghĩa, không trích dẫn để gây hiểu nhầm về quan điểm, chủ trương của cơ quan.</li>
          <li>
            Văn bản ở đây dùng để tra cứu, tham khảo; bản có giá trị pháp lý là bản do cơ quan ban hành phát hành. Hãy kiểm tra tình trạng hiệu lực
            (trường <code>validity</code>) trước khi viện dẫn.
          </li>
          <li>
            Ảnh, tệp đính kèm và tin sưu tầm có thể thuộc quyền tác giả của người khác: khi dùng lại, ghi đúng tác giả và nguồn có trong dữ liệu
            (các trường <code>byline</code>, <code>source</code>).
          </li>
          <li>Không dùng dữ liệu vào việc trái pháp luật hoặc xúc phạm danh dự, nhân phẩm, uy tín của tổ chức, cá nhân.</li>
          <li>Không gửi yêu cầu dồn dập vượt giới hạn; hãy lưu lại kết quả đã lấy thay vì gọi lặp lại.</li>
        </ol>
        <p>
          Dữ liệu được cung cấp theo hiện trạng. Cơ quan cố gắng bảo đảm dữ liệu chính xác, kịp thời nhưng không chịu trách nhiệm về thiệt hại phát sinh
          từ việc sử dụng dữ liệu. Mục đã gỡ khỏi cổng thì không còn trong dữ liệu mở.
        </p>
        <Show when={props.site.email}>
          <p>
            Góp ý, báo lỗi về dữ liệu mở: <a href={`mailto:${props.site.email}`}>{props.site.email}</a>.
          </p>
        </Show>
        <p>
          <a href={Urls.home()}>Về trang chủ</a>
        </p>
      </div>
    </section>
  );
}
