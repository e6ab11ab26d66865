// The only module that writes the audit log: who changed what in the back
// office, with the record before and after.
//
// recordAudit is synchronous and uses the process's one connection, so called
// inside a caller's db.transaction(...) it is part of that transaction: the
// change and its audit row commit or roll back together.
import { and, count, desc, eq, gte, inArray, isNotNull, lt, type SQL } from "drizzle-orm";
import type { AuditNames, VariantName } from "~/domain/audit-format";
import { db } from "~/utils/db.server";
import { auditLog, bundleOffers, orderLines, orders, products, shippingMethods, staff, variants } from "../../db/schema";

/** Who made a change: the signed-in staff member, or null for the shop itself (a script, a webhook). */
export type Actor = { staffId: number | null };

export type AuditEntry = {
  staffId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  now?: number;
};

// Never written to the log, at any depth: password hashes, tokens, secrets.
const SECRET_KEY = /password|secret|token/i;

function redact(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "…";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) || v === undefined) continue;
    out[key] = redact(v, depth + 1);
  }
  return out;
}

/** Write one audit row; returns its id. */
export function recordAudit(entry: AuditEntry): number {
  const [row] = db
    .insert(auditLog)
    .values({
      staffId: entry.staffId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: redact(entry.before),
      after: redact(entry.after),
      createdAt: entry.now ?? Date.now(),
    })
    .returning({ id: auditLog.id })
    .all();
  return row!.id;
}

export type AuditRow = {
  id: number;
  createdAt: number;
  staffId: number | null;
  staffName: string | null;
  staffEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export interface AuditFilters {
  entityType?: string | null;
  action?: string | null;
  staffId?: number | null;
  /** Written in [fromMs, toMs), epoch ms. */
  fromMs?: number | null;
  toMs?: number | null;
}

function auditWhere(args: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (args.entityType) conditions.push(eq(auditLog.entityType, args.entityType));
  if (args.action) conditions.push(eq(auditLog.action, args.action));
  if (args.staffId !== undefined && args.staffId !== null) conditions.push(eq(auditLog.staffId, args.staffId));
  if (args.fromMs !== undefined && args.fromMs !== null) conditions.push(gte(auditLog.createdAt, args.fromMs));
  if (args.toMs !== undefined && args.toMs !== null) conditions.push(lt(auditLog.createdAt, args.toMs));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Newest first, filtered by kind, person and time. */
export function listAudit(args: AuditFilters & { limit: number; offset: number }): {
  entries: AuditRow[];
  total: number;
} {
  const limit = Math.min(Math.max(Math.trunc(args.limit), 1), 10_000);
  const offset = Math.max(Math.trunc(args.offset), 0);
  const where = auditWhere(args);
  const entries = db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      staffId: auditLog.staffId,
      staffName: staff.name,
      staffEmail: staff.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
  const [totalRow] = db.select({ n: count() }).from(auditLog).where(where).all();
  return { entries, total: totalRow?.n ?? 0 };
}

/** The kinds of change the log holds, for the filter. */
export function listAuditActions(): string[] {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}

/** The people who appear in the log, for the filter. */
export function listAuditPeople(): { id: number; name: string; email: string }[] {
  return db
    .select({ id: staff.id, name: staff.name, email: staff.email })
    .from(staff)
    .where(inArray(staff.id, db.selectDistinct({ id: auditLog.staffId }).from(auditLog).where(isNotNull(auditLog.staffId))))
    .orderBy(staff.name, staff.id)
    .all();
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * The names the entries mention (products, colours, orders and their lines,
 * offers, staff, shipping methods), for the readable log: at most one query a
 * kind of thing, however many entries.
 */
export function auditNamesFor(entries: readonly Pick<AuditRow, "entityType" | "entityId" | "before" | "after">[]): AuditNames {
  const ids = { products: new Set<number>(), variants: new Set<number>(), orders: new Set<number>(), lines: new Set<number>(), offers: new Set<number>(), staff: new Set<number>(), shipping: new Set<number>() };
  const add = (set: Set<number>, v: unknown) => {
    const id = idOf(v);
    if (id !== null) set.add(id);
  };
  for (const e of entries) {
    const target = { product: ids.products, variant: ids.variants, order: ids.orders, bundle_offer: ids.offers, staff: ids.staff, shipping_method: ids.shipping }[e.entityType];
    if (target) add(target, e.entityId);
    for (const snap of [e.before, e.after]) {
      if (!isRecord(snap)) continue;
      add(ids.products, snap.productId);
      if (snap.triggerType === "product") add(ids.products, snap.triggerValue);
      if (snap.addonType === "products" && typeof snap.addonValue === "string") for (const id of snap.addonValue.split(",")) add(ids.products, id.trim());
      for (const list of [snap.restocked, snap.lines, snap.shortages]) {
        if (!Array.isArray(list)) continue;
        for (const item of list) {
          if (!isRecord(item)) continue;
          add(ids.variants, item.variantId);
          add(ids.lines, item.lineId);
        }
      }
    }
  }
  const list = (s: Set<number>) => [...s].slice(0, 5000);
  const variantRows =
    ids.variants.size === 0
      ? []
      : db
          .select({ id: variants.id, sku: variants.sku, colourName: variants.colourName, productName: products.name })
          .from(variants)
          .innerJoin(products, eq(products.id, variants.productId))
          .where(inArray(variants.id, list(ids.variants)))
          .all();
  const lineRows =
    ids.lines.size === 0
      ? []
      : db
          .select({ id: orderLines.id, sku: orderLines.sku, colourName: orderLines.colourName, productName: orderLines.productName })
          .from(orderLines)
          .where(inArray(orderLines.id, list(ids.lines)))
          .all();
  const named = <T extends { id: number }>(set: Set<number>, read: (ids: number[]) => T[], name: (row: T) => string) =>
    new Map(set.size === 0 ? [] : read(list(set)).map((r) => [r.id, name(r)] as const));
  const toName = (r: { id: number; sku: string; colourName: string; productName: string }): [number, VariantName] => [r.id, { sku: r.sku, colourName: r.colourName, productName: r.productName }];
  return {
    products: named(ids.products, (x) => db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, x)).all(), (r) => r.name),
    variants: new Map(variantRows.map(toName)),
    orders: named(ids.orders, (x) => db.select({ id: orders.id, number: orders.number }).from(orders).where(inArray(orders.id, x)).all(), (r) => r.number),
    orderLines: new Map(lineRows.map(toName)),
    offers: named(ids.offers, (x) => db.select({ id: bundleOffers.id, name: bundleOffers.name }).from(bundleOffers).where(inArray(bundleOffers.id, x)).all(), (r) => r.name),
    staff: named(ids.staff, (x) => db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, x)).all(), (r) => r.name),
    shippingMethods: named(ids.shipping, (x) => db.select({ id: shippingMethods.id, name: shippingMethods.name }).from(shippingMethods).where(inArray(shippingMethods.id, x)).all(), (r) => r.name),
  };
}

/** The kinds of things the log mentions, for the filter. */
export function listAuditEntityTypes(): string[] {
  return db
    .selectDistinct({ entityType: auditLog.entityType })
    .from(auditLog)
    .orderBy(auditLog.entityType)
    .all()
    .map((r) => r.entityType);
}
