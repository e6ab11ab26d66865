// The only module that writes products and variants — all but the stock
// columns (on hand, held, low-stock threshold), which belong to
// inventory.server.ts. Every change writes the audit log in the same
// transaction. The storefront sees changes at once: triggers bump
// catalog_version on every write here, and order lines (snapshots taken at
// checkout) are never touched.
import { and, asc, count, eq, inArray, isNotNull, max, min, or, sql, sum, type SQL } from "drizzle-orm";
import { artUrl } from "~/art/url";
import type { PreparedPicture } from "~/domain/images";
import type { LineProblem } from "~/domain/csv";
import { planProductImport, type ExportProduct, type ProductCsvRow, type ProductImportPlan } from "~/domain/product-csv";
import { MAX_TAGS, OCCASION_OPTIONS, type ProductValues, type VariantValues } from "~/domain/product-form";
import { recordAudit, type Actor } from "~/models/audit.server";
import { storePicture } from "~/models/images.server";
import { db, writeTransaction } from "~/utils/db.server";
import { orderLines, products, variants } from "../../db/schema";

export type ProductFailure = { ok: false; status: 400 | 404 | 409 | 413 | 415; message: string; field?: string };

export type ProductRecord = typeof products.$inferSelect;
export type VariantRecord = typeof variants.$inferSelect;

export type AdminVariant = VariantRecord & {
  /** Order lines point at it: it can be hidden (draft) but never deleted. */
  hasOrders: boolean;
  usesIllustration: boolean;
  canDelete: boolean;
};

export type AdminProduct = ProductRecord & { variants: AdminVariant[]; hasOrders: boolean; canDelete: boolean };

export type ProductListing = {
  id: number;
  slug: string;
  name: string;
  kind: ProductRecord["kind"];
  status: ProductRecord["status"];
  variantCount: number;
  minPriceCents: number | null;
  maxPriceCents: number | null;
  onHand: number;
  updatedAt: number;
};

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT_UNIQUE");
}

const SLUG_TAKEN = "Another product already uses that web address name.";
const SKU_TAKEN = "Another variant already uses that SKU.";
const NO_PRODUCT = "That product does not exist (any more).";
const NO_VARIANT = "That colour does not exist (any more).";

function isIllustration(url: string): boolean {
  return url.startsWith("/art/");
}

// What the audit log keeps of a product and a variant.
function productAudit(p: ProductRecord) {
  return {
    name: p.name,
    slug: p.slug,
    kind: p.kind,
    status: p.status,
    description: p.description,
    material: p.material,
    widthCm: p.widthCm,
    heightCm: p.heightCm,
    depthCm: p.depthCm,
    occasions: p.occasions,
    tags: p.tags,
    isKids: p.isKids,
    isLimited: p.isLimited,
    attachment: p.attachment,
    handleWidthCm: p.handleWidthCm,
    hasStrapRing: p.hasStrapRing,
    artStyle: p.artStyle,
    featuredRank: p.featuredRank,
  };
}

function variantAudit(v: VariantRecord) {
  return {
    productId: v.productId,
    sku: v.sku,
    colourName: v.colourName,
    colourHex: v.colourHex,
    hardware: v.hardware,
    priceCents: v.priceCents,
    compareAtCents: v.compareAtCents,
    imageUrl: v.imageUrl,
    position: v.position,
  };
}

// ---------------------------------------------------------------- reads

/** Products for the back-office list, in one query: search by name, slug or SKU; filter by status. */
export function listProducts(args: { search?: string | null; status?: ProductRecord["status"] | null } = {}): ProductListing[] {
  const conditions: SQL[] = [];
  const search = args.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        sql`${products.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${products.slug} LIKE ${pattern} ESCAPE '\\'`,
        sql`EXISTS (SELECT 1 FROM ${variants} v WHERE v.product_id = ${products.id} AND v.sku LIKE ${pattern} ESCAPE '\\')`,
      )!,
    );
  }
  if (args.status) conditions.push(eq(products.status, args.status));
  return db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      kind: products.kind,
      status: products.status,
      variantCount: count(variants.id),
      minPriceCents: min(variants.priceCents),
      maxPriceCents: max(variants.priceCents),
      onHand: sql<number>`coalesce(${sum(variants.stockOnHand)}, 0)`.mapWith(Number),
      updatedAt: products.updatedAt,
    })
    .from(products)
    .leftJoin(variants, eq(variants.productId, products.id))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .groupBy(products.id)
    .orderBy(asc(products.featuredRank), asc(products.id))
    .all();
}

