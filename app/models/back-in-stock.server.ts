// The only module that writes back_in_stock_requests. Sign-ups are stored once
// per email and product colour; when stock arrives for a colour, the stock
// module calls queueBackInStockEmails inside its own write transaction, so the
// emails are queued in the outbox exactly when the stock is committed.
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { BACK_IN_STOCK_TEMPLATE } from "~/domain/back-in-stock";
import { colourSlug } from "~/domain/catalog";
import { enqueueEffect } from "~/models/outbox.server";
import { db } from "~/utils/db.server";
import { backInStockRequests, products, variants } from "../../db/schema";

/** The outbox kind shared with every email (see app/services/order-emails.server.ts). */
const EMAIL_EFFECT = "email";

/**
 * Store a sign-up. The same email for the same product colour is kept once; if
 * it was already emailed (the colour sold out again), it waits for the next restock.
 */
export function requestBackInStock(args: { productId: number; colour: string; email: string; now?: number }) {
  const now = args.now ?? Date.now();
  db.insert(backInStockRequests)
    .values({ productId: args.productId, colour: args.colour, email: args.email, createdAt: now })
    .onConflictDoUpdate({
      target: [backInStockRequests.productId, backInStockRequests.colour, backInStockRequests.email],
      set: { notifiedAt: null, createdAt: now },
      setWhere: sql`${backInStockRequests.notifiedAt} IS NOT NULL`,
    })
    .run();
}

const variantQuery = db
  .select({ productId: variants.productId, colourName: variants.colourName, onHand: variants.stockOnHand, held: variants.stockHeld })
  .from(variants)
  .where(eq(variants.id, sql.placeholder("variantId")))
  .prepare();

const waitingQuery = db
  .select({ id: backInStockRequests.id, createdAt: backInStockRequests.createdAt })
  .from(backInStockRequests)
  .where(
    and(
      eq(backInStockRequests.productId, sql.placeholder("productId")),
      eq(backInStockRequests.colour, sql.placeholder("colour")),
      isNull(backInStockRequests.notifiedAt),
    ),
  )
  .prepare();

/**
 * Stock arrived for a variant: if it can be sold now, queue one email per
 * waiting sign-up for its colour and mark them sent. Call inside the write
 * transaction that added the stock. Returns how many were queued.
 */
export function queueBackInStockEmails(variantId: number, now: number): number {
  const variant = variantQuery.get({ variantId });
  if (!variant || variant.onHand - variant.held <= 0) return 0;
  const waiting = waitingQuery.all({ productId: variant.productId, colour: colourSlug(variant.colourName) });
  for (const request of waiting) {
    enqueueEffect({
      kind: EMAIL_EFFECT,
      // One email per sign-up (a sign-up renewed after a sell-out has a new createdAt).
      dedupeKey: `email:${BACK_IN_STOCK_TEMPLATE}:${request.id}:${request.createdAt}`,
      payload: { template: BACK_IN_STOCK_TEMPLATE, requestId: request.id },
      now,
    });
    db.update(backInStockRequests).set({ notifiedAt: now }).where(eq(backInStockRequests.id, request.id)).run();
  }
  return waiting.length;
}

export type BackInStockRow = {
  id: number;
  email: string;
  colour: string;
  createdAt: number;
  notifiedAt: number | null;
  productId: number;
  productName: string;
  productSlug: string;
};

const rowColumns = {
  id: backInStockRequests.id,
  email: backInStockRequests.email,
  colour: backInStockRequests.colour,
  createdAt: backInStockRequests.createdAt,
  notifiedAt: backInStockRequests.notifiedAt,
  productId: backInStockRequests.productId,
  productName: products.name,
  productSlug: products.slug,
};

export function getBackInStockRequest(id: number): BackInStockRow | undefined {
  return db
    .select(rowColumns)
    .from(backInStockRequests)
    .innerJoin(products, eq(products.id, backInStockRequests.productId))
    .where(eq(backInStockRequests.id, id))
    .get();
}

/** For the admin list: waiting sign-ups first, newest first. */
export function listBackInStockRequests(args: { limit: number; offset: number }): { rows: BackInStockRow[]; total: number; waiting: number } {
  const rows = db
    .select(rowColumns)
    .from(backInStockRequests)
    .innerJoin(products, eq(products.id, backInStockRequests.productId))
    .orderBy(sql`${backInStockRequests.notifiedAt} IS NOT NULL`, desc(backInStockRequests.createdAt), desc(backInStockRequests.id))
    .limit(args.limit)
    .offset(args.offset)
    .all();
  const [totals] = db
    .select({ total: count(), waiting: sql<number>`coalesce(sum(case when ${backInStockRequests.notifiedAt} is null then 1 else 0 end), 0)` })
    .from(backInStockRequests)
    .all();
  return { rows, total: totals?.total ?? 0, waiting: Number(totals?.waiting ?? 0) };
}
