/**
 * A tiny, strict XML 1.0 reader for tests of feeds and sitemaps: it throws on anything that is
 * not well-formed (unbalanced or mismatched tags, unquoted or duplicate attributes, a bare "&" or
 * an unknown entity, text outside the root, forbidden characters), and returns the element tree.
 * Namespaces are kept as written in names ("atom:link").
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded (children's text excluded). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: string): string {
  const bare = raw.replace(ENTITY, "");
  if (bare.includes("&")) throw new Error(`bare or unknown "&" in ${where}: ${raw.slice(0, 80)}`);
  return raw.replace(ENTITY, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[named]!;
    return String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16));
  });
}

export function parseXml(source: string): XmlElement {
  if (FORBIDDEN.test(source)) throw new Error("character not allowed in XML");
  let pos = 0;
  const declaration = /^<\?xml\s+version="1\.[0-9]"(?:\s+encoding="[A-Za-z0-9._-]+")?(?:\s+standalone="(?:yes|no)")?\s*\?>/.exec(source);
  if (declaration) pos = declaration[0].length;
  else if (source.startsWith("<?xml")) throw new Error("malformed XML declaration");

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const outside = (text: string) => {
    if (text.trim()) throw new Error(`text outside the root element: ${text.trim().slice(0, 40)}`);
  };

  while (pos < source.length) {
    const lt = source.indexOf("<", pos);
    const text = source.slice(pos, lt < 0 ? source.length : lt);
    if (text) {
      if (text.includes(">") && text.includes("]]>")) throw new Error('"]]>" in text');
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text, `<${top.name}>`);
      else outside(text);
    }
    if (lt < 0) break;
    pos = lt;
    if (source.startsWith("<!--", pos)) {
      const end = source.indexOf("-->", pos + 4);
      if (end < 0) throw new Error("unterminated comment");
      pos = end + 3;
      continue;
    }
    if (source.startsWith("<![CDATA[", pos)) {
      const end = source.indexOf("]]>", pos);
      if (end < 0 || stack.length === 0) throw new Error("CDATA outside an element or unterminated");
      stack[stack.length - 1]!.text += source.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    if (source.startsWith("<?", pos)) {
      const end = source.indexOf("?>", pos);
      if (end < 0) throw new Error("unterminated processing instruction");
      pos = end + 2;
      continue;
    }
    if (source.startsWith("<!", pos)) throw new Error("DOCTYPE and declarations are not expected here");
    const gt = source.indexOf(">", pos);
    if (gt < 0) throw new Error("unterminated tag");
    const tag = source.slice(pos + 1, gt);
    pos = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([^\s/>]+)/.exec(body);
    if (!nameMatch || !NAME.test(nameMatch[1]!)) throw new Error(`bad element name in <${tag}>`);
    const element: XmlElement = { name: nameMatch[1]!, attributes: {}, children: [], text: "" };
    let rest = body.slice(nameMatch[1]!.length);
    while (rest.trim()) {
      const attribute = /^\s+([^\s=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest);
      if (!attribute || !NAME.test(attribute[1]!)) throw new Error(`bad attribute in <${tag}>`);
      if (attribute[1]! in element.attributes) throw new Error(`duplicate attribute ${attribute[1]} in <${element.name}>`);
      element.attributes[attribute[1]!] = decode(attribute[3] ?? attribute[4] ?? "", `attribute ${attribute[1]}`);
      rest = rest.slice(attribute[0].length);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root || stack.length > 0) throw new Error("more than one root element");
    if (selfClosing) {
      if (!parent) root = element;
    } else {
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Descendant elements with that name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

/** The text of the first descendant with that name. */
export function textOf(element: XmlElement, name: string): string | undefined {
  return findAll(element, name)[0]?.text;
}
