/**
 * Rendered pages kept per instance. A page is a pure function of what it is rendered from: the
 * shell and lists of the instance caches (the same objects until they expire or a publication
 * starts them over), the item read for this request, the address and the day in Vietnam (the top
 * bar shows it). When every one of those is the very same as at the page's last render, the HTML
 * is the same, so the render is skipped; the item is still read on every request, so an article
 * taken down is a 404 at once, exactly as without this cache.
 *
 * Inputs are compared with `===`: objects by identity (a reload of the shell or a list is a new
 * object, so a new render), strings by value (an item read from the table is passed as its JSON).
 * At most `max` pages, the least recently rendered dropped first.
 */
export interface RenderedPages {
  /** The page's HTML for `key`: the last render when `inputs` are the same, else `render()` (kept). */
  get(key: string, inputs: readonly unknown[], render: () => string): string;
  readonly size: number;
}

export function renderedPages(options: { max: number }): RenderedPages {
  const pages = new Map<string, { inputs: readonly unknown[]; html: string }>();
  return {
    get(key, inputs, render) {
      const hit = pages.get(key);
      if (hit && hit.inputs.length === inputs.length && hit.inputs.every((input, i) => input === inputs[i])) return hit.html;
      pages.delete(key);
      const html = render();
      pages.set(key, { inputs, html });
      // A Map iterates in insertion order: the first key is the one rendered longest ago.
      while (pages.size > options.max) pages.delete(pages.keys().next().value!);
      return html;
    },
    get size() {
      return pages.size;
    },
  };
}