function productRow(id: number): ProductRecord | undefined {
  return db.select().from(products).where(eq(products.id, id)).get();
}

function variantRow(id: number): VariantRecord | undefined {
  return db.select().from(variants).where(eq(variants.id, id)).get();
}

function variantIdsWithOrders(variantIds: number[]): Set<number> {
  if (variantIds.length === 0) return new Set();
  return new Set(
    db
      .selectDistinct({ variantId: orderLines.variantId })
      .from(orderLines)
      .where(and(isNotNull(orderLines.variantId), inArray(orderLines.variantId, variantIds)))
      .all()
      .map((r) => r.variantId!),
  );
}

function productHasOrderLines(productId: number, variantIds: number[]): boolean {
  const condition = variantIds.length > 0 ? or(eq(orderLines.productId, productId), inArray(orderLines.variantId, variantIds)) : eq(orderLines.productId, productId);
  return db.select({ id: orderLines.id }).from(orderLines).where(condition).limit(1).get() !== undefined;
}

/** A product and its variants for the edit page, with what may be deleted. */
export function getProductForEdit(id: number): AdminProduct | null {
  const product = productRow(id);
  if (!product) return null;
  const rows = db.select().from(variants).where(eq(variants.productId, id)).orderBy(asc(variants.position), asc(variants.id)).all();
  const withOrders = variantIdsWithOrders(rows.map((v) => v.id));
  const list = rows.map((v) => {
    const hasOrders = withOrders.has(v.id);
    return { ...v, hasOrders, usesIllustration: isIllustration(v.imageUrl), canDelete: !hasOrders && v.stockOnHand === 0 && v.stockHeld === 0 };
  });
  const hasOrders = productHasOrderLines(id, rows.map((v) => v.id));
  return { ...product, variants: list, hasOrders, canDelete: !hasOrders && list.every((v) => v.canDelete) };
}

function slugTaken(slug: string, exceptId?: number): boolean {
  const row = db.select({ id: products.id }).from(products).where(eq(products.slug, slug)).get();
  return row !== undefined && row.id !== exceptId;
}

function skuTaken(sku: string, exceptId?: number): boolean {
  const row = db.select({ id: variants.id }).from(variants).where(eq(variants.sku, sku)).get();
  return row !== undefined && row.id !== exceptId;
}

// ---------------------------------------------------------------- products

function productColumns(values: ProductValues) {
  return {
    name: values.name,
    slug: values.slug,
    kind: values.kind,
    status: values.status,
    description: values.description,
    material: values.material,
    widthCm: values.widthCm,
    heightCm: values.heightCm,
    depthCm: values.depthCm,
    occasions: values.occasions,
    tags: values.tags,
    isKids: values.isKids,
    isLimited: values.isLimited,
    attachment: values.attachment,
    handleWidthCm: values.handleWidthCm,
    hasStrapRing: values.hasStrapRing,
    artStyle: values.artStyle,
    featuredRank: values.featuredRank,
  };
}

/**
 * Create a product, and with it its first colour when given (a product with no
 * colour is not shown in the shop). One transaction: both or neither.
 */
