// The only module that writes carts and cart lines.
import crypto from "node:crypto";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { decideLineQuantity, type CartLineRef } from "~/domain/cart";
import { db } from "~/utils/db.server";
import { cartLines, carts, products, variants } from "../../db/schema";

export function newCartId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

const linesQuery = db
  .select({ variantId: cartLines.variantId, quantity: cartLines.quantity })
  .from(cartLines)
  .innerJoin(carts, eq(carts.id, cartLines.cartId))
  .where(and(eq(cartLines.cartId, sql.placeholder("cartId")), gt(carts.expiresAt, sql.placeholder("now"))))
  .orderBy(cartLines.id)
  .prepare();

/** The lines of a live cart, oldest first; an unknown or expired cart has none. */
export function getCartLines(cartId: string | null, now = Date.now()): CartLineRef[] {
  if (!cartId) return [];
  return linesQuery.all({ cartId, now });
}

const variantForCartQuery = db
  .select({
    id: variants.id,
    sku: variants.sku,
    productName: products.name,
    productStatus: products.status,
    available: sql<number>`${variants.stockOnHand} - ${variants.stockHeld}`,
  })
  .from(variants)
  .innerJoin(products, eq(products.id, variants.productId))
  .where(eq(variants.sku, sql.placeholder("sku")))
  .prepare();

const cartRowQuery = db
  .select({ id: carts.id, expiresAt: carts.expiresAt })
  .from(carts)
  .where(eq(carts.id, sql.placeholder("cartId")))
  .prepare();

const lineQuery = db
  .select({ quantity: cartLines.quantity })
  .from(cartLines)
  .where(and(eq(cartLines.cartId, sql.placeholder("cartId")), eq(cartLines.variantId, sql.placeholder("variantId"))))
  .prepare();

export type CartChange =
  | { intent: "add" | "update"; sku: string; quantity: number }
  | { intent: "remove"; sku: string };

export type CartChangeResult =
  | { ok: true; cartId: string; lines: CartLineRef[] }
  | { ok: false; status: 400 | 404 | 409; message: string };

class Refusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Apply one or more changes to a cart, all or nothing. Stock is read inside the
 * write transaction, so a line never asks for more than can still be sold.
 * Creates the cart on its first successful change.
 */
export function changeCart(args: {
  cartId: string | null;
  /** The changes, or how to work them out from the cart's lines as they are inside the write lock. */
  changes: CartChange[] | ((lines: CartLineRef[]) => CartChange[]);
  now?: number;
  ttlMs: number;
}): CartChangeResult {
  const now = args.now ?? Date.now();
  try {
    return db.transaction(
      (tx) => {
        const existing = args.cartId ? cartRowQuery.get({ cartId: args.cartId }) : undefined;
        const live = existing && existing.expiresAt > now;
        const cartId = args.cartId ?? newCartId();
        const changes = typeof args.changes === "function" ? args.changes(live ? linesQuery.all({ cartId, now }) : []) : args.changes;
        // Work out every line first; nothing is written unless all are fine.
        const writes: { variantId: number; quantity: number }[] = [];
        const planned = new Map<number, number>();
        for (const change of changes) {
          const variant = variantForCartQuery.get({ sku: change.sku });
          if (!variant || variant.productStatus !== "active") {
            throw new Refusal(404, "That bag is not in our shop (any more). Please choose another.");
          }
          const current =
            planned.get(variant.id) ?? (live ? lineQuery.get({ cartId, variantId: variant.id })?.quantity ?? 0 : 0);
          if (change.intent === "remove") {
            if (current === 0) throw new Refusal(404, `${variant.productName} is not in your cart.`);
            planned.set(variant.id, 0);
            writes.push({ variantId: variant.id, quantity: 0 });
            continue;
          }
          if (change.intent === "update" && current === 0) {
            throw new Refusal(404, `${variant.productName} is not in your cart.`);
          }
          const decision = decideLineQuantity({
            intent: change.intent,
            current,
            requested: change.quantity,
            available: variant.available,
            productName: variant.productName,
          });
          if (!decision.ok) throw new Refusal(409, decision.message);
          planned.set(variant.id, decision.quantity);
          writes.push({ variantId: variant.id, quantity: decision.quantity });
        }

        const expiresAt = now + args.ttlMs;
        if (existing && !live) tx.delete(cartLines).where(eq(cartLines.cartId, cartId)).run();
        tx.insert(carts)
          .values({ id: cartId, createdAt: now, updatedAt: now, expiresAt })
          .onConflictDoUpdate({ target: carts.id, set: { updatedAt: now, expiresAt } })
          .run();
        for (const write of writes) {
          if (write.quantity === 0) {
            tx.delete(cartLines)
              .where(and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, write.variantId)))
              .run();
          } else {
            tx.insert(cartLines)
              .values({ cartId, variantId: write.variantId, quantity: write.quantity, createdAt: now, updatedAt: now })
              .onConflictDoUpdate({
                target: [cartLines.cartId, cartLines.variantId],
                set: { quantity: write.quantity, updatedAt: now },
              })
              .run();
          }
        }
        return { ok: true as const, cartId, lines: linesQuery.all({ cartId, now }) };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
}

/** Remove carts nobody has touched within their lifetime. Returns how many went. */
export function deleteExpiredCarts(now: number): number {
  return db.delete(carts).where(lte(carts.expiresAt, now)).run().changes;
}

/** After an order is paid, take what it bought out of the cart it came from. */
export function removeOrderedItems(cartId: string, items: { variantId: number; quantity: number }[], now: number) {
  for (const item of items) {
    const line = lineQuery.get({ cartId, variantId: item.variantId });
    if (!line) continue;
    const where = and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, item.variantId));
    if (line.quantity <= item.quantity) db.delete(cartLines).where(where).run();
    else db.update(cartLines).set({ quantity: line.quantity - item.quantity, updatedAt: now }).where(where).run();
  }
}
