import { describe, expect, it } from "vitest";
import { afterAttempt, OUTBOX_MAX_ATTEMPTS, retryDelayMs } from "~/domain/outbox";

describe("outbox retries", () => {
  it("doubles the delay after each failure, from the base, capped at an hour", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40, 30_000)).toBe(60 * 60_000);
  });

  it("marks a success sent, a failure for retry, and gives up after the last attempt or a permanent error", () => {
    expect(afterAttempt({ ok: true, attempts: 3, now: 0, baseMs: 100 })).toEqual({ kind: "sent" });
    expect(afterAttempt({ ok: false, attempts: 1, now: 1_000, baseMs: 100 })).toEqual({ kind: "retry", nextAttemptAt: 1_100 });
    expect(afterAttempt({ ok: false, attempts: 2, now: 1_000, baseMs: 100 })).toEqual({ kind: "retry", nextAttemptAt: 1_200 });
    expect(afterAttempt({ ok: false, attempts: OUTBOX_MAX_ATTEMPTS - 1, now: 0, baseMs: 100 }).kind).toBe("retry");
    expect(afterAttempt({ ok: false, attempts: OUTBOX_MAX_ATTEMPTS, now: 0, baseMs: 100 })).toEqual({ kind: "failed" });
    expect(afterAttempt({ ok: false, permanent: true, attempts: 1, now: 0, baseMs: 100 })).toEqual({ kind: "failed" });
  });
});
