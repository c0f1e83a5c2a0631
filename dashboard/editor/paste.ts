/**
 * HTML pasted from Microsoft Word (and LibreOffice, Google Docs), cleaned before the editor reads
 * it: Word's conditional comments, <o:p> and other namespaced elements, <style>/<meta>/<xml>
 * blocks, `mso-*` styles and Mso classes, language and font attributes, and spans left empty or
 * carrying only formatting go; what remains is structure the editor's schema knows (headings,
 * lists, tables, bold, italic, links). The editor's schema drops anything still unknown, and the
 * server's sanitizer stays the authority on what is stored.
 */
const DROP = new Set(["STYLE", "META", "LINK", "XML", "SCRIPT", "TITLE", "HEAD", "O:P", "V:SHAPETYPE", "V:SHAPE", "W:SDT"]);
/** Attributes that carry only Word's formatting (kept: href, src, alt, colspan, rowspan). */
const KEEP = new Set(["href", "src", "alt", "colspan", "rowspan", "title"]);

export function cleanPastedHtml(html: string): string {
  // Conditional comments (<!--[if gte mso 9]>…<![endif]-->) hold Word's XML; drop them before parsing.
  const stripped = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "").replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, "");
  const doc = new DOMParser().parseFromString(stripped, "text/html");
  const walk = (node: Node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.COMMENT_NODE) {
        child.remove();
        continue;
      }
      if (!(child instanceof Element)) continue;
      const tag = child.tagName.toUpperCase();
      if (DROP.has(tag) || tag.includes(":")) {
        // Namespaced Word elements (o:p, w:…) hold formatting or a non-breaking space: drop them, keep real text.
        if (tag.includes(":") && child.textContent?.trim()) child.replaceWith(...child.childNodes);
        else child.remove();
        continue;
      }
      // Google Docs wraps a whole paste in <b style="font-weight:normal">: not bold at all.
      const notBold = (tag === "B" || tag === "STRONG") && /font-weight:\s*(normal|400)/i.test(child.getAttribute("style") ?? "");
      for (const attribute of [...child.attributes]) if (!KEEP.has(attribute.name.toLowerCase())) child.removeAttribute(attribute.name);
      walk(child);
      // A span (or font) is only formatting once its styles are gone: keep its text, lose the element.
      if (tag === "SPAN" || tag === "FONT" || notBold) child.replaceWith(...child.childNodes);
    }
  };
  walk(doc.body);
  // Word's empty paragraphs (a lone &nbsp;) are its spacing, not content.
  for (const p of [...doc.body.querySelectorAll("p")]) if (!p.textContent?.replace(/\u00a0/g, " ").trim() && !p.querySelector("img")) p.remove();
  return doc.body.innerHTML;
}
