import { handle } from "hono/aws-lambda";
import { invalidatorFromEnv } from "./cloud";
import { depsFromEnv } from "./config";
import { createFrame } from "./http/frame";
import { staffSurface } from "./http/staff/staff";

/** Sign-in, the editorial workflow, accounts, sections, audit and reports (infra/Api.ts STAFF_ROUTES). */
export const handler = handle(createFrame({ ...depsFromEnv(), invalidator: invalidatorFromEnv() }, staffSurface));
