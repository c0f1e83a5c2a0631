import { createSignal, onMount, Show } from "solid-js";

/**
 * Share and print, with plain links and buttons: no third-party script is loaded. Facebook and Zalo
 * are their public share URLs; copying, printing and the phone's own share sheet need JavaScript,
 * so those buttons appear once the page has hydrated (with JavaScript off the browser's own print
 * and address bar do the same).
 */
const FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u=";
const ZALO_SHARE = "https://sp.zalo.me/share_inline?url=";

export function ShareBar(props: { url: string; title: string }) {
  const [ready, setReady] = createSignal(false);
  const [canShare, setCanShare] = createSignal(false);
  const [status, setStatus] = createSignal("");
  onMount(() => {
    setReady(true);
    setCanShare(typeof navigator.share === "function");
  });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setStatus("Đã sao chép liên kết bài viết.");
    } catch {
      setStatus(`Không sao chép được; liên kết bài viết: ${props.url}`);
    }
  };
  const share = () => navigator.share({ title: props.title, url: props.url }).catch(() => undefined);

  return (
    <div class="share" role="group" aria-label="Chia sẻ và in bài viết">
      <span class="share__label">Chia sẻ:</span>
      <a class="share__link" href={FACEBOOK_SHARE + encodeURIComponent(props.url)} target="_blank" rel="noopener noreferrer">
        Facebook<span class="visually-hidden"> (mở cửa sổ mới)</span>
      </a>
      <a class="share__link" href={ZALO_SHARE + encodeURIComponent(props.url)} target="_blank" rel="noopener noreferrer">
        Zalo<span class="visually-hidden"> (mở cửa sổ mới)</span>
      </a>
      <Show when={ready()}>
        <button type="button" class="share__button" onClick={copy}>Sao chép liên kết</button>
        <Show when={canShare()}>
          <button type="button" class="share__button" onClick={share}>Chia sẻ khác…</button>
        </Show>
        <button type="button" class="share__button" onClick={() => window.print()}>In bài viết</button>
      </Show>
      <span class="share__status" role="status">{status()}</span>
    </div>
  );
}
