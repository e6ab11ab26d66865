// The outbox sender: carries out side effects recorded by enqueueEffect, each
// by the handler registered for its kind, retrying with backoff until it works
// or is marked failed for staff to send again.
//
// Delivery is at least once: a process that dies after the handler succeeded
// and before the row is marked sent leaves it claimed; when the claim lapses
// another sender tries again, so such a crash may repeat one effect once.
// Handlers that can be idempotent are (Stripe calls carry idempotency keys).
import { afterAttempt, OUTBOX_LEASE_MS } from "~/domain/outbox";
import {
  claimDueEffects,
  markEffectFailed,
  markEffectRetry,
  markEffectSent,
  type OutboxRow,
} from "~/models/outbox.server";
import { env } from "~/utils/env.server";

/** Thrown by a handler when trying again cannot help (e.g. the order is gone). */
export class PermanentEffectError extends Error {
  override name = "PermanentEffectError";
}

export type EffectHandler = (payload: Record<string, unknown>, row: OutboxRow) => Promise<void>;

const handlers = new Map<string, EffectHandler>();

export function registerEffectHandler(kind: string, handler: EffectHandler) {
  handlers.set(kind, handler);
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

let running: Promise<DeliveryReport> | null = null;

/** Carry out every due effect once. Concurrent calls in one process share one pass. */
export function deliverDueEffects(now = Date.now()): Promise<DeliveryReport> {
  running ??= deliver(now).finally(() => {
    running = null;
  });
  return running;
}

async function deliver(now: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const baseMs = env().outbox.retryBaseMs;
  for (;;) {
    const rows = claimDueEffects(now, OUTBOX_LEASE_MS);
    if (rows.length === 0) return report;
    for (const row of rows) {
      const attempts = row.attempts + 1;
      const handler = handlers.get(row.kind);
      // Another process (a newer version, mid-deploy) may know the kind: try again later.
      let error: unknown = handler ? null : new Error(`No handler for ${row.kind} in this process`);
      if (handler) {
        try {
          await handler(row.payload, row);
        } catch (caught) {
          error = caught;
        }
      }
      const decision = afterAttempt({
        ok: error === null,
        permanent: error instanceof PermanentEffectError,
        attempts,
        now: Date.now(),
        baseMs,
      });
      const message = error instanceof Error ? error.message : String(error);
      if (decision.kind === "sent") {
        markEffectSent(row.id, attempts, Date.now());
        report.sent += 1;
      } else if (decision.kind === "retry") {
        markEffectRetry(row.id, attempts, message, decision.nextAttemptAt);
        report.retried += 1;
      } else {
        markEffectFailed(row.id, attempts, message);
        console.error(`outbox: ${row.kind} #${row.id} failed after ${attempts} attempt(s): ${message}`);
        report.failed += 1;
      }
    }
    now = Date.now();
  }
}

let timer: NodeJS.Timeout | null = null;
let soon: NodeJS.Timeout | null = null;

/** Look for due effects every OUTBOX_POLL_MS, in every server process. */
export function startOutboxSender() {
  if (timer) return;
  timer = setInterval(() => void deliverSafely(), env().outbox.pollMs);
  timer.unref();
}

export function stopOutboxSender() {
  if (timer) clearInterval(timer);
  if (soon) clearTimeout(soon);
  timer = null;
  soon = null;
}

/**
 * Ask the sender to look now rather than at its next poll; call after the
 * transaction that enqueued something has committed. Does nothing when the
 * sender is not running (scripts, unit tests).
 */
export function nudgeOutboxSender() {
  if (!timer || soon) return;
  soon = setTimeout(() => {
    soon = null;
    void deliverSafely();
  }, 10);
  soon.unref();
}

async function deliverSafely() {
  try {
    await deliverDueEffects();
  } catch (error) {
    console.error("outbox sender failed", error);
  }
}
