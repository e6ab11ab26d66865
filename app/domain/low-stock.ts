// The daily low-stock digest for owners and managers: which SKUs can sell at
// most their low-stock threshold, rendered like the shop's other emails
// (./email-layout). Pure: the service picks the day, the SKUs and who gets it.
import { renderMessage, type Block, type RenderedEmail } from "./email-layout";
import { shopDay } from "./shop-time";

export type LowStockLine = { sku: string; productName: string; colourName: string; available: number; threshold: number };

/** Most SKUs listed in one email; the rest are counted. */
export const MAX_DIGEST_LINES = 200;

/** The roles that get the digest (a "manager" role arrives with the finer roles). */
export const DIGEST_ROLES: readonly string[] = ["owner", "manager"];

/** The shop day (in SHOP_TIMEZONE; UTC by default) a time falls on, "2026-12-02": one digest per day per person. */
export function digestDay(now: number, timeZone = "UTC"): string {
  return shopDay(now, timeZone);
}

export function lowStockDedupeKey(day: string, staffId: number): string {
  return `low-stock-digest:${day}:${staffId}`;
}

function stockWord(n: number): string {
  return n === 0 ? "none left to sell" : `${n} left to sell`;
}

/** Sold out first, then the fewest left. */
export function sortLowStock(lines: readonly LowStockLine[]): LowStockLine[] {
  return [...lines].sort((a, b) => a.available - b.available || a.productName.localeCompare(b.productName) || a.sku.localeCompare(b.sku));
}

export function renderLowStockDigest(view: { day: string; staffName: string; lines: readonly LowStockLine[]; moreLines: number; stockUrl: string }): RenderedEmail {
  const total = view.lines.length + view.moreLines;
  const soldOut = view.lines.filter((l) => l.available === 0).length;
  const subject = `Low stock on ${view.day}: ${total} ${total === 1 ? "SKU" : "SKUs"}${soldOut > 0 ? `, ${soldOut} sold out` : ""}`;
  const name = view.staffName.replace(/\s+/g, " ").trim();
  const blocks: Block[] = [
    {
      kind: "p",
      text: `${total} ${total === 1 ? "SKU is" : "SKUs are"} at or under the low-stock level you set. Reorder or recount before they sell out.`,
    },
    {
      kind: "list",
      title: "Low stock",
      items: [
        ...view.lines.map((l) => `${l.sku} · ${l.productName}, ${l.colourName}: ${stockWord(l.available)} (low at ${l.threshold})`),
        ...(view.moreLines > 0 ? [`…and ${view.moreLines} more on the stock page.`] : []),
      ],
    },
    { kind: "link", label: "See low stock", url: view.stockUrl },
  ];
  return renderMessage(subject, name ? `Hi ${name},` : "Hello,", blocks);
}
