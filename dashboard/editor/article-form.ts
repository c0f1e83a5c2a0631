/**
 * The article editor's form: what the screen edits (the API's input, with the featured image as
 * shown), built from the API's item.
 */
import type { ArticleInput } from "../stores/articles";
import type { Article } from "../types";

export type Featured = { id: string; alt: string; src?: string } | null;
export interface Form extends Omit<ArticleInput, "featuredImage"> {
  featured: Featured;
}

export const empty = (): Form => ({ kind: "news", title: "", summary: "", body: "", section: "", byline: "", sourceName: "", sourceUrl: "", featured: null });

export function formOf(item: Article): Form {
  const image = item.featuredImage;
  const small = image ? [...image.variants].sort((a, b) => a.width - b.width)[0]?.url : undefined;
  return {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body: item.body,
    section: item.sectionId,
    byline: item.byline ?? "",
    sourceName: item.sourceName ?? "",
    sourceUrl: item.sourceUrl ?? "",
    featured: image ? { id: image.id, alt: image.alt, src: small } : null,
  };
}
