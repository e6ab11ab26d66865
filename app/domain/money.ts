// Money is integer cents everywhere; these helpers only format and sum it.
export const CURRENCY = "usd";

const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  return formatter.format(cents / 100);
}

/** Cents to the "12.50" form an input field shows. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Parse a price typed by a person ("12", "12.5", "12.50", "1,200.00") into cents
 * without floating-point rounding. Returns null for anything else.
 */
export function parseDecimalToCents(input: string): number | null {
  const trimmed = input.trim().replace(/,/g, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(trimmed);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}

export function percentOf(cents: number, percent: number): number {
  // Round half up to whole cents, never more than the amount itself.
  return Math.min(cents, Math.floor((cents * percent + 50) / 100));
}
