// The outbox as staff see it in /admin/outbox: what is waiting, sent or failed,
// and "Send again" for a failed row.
import { getOrder } from "~/models/orders.server";
import { recordAudit } from "~/models/audit.server";
import { countEffectsByStatus, getEffect, listEffects, retryFailedEffect, type OutboxStatus } from "~/models/outbox.server";
import { EMAIL_EFFECT } from "~/services/order-emails.server";
import { nudgeOutboxSender } from "~/services/outbox.server";
import { AUTO_REFUND_EFFECT, EXPIRE_SESSION_EFFECT } from "~/services/payments.server";
import { db } from "~/utils/db.server";

export const OUTBOX_PAGE_SIZE = 50;

const KIND_LABELS: Record<string, string> = {
  [AUTO_REFUND_EFFECT]: "Stripe: refund in full (stock had gone)",
  [EXPIRE_SESSION_EFFECT]: "Stripe: close a replaced checkout",
};

/** What a row is for, in words staff recognise: an email's template, or the effect's kind. */
function describe(kind: string, payload: Record<string, unknown>): string {
  if (kind === EMAIL_EFFECT && typeof payload.template === "string") return `Email: ${payload.template.replace(/_/g, " ")}`;
  return KIND_LABELS[kind] ?? kind;
}

export function outboxPage(args: { status: OutboxStatus | null; page: number }) {
  const counts = countEffectsByStatus();
  const total = args.status ? counts[args.status] : counts.pending + counts.sent + counts.failed;
  const rows = listEffects({ status: args.status ?? undefined, limit: OUTBOX_PAGE_SIZE, offset: (args.page - 1) * OUTBOX_PAGE_SIZE });
  const numbers = new Map<number, string | null>();
  for (const row of rows) {
    if (row.orderId !== null && !numbers.has(row.orderId)) numbers.set(row.orderId, getOrder(row.orderId)?.number ?? null);
  }
  return {
    counts,
    total,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    rows: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      what: describe(row.kind, row.payload),
      status: row.status,
      orderNumber: row.orderId === null ? null : (numbers.get(row.orderId) ?? null),
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    })),
  };
}

export type RetryOutcome = "queued" | "not_failed" | "missing";

/**
 * Staff's "Send again": a failed row goes back to pending and is tried at once.
 * Only a failed row changes, so a second submit (or a row that another person
 * already sent again) changes nothing and writes no audit row.
 */
export function sendAgain(id: number, staffId: number, now = Date.now()): RetryOutcome {
  const outcome = db.transaction((): RetryOutcome => {
    const before = getEffect(id);
    if (!before) return "missing";
    if (!retryFailedEffect(id, now)) return "not_failed";
    recordAudit({
      staffId,
      action: "outbox.send_again",
      entityType: "outbox",
      entityId: id,
      before: { kind: before.kind, payload: before.payload, status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: "pending", attempts: 0 },
      now,
    });
    return "queued";
  }, { behavior: "immediate" });
  if (outcome === "queued") nudgeOutboxSender();
  return outcome;
}
