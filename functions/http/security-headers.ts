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
  // frame-ancestors 'none' for pages without a CSP (see PAGE_CONTENT_SECURITY_POLICY); the
  // dashboard's own CSP says frame-ancestors 'none' as well.
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
 * The Content-Security-Policy of public pages: NOT SET YET. The pages still carry inline scripts
 * (hydration data, the theme switch), which a CSP without hashes or nonces would block. When they
 * are gone or hashed, put the policy here: Web.ts adds it to the edge policy (override: false, so
 * the dashboard keeps its own, set by functions/http/staff/dashboard.ts) and the local server
 * sends it too.
 */
export const PAGE_CONTENT_SECURITY_POLICY: string | undefined = undefined;

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
