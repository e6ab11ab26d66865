// Real pictures made with sharp for upload tests, and the hostile files that
// only look like pictures.
import zlib from "node:zlib";
import sharp from "sharp";

export const CAMERA_MAKE = "TotePhotoCam";

/** The EXIF a phone writes: camera, owner and where the photo was taken. */
export const PHONE_EXIF = {
  IFD0: { Make: CAMERA_MAKE, Model: "Studio 9", Copyright: "Sam Staff" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 3230/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 4366/100" },
};

/** Gradients and a checkerboard: a photo-like picture that compresses like one. */
function pattern(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x >> 5) + (y >> 5)) % 2 ? 200 : 60;
    }
  }
  return raw;
}

/** A JPEG photo carrying EXIF with GPS and a Display P3 colour profile; `orientation` is EXIF's (6: turn 90° to view). */
export function phonePhoto(width = 2400, height = 1600, orientation = 1): Promise<Buffer> {
  return sharp(pattern(width, height), { raw: { width, height, channels: 3 } })
    .withExif(PHONE_EXIF)
    .withIccProfile("p3")
    .withMetadata({ orientation })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function png(width: number, height: number, background = "#c8a070"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}

/** A PNG with a detailed picture, so half of it is not a whole PNG. */
export function detailedPng(width = 300, height = 200): Promise<Buffer> {
  return sharp(pattern(width, height), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export function gif(): Promise<Buffer> {
  return sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).gif().toBuffer();
}

export async function animatedWebp(): Promise<Buffer> {
  const frame = (background: string) => sharp({ create: { width: 8, height: 8, channels: 4, background } }).png().toBuffer();
  return sharp([await frame("#f00"), await frame("#00f")], { join: { animated: true } }).webp().toBuffer();
}

/** A 1×1 PNG whose header claims other dimensions (its checksum fixed), like a decompression bomb's. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await png(1, 1));
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(zlib.crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

export const HTML = "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>";

/** The attack of issue 16: a PNG signature, then an HTML document. */
export function pngSignatureThenHtml(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(HTML)]);
}

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';

export function firstHalf(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/** Whether an EXIF block names a GPS directory (tag 0x8825, either byte order). */
export function hasGpsTag(exif: Buffer): boolean {
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}
