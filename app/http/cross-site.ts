// Cross-site request forgery guard for every state-changing request, on top of
// SameSite cookies. Browsers send Sec-Fetch-Site and/or Origin on POSTs; a
// request that says it comes from another site is refused. Requests with
// neither header (curl, server-to-server) are not from a browser and carry no
// ambient cookies worth forging. Stripe's webhook is the one exemption.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const EXEMPT_PATHS = new Set(["/webhooks/stripe"]);

export function isCrossSiteRequest(args: {
  method: string;
  pathname: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  publicOrigin: string | null;
}): boolean {
  if (SAFE_METHODS.has(args.method.toUpperCase())) return false;
  if (EXEMPT_PATHS.has(args.pathname)) return false;
  const site = args.secFetchSite?.toLowerCase();
  if (site === "cross-site" || site === "same-site") return true;
  if (args.origin === undefined) return false;
  if (args.origin === "null") return true;
  let origin: URL;
  try {
    origin = new URL(args.origin);
  } catch {
    return true;
  }
  if (args.publicOrigin) return origin.origin !== args.publicOrigin;
  return origin.host !== args.host;
}
