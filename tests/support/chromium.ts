import { chromium, type BrowserServer } from "playwright-core";

/** Debian's headless Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags that work on this machine's closed network (no background networking: connections outside loopback are refused here). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Chromium as a Playwright server, started by the global setup of the Chromium tests
 * (tests/setup/global.ts): once per run instead of once or more per test, which cost one to
 * three seconds each on this machine. Each test still gets a fresh context (cookies, storage and
 * cache of its own, as a new profile had): tests/support/browser.ts.
 */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
