// What a request may be before the app sees it: its method, its address, the
// size and type of its body. Decided from the request line and headers, so a
// hostile request is answered (400, 405, 413, 415) before its body is read.

/** Ordinary form posts: a cart change, a sign-in, a webhook. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Multipart uploads to the back office: a product picture (MAX_IMAGE_BYTES) and the form around it. */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

/** Header block (request line and headers) and header count; node answers 431 beyond the size. */
export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_HEADERS_COUNT = 100;
/** A client gets this long to send its headers, and this long for the whole request. */
export const HEADERS_TIMEOUT_MS = 15_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** Methods the shop answers; a route that needs another must be added here. */
export const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

// Bodies the route reads itself, as raw text (Stripe signs the exact bytes).
const RAW_BODY_PATHS = new Set(["/webhooks/stripe"]);

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** The media type of a Content-Type header, lower case, without parameters ("" when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/** The most bytes a request body to `pathname` may have. */
export function bodyLimit(pathname: string, contentType: string | undefined): number {
  return pathname.startsWith("/admin/") && mediaType(contentType) === "multipart/form-data" ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
}

/** The declared Content-Length, null when absent, NaN when unreadable. */
export function declaredLength(header: string | undefined): number | null {
  if (header === undefined) return null;
  return /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : Number.NaN;
}

export type Refusal = { status: 400 | 405 | 413 | 415; message: string };

export const REFUSALS = {
  badTarget: { status: 400, message: "Bad request: the address could not be read." },
  badHost: { status: 400, message: "Bad request: the Host header is missing or malformed." },
  badLength: { status: 400, message: "Bad request: the Content-Length header could not be read." },
  method: { status: 405, message: "This method is not allowed here." },
  tooLarge: (limit: number): Refusal => ({
    status: 413,
    message: `The request is too large: at most ${Math.round(limit / 1024)} KiB can be sent here.`,
  }),
  unsupportedType: {
    status: 415,
    message: "Forms are accepted as application/x-www-form-urlencoded or multipart/form-data only.",
  },
  unreadableForm: { status: 400, message: "Bad request: the form data could not be read." },
} as const satisfies Record<string, Refusal | ((limit: number) => Refusal)>;

/**
 * Whether a body of this type may go to `pathname`. A form route reads
 * `request.formData()`, which cannot read JSON, plain text or a multipart body
 * without a boundary; those are refused here instead of failing in the route.
 * An empty body without a type is an empty form.
 */
export function contentTypeRefusal(pathname: string, contentType: string | undefined, bodyLength: number): Refusal | null {
  if (RAW_BODY_PATHS.has(pathname)) return null;
  const type = mediaType(contentType);
  if (type === "" && bodyLength === 0) return null;
  if (!FORM_TYPES.has(type)) return REFUSALS.unsupportedType;
  if (type === "multipart/form-data" && !/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(contentType ?? "")) return REFUSALS.unreadableForm;
  return null;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** How many times a header appears in node's rawHeaders ([name, value, name, value…]). */
export function headerCount(rawHeaders: readonly string[], name: string): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) n += 1;
  return n;
}

/** A Host header usable as this request's origin. */
export function isValidHost(host: string | undefined): host is string {
  return host !== undefined && host.length <= 255 && HOST.test(host);
}

/**
 * The path and query of a request target: origin-form ("/a?b") as it is, the
 * path of an absolute-form target ("http://host/a"), null for anything else
 * ("*", "x", a broken absolute URL). "//evil.example/x" stays a path: it never
 * names another host.
 */
export function requestTarget(raw: string | undefined): string | null {
  if (!raw) return null;
  if (raw.startsWith("/")) return raw;
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      return url.pathname + url.search;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The request's URL: `origin` plus the target's path, or null if it is not a
 * URL or its path's percent-encoding is malformed.
 */
export function requestUrl(origin: string, target: string): URL | null {
  try {
    const url = new URL(origin);
    // Assigned rather than resolved, so "//host/x" and "/\host" stay paths on this origin.
    const query = target.indexOf("?");
    url.pathname = query === -1 ? target : target.slice(0, query);
    url.search = query === -1 ? "" : target.slice(query);
    // A path whose percent-encoding does not decode ("/%", "/%C0%AF") names no page.
    decodeURIComponent(url.pathname);
    return url.origin === new URL(origin).origin ? url : null;
  } catch {
    return null;
  }
}
