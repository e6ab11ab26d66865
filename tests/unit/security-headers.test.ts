import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, documentSecurityHeaders } from "~/http/security-headers";

const base = { production: false, development: false, checkoutOrigins: [] as string[] };

describe("document security headers", () => {
  it("allows scripts only with the response's nonce", () => {
    const csp = contentSecurityPolicy("abc123", base);
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"]) expect(csp).toContain(d);
  });

  it("lets forms go to Stripe Checkout only when Stripe is configured", () => {
    expect(contentSecurityPolicy("n", base)).toContain("form-action 'self';");
    expect(contentSecurityPolicy("n", { ...base, checkoutOrigins: ["https://checkout.stripe.com"] })).toContain(
      "form-action 'self' https://checkout.stripe.com;",
    );
  });

  it("opens websockets for live reload in development only", () => {
    expect(contentSecurityPolicy("n", { ...base, development: true })).toContain("connect-src 'self' ws: wss:");
    expect(contentSecurityPolicy("n", base)).toContain("connect-src 'self';");
  });

  it("sends HSTS in production only, and the other headers always", () => {
    const dev = documentSecurityHeaders("n", base);
    const prod = documentSecurityHeaders("n", { ...base, production: true });
    expect(dev["Strict-Transport-Security"]).toBeUndefined();
    expect(prod["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    for (const h of [dev, prod]) {
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
      expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["X-Powered-By"]).toBeUndefined();
    }
  });
});

describe("the policy of a cached page", () => {
  it("allows exactly its inline scripts' hashes, and no nonce", () => {
    const csp = contentSecurityPolicy({ hashes: ["'sha256-abc='", "'sha256-def='"] }, base);
    expect(csp).toContain("script-src 'self' 'sha256-abc=' 'sha256-def='");
    expect(csp).not.toContain("nonce");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });
});
