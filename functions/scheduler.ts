import { depsFromEnv } from "./config";
import { Editorial } from "./core/editorial";

const { store } = depsFromEnv();

/** Every minute (EventBridge rule in infra/Api.ts): publishes the scheduled articles that are due. */
export const handler = async () => ({ published: (await Editorial.publishDue(store)).map((article) => article.id) });
