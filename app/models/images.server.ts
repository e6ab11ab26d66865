// The only module that reads and writes uploaded_images: pictures staff
// upload, kept as bytes in SQLite and keyed by their SHA-256, so the same
// picture uploaded twice is stored once and every server process serves it.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { checkImage, imageUrl, type ImageCheck, type ImageContentType } from "~/domain/images";
import { db } from "~/utils/db.server";
import { uploadedImages } from "../../db/schema";

export type StoredImage = { sha256: string; contentType: ImageContentType; url: string; byteLength: number };

export type StoreImageResult = ({ ok: true } & StoredImage) | Extract<ImageCheck, { ok: false }>;

/**
 * Keep an uploaded picture if it is a PNG, JPEG or WebP of at most 2 MB
 * (judged by its bytes). Synchronous, so inside a caller's transaction it is
 * part of it.
 */
export function storeImage(bytes: Uint8Array, actor: { staffId: number | null }, now = Date.now()): StoreImageResult {
  const check = checkImage(bytes);
  if (!check.ok) return check;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sha256 = crypto.createHash("sha256").update(buffer).digest("hex");
  db.insert(uploadedImages)
    .values({ sha256, contentType: check.contentType, bytes: buffer, byteLength: buffer.length, staffId: actor.staffId, createdAt: now })
    .onConflictDoNothing({ target: uploadedImages.sha256 })
    .run();
  return { ok: true, sha256, contentType: check.contentType, url: imageUrl(sha256, check.extension), byteLength: buffer.length };
}

const imageQuery = db
  .select({ contentType: uploadedImages.contentType, bytes: uploadedImages.bytes })
  .from(uploadedImages)
  .where(eq(uploadedImages.sha256, sql.placeholder("sha256")))
  .prepare();

/** A stored picture's bytes and type, or null. */
export function getImage(sha256: string): { contentType: string; bytes: Buffer } | null {
  return imageQuery.get({ sha256 }) ?? null;
}
