import type { AppDeps } from "./deps";
import { createFrame } from "./frame";
import { readerSurface } from "./reader/reader";
import { staffSurface } from "./staff/staff";

/**
 * The whole HTTP surface in one app, as `npm start` and the tests run it. On AWS the same two
 * surfaces are deployed as two functions (functions/api.ts, functions/staff.ts), so the reader's
 * bundle carries none of the editor's code and the staff bundle none of the pages.
 */
export function createApp(deps: AppDeps) {
  return createFrame(deps, staffSurface, readerSurface);
}
