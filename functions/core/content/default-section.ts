import type { ContentKind } from "../publishing/kind";
import { Sections } from "../sections/sections";
import { invalid } from "../shared/errors";

/**
 * A kind's `defaultSection` hook: the section with `slug` when the portal has it, else a 400 with
 * `message` asking for one. Never a guess: an item filed under an unrelated section would be
 * approved by that section's board.
 */
export function sectionBySlug(slug: string, message: string): NonNullable<ContentKind["defaultSection"]> {
  return async (_data, { store }) => {
    const section = (await Sections.list(store)).find((s) => s.slug === slug);
    if (!section) throw invalid(message, { section: "Bắt buộc." });
    return section.id;
  };
}
