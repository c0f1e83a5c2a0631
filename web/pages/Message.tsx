/** The 404 and error pages: a plain message and a way back. */
export function Message(props: { title: string; message: string }) {
  return (
    <section class="message">
      <h1 class="page-title">{props.title}</h1>
      <p>{props.message}</p>
      <p><a href="/">Về trang chủ</a></p>
    </section>
  );
}
