/** The 404, bad-request and error pages: a plain message and ways on. */
export function Message(props: { title: string; message: string }) {
  return (
    <section class="message" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">{props.title}</h1>
      <p>{props.message}</p>
      <ul class="message__links">
        <li><a href="/">Về trang chủ</a></li>
        <li><a href="/tim-kiem">Tìm kiếm bài viết</a></li>
      </ul>
    </section>
  );
}
