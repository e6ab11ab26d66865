// Headers every HTML page carries. Scripts run only with this response's
// nonce; a cached page (the same bytes for many responses, so no nonce) lists
// the hashes of its inline scripts instead.
export type ScriptPermission = string | { hashes: string[] };

function scriptSources(scripts: ScriptPermission): string {
  return typeof scripts === "string" ? `'nonce-${scripts}'` : scripts.hashes.join(" ");
}

export function contentSecurityPolicy(scripts: ScriptPermission, options: { development: boolean; checkoutOrigins: string[] }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${scriptSources(scripts)}`.trim(),
    // Swatches and the charm preview set colours in style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    options.development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    // Checkout answers a form POST with a redirect to Stripe's hosted page.
    `form-action 'self' ${options.checkoutOrigins.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ];
  return directives.join("; ");
}

export function documentSecurityHeaders(
  nonce: ScriptPermission,
  options: { production: boolean; development: boolean; checkoutOrigins: string[] },
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (options.production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
