import { handle } from "hono/aws-lambda";
import { depsFromEnv } from "./config";
import { createFrame } from "./http/frame";
import { readerSurface } from "./http/reader/reader";

/** Public pages and the public API (every path the staff function does not own). */
export const handler = handle(createFrame(depsFromEnv(), readerSurface));
