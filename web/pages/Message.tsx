import { Urls } from "../../functions/core/shared/urls";

/** The 404, bad-request and error pages: a plain message and ways on. */
export function Message(props: { title: string; message: string }) {
  return (
    <section class="message" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">{props.title}</h1>
      <p>{props.message}</p>
      <ul class="message__links">
        <li><a href={Urls.home()}>Về trang chủ</a></li>
        <li><a href={Urls.search()}>Tìm kiếm bài viết</a></li>
      </ul>
    </section>
  );
}
