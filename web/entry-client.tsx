import type { Component } from "solid-js";
import { hydrate } from "solid-js/web";
import { startBeacons } from "./beacon";
import { islandRenderId, type IslandName } from "./island";
import { ISLANDS } from "./islands";
import "./styles.css";
import "./components/duties.css";

/**
 * Hydrates the page's islands (web/island.tsx), nothing else: the rest of the page is static HTML.
 * Each island's chunk is loaded (preloaded by the page's <link rel="modulepreload">), then all are
 * hydrated in one synchronous pass, each from its own props and with its own hydration keys.
 */
declare global {
  // Solid's hydration state, normally set up by an inline bootstrap script (generateHydrationScript).
  // The pages have no inline script (docs/architecture.md, "Security": the CSP), so it is created
  // here; without the bootstrap no early click is replayed, and no island acts before hydration
  // (their buttons stay disabled until then).
  var _$HY: { events: unknown[]; completed: WeakSet<Element>; r: Record<string, unknown>; done?: boolean };
}

async function hydrateIslands(): Promise<void> {
  const props = JSON.parse(document.getElementById("island-props")?.textContent ?? "[]") as unknown[];
  const boxes = [...document.querySelectorAll<HTMLElement>("[data-island]")].filter((box) => box.dataset.island! in ISLANDS);
  const components = await Promise.all(boxes.map((box) => ISLANDS[box.dataset.island as IslandName].load() as Promise<Component<Record<string, unknown>>>));
  boxes.forEach((box, i) => {
    const index = Number(box.dataset.islandId);
    const Island = components[i]!;
    globalThis._$HY = { events: [], completed: new WeakSet(), r: {} };
    hydrate(() => <Island {...(props[index] as object)} />, box, { renderId: islandRenderId(index) });
  });
}

/** The blurred placeholder behind a library image (web/components/Picture.tsx), set through the CSSOM: a style attribute would need a CSP exception. */
function showPlaceholders(): void {
  for (const img of document.querySelectorAll<HTMLImageElement>("img[data-placeholder]")) {
    if (!img.complete) img.style.backgroundImage = `url("${img.dataset.placeholder}")`;
  }
}

/** "In" buttons (the schedule's): plain buttons in the static HTML, no island needed for one call. */
document.addEventListener("click", (event) => {
  if ((event.target as Element | null)?.closest?.("[data-print]")) window.print();
});

showPlaceholders();
startBeacons();
void hydrateIslands().then(() => {
  // A marker tests and scripts can wait for; Solid has no public "hydrated" signal.
  document.documentElement.dataset.hydrated = "true";
});
