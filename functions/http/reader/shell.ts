import type { Context } from "hono";
import { Sections } from "../../core/sections/sections";
import { Banners } from "../../core/site/banners";
import { Settings } from "../../core/site/settings";
import { Notices } from "../../core/site/notices";
import { readerCacheGeneration } from "../../core/reader/instance-cache";
import type { Shell } from "../../../web/types";
import type { AppDeps } from "../deps";
import { siteOrigin } from "../origin";

/**
 * Header, navigation and footer data every page and feed needs, kept for a few seconds per
 * instance: it changes rarely, and pages are cached longer than that by the CDN anyway.
 */
const SHELL_TTL_MS = 10_000;
const shells = new WeakMap<AppDeps, { at: number; generation: number; shell: Promise<Shell> }>();

export function loadShell(deps: AppDeps): Promise<Shell> {
  const cached = shells.get(deps);
  // A publication in this process starts it over with the lists (core/reader/instance-cache.ts).
  if (cached && cached.generation === readerCacheGeneration() && Date.now() - cached.at < SHELL_TTL_MS) return cached.shell;
  // The sidebar's banners come with the shell: a page costs no read of its own for them.
  // Outage notices too (one Query of those not yet ended): the banner on every page.
  const shell = Promise.all([Settings.get(deps.store), Sections.list(deps.store), Banners.active(deps.store), Notices.open(deps.store)]).then(([site, sections, banners, notices]) => ({ site, sections, banners, notices }));
  shells.set(deps, { at: Date.now(), generation: readerCacheGeneration(), shell });
  shell.catch(() => shells.delete(deps));
  return shell;
}

/** Absolute origin of the public site, for canonical URLs, feeds and share links. */
export function origin(deps: AppDeps, c: Context): string {
  return siteOrigin(deps, c);
}
