/**
 * Links in article bodies: web addresses and e-mail only. The server's sanitizer would keep tel:
 * too, but a telephone link in an article is not something the board asked for; javascript:,
 * data: and protocol-relative addresses never get this far.
 */
/** The address to link to, or an error message (Vietnamese). */
export function checkLink(raw: string): { href: string } | { error: string } {
  let href = raw.trim();
  if (/^[\w-]+(\.[\w-]+)+(\/|$)/.test(href)) href = `https://${href}`;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(href)) return { href };
  if (!/^https?:\/\//i.test(href) || !URL.canParse(href)) return { error: "Địa chỉ phải bắt đầu bằng https://, http:// hoặc mailto:." };
  return { href };
}
