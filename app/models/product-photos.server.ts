// The only module that writes product_photos: photos staff upload for a
// product, in the order its gallery shows them (after the colour's own
// picture). Every write is audited in the same transaction; a trigger moves
// catalog_version, so cached product pages and every process's copy follow.
import { and, asc, eq } from "drizzle-orm";
import type { PreparedPicture } from "~/domain/images";
import { MAX_PHOTOS_PER_PRODUCT, movedOrder, NO_PHOTO, tooManyPhotos } from "~/domain/product-photos";
import { recordAudit } from "~/models/audit.server";
import { storePicture } from "~/models/images.server";
import { db } from "~/utils/db.server";
import { productPhotos, products } from "../../db/schema";

type Actor = { staffId: number | null };

export type ProductPhoto = typeof productPhotos.$inferSelect;
export type PhotoFailure = { ok: false; status: 400 | 404 | 409; message: string };

const NO_PRODUCT = "That product does not exist (any more).";

function writeTransaction<T>(fn: () => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}

function productName(productId: number): string | null {
  return db.select({ name: products.name }).from(products).where(eq(products.id, productId)).get()?.name ?? null;
}

/** A product's photos, first shown first. */
export function listProductPhotos(productId: number): ProductPhoto[] {
  return db.select().from(productPhotos).where(eq(productPhotos.productId, productId)).orderBy(asc(productPhotos.position), asc(productPhotos.id)).all();
}

function photoOf(productId: number, photoId: number): ProductPhoto | null {
  return db.select().from(productPhotos).where(and(eq(productPhotos.id, photoId), eq(productPhotos.productId, productId))).get() ?? null;
}

/** A photo and its product's name (for the confirmation question), or null. */
export function photoWithProduct(productId: number, photoId: number): { photo: ProductPhoto; productName: string; place: number; count: number } | null {
  const photos = listProductPhotos(productId);
  const photo = photos.find((p) => p.id === photoId);
  const name = photo ? productName(productId) : null;
  return photo && name !== null ? { photo, productName: name, place: photos.indexOf(photo) + 1, count: photos.length } : null;
}

const audited = (p: ProductPhoto) => ({ photoId: p.id, imageUrl: p.imageUrl, alt: p.alt, position: p.position });

/**
 * Add photos (already decoded and re-encoded) after the product's others, in
 * the order given, all or none. A picture the product already shows as a
 * photo is not added twice.
 */
export function addProductPhotos(
  productId: number,
  photos: readonly { picture: PreparedPicture; alt: string }[],
  actor: Actor,
  now = Date.now(),
): { ok: true; added: ProductPhoto[]; duplicates: number } | PhotoFailure {
  return writeTransaction(() => {
    if (productName(productId) === null) return { ok: false, status: 404, message: NO_PRODUCT } as const;
    const existing = listProductPhotos(productId);
    // Checked before anything is stored, so a refusal writes nothing.
    if (existing.length + photos.length > MAX_PHOTOS_PER_PRODUCT) return { ok: false, status: 409, message: tooManyPhotos(existing.length) } as const;
    const shown = new Set(existing.map((p) => p.imageUrl));
    let position = existing.reduce((max, p) => Math.max(max, p.position + 1), 0);
    const added: ProductPhoto[] = [];
    let duplicates = 0;
    for (const photo of photos) {
      const { url } = storePicture(photo.picture, actor, now);
      if (shown.has(url)) {
        duplicates += 1;
        continue;
      }
      shown.add(url);
      const row = db
        .insert(productPhotos)
        .values({ productId, imageUrl: url, alt: photo.alt, position: position++, staffId: actor.staffId, createdAt: now })
        .returning()
        .get();
      recordAudit({ staffId: actor.staffId, action: "product.photo.add", entityType: "product", entityId: productId, before: null, after: audited(row), now });
      added.push(row);
    }
    return { ok: true, added, duplicates } as const;
  });
}

