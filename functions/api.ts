import { handle } from "hono/aws-lambda";
import { readerDepsFromEnv } from "./reader-config";
import { createFrame } from "./http/frame";
import { readerSurface } from "./http/reader/reader";

/**
 * Public pages and the public API (every path the staff function does not own), on the
 * signed-fetch store: no AWS SDK in this bundle (tests/http/reader-bundle.test.ts).
 */
export const handler = handle(createFrame(readerDepsFromEnv(), readerSurface));
