// Small helpers shared by route modules.
import { json } from "@remix-run/node";

/**
 * Remix (without single fetch) marks its own data requests with ?_data. A form
 * posted by a fetcher wants data back; a plain browser POST wants a redirect.
 */
export function isDataRequest(request: Request): boolean {
  return new URL(request.url).searchParams.has("_data");
}

export function formError(message: string, status: 400 | 403 | 404 | 409 | 413 | 422 | 429, extra: Record<string, unknown> = {}) {
  return json({ ok: false as const, message, ...extra }, { status });
}
