// Pictures staff upload: which kinds are accepted (judged by the file's first
// bytes, never its name or declared type) and the URLs they are served at.
// SVG is refused: it is a document that can carry script.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const IMAGE_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
} as const;

export type ImageExtension = keyof typeof IMAGE_TYPES;
export type ImageContentType = (typeof IMAGE_TYPES)[ImageExtension];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** The image type the bytes really are (PNG, JPEG or WebP), or null. */
export function sniffImageType(bytes: Uint8Array): ImageExtension | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  return null;
}

export function extensionFor(contentType: string): ImageExtension | null {
  const entry = Object.entries(IMAGE_TYPES).find(([, type]) => type === contentType);
  return entry ? (entry[0] as ImageExtension) : null;
}

export type ImageCheck = { ok: true; extension: ImageExtension; contentType: ImageContentType } | { ok: false; status: 400 | 413 | 415; message: string };

export const IMAGE_TOO_BIG = `That picture is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Please upload a smaller one.`;
export const IMAGE_WRONG_TYPE = "Upload a PNG, JPEG or WebP picture. Other files, SVG included, are not accepted.";

/** Whether uploaded bytes may become a product picture. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, status: 400, message: "Choose a picture to upload." };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, status: 413, message: IMAGE_TOO_BIG };
  const extension = sniffImageType(bytes);
  if (!extension) return { ok: false, status: 415, message: IMAGE_WRONG_TYPE };
  return { ok: true, extension, contentType: IMAGE_TYPES[extension] };
}

/** "/images/<sha256>.<ext>" */
export function imageUrl(sha256: string, extension: ImageExtension): string {
  return `/images/${sha256}.${extension}`;
}

/** "<64 hex>.png" → its parts; null unless exactly canonical. */
export function parseImageFileName(file: string): { sha256: string; extension: ImageExtension } | null {
  const m = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(file);
  return m ? { sha256: m[1]!, extension: m[2] as ImageExtension } : null;
}

export function isUploadedImageUrl(url: string): boolean {
  return /^\/images\/[0-9a-f]{64}\.(png|jpg|webp)$/.test(url);
}
