import { invalidatorFromEnv } from "./cloud";
import { depsFromEnv } from "./config";
import { Editorial, liveLocation } from "./core/editorial";
import { invalidateArticles } from "./core/invalidation";

const { store } = depsFromEnv();
const invalidator = invalidatorFromEnv();

/** Every minute (EventBridge rule in infra/Api.ts): publishes the scheduled articles that are due. */
export const handler = async () => {
  const due = await Editorial.publishDue(store);
  for (const { published, previous } of due) await invalidateArticles(store, invalidator, [liveLocation(published), liveLocation(previous)]);
  return { published: due.map(({ published }) => published.id) };
};
