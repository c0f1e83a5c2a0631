import type { AppDeps } from "./http/deps";
import { createStore } from "./core/storage/sdk-store";
import { settingsFromEnv } from "./settings";

/**
 * The deps of the staff and scheduler functions, from their environment (functions/settings.ts),
 * with the AWS SDK's store. The reader function builds its own (reader-config.ts), on signed
 * fetch, so that its bundle carries no SDK.
 */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const { names, deps } = settingsFromEnv(env);
  return { ...deps, store: createStore(names) };
}
