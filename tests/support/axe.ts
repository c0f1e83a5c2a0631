import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** The accessibility level the portal meets (WCAG 2.1 AA): axe-core's rules tagged for it. */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The WCAG 2.1 A/AA violations axe-core finds on the page as it is now (only within `include`, a
 * CSS selector, when given), one line per rule: "rule-id: target, target". Empty when it passes.
 *
 * In axe's legacy mode: the default mode runs axe in each frame and then opens a blank page of its
 * own, injects axe once more and assembles the results there, about 0.9 s more for every page
 * checked (2.2 s instead of 1.35 s here), and the suites check a hundred pages. What that mode adds
 * is testing inside cross-origin frames; the portal's only frame is the YouTube player
 * (web/components/VideoPlayer.tsx), not ours to fix; the <iframe> element itself (its title) is
 * still checked on the page around it.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
