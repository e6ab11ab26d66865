// Small helpers shared by route modules.
import { json } from "@remix-run/node";

/**
 * True for a browser's own form submission (a page navigation), false for a
 * fetch from JavaScript. A navigation gets a redirect (post/redirect/get); a
 * fetcher gets data and stays on its page. Browsers that send no
 * Sec-Fetch-Mode get data, which Remix renders as the route's page.
 */
export function isNavigation(request: Request): boolean {
  return request.headers.get("Sec-Fetch-Mode") === "navigate";
}

export function formError(message: string, status: 400 | 403 | 404 | 409 | 413 | 422 | 429, extra: Record<string, unknown> = {}) {
  return json({ ok: false as const, message, ...extra }, { status });
}
