// Turning an upload into product pictures: libvips (through sharp) decodes the
// whole file, refusing anything that is not a complete, still PNG, JPEG or
// WebP within the limits, and encodes each stored size afresh as WebP. Only
// pixels survive: the file's other bytes, EXIF (camera, GPS), XMP, IPTC and
// colour profiles do not (colours are converted to sRGB, the web's default).
import crypto from "node:crypto";
import type Sharp from "sharp";
import {
  checkDecodedHeader,
  checkUploadBytes,
  IMAGE_UNREADABLE,
  LARGE_WIDTH,
  MAX_IMAGE_PIXELS,
  PICTURE_WIDTHS,
  type ImageFailure,
  type PictureWidth,
  type PreparedPicture,
} from "~/domain/images";

let loading: Promise<typeof Sharp> | null = null;

/** sharp, loaded on the first upload: libvips adds ~30 MB to a process, and most never see an upload. */
function loadSharp(): Promise<typeof Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    // Uploads are rare: keep no decoded images around between them.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

export type PrepareResult = { ok: true; picture: PreparedPicture } | ImageFailure;

const DECODE_OPTIONS = {
  // Any decoder warning (a truncated or corrupt file) is a refusal.
  failOn: "warning",
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Reads the first frame only; the header check has refused animations already.
  animated: false,
} as const;

async function encode(sharp: typeof Sharp, bytes: Uint8Array, width: PictureWidth): Promise<Buffer> {
  return sharp(bytes, DECODE_OPTIONS)
    .autoOrient() // EXIF orientation is applied to the pixels, as the EXIF itself is dropped
    .resize(width, width, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .webp({ quality: 82 })
    .toBuffer();
}

/** Decode an upload in full and encode the stored sizes, or say why it cannot be a picture. */
export async function preparePicture(bytes: Uint8Array): Promise<PrepareResult> {
  const tooBig = checkUploadBytes(bytes.byteLength);
  if (tooBig) return tooBig;
  const sharp = await loadSharp();
  let header;
  try {
    // The header alone: its dimensions are checked below, with a clearer message than the pixel limit's.
    const meta = await sharp(bytes, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
    header = { format: meta.format ?? "", width: meta.width ?? 0, height: meta.height ?? 0, pages: meta.pages ?? 1 };
  } catch {
    return { ok: false, status: 415, message: IMAGE_UNREADABLE };
  }
  const refused = checkDecodedHeader(header);
  if (refused) return refused;
  let sizes: PreparedPicture["sizes"];
  try {
    // One after the other: two full decodes at once would double the memory a large upload takes.
    sizes = [];
    for (const width of PICTURE_WIDTHS) sizes.push({ width, bytes: await encode(sharp, bytes, width) });
  } catch {
    return { ok: false, status: 415, message: IMAGE_UNREADABLE };
  }
  const large = sizes.find((s) => s.width === LARGE_WIDTH)!;
  const sha256 = crypto.createHash("sha256").update(large.bytes).digest("hex");
  return { ok: true, picture: { sha256, contentType: "image/webp", sizes } };
}