/** Change a photo's description. */
export function setPhotoAlt(productId: number, photoId: number, alt: string, actor: Actor, now = Date.now()): { ok: true; photo: ProductPhoto } | PhotoFailure {
  return writeTransaction(() => {
    const current = photoOf(productId, photoId);
    if (!current) return { ok: false, status: 404, message: NO_PHOTO } as const;
    if (current.alt === alt) return { ok: true, photo: current } as const;
    const photo = db.update(productPhotos).set({ alt }).where(eq(productPhotos.id, photoId)).returning().get()!;
    recordAudit({ staffId: actor.staffId, action: "product.photo.update", entityType: "product", entityId: productId, before: { photoId, alt: current.alt }, after: { photoId, alt }, now });
    return { ok: true, photo } as const;
  });
}

/** Move a photo one place earlier or later; the product's photos are numbered 0, 1, 2 … afterwards. First stays first (moved: false). */
export function movePhoto(
  productId: number,
  photoId: number,
  direction: "earlier" | "later",
  actor: Actor,
  now = Date.now(),
): { ok: true; photo: ProductPhoto; moved: boolean; place: number } | PhotoFailure {
  return writeTransaction(() => {
    const photos = listProductPhotos(productId);
    const current = photos.find((p) => p.id === photoId);
    if (!current) return { ok: false, status: 404, message: NO_PHOTO } as const;
    const order = movedOrder(
      photos.map((p) => p.id),
      photoId,
      direction,
    );
    if (!order) return { ok: true, photo: current, moved: false, place: photos.indexOf(current) + 1 } as const;
    order.forEach((id, position) => {
      if (photos.find((p) => p.id === id)!.position !== position) db.update(productPhotos).set({ position }).where(eq(productPhotos.id, id)).run();
    });
    const place = order.indexOf(photoId) + 1;
    recordAudit({
      staffId: actor.staffId,
      action: "product.photo.move",
      entityType: "product",
      entityId: productId,
      before: { photoId, alt: current.alt, place: photos.indexOf(current) + 1 },
      after: { photoId, alt: current.alt, place },
      now,
    });
    return { ok: true, photo: { ...current, position: place - 1 }, moved: true, place } as const;
  });
}

/** Take a photo off the product (its stored picture stays: a variant or another product may show it). */
export function deletePhoto(productId: number, photoId: number, actor: Actor, now = Date.now()): { ok: true; photo: ProductPhoto } | PhotoFailure {
  return writeTransaction(() => {
    const current = photoOf(productId, photoId);
    if (!current) return { ok: false, status: 404, message: NO_PHOTO } as const;
    db.delete(productPhotos).where(eq(productPhotos.id, photoId)).run();
    recordAudit({ staffId: actor.staffId, action: "product.photo.delete", entityType: "product", entityId: productId, before: audited(current), after: null, now });
    return { ok: true, photo: current } as const;
  });
}

// ---------------------------------------------------------------- the storefront's copy

export type ShopPhoto = { url: string; alt: string };

let cached: { version: number; byProduct: Map<number, ShopPhoto[]> } | null = null;

/**
 * Every product's photos as the storefront shows them, read once per
 * catalog_version (the trigger on product_photos moves it): pass the version
 * of the catalog snapshot the page is built from.
 */
export function shopPhotosFor(productId: number, catalogVersion: number): ShopPhoto[] {
  if (!cached || cached.version !== catalogVersion) {
    const byProduct = new Map<number, ShopPhoto[]>();
    const rows = db
      .select({ productId: productPhotos.productId, url: productPhotos.imageUrl, alt: productPhotos.alt })
      .from(productPhotos)
      .orderBy(asc(productPhotos.productId), asc(productPhotos.position), asc(productPhotos.id))
      .all();
    for (const { productId: id, url, alt } of rows) {
      const list = byProduct.get(id);
      if (list) list.push({ url, alt });
      else byProduct.set(id, [{ url, alt }]);
    }
    cached = { version: catalogVersion, byProduct };
  }
  return cached.byProduct.get(productId) ?? [];
}
