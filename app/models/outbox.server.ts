// The only module that writes the outbox: side effects (emails, Stripe calls)
// recorded in the same transaction as the change that causes them, then carried
// out by the sender in app/services/outbox.server.ts.
//
// enqueueEffect is synchronous and uses the process's one connection, so called
// inside a caller's db.transaction(...) it commits or rolls back with the change.
import { and, asc, count, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { outbox, OUTBOX_STATUSES } from "../../db/schema";

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type Effect = {
  kind: string;
  // Writing the same key twice is a no-op: one email per order confirmation, one refund per order…
  dedupeKey: string;
  payload: Record<string, unknown>;
  orderId?: number | null;
  now: number;
  // Not before this time (e.g. give Stripe a moment).
  notBefore?: number;
};

/** Record a side effect; returns false when one with the same key exists already. */
export function enqueueEffect(effect: Effect): boolean {
  const result = db
    .insert(outbox)
    .values({
      kind: effect.kind,
      dedupeKey: effect.dedupeKey,
      payload: effect.payload,
      orderId: effect.orderId ?? null,
      status: "pending",
      nextAttemptAt: effect.notBefore ?? effect.now,
      createdAt: effect.now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
  return result.changes > 0;
}

const dueRows = db
  .select()
  .from(outbox)
  .where(
    and(
      eq(outbox.status, "pending"),
      lte(outbox.nextAttemptAt, sql.placeholder("now")),
      or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, sql.placeholder("now"))),
    ),
  )
  .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
  .limit(sql.placeholder("limit"))
  .prepare();

/**
 * Claim up to `limit` due rows for this sender until `now + leaseMs`. Several
 * processes may call this at once: the write lock makes each row go to one.
 */
export function claimDueEffects(now: number, leaseMs: number, limit = 20): OutboxRow[] {
  return db.transaction(
    () => {
      const rows = dueRows.all({ now, limit });
      for (const row of rows) {
        db.update(outbox).set({ lockedUntil: now + leaseMs }).where(eq(outbox.id, row.id)).run();
      }
      return rows.map((r) => ({ ...r, lockedUntil: now + leaseMs }));
    },
    { behavior: "immediate" },
  );
}

export function markEffectSent(id: number, attempts: number, now: number) {
  db.update(outbox).set({ status: "sent", attempts, sentAt: now, lockedUntil: null, lastError: null }).where(eq(outbox.id, id)).run();
}

export function markEffectRetry(id: number, attempts: number, error: string, nextAttemptAt: number) {
  db.update(outbox)
    .set({ attempts, lastError: error.slice(0, 500), nextAttemptAt, lockedUntil: null })
    .where(eq(outbox.id, id))
    .run();
}

export function markEffectFailed(id: number, attempts: number, error: string) {
  db.update(outbox).set({ status: "failed", attempts, lastError: error.slice(0, 500), lockedUntil: null }).where(eq(outbox.id, id)).run();
}

/** Staff's "send again" on a failed row: back to pending with a fresh count. Returns whether it changed. */
export function retryFailedEffect(id: number, now: number): boolean {
  const result = db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
    .run();
  return result.changes > 0;
}

export function getEffect(id: number): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

export function effectsForOrder(orderId: number): OutboxRow[] {
  return db.select().from(outbox).where(eq(outbox.orderId, orderId)).orderBy(asc(outbox.id)).all();
}

export function listEffects(args: { status?: OutboxStatus; kind?: string; limit: number; offset: number }): OutboxRow[] {
  const conditions = [args.status ? eq(outbox.status, args.status) : undefined, args.kind ? eq(outbox.kind, args.kind) : undefined];
  return db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.id))
    .limit(args.limit)
    .offset(args.offset)
    .all();
}

export function countEffectsByStatus(): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all()) {
    counts[row.status] = row.n;
  }
  return counts;
}
