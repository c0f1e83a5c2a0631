/**
 * SST v2 app "portal". Stacks live in infra/; per-stage settings in infra/stages.ts.
 *
 * Deploy with `npx sst deploy --stage prod` (needs AWS credentials). Offline synthesis for tests
 * and `npm run synth` goes through infra/offline.ts instead: SST's CLI calls STS before anything.
 */
import type { SSTConfig } from "sst";
import { Api } from "./infra/Api";
import { Storage } from "./infra/Storage";
import { Web } from "./infra/Web";
import { APP_NAME, DEFAULT_REGION, configureApp, suppressAppWideFindings } from "./infra/app";

export default {
  config(input) {
    return {
      name: APP_NAME,
      region: input.region ?? DEFAULT_REGION,
    };
  },
  stacks(app) {
    configureApp(app);
    app.stack(Storage).stack(Api).stack(Web);
    suppressAppWideFindings(app);
  },
} satisfies SSTConfig;
