/**
 * Who is signed in (`GET /api/auth/me`), signing in and out, and the session running out while
 * someone works: the API agent asks here to sign in again (a dialog over the screen, App.tsx),
 * and the call that met the 401 goes on once signed in, so a save keeps the text it carried.
 */
import { createSignal } from "solid-js";
import { api, ApiError, onSessionExpired } from "../api";
import type { SessionUser } from "../types";

/** undefined while the first "who am I" is on its way; null when signed out. */
const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);
/** The session ran out under a screen: the sign-in dialog is open. */
const [expired, setExpired] = createSignal(false);
const [startError, setStartError] = createSignal<string>();

let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

onSessionExpired(() => {
  // Never signed in (or signed out): nothing to keep, the sign-in screen shows.
  if (!user()) return Promise.reject(new ApiError(401, "UNAUTHENTICATED", "Bạn cần đăng nhập."));
  setExpired(true);
  return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
});

function settle(signedIn: boolean) {
  const pending = waiting;
  waiting = [];
  setExpired(false);
  for (const call of pending) signedIn ? call.resolve() : call.reject(new ApiError(401, "UNAUTHENTICATED", "Chưa đăng nhập lại."));
}

export const session = {
  user,
  expired,
  startError,

  async load(): Promise<void> {
    try {
      const { user } = await api.get<{ user: SessionUser }>("/api/auth/me", { noReauth: true });
      setUser(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else setStartError(error instanceof ApiError ? error.message : "Không tải được trang quản trị.");
    }
  },

  /** Throws the server's ApiError (wrong password, throttled…) for the form to show. */
  async signIn(email: string, password: string): Promise<void> {
    const { user } = await api.post<{ user: SessionUser }>("/api/auth/login", { email, password }, { noReauth: true });
    setUser(user);
    settle(true);
  },

  /** The editor closes the dialog without signing in: the waiting calls fail, the screen stays. */
  dismissExpired(): void {
    settle(false);
  },

  async signOut(): Promise<void> {
    await api.post("/api/auth/logout", {}, { noReauth: true }).catch(() => undefined);
    settle(false);
    setUser(null);
  },
};
