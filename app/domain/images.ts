// Pictures staff upload: the limits an upload must meet, what the decoder's
// findings must be for it to become a product picture, and the URLs the
// stored sizes are served at. An upload is never kept as sent: it is decoded
// in full and re-encoded (app/services/pictures.server.ts), so a file that
// merely starts like an image, or carries metadata, never reaches a shopper.

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Per side and in all: enough for any camera, small enough to decode safely. */
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * Stored sizes, square (every page shows pictures square): 600 px for cards,
 * thumbnails and the product page at 1×, 1600 px for the product page on
 * high-density and wide screens.
 */
export const PICTURE_WIDTHS = [600, 1600] as const;
export type PictureWidth = (typeof PICTURE_WIDTHS)[number];
export const CARD_WIDTH: PictureWidth = 600;
export const LARGE_WIDTH: PictureWidth = 1600;

/** Formats an upload may be, as the decoder names them. */
export const ACCEPTED_FORMATS = ["png", "jpeg", "webp"] as const;

/** Served types: new pictures are WebP; png/jpg are earlier uploads, still served. */
export const IMAGE_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
} as const;

export type ImageExtension = keyof typeof IMAGE_TYPES;
export type ImageContentType = (typeof IMAGE_TYPES)[ImageExtension];

export type ImageFailure = { ok: false; status: 400 | 413 | 415; message: string };

export const IMAGE_MISSING = "Choose a picture to upload.";
export const IMAGE_TOO_BIG = `That picture is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Please upload a smaller one.`;
export const IMAGE_WRONG_TYPE = "Upload a PNG, JPEG or WebP picture. Other files, SVG and GIF included, are not accepted.";
export const IMAGE_UNREADABLE = "That file is not a complete PNG, JPEG or WebP picture (it may be damaged or cut short). Please export it again and upload that.";
export const IMAGE_TOO_LARGE = `That picture is too large: at most ${MAX_IMAGE_SIDE} pixels per side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. Please scale it down.`;
export const IMAGE_ANIMATED = "Animated pictures are not accepted. Please upload a still picture.";

/** Before decoding: an empty or oversized file is refused unread. */
export function checkUploadBytes(byteLength: number): ImageFailure | null {
  if (byteLength === 0) return { ok: false, status: 400, message: IMAGE_MISSING };
  if (byteLength > MAX_IMAGE_BYTES) return { ok: false, status: 413, message: IMAGE_TOO_BIG };
  return null;
}

/** A picture ready to store (decoded and re-encoded): its sizes, named after the large size's hash. */
export type PreparedPicture = { sha256: string; contentType: "image/webp"; sizes: { width: PictureWidth; bytes: Uint8Array }[] };

/** What the decoder read from the file's header. */
export type DecodedHeader = { format: string; width: number; height: number; pages: number };

/** Whether a file the decoder could read may become a product picture (it must still decode in full). */
export function checkDecodedHeader(header: DecodedHeader): ImageFailure | null {
  if (!(ACCEPTED_FORMATS as readonly string[]).includes(header.format)) return { ok: false, status: 415, message: IMAGE_WRONG_TYPE };
  // Refused rather than cut to a first frame: staff would not see what the shop shows.
  if (header.pages > 1) return { ok: false, status: 415, message: IMAGE_ANIMATED };
  const { width, height } = header;
  if (!(width >= 1 && height >= 1)) return { ok: false, status: 415, message: IMAGE_UNREADABLE };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) return { ok: false, status: 413, message: IMAGE_TOO_LARGE };
  return null;
}

const HASH = "[0-9a-f]{64}";
const SIZED_URL = new RegExp(`^/images/(${HASH})-(?:${PICTURE_WIDTHS.join("|")})\\.webp$`);

/** "/images/<sha256>-<width>.webp": one stored size of a picture. */
export function imageUrl(sha256: string, width: PictureWidth): string {
  return `/images/${sha256}-${width}.webp`;
}

/** The stored row a size of a picture is kept in. */
export function imageKey(sha256: string, width: PictureWidth): string {
  return `${sha256}-${width}`;
}

/**
 * "<64 hex>-600.webp" (a size of a picture) or "<64 hex>.png" (an upload from
 * before pictures were re-encoded) → the stored row's key and the type the
 * row must have; null unless exactly canonical.
 */
export function parseImageFileName(file: string): { key: string; extension: ImageExtension } | null {
  const sized = new RegExp(`^(${HASH}-(?:${PICTURE_WIDTHS.join("|")}))\\.webp$`).exec(file);
  if (sized) return { key: sized[1]!, extension: "webp" };
  const legacy = new RegExp(`^(${HASH})\\.(png|jpg|webp)$`).exec(file);
  return legacy ? { key: legacy[1]!, extension: legacy[2] as ImageExtension } : null;
}

export function isUploadedImageUrl(url: string): boolean {
  return url.startsWith("/images/") && parseImageFileName(url.slice("/images/".length)) !== null;
}

/** The small size of a picture, for cards and thumbnails; any other URL (illustrations, earlier uploads) as it is. */
export function cardImageUrl(url: string): string {
  const m = SIZED_URL.exec(url);
  return m ? imageUrl(m[1]!, CARD_WIDTH) : url;
}

/**
 * An <img>'s src, srcSet and sizes for a picture shown `sizes` wide: the
 * card size, with the large one offered to dense and wide screens; any other
 * URL as it is.
 */
export function responsiveImage(url: string, sizes: string): { src: string; srcSet?: string; sizes?: string } {
  const srcSet = imageSrcSet(url);
  // srcSet before src: a browser creating the element then fetches one picture, not two.
  return srcSet ? { srcSet, sizes, src: cardImageUrl(url) } : { src: url };
}

/** A srcset offering every stored size of a picture; undefined for any other URL. */
export function imageSrcSet(url: string): string | undefined {
  const m = SIZED_URL.exec(url);
  return m ? PICTURE_WIDTHS.map((w) => `${imageUrl(m[1]!, w)} ${w}w`).join(", ") : undefined;
}
