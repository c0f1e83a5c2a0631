import type { ContentKind } from "../publishing/kind";
import { articles } from "./articles";
import { consultations } from "./consultations";
import { documents } from "./documents";
import { schedules } from "./schedules";
import { videos } from "./videos";
import { galleries } from "./galleries";

/**
 * Every content kind the portal publishes, by registry name (the `/api/<name>` segment). Adding
 * a kind: its descriptor file here, its entry below, its tests.
 */
export const CONTENT_KINDS: readonly ContentKind[] = [articles as unknown as ContentKind, schedules as unknown as ContentKind, documents as unknown as ContentKind, consultations as unknown as ContentKind, videos as unknown as ContentKind, galleries as unknown as ContentKind];

export function kindNamed(name: string): ContentKind | undefined {
  return CONTENT_KINDS.find((kind) => kind.name === name);
}
