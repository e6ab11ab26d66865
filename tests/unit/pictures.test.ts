// Uploads become pictures only when libvips decodes them in full; what is
// stored is re-encoded, square, in each size, without metadata.
import crypto from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IMAGE_ANIMATED, IMAGE_TOO_BIG, IMAGE_TOO_LARGE, IMAGE_UNREADABLE, IMAGE_WRONG_TYPE, MAX_IMAGE_BYTES } from "~/domain/images";
import { preparePicture } from "~/services/pictures.server";
import {
  animatedWebp,
  CAMERA_MAKE,
  detailedPng,
  firstHalf,
  gif,
  hasGpsTag,
  HTML,
  phonePhoto,
  png,
  pngClaiming,
  pngSignatureThenHtml,
  SVG,
} from "../helpers/pictures";

async function prepared(bytes: Uint8Array) {
  const result = await preparePicture(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.picture;
}

describe("preparePicture", () => {
  it("re-encodes a phone photo as square WebP in 600 and 1600 px, without its EXIF, GPS or colour profile", async () => {
    const photo = await phonePhoto();
    const original = await sharp(photo).metadata();
    // The upload really carries what must not survive.
    expect(original.exif && original.exif.includes(Buffer.from(CAMERA_MAKE))).toBe(true);
    expect(hasGpsTag(original.exif!)).toBe(true);
    expect(original.icc).toBeDefined();

    const picture = await prepared(photo);
    expect(picture.contentType).toBe("image/webp");
    expect(picture.sizes.map((s) => s.width)).toEqual([600, 1600]);
    for (const size of picture.sizes) {
      const meta = await sharp(size.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: size.width, height: size.width });
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(Buffer.from(size.bytes).includes(Buffer.from(CAMERA_MAKE))).toBe(false);
      await sharp(size.bytes, { failOn: "warning" }).raw().toBuffer(); // decodes in full
    }
    const large = picture.sizes.find((s) => s.width === 1600)!;
    expect(picture.sha256).toBe(crypto.createHash("sha256").update(large.bytes).digest("hex"));
    // The same upload gives the same name: stored once.
    expect((await prepared(photo)).sha256).toBe(picture.sha256);
  });

  it("shows the whole picture upright: EXIF orientation is applied before the EXIF is dropped", async () => {
    // 300×200 landscape pixels, tagged "rotate 90°": a portrait photo.
    const photo = await phonePhoto(300, 200, 6);
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const card = (await prepared(photo)).sizes.find((s) => s.width === 600)!;
    const { data, info } = await sharp(card.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alpha = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
    // Portrait in a square: clear bands left and right, none at the top.
    expect(alpha(5, 300)).toBe(0);
    expect(alpha(594, 300)).toBe(0);
    expect(alpha(300, 5)).toBe(255);
  });

  it("keeps only the pixels of a real PNG that has HTML after its end", async () => {
    const picture = await prepared(Buffer.concat([await png(40, 30), Buffer.from(HTML)]));
    for (const size of picture.sizes) expect(Buffer.from(size.bytes).includes(Buffer.from("<script"))).toBe(false);
  });

  it("refuses a PNG signature followed by HTML, and truncated, non-image, animated and oversized files", async () => {
    const photo = await phonePhoto(600, 400);
    const cases: [string, Uint8Array, number, string][] = [
      ["PNG signature + HTML", pngSignatureThenHtml(), 415, IMAGE_UNREADABLE],
      ["truncated PNG", firstHalf(await detailedPng()), 415, IMAGE_UNREADABLE],
      ["truncated JPEG", firstHalf(photo), 415, IMAGE_UNREADABLE],
      ["HTML", Buffer.from(HTML), 415, IMAGE_UNREADABLE],
      ["GIF", await gif(), 415, IMAGE_WRONG_TYPE],
      ["SVG", Buffer.from(SVG), 415, IMAGE_WRONG_TYPE],
      ["animated WebP", await animatedWebp(), 415, IMAGE_ANIMATED],
      ["8001 px wide", await png(8001, 1), 413, IMAGE_TOO_LARGE],
      ["6400×6400 (41 megapixels)", await pngClaiming(6400, 6400), 413, IMAGE_TOO_LARGE],
      ["over 10 MB", new Uint8Array(MAX_IMAGE_BYTES + 1), 413, IMAGE_TOO_BIG],
      ["empty", new Uint8Array(), 400, "Choose a picture to upload."],
    ];
    for (const [name, bytes, status, message] of cases) {
      expect(await preparePicture(bytes), name).toEqual({ ok: false, status, message });
    }
  });
});
