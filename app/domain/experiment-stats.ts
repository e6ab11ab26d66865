// The statistics behind the experiment figures: intervals for a difference
// between two arms, and how many carts it still takes to see a given lift.
// Pure, deterministic functions (see docs/decisions/0009-experiments.md).
//
// Why these methods:
// - Means (revenue per cart, order value): Welch's t interval. The arms have
//   different sizes and spreads (a discount arm sells more micro bags, so its
//   revenue varies more), and Welch does not assume equal variances. Revenue
//   per cart is skewed (most carts spend 0), but with the tens of carts per arm
//   we require before giving a verdict the mean is close to normal (central
//   limit theorem). A bootstrap would be no more honest at these sizes, and
//   would be random and cost thousands of resamples per page view.
// - Proportions (conversion, attach rate): the unpooled normal (Wald)
//   interval for p2 − p1, the textbook two-sample interval. It is poor with
//   few successes, so the verdict says "not enough data" below a floor of
//   events instead of printing a misleading interval.

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

// ---------------------------------------------------------------- distributions

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability out of (0, 1): ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = g[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b), by its continued fraction (Numerical Recipes' betacf). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return (front * h) / a;
}

/** Student's t CDF with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Inverse of Student's t CDF, by bisection on tCdf (monotone). Very large df is the normal's. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability out of (0, 1): ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive: ${df}`);
  if (df > 1e7) return normalQuantile(p);
  let lo = -1e4;
  let hi = 1e4;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------- samples

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator); 0 with fewer than two values. */
  variance: number;
}

export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/** Welch–Satterthwaite degrees of freedom. */
export function welchDf(a: SampleSummary, b: SampleSummary): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
}

/**
 * Welch's interval for mean(treatment) − mean(control). Null when it cannot be
 * computed: fewer than two values in an arm, or no spread in either.
 */
export function welchInterval(treatment: SampleSummary, control: SampleSummary, confidence = 0.95): Interval | null {
  if (treatment.n < 2 || control.n < 2) return null;
  const se = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  const estimate = treatment.mean - control.mean;
  if (se === 0) return null;
  const t = tQuantile(1 - (1 - confidence) / 2, welchDf(treatment, control));
  return { estimate, low: estimate - t * se, high: estimate + t * se };
}

/** One-sample t interval for a mean (null with fewer than two values). */
export function meanInterval(sample: SampleSummary, confidence = 0.95): Interval | null {
  if (sample.n < 2) return null;
  const half = tQuantile(1 - (1 - confidence) / 2, sample.n - 1) * Math.sqrt(sample.variance / sample.n);
  return { estimate: sample.mean, low: sample.mean - half, high: sample.mean + half };
}

export interface Proportion {
  successes: number;
  trials: number;
}

/** Unpooled normal interval for p(treatment) − p(control); null without trials in an arm. */
export function proportionDifferenceInterval(treatment: Proportion, control: Proportion, confidence = 0.95): Interval | null {
  if (treatment.trials === 0 || control.trials === 0) return null;
  const p1 = treatment.successes / treatment.trials;
  const p0 = control.successes / control.trials;
  const se = Math.sqrt((p1 * (1 - p1)) / treatment.trials + (p0 * (1 - p0)) / control.trials);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { estimate: p1 - p0, low: p1 - p0 - z * se, high: p1 - p0 + z * se };
}

// ---------------------------------------------------------------- sample size

/**
 * Carts needed in each arm to detect a difference `delta` between two means
 * with the given standard deviations (two-sided test at `alpha`, `power`):
 * n = (z₁₋α/₂ + z_power)² (σ₁² + σ₂²) / δ². Infinity when delta is 0.
 */
export function sampleSizePerArmForMeans(sdControl: number, sdTreatment: number, delta: number, alpha = 0.05, power = 0.8): number {
  if (delta === 0) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * (sdControl ** 2 + sdTreatment ** 2)) / (delta * delta));
}

/** The same for proportions p0 (control) and p1 (treatment): σ² = p(1 − p). */
export function sampleSizePerArmForProportions(p0: number, p1: number, alpha = 0.05, power = 0.8): number {
  if (p0 === p1) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * (p0 * (1 - p0) + p1 * (1 - p1))) / (p1 - p0) ** 2);
}
