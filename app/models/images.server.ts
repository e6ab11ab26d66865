// The only module that reads and writes uploaded_images: pictures staff
// upload, kept as bytes in SQLite so every server process and every backup has
// them. Each stored size is a row keyed "<sha256>-<width>" (the sha256 column
// holds that key; rows from before re-encoding are keyed by the bare hash of
// the bytes as uploaded). The same picture uploaded twice is stored once.
import { eq, sql } from "drizzle-orm";
import { imageKey, imageUrl, LARGE_WIDTH, type PreparedPicture } from "~/domain/images";
import { db } from "~/utils/db.server";
import { uploadedImages } from "../../db/schema";

/**
 * Keep every size of a picture prepared (decoded and re-encoded) by
 * preparePicture; returns the URL of its large size, the one a variant names.
 * Synchronous, so inside a caller's transaction it is part of it.
 */
export function storePicture(picture: PreparedPicture, actor: { staffId: number | null }, now = Date.now()): { url: string } {
  for (const size of picture.sizes) {
    const bytes = Buffer.from(size.bytes.buffer, size.bytes.byteOffset, size.bytes.byteLength);
    db.insert(uploadedImages)
      .values({
        sha256: imageKey(picture.sha256, size.width),
        contentType: picture.contentType,
        bytes,
        byteLength: bytes.length,
        staffId: actor.staffId,
        createdAt: now,
      })
      .onConflictDoNothing({ target: uploadedImages.sha256 })
      .run();
  }
  return { url: imageUrl(picture.sha256, LARGE_WIDTH) };
}

const imageQuery = db
  .select({ contentType: uploadedImages.contentType, bytes: uploadedImages.bytes })
  .from(uploadedImages)
  .where(eq(uploadedImages.sha256, sql.placeholder("key")))
  .prepare();

/** A stored picture's bytes and type, by its key, or null. */
export function getImage(key: string): { contentType: string; bytes: Buffer } | null {
  return imageQuery.get({ key }) ?? null;
}
