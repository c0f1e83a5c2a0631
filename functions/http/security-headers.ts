/**
 * The security headers of every response, in one place: CloudFront's response-headers policy
 * (infra/Web.ts) is built from these values and the local server (scripts/local/server.ts) sets
 * the same ones, so `npm start` and the browser tests see what readers get from the edge.
 *
 * `override: true`: the edge value replaces whatever the app sent. `override: false`: a route
 * may set its own (the dashboard's stricter `Referrer-Policy: same-origin`), the edge fills the
 * header in only when it is missing.
 */

/** One year: HSTS and the immutable assets share it. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

export interface SecurityHeader {
  name: string;
  value: string;
  override: boolean;
}

export const SECURITY_HEADERS = {
  // No includeSubDomains/preload: the portal may run on an agency's apex domain whose other hosts
  // are not ours to force onto HTTPS.
  strictTransportSecurity: { name: "Strict-Transport-Security", value: `max-age=${HSTS_MAX_AGE_SECONDS}`, override: true },
  contentTypeOptions: { name: "X-Content-Type-Options", value: "nosniff", override: true },
  // For browsers without CSP level 2; PAGE_CONTENT_SECURITY_POLICY and the dashboard's own CSP
  // both say frame-ancestors 'none' as well.
  frameOptions: { name: "X-Frame-Options", value: "DENY", override: true },
  referrerPolicy: { name: "Referrer-Policy", value: "strict-origin-when-cross-origin", override: false },
  // Powerful features the portal never uses, refused for the page and anything it embeds.
  // Not accelerometer/gyroscope: web/components/VideoPlayer.tsx delegates them to YouTube
  // embeds (360° videos); autoplay, fullscreen and picture-in-picture stay allowed for the same.
  permissionsPolicy: {
    name: "Permissions-Policy",
    value: "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
    override: true,
  },
} as const satisfies Record<string, SecurityHeader>;

/**
 * The Content-Security-Policy of public pages (docs/architecture.md, "Security"). The pages carry
 * no inline script (islands are hydrated by the entry module, web/entry-client.tsx; the display
 * switch is /hien-thi.js; JSON-LD and the island props are data, `type="application/…json"`, which
 * a browser never runs), so `script-src 'self'` needs no hash or nonce. No inline style either:
 * image placeholders are set through the CSSOM, the stats bars are SVG widths. `img-src data:` for
 * those placeholders and the empty favicon; media comes from /media/ on the same host. Videos embed
 * YouTube's privacy-enhanced host only (web/components/VideoPlayer.tsx).
 *
 * Edge and local server send it with override: false, so the dashboard keeps its own policy
 * (functions/http/staff/dashboard.ts). tests/e2e/csp.test.ts loads every public page type in
 * Chromium under this header and fails on any violation.
 */
export const PAGE_CONTENT_SECURITY_POLICY: string | undefined = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src https://www.youtube-nocookie.com",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Every header the edge sets, as the local server applies them. */
export function securityHeaderList(): SecurityHeader[] {
  const list: SecurityHeader[] = Object.values(SECURITY_HEADERS);
  if (PAGE_CONTENT_SECURITY_POLICY) list.push({ name: "Content-Security-Policy", value: PAGE_CONTENT_SECURITY_POLICY, override: false });
  return list;
}

/** Applies the headers to a response as CloudFront's policy does (override or fill in). */
export function applySecurityHeaders(headers: Headers): void {
  for (const { name, value, override } of securityHeaderList()) {
    if (override || !headers.has(name)) headers.set(name, value);
  }
}
