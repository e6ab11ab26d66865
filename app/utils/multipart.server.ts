// Reading a form that carries a file (multipart/form-data) within a size
// limit. A file over the limit, too many parts or a body that is not a
// well-formed multipart form become a 4xx answer with a message, never a 500.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";

export type MultipartResult = { ok: true; form: FormData } | { ok: false; status: 400 | 413 | 415; message: string };

// Room for the other fields and the multipart framing around the file.
const FRAMING_BYTES = 64 * 1024;

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
}

export function isUrlEncoded(request: Request): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("Content-Type") ?? "");
}

class TooManyParts extends Error {}

/**
 * Parse a multipart form, keeping every part in memory: at most `maxPartSize`
 * bytes per part, `maxParts` parts. Files come back as File objects, the other
 * fields as strings.
 */
export async function readMultipartForm(
  request: Request,
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
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: options.maxPartSize });
  let parts = 0;
  const handler: UploadHandler = async (part) => {
    parts += 1;
    if (parts > maxParts) throw new TooManyParts();
    return memory(part);
  };
  try {
    return { ok: true, form: await unstable_parseMultipartFormData(request, handler) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, message: options.tooLargeMessage };
    if (error instanceof TooManyParts) return { ok: false, status: 400, message: "The form has more fields than expected." };
    // A malformed body (bad boundary, cut short): the client's mistake.
    return { ok: false, status: 400, message: "The upload could not be read. Please choose the file again and resend the form." };
  }
}
