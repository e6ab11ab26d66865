import { describe, expect, it } from "vitest";
import {
  EMAIL_UNDER_ATTACK_FAILURES,
  FREE_FAILURES_PER_ADDRESS,
  FREE_FAILURES_PER_EMAIL_AND_ADDRESS,
  LONGEST_DELAY_MS,
  decideSignInThrottle,
  delayAfterFailures,
  type RecentFailures,
} from "~/domain/sign-in-throttle";

const NOW = Date.UTC(2026, 11, 2, 12, 0);

function recent(parts: {
  pair?: [number, number | null];
  address?: [number, number | null];
  email?: number;
}): RecentFailures {
  const [pf, pl] = parts.pair ?? [0, null];
  const [af, al] = parts.address ?? [0, null];
  return {
    emailAndAddress: { failures: pf, latestAt: pl },
    address: { failures: af, latestAt: al },
    email: { failures: parts.email ?? pf },
  };
}

describe("delayAfterFailures", () => {
  it("is nothing within the free failures, then 1 s doubling each time, never over 15 minutes", () => {
    expect([0, 1, 4].map((n) => delayAfterFailures(n, 5))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfterFailures(n, 5))).toEqual([1000, 2000, 4000, 8000]);
    expect(delayAfterFailures(15, 5)).toBe(LONGEST_DELAY_MS);
    expect(delayAfterFailures(10_000, 5)).toBe(LONGEST_DELAY_MS);
  });
});

describe("decideSignInThrottle", () => {
  it("lets a first attempt through", () => {
    expect(decideSignInThrottle(recent({}), NOW)).toEqual({ allowed: true });
  });

  it("allows the free failures for an email from one address, then asks for a growing wait", () => {
    const free = FREE_FAILURES_PER_EMAIL_AND_ADDRESS;
    expect(decideSignInThrottle(recent({ pair: [free - 1, NOW] }), NOW)).toEqual({ allowed: true });
    expect(decideSignInThrottle(recent({ pair: [free, NOW] }), NOW)).toEqual({
      allowed: false,
      limitedBy: "email-and-address",
      retryAfterSeconds: 1,
    });
    expect(decideSignInThrottle(recent({ pair: [free + 3, NOW - 2_000] }), NOW)).toEqual({
      allowed: false,
      limitedBy: "email-and-address",
      retryAfterSeconds: 6, // 8 s after the latest failure, 2 s of them gone
    });
    // Once the wait is over, one more try.
    expect(decideSignInThrottle(recent({ pair: [free + 3, NOW - 8_000] }), NOW)).toEqual({ allowed: true });
  });

  it("never holds back an address that has not failed for an email under attack", () => {
    const decision = decideSignInThrottle(recent({ pair: [0, null], email: 10_000 }), NOW);
    expect(decision).toEqual({ allowed: true });
  });

  it("under attack, an address that already failed for the email waits after its first failure", () => {
    const attacked = EMAIL_UNDER_ATTACK_FAILURES;
    // The same single failure is free on a quiet account…
    expect(decideSignInThrottle(recent({ pair: [1, NOW], email: attacked - 1 }), NOW)).toEqual({ allowed: true });
    // …and costs a wait on one under attack, growing with each further failure.
    expect(decideSignInThrottle(recent({ pair: [1, NOW], email: attacked }), NOW)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(decideSignInThrottle(recent({ pair: [5, NOW], email: attacked }), NOW)).toMatchObject({ allowed: false, retryAfterSeconds: 16 });
  });

  it("slows an address that fails for many emails (password spraying), whatever the email", () => {
    const free = FREE_FAILURES_PER_ADDRESS;
    expect(decideSignInThrottle(recent({ address: [free - 1, NOW] }), NOW)).toEqual({ allowed: true });
    expect(decideSignInThrottle(recent({ address: [free + 2, NOW - 1_500] }), NOW)).toEqual({
      allowed: false,
      limitedBy: "address",
      retryAfterSeconds: 3,
    });
  });

  it("asks for the longer of two waits", () => {
    const decision = decideSignInThrottle(recent({ pair: [FREE_FAILURES_PER_EMAIL_AND_ADDRESS + 3, NOW], address: [FREE_FAILURES_PER_ADDRESS, NOW] }), NOW);
    expect(decision).toEqual({ allowed: false, limitedBy: "email-and-address", retryAfterSeconds: 8 });
  });

  it("asks for at least a second, never a fraction", () => {
    const decision = decideSignInThrottle(recent({ pair: [FREE_FAILURES_PER_EMAIL_AND_ADDRESS, NOW - 999] }), NOW);
    expect(decision).toEqual({ allowed: false, limitedBy: "email-and-address", retryAfterSeconds: 1 });
  });
});
