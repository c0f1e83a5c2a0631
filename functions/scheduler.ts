import { invalidatorFromEnv } from "./cloud";
import { depsFromEnv } from "./config";
import { CONTENT_KINDS } from "./core/content";
import { publishDue } from "./core/publishing/due";
import { invalidationEffects } from "./core/publishing/invalidation";

const { store } = depsFromEnv();
const effects = invalidationEffects(store, invalidatorFromEnv());

/** Every minute (EventBridge rule in infra/Api.ts): publishes the scheduled items of every kind that are due. */
export const handler = async () => {
  const due = await publishDue({ store, effects }, CONTENT_KINDS);
  return { published: due.map(({ item }) => item.id) };
};
