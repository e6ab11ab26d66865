// The upsell holdout: a fixed share of carts never sees suggestions, so the
// shop can measure what they add. Deterministic per cart id: the same cart is
// always on the same side, in every process, without storing anything.
//
// FNV-1a (32-bit) over the id's UTF-8 bytes, then 10,000 buckets (0–9999); a
// cart is held out when its bucket is below percent × 100. So 0% never, 100%
// always, and 2.5% is buckets 0–249.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a 32-bit hash of a string's UTF-8 bytes, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The cart's bucket, 0–9999. */
export function holdoutBucket(cartId: string): number {
  return fnv1a32(cartId) % 10_000;
}

/** Is this cart in the holdout (shown no suggestions)? `holdoutPercent` is 0–100, fractions allowed. */
export function isInHoldout(cartId: string, holdoutPercent: number): boolean {
  if (!Number.isFinite(holdoutPercent) || holdoutPercent <= 0) return false;
  if (holdoutPercent >= 100) return true;
  return holdoutBucket(cartId) < Math.round(holdoutPercent * 100);
}
