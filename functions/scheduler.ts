import { invalidatorFromEnv } from "./cloud";
import { depsFromEnv } from "./config";
import { Editorial } from "./core/editorial";
import { invalidateArticles } from "./core/invalidation";

const { store } = depsFromEnv();
const invalidator = invalidatorFromEnv();

/** Every minute (EventBridge rule in infra/Api.ts): publishes the scheduled articles that are due. */
export const handler = async () => {
  const published = await Editorial.publishDue(store);
  if (published.length > 0) await invalidateArticles(store, invalidator, published);
  return { published: published.map((article) => article.id) };
};
