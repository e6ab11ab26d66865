// Reading a form that carries a file (multipart/form-data) within a size
// limit. A file over the limit, too many parts or a body that is not a
// well-formed multipart form become a 4xx answer with a message, never a 500.
// The server has already read the body and parsed it once (server.ts, to
// refuse a malformed one): that parse is used, not a second one.
import type { AppLoadContext } from "@remix-run/node";

export type MultipartResult = { ok: true; form: FormData } | { ok: false; status: 400 | 413 | 415; message: string };

// Room for the other fields and the multipart framing around the file.
const FRAMING_BYTES = 64 * 1024;

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
}

export function isUrlEncoded(request: Request): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("Content-Type") ?? "");
}

function partSize(value: FormDataEntryValue): number {
  return typeof value === "string" ? Buffer.byteLength(value) : value.size;
}

/**
 * A multipart form with at most `maxPartSize` bytes per part and `maxParts`
 * parts. Files come back as File objects, the other fields as strings.
 */
export async function readMultipartForm(
  request: Request,
  context: Pick<AppLoadContext, "multipartForm">,
  options: { maxPartSize: number; tooLargeMessage: string; maxParts?: number; maxBodySize?: number },
): Promise<MultipartResult> {
  if (!isMultipart(request)) return { ok: false, status: 415, message: "Send the form as multipart/form-data, with the file attached." };
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  const maxParts = options.maxParts ?? 20;
  // Refuse an announced oversize body before reading any of it.
  // A form with several files (maxBodySize) may be larger than one part.
  if (Number.isFinite(declared) && declared > (options.maxBodySize ?? options.maxPartSize) + FRAMING_BYTES * 2) {
    return { ok: false, status: 413, message: options.tooLargeMessage };
  }
  let form = context.multipartForm;
  if (!form) {
    // Not through the shop's server (an empty body, a direct call): the same parser, here.
    try {
      form = await request.formData();
    } catch {
      form = undefined;
    }
  }
  // A malformed body (bad boundary, cut short): the client's mistake.
  if (!form) return { ok: false, status: 400, message: "The upload could not be read. Please choose the file again and resend the form." };
  let parts = 0;
  for (const [, value] of form.entries()) {
    parts += 1;
    if (parts > maxParts) return { ok: false, status: 400, message: "The form has more fields than expected." };
    if (partSize(value) > options.maxPartSize) return { ok: false, status: 413, message: options.tooLargeMessage };
  }
  return { ok: true, form };
}
