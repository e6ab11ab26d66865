// Pages are rendered to a string in one pass: for a shop whose loaders read
// from memory and SQLite this is faster than streaming and needs no Suspense.
import type { EntryContext, AppLoadContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { inlineScriptHashes } from "~/http/page-cache";
import { htmlResponse } from "~/http/rendered-html";
import { documentSecurityHeaders } from "~/http/security-headers";
import { env } from "~/utils/env.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.nonce ?? "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  const config = env();
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // A page rendered for the page cache has no nonce: its policy names its inline scripts' hashes.
  const scripts = loadContext.pageCache ? { hashes: inlineScriptHashes(html) } : nonce;
  for (const [name, value] of Object.entries(
    documentSecurityHeaders(scripts, {
      production: config.isProduction,
      development: config.nodeEnv === "development",
      checkoutOrigins: config.stripe ? ["https://checkout.stripe.com"] : [],
    }),
  )) {
    // A page may ask for a stricter policy (the shopper's order page: its key is in the address).
    if (name === "Referrer-Policy" && responseHeaders.get(name) === "no-referrer") continue;
    responseHeaders.set(name, value);
  }
  return htmlResponse("<!DOCTYPE html>" + html, { status: responseStatusCode, headers: responseHeaders });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
