import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Download } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM as EXECUTABLE, CHROMIUM_ARGS as ARGS } from "./chromium";

let connection: Promise<Browser> | undefined;
let openContexts = 0;

/**
 * The run's shared Chromium when the global setup started one, else a Chromium of this file's own.
 * Closing the returned Browser closes only the contexts this file created on it.
 */
export async function sharedBrowser(): Promise<Browser> {
  const endpoint = inject("chromiumEndpoint");
  if (!endpoint) return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS });
  return chromium.connect(endpoint);
}

/**
 * A fresh Chromium context with the locale readers have; close() removes it. On the run's shared
 * Chromium (one connection per file, closed with its last context), or, when no global setup
 * started one, on Debian's headless Chromium with a fresh profile, removed on close().
 */
export async function launchChromium(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const contextOptions = { javaScriptEnabled: options.javaScriptEnabled ?? true, locale: "vi-VN" };
  const endpoint = inject("chromiumEndpoint");
  if (endpoint) {
    connection ??= chromium.connect(endpoint);
    openContexts++;
    let context: BrowserContext;
    try {
      context = await (await connection).newContext(contextOptions);
    } catch (error) {
      openContexts--;
      throw error;
    }
    return {
      context,
      async close() {
        await context.close();
        if (--openContexts === 0 && connection) {
          const browser = connection;
          connection = undefined;
          await (await browser).close();
        }
      },
    };
  }
  const profile = mkdtempSync(join(tmpdir(), "portal-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args: ARGS, ...contextOptions });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A download's bytes, streamed from the browser (Download.path() throws on the shared, connected Chromium). */
export async function downloaded(download: Download): Promise<Buffer> {
  return Buffer.concat(await (await download.createReadStream()).toArray());
}
