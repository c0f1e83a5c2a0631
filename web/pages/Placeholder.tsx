import { Urls } from "../../functions/core/shared/urls";

/** A page whose content type does not exist yet: says so plainly instead of showing samples. */
export function Placeholder(props: { title: string; lead: string; message: string }) {
  return (
    <section aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">{props.title}</h1>
      <p class="lead">{props.lead}</p>
      <p class="empty">{props.message}</p>
      <p><a href={Urls.home()}>Về trang chủ</a></p>
    </section>
  );
}
