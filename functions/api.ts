import { handle } from "hono/aws-lambda";
import { depsFromEnv } from "./config";
import { createApp } from "./http/app";

export const handler = handle(createApp(depsFromEnv()));
