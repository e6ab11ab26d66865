// The statistics against values from tables and from scipy (noted beside each).
import { describe, expect, it } from "vitest";
import {
  meanInterval,
  normalQuantile,
  proportionDifferenceInterval,
  sampleSizePerArmForMeans,
  sampleSizePerArmForProportions,
  summarize,
  tQuantile,
  welchDf,
  welchInterval,
} from "~/domain/experiment-stats";

describe("distributions", () => {
  it("gives the normal quantiles of every table", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 4);
  });

  it("gives Student's t quantiles, fractional degrees of freedom too", () => {
    // t tables: 12.706 (1), 2.571 (5), 2.228 (10), 2.042 (30); scipy t.ppf(0.975, 2.5) = 3.574655.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 3);
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.570582, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(tQuantile(0.975, 2.5)).toBeCloseTo(3.574655, 4);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
  });
});

describe("intervals", () => {
  it("Welch: hand-worked example (scipy agrees)", () => {
    const a = summarize([1, 2, 3, 4, 5]);
    const b = summarize([2, 4, 6, 8, 10]);
    expect(a).toEqual({ n: 5, mean: 3, variance: 2.5 });
    expect(b).toEqual({ n: 5, mean: 6, variance: 10 });
    // df = (0.5 + 2)² / (0.5²/4 + 2²/4) = 6.25 / 1.0625
    expect(welchDf(b, a)).toBeCloseTo(5.882353, 5);
    const i = welchInterval(b, a)!;
    expect(i.estimate).toBe(3);
    expect(i.low).toBeCloseTo(-0.887742, 4);
    expect(i.high).toBeCloseTo(6.887742, 4);
  });

  it("Welch: nothing to say with under two values or no spread", () => {
    expect(welchInterval(summarize([1]), summarize([1, 2]))).toBeNull();
    expect(welchInterval(summarize([0, 0, 0]), summarize([0, 0]))).toBeNull();
  });

  it("one mean: t interval with n − 1 degrees of freedom", () => {
    const i = meanInterval(summarize([1, 2, 3, 4, 5]))!;
    expect(i.low).toBeCloseTo(3 - 1.963243, 5);
    expect(i.high).toBeCloseTo(3 + 1.963243, 5);
  });

  it("two proportions: 12 % of 1,000 against 10 % of 1,000", () => {
    const i = proportionDifferenceInterval({ successes: 120, trials: 1000 }, { successes: 100, trials: 1000 })!;
    expect(i.estimate).toBeCloseTo(0.02, 10);
    expect(i.low).toBeCloseTo(-0.007411, 5);
    expect(i.high).toBeCloseTo(0.047411, 5);
    expect(proportionDifferenceInterval({ successes: 1, trials: 0 }, { successes: 1, trials: 3 })).toBeNull();
  });
});

describe("sample size for 80 % power at 5 %", () => {
  it("means: σ = 10 both, δ = 5 needs 63 per arm (the textbook figure)", () => {
    expect(sampleSizePerArmForMeans(10, 10, 5)).toBe(63);
    expect(sampleSizePerArmForMeans(10, 10, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("proportions: 10 % against 12 % needs 3,839 per arm", () => {
    expect(sampleSizePerArmForProportions(0.1, 0.12)).toBe(3839);
  });
});
