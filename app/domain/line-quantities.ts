// Per-line quantity fields of back-office forms ("qty-12", "ship-12"): one
// whole number per order line, empty meaning none. Shared by refunds and shipments.

export type LineQuantity = { lineId: number; quantity: number };

/**
 * The positive quantities in `raw` whose field names match `field` (its first
 * group is the line id), sorted by line id; a field that is not a whole number
 * is reported through `fail`.
 */
export function lineQuantitiesFrom(
  raw: Record<string, string>,
  field: RegExp,
  fail: (field: string, message: string) => void,
): LineQuantity[] {
  const quantities: LineQuantity[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const m = field.exec(key);
    if (!m) continue;
    const text = value.trim();
    if (text === "") continue;
    if (!/^\d{1,4}$/.test(text)) {
      fail(key, "Enter a whole number of items, or leave it empty.");
      continue;
    }
    const quantity = Number(text);
    if (quantity > 0) quantities.push({ lineId: Number(m[1]), quantity });
  }
  return quantities.sort((a, b) => a.lineId - b.lineId);
}
