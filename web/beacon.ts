/**
 * Browser beacons (docs/architecture.md, "Data"). Pages are cached by the CDN, so the browser reports
 * itself: a heartbeat on load and every minute while the page is visible, and a view on article
 * pages once the heartbeat has given the session its cookie. The answers carry the live numbers
 * the visitor box and the view count show; those components subscribe here. Safe to import on
 * the server: nothing runs until a component mounts or `startBeacons()` is called.
 */
export interface VisitorStats {
  total: number;
  online: { guests: number; members: number; total: number };
}

const HEARTBEAT_MS = 60_000;

let started = false;
let lastBeat = 0;
let pageArticleId: string | undefined;
let stats: VisitorStats | undefined;
const statsListeners = new Set<(value: VisitorStats) => void>();
const views = new Map<string, number>();
const viewListeners = new Map<string, Set<(value: number) => void>>();
const viewRequests = new Set<string>();

async function call<T>(method: "GET" | "POST", path: string): Promise<T | undefined> {
  try {
    const res = await fetch(path, { method, credentials: "same-origin", keepalive: method === "POST", headers: { Accept: "application/json" } });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined; // offline, blocked, navigating away: the count is best effort, the page is not
  }
}

function setStats(value: VisitorStats | undefined) {
  if (!value) return;
  stats = value;
  statsListeners.forEach((listener) => listener(value));
}

function setViews(articleId: string, value: number | undefined) {
  if (value === undefined) return;
  views.set(articleId, value);
  viewListeners.get(articleId)?.forEach((listener) => listener(value));
}

async function heartbeat() {
  lastBeat = Date.now();
  const answer = await call<{ stats: VisitorStats }>("POST", "/api/visits/heartbeat");
  setStats(answer?.stats ?? (stats ? undefined : await call<VisitorStats>("GET", "/api/stats/visitors")));
}

async function loadViews(articleId: string, count: boolean) {
  if (viewRequests.has(articleId)) return;
  viewRequests.add(articleId);
  const path = `/api/views/${encodeURIComponent(articleId)}`;
  const answer = count ? await call<{ views: number }>("POST", path) : undefined;
  setViews(articleId, (answer ?? (await call<{ views: number }>("GET", path)))?.views);
}

/** The article this page shows (web/pages/ArticlePage.tsx marks it), if any. */
function readArticleId(): string | undefined {
  return document.querySelector<HTMLElement>("[data-article-id]")?.dataset.articleId || undefined;
}

/** Starts the beacons once per page; later calls do nothing. */
export function startBeacons(): void {
  if (started || typeof document === "undefined") return;
  started = true;
  pageArticleId = readArticleId();
  const articleId = pageArticleId;
  void heartbeat().then(() => (articleId ? loadViews(articleId, true) : undefined));
  setInterval(() => {
    if (document.visibilityState === "visible") void heartbeat();
  }, HEARTBEAT_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - lastBeat >= HEARTBEAT_MS) void heartbeat();
  });
}

/** Calls `listener` with the visitor numbers now (if known) and whenever they change; returns the unsubscribe. */
export function subscribeVisitorStats(listener: (value: VisitorStats) => void): () => void {
  startBeacons();
  statsListeners.add(listener);
  if (stats) listener(stats);
  return () => statsListeners.delete(listener);
}

/** The same for the views of one article: counted by this page's view beacon, or just read. */
export function subscribeViews(articleId: string, listener: (value: number) => void): () => void {
  startBeacons();
  const listeners = viewListeners.get(articleId) ?? new Set();
  viewListeners.set(articleId, listeners.add(listener));
  const known = views.get(articleId);
  if (known !== undefined) listener(known);
  else if (articleId !== pageArticleId) void loadViews(articleId, false);
  return () => listeners.delete(listener);
}
