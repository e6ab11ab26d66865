import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a32, holdoutBucket, isInHoldout } from "~/domain/holdout";

describe("holdout", () => {
  it("hashes with FNV-1a 32-bit (published test vectors)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("is stable per cart id", () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 100, noNaN: true }), (id, pct) => {
        expect(isInHoldout(id, pct)).toBe(isInHoldout(id, pct));
        expect(holdoutBucket(id)).toBeGreaterThanOrEqual(0);
        expect(holdoutBucket(id)).toBeLessThan(10_000);
      }),
      { numRuns: 500 },
    );
    expect(holdoutBucket("cart-abc")).toBe(fnv1a32("cart-abc") % 10_000);
  });

  it("0% never and 100% always", () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(isInHoldout(id, 0)).toBe(false);
        expect(isInHoldout(id, 100)).toBe(true);
        expect(isInHoldout(id, -5)).toBe(false);
        expect(isInHoldout(id, 150)).toBe(true);
        expect(isInHoldout(id, Number.NaN)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("a cart held out at some share stays held out at any larger share", () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (id, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (isInHoldout(id, lo)) expect(isInHoldout(id, hi)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each([1, 5, 10, 25, 50, 90])("holds out roughly %d%% of 10,000 carts", (pct) => {
    const random = Array.from({ length: 10_000 }, () => randomUUID());
    const sequential = Array.from({ length: 10_000 }, (_, k) => `cart-${k}`);
    for (const ids of [random, sequential]) {
      const share = ids.filter((id) => isInHoldout(id, pct)).length / ids.length;
      // Binomial sd at 10,000 is at most 0.5 percentage points; allow ~4 sd.
      expect(Math.abs(share - pct / 100)).toBeLessThan(0.02);
    }
  });

  it("uses hundredths of a percent", () => {
    const ids = Array.from({ length: 10_000 }, (_, k) => `c${k}`);
    const at = (pct: number) => ids.filter((id) => isInHoldout(id, pct)).length;
    expect(at(2.5)).toBeGreaterThan(at(2));
    expect(at(2.5)).toBeLessThan(at(3));
  });
});
