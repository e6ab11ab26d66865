// When the outbox tries a side effect again. Pure: the sender and its tests use it.

/** How many times a side effect is tried before it is marked failed for a person to look at. */
export const OUTBOX_MAX_ATTEMPTS = 8;

/** How long a sender may work on a claimed row before another may take it over (a crashed sender). */
export const OUTBOX_LEASE_MS = 2 * 60_000;

/**
 * Delay before attempt number `attempts + 1`, after `attempts` failures:
 * base, 2×, 4×… capped at an hour, so a mail server that is down for the
 * afternoon is retried about hourly and never hammered.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(baseMs * 2 ** exponent, 60 * 60_000);
}

export type DeliveryDecision =
  | { kind: "sent" }
  | { kind: "retry"; nextAttemptAt: number }
  | { kind: "failed" };

/** What to do with a row after an attempt: its attempts count already includes this one. */
export function afterAttempt(args: { ok: boolean; permanent?: boolean; attempts: number; now: number; baseMs: number }): DeliveryDecision {
  if (args.ok) return { kind: "sent" };
  if (args.permanent || args.attempts >= OUTBOX_MAX_ATTEMPTS) return { kind: "failed" };
  return { kind: "retry", nextAttemptAt: args.now + retryDelayMs(args.attempts, args.baseMs) };
}