export function createProduct(
  values: ProductValues,
  actor: Actor,
  now = Date.now(),
  firstVariant?: VariantValues,
): { ok: true; product: ProductRecord; variant: VariantRecord | null } | ProductFailure {
  try {
    return writeTransaction(() => {
      if (slugTaken(values.slug)) return { ok: false, status: 409, message: SLUG_TAKEN, field: "slug" } as const;
      if (firstVariant && skuTaken(firstVariant.sku)) return { ok: false, status: 409, message: SKU_TAKEN, field: "sku" } as const;
      const product = db
        .insert(products)
        .values({ ...productColumns(values), createdAt: now, updatedAt: now })
        .returning()
        .get();
      recordAudit({ staffId: actor.staffId, action: "product.create", entityType: "product", entityId: product.id, before: null, after: productAudit(product), now });
      const variant = firstVariant ? insertVariant(product, firstVariant, actor, now) : null;
      return { ok: true, product, variant } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const sku = String((error as Error).message).includes("variants.sku");
      return sku ? { ok: false, status: 409, message: SKU_TAKEN, field: "sku" } : { ok: false, status: 409, message: SLUG_TAKEN, field: "slug" };
    }
    throw error;
  }
}

// Inside a write transaction: the row, illustrations that follow the art style, the audit entry.
function writeProductUpdate(current: ProductRecord, values: ProductValues, actor: Actor, now: number): ProductRecord {
  const id = current.id;
  const product = db
    .update(products)
    .set({ ...productColumns(values), updatedAt: now })
    .where(eq(products.id, id))
    .returning()
    .get()!;
  if (product.artStyle !== current.artStyle) {
    for (const v of db.select().from(variants).where(eq(variants.productId, id)).all()) {
      if (!isIllustration(v.imageUrl)) continue;
      db.update(variants)
        .set({ imageUrl: artUrl(product.artStyle, v.colourHex, v.hardware), updatedAt: now })
        .where(eq(variants.id, v.id))
        .run();
    }
  }
  recordAudit({
    staffId: actor.staffId,
    action: "product.update",
    entityType: "product",
    entityId: id,
    before: productAudit(current),
    after: productAudit(product),
    now,
  });
  return product;
}

/**
 * Change a product's details. Variants drawn with the illustration follow a
 * new art style; uploaded pictures stay.
 */
export function updateProduct(id: number, values: ProductValues, actor: Actor, now = Date.now()): { ok: true; product: ProductRecord } | ProductFailure {
  try {
    return writeTransaction(() => {
      const current = productRow(id);
      if (!current) return { ok: false, status: 404, message: NO_PRODUCT } as const;
      if (slugTaken(values.slug, id)) return { ok: false, status: 409, message: SLUG_TAKEN, field: "slug" } as const;
      const product = writeProductUpdate(current, values, actor, now);
      return { ok: true, product } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 409, message: SLUG_TAKEN, field: "slug" };
    throw error;
  }
}

/**
 * Delete a product and its variants: only if nothing was ever ordered from it
 * and none of its variants has stock. Otherwise set it to draft.
 */
export function deleteProduct(id: number, actor: Actor, now = Date.now()): { ok: true; product: ProductRecord } | ProductFailure {
  return writeTransaction(() => {
    const current = getProductForEdit(id);
    if (!current) return { ok: false, status: 404, message: NO_PRODUCT } as const;
    if (current.hasOrders) {
      return { ok: false, status: 409, message: `${current.name} has orders, so it can't be deleted. Set it to draft to take it off the shop.` } as const;
    }
    const stocked = current.variants.find((v) => v.stockOnHand > 0 || v.stockHeld > 0);
    if (stocked) {
      return {
        ok: false,
        status: 409,
        message: `${stocked.sku} still has ${stocked.stockOnHand} on hand. Set the stock to 0 on the stock page first, or set the product to draft.`,
      } as const;
    }
    db.delete(products).where(eq(products.id, id)).run();
    const { variants: list, hasOrders: _h, canDelete: _c, ...product } = current;
    recordAudit({
      staffId: actor.staffId,
      action: "product.delete",
      entityType: "product",
      entityId: id,
      before: { ...productAudit(product), variants: list.map((v) => v.sku) },
      after: null,
      now,
    });
    return { ok: true, product } as const;
  });
}

// ---------------------------------------------------------------- variants

function insertVariant(product: ProductRecord, values: VariantValues, actor: Actor, now: number): VariantRecord {
  const variant = db
    .insert(variants)
    .values({
      productId: product.id,
      sku: values.sku,
      colourName: values.colourName,
      colourHex: values.colourHex,
      hardware: values.hardware,
      priceCents: values.priceCents,
      compareAtCents: values.compareAtCents,
      stockOnHand: 0,
      stockHeld: 0,
      imageUrl: artUrl(product.artStyle, values.colourHex, values.hardware),
      position: values.position,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  recordAudit({ staffId: actor.staffId, action: "variant.create", entityType: "variant", entityId: variant.id, before: null, after: variantAudit(variant), now });
  return variant;
}

/** Add a colour to a product. It starts with no stock (stock comes in through the stock page) and the illustration as its picture. */
export function addVariant(productId: number, values: VariantValues, actor: Actor, now = Date.now()): { ok: true; variant: VariantRecord } | ProductFailure {
  try {
    return writeTransaction(() => {
      const product = productRow(productId);
      if (!product) return { ok: false, status: 404, message: NO_PRODUCT } as const;
      if (skuTaken(values.sku)) return { ok: false, status: 409, message: SKU_TAKEN, field: "sku" } as const;
      return { ok: true, variant: insertVariant(product, values, actor, now) } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 409, message: SKU_TAKEN, field: "sku" };
    throw error;
  }
}

function variantOf(productId: number, variantId: number): VariantRecord | null {
  const v = variantRow(variantId);
  return v && v.productId === productId ? v : null;
}

// Inside a write transaction: the row (an illustration follows the colour) and the audit entry.
function writeVariantUpdate(product: ProductRecord, current: VariantRecord, values: VariantValues, actor: Actor, now: number): VariantRecord {
  const variant = db
    .update(variants)
    .set({
      sku: values.sku,
      colourName: values.colourName,
      colourHex: values.colourHex,
      hardware: values.hardware,
      priceCents: values.priceCents,
      compareAtCents: values.compareAtCents,
      position: values.position,
      imageUrl: isIllustration(current.imageUrl) ? artUrl(product.artStyle, values.colourHex, values.hardware) : current.imageUrl,
      updatedAt: now,
    })
    .where(eq(variants.id, current.id))
    .returning()
    .get()!;
  recordAudit({
    staffId: actor.staffId,
    action: "variant.update",
    entityType: "variant",
    entityId: current.id,
    before: variantAudit(current),
    after: variantAudit(variant),
    now,
  });
  return variant;
}

/** Change a colour's SKU, name, colour, hardware, prices or position. An illustration follows the new colour and hardware. */
export function updateVariant(
  productId: number,
  variantId: number,
  values: VariantValues,
  actor: Actor,
  now = Date.now(),
): { ok: true; variant: VariantRecord } | ProductFailure {
  try {
    return writeTransaction(() => {
      const product = productRow(productId);
      const current = product ? variantOf(productId, variantId) : null;
      if (!product || !current) return { ok: false, status: 404, message: NO_VARIANT } as const;
      if (skuTaken(values.sku, variantId)) return { ok: false, status: 409, message: SKU_TAKEN, field: "sku" } as const;
      const variant = writeVariantUpdate(product, current, values, actor, now);
      return { ok: true, variant } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 409, message: SKU_TAKEN, field: "sku" };
    throw error;
  }
}

/** Delete a colour: only if it was never ordered and has no stock. */
export function deleteVariant(productId: number, variantId: number, actor: Actor, now = Date.now()): { ok: true; variant: VariantRecord } | ProductFailure {
  return writeTransaction(() => {
    const current = variantOf(productId, variantId);
    if (!current) return { ok: false, status: 404, message: NO_VARIANT } as const;
    if (variantIdsWithOrders([variantId]).size > 0) {
      return {
        ok: false,
        status: 409,
        message: `${current.sku} has been ordered, so it can't be deleted. Set the product to draft to take it off the shop.`,
      } as const;
    }
    if (current.stockOnHand > 0 || current.stockHeld > 0) {
      return { ok: false, status: 409, message: `${current.sku} still has ${current.stockOnHand} on hand. Set its stock to 0 on the stock page first.` } as const;
    }
    // A product is never left without colours (an active one would show in the shop with nothing to buy).
    const colours = db.select({ id: variants.id }).from(variants).where(eq(variants.productId, productId)).all();
    if (colours.length <= 1) {
      return {
        ok: false,
        status: 409,
        message: `${current.colourName} is the product's only colour, so it can't be deleted. Add another colour first, or delete the whole product.`,
      } as const;
    }
    db.delete(variants).where(eq(variants.id, variantId)).run();
    recordAudit({ staffId: actor.staffId, action: "variant.delete", entityType: "variant", entityId: variantId, before: variantAudit(current), after: null, now });
    return { ok: true, variant: current } as const;
  });
}

/**
 * Give a colour an uploaded picture (already decoded and re-encoded by
 * preparePicture), or go back to the generated illustration.
 */
export function setVariantImage(
  productId: number,
  variantId: number,
  image: { picture: PreparedPicture } | "illustration",
  actor: Actor,
  now = Date.now(),
): { ok: true; variant: VariantRecord } | ProductFailure {
  return writeTransaction(() => {
    const product = productRow(productId);
    const current = product ? variantOf(productId, variantId) : null;
    if (!product || !current) return { ok: false, status: 404, message: NO_VARIANT } as const;
    let imageUrl: string;
    if (image === "illustration") {
      imageUrl = artUrl(product.artStyle, current.colourHex, current.hardware);
    } else {
      imageUrl = storePicture(image.picture, actor, now).url;
    }
    if (imageUrl === current.imageUrl) return { ok: true, variant: current } as const;
    const variant = db.update(variants).set({ imageUrl, updatedAt: now }).where(eq(variants.id, variantId)).returning().get()!;
    recordAudit({
      staffId: actor.staffId,
      action: "variant.image",
      entityType: "variant",
      entityId: variantId,
      before: { sku: current.sku, imageUrl: current.imageUrl },
      after: { sku: variant.sku, imageUrl: variant.imageUrl },
      now,
    });
    return { ok: true, variant } as const;
  });
}

// ---------------------------------------------------------------- CSV and bulk

function productValuesOf(p: ProductRecord): ProductValues {
  return {
    name: p.name,
    slug: p.slug,
    kind: p.kind,
    status: p.status,
    description: p.description,
    material: p.material,
    widthCm: p.widthCm,
    heightCm: p.heightCm,
    depthCm: p.depthCm,
    // In the form's order, as a parsed file gives them: a different order is not a change.
    occasions: OCCASION_OPTIONS.filter((o) => p.occasions.includes(o)),
    tags: p.tags,
    isKids: p.isKids,
    isLimited: p.isLimited,
    attachment: p.attachment,
    handleWidthCm: p.handleWidthCm,
    hasStrapRing: p.hasStrapRing,
    artStyle: p.artStyle,
    featuredRank: p.featuredRank,
  };
}

function variantValuesOf(v: VariantRecord): VariantValues {
  return {
    sku: v.sku,
    colourName: v.colourName,
    colourHex: v.colourHex,
    hardware: v.hardware,
    priceCents: v.priceCents,
    compareAtCents: v.compareAtCents,
    position: v.position,
  };
}

/** Every product with its colours, for the CSV download: featured first, colours in their order. */
export function exportCatalog(): ExportProduct[] {
  const all = db.select().from(variants).orderBy(asc(variants.position), asc(variants.id)).all();
  const byProduct = new Map<number, VariantValues[]>();
  for (const v of all) {
    const list = byProduct.get(v.productId) ?? [];
    list.push(variantValuesOf(v));
    byProduct.set(v.productId, list);
  }
  return db
    .select()
    .from(products)
    .orderBy(asc(products.featuredRank), asc(products.id))
    .all()
    .map((p) => ({ ...productValuesOf(p), variants: byProduct.get(p.id) ?? [] }));
}

function importSnapshot() {
  const productRows = db.select().from(products).all();
  const names = new Map(productRows.map((p) => [p.id, p.name]));
  return {
    productsBySlug: new Map(productRows.map((p) => [p.slug, { id: p.id, values: productValuesOf(p) }])),
    variantsBySku: new Map(
      db
        .select()
        .from(variants)
        .all()
        .map((v) => [v.sku, { id: v.id, productId: v.productId, productName: names.get(v.productId) ?? "another product", values: variantValuesOf(v) }]),
    ),
  };
}

/** What a product file would change, against the catalog now. Writes nothing. */
export function previewProductImport(rows: readonly ProductCsvRow[]) {
  return planProductImport(rows, importSnapshot());
}

/**
 * Apply a product file, all or nothing: planned again inside the write
 * transaction (the catalog may have moved since the preview), then every new
 * and changed product and colour written and audited like a change made in
 * its form. New colours start with no stock and the illustration as picture.
 */
export function applyProductImport(
  rows: readonly ProductCsvRow[],
  actor: Actor,
  now = Date.now(),
): { ok: true; plan: ProductImportPlan } | { ok: false; problems: LineProblem[] } {
  return writeTransaction(() => {
    const planned = planProductImport(rows, importSnapshot());
    if (!planned.ok) return planned;
    const idOfSlug = new Map<string, number>();
    for (const p of planned.plan.products) {
      if (p.change === "new") {
        const product = db
          .insert(products)
          .values({ ...productColumns(p.values), createdAt: now, updatedAt: now })
          .returning()
          .get();
        recordAudit({ staffId: actor.staffId, action: "product.create", entityType: "product", entityId: product.id, before: null, after: productAudit(product), now });
        idOfSlug.set(p.slug, product.id);
      } else {
        if (p.change === "changed") writeProductUpdate(productRow(p.id!)!, p.values, actor, now);
        idOfSlug.set(p.slug, p.id!);
      }
    }
    for (const v of planned.plan.variants) {
      if (v.change === "same") continue;
      const product = productRow(idOfSlug.get(v.slug)!)!;
      if (v.change === "new") insertVariant(product, v.values, actor, now);
      else writeVariantUpdate(product, variantRow(v.id!)!, v.values, actor, now);
    }
    return planned;
  });
}

class BulkRefused extends Error {}

export type BulkProductChange = { kind: "status"; status: ProductRecord["status"] } | { kind: "add-tag" | "remove-tag"; tag: string };

/**
 * One change to several products at once, in one transaction, each audited as
 * its own product change. Products already as asked are left alone (no audit
 * entry); an id that no longer exists is skipped and counted.
 */
export function bulkUpdateProducts(
  ids: readonly number[],
  change: BulkProductChange,
  actor: Actor,
  now = Date.now(),
): { ok: true; changed: number; unchanged: number; missing: number } | ProductFailure {
  try {
    return bulkUpdateInTransaction(ids, change, actor, now);
  } catch (error) {
    // Thrown to roll back the products already changed: all or nothing.
    if (error instanceof BulkRefused) return { ok: false, status: 409, message: error.message };
    throw error;
  }
}

function bulkUpdateInTransaction(ids: readonly number[], change: BulkProductChange, actor: Actor, now: number) {
  return writeTransaction(() => {
    let changed = 0;
    let unchanged = 0;
    let missing = 0;
    for (const id of new Set(ids)) {
      const current = productRow(id);
      if (!current) {
        missing += 1;
        continue;
      }
      const values = productValuesOf(current);
      if (change.kind === "status") values.status = change.status;
      else if (change.kind === "add-tag") values.tags = values.tags.includes(change.tag) ? values.tags : [...values.tags, change.tag];
      else values.tags = values.tags.filter((t) => t !== change.tag);
      if (values.tags.length > MAX_TAGS) {
        throw new BulkRefused(`${current.name} already has ${MAX_TAGS} tags, the most a product can have. Nothing was changed.`);
      }
      if (values.status === current.status && JSON.stringify(values.tags) === JSON.stringify(current.tags)) {
        unchanged += 1;
        continue;
      }
      writeProductUpdate(current, values, actor, now);
      changed += 1;
    }
    return { ok: true, changed, unchanged, missing } as const;
  });
}
