import type { Context } from "hono";
import { invalid } from "../core/shared/errors";

/** The JSON body of a request; anything unparsable is a 400 in Vietnamese, never a 500. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type))
    throw invalid("Yêu cầu phải gửi dữ liệu dạng JSON (Content-Type: application/json).");
  try {
    return await c.req.json();
  } catch {
    throw invalid("Dữ liệu gửi lên không phải JSON hợp lệ.");
  }
}
