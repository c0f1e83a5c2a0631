/**
 * The dashboard's frame: header (who is signed in, sign out), navigation, and the screen of the
 * current path, each screen a lazily loaded chunk. Signed out, the sign-in screen replaces it all;
 * a session that runs out under a screen opens the sign-in dialog over it instead.
 */
import { createEffect, createMemo, Match, onMount, Show, Suspense, Switch } from "solid-js";
import { Dynamic } from "solid-js/web";
import { BASE, focusHeading, Link, match, path } from "./router";
import { NAV, ROUTES, type Route } from "./routes";
import { SignInForm } from "./screens/SignIn";
import { session } from "./stores/session";
import { ROLE_LABELS } from "./types";

function NotFound() {
  return (
    <>
      <h1 tabindex="-1">Không có trang này</h1>
      <p>
        Địa chỉ này không có trong khu quản trị. <Link href={BASE}>Về danh sách bài viết</Link>.
      </p>
    </>
  );
}

function ExpiredDialog() {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (session.expired() && !dialog.open) dialog.showModal();
    if (!session.expired() && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="expired-title" onCancel={() => session.dismissExpired()}>
      <h2 id="expired-title">Phiên làm việc đã hết hạn</h2>
      <p>Nội dung bạn đang soạn vẫn còn nguyên trên màn hình. Hãy đăng nhập lại để tiếp tục; thao tác dang dở sẽ được thực hiện tiếp.</p>
      <SignInForm idPrefix="expired" email={session.user()?.email} />
      <button type="button" class="button button--quiet" onClick={() => session.dismissExpired()}>
        Để sau (chưa lưu)
      </button>
    </dialog>
  );
}

function Frame() {
  // One screen object per route and parameters: a screen is created again only for another item.
  const screen = createMemo(
    (): { route?: Route; params: Record<string, string> } => {
      // An account with a one-time password can only change it (the server refuses the rest).
      const current = session.user()?.mustChangePassword ? `${BASE}/doi-mat-khau` : path();
      for (const route of ROUTES) {
        const params = match(route.pattern, current);
        if (params) return { route, params };
      }
      return { params: {} };
    },
    undefined,
    { equals: (a, b) => a.route === b.route && JSON.stringify(a.params) === JSON.stringify(b.params) },
  );
  const signOut = async () => {
    await session.signOut();
    focusHeading();
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header class="topbar">
        <p class="topbar__title">Quản trị nội dung</p>
        <nav aria-label="Khu quản trị" class="topbar__nav">
          <ul>
            {NAV.filter((item) => !item.navFor || item.navFor(session.user()!)).map((item) => (
              <li>
                <Link href={item.href} aria-current={screen().route?.section === item.href ? "page" : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar__user">
          <span>
            {session.user()?.name} <span class="topbar__role">({ROLE_LABELS[session.user()!.role]})</span>
          </span>
          <Link class="topbar__link" href={`${BASE}/doi-mat-khau`} aria-current={path() === `${BASE}/doi-mat-khau` ? "page" : undefined}>
            Đổi mật khẩu
          </Link>
          <button type="button" class="button button--on-dark" onClick={signOut}>
            Đăng xuất
          </button>
        </div>
      </header>
      <main id="main" class="main" tabindex="-1">
        <Suspense fallback={<p role="status">Đang tải…</p>}>
          <Show when={screen().route ? screen() : undefined} keyed fallback={<NotFound />}>
            {(current) => <Dynamic component={current.route!.screen} params={current.params} />}
          </Show>
        </Suspense>
      </main>
      <ExpiredDialog />
    </>
  );
}

export function App() {
  onMount(() => void session.load());
  return (
    <Switch fallback={<p role="status" class="loading">Đang tải trang quản trị…</p>}>
      <Match when={session.startError()}>
        <main class="main">
          <h1>Không mở được trang quản trị</h1>
          <p role="alert">{session.startError()}</p>
        </main>
      </Match>
      <Match when={session.user() === null}>
        <main class="main main--narrow" id="main">
          <h1 tabindex="-1">Đăng nhập quản trị nội dung</h1>
          <SignInForm idPrefix="login" />
        </main>
      </Match>
      <Match when={session.user()}>
        <Frame />
      </Match>
    </Switch>
  );
}
