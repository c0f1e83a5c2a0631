import type { AppDeps } from "./http/deps";
import { fetchStoreFromEnv } from "./core/storage/fetch-store";
import { settingsFromEnv } from "./settings";

/**
 * The reader function's deps: the same settings as the other functions (settings.ts), with a
 * store on signed fetch and the runtime's credentials (core/storage/fetch-store.ts) instead of
 * the AWS SDK, which would be most of its bundle and cold start (docs/architecture.md, Budgets).
 */
export function readerDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const { names, deps } = settingsFromEnv(env);
  return { ...deps, store: fetchStoreFromEnv(names, env) };
}
