// What the offers pages of the back office show and check beyond the offer
// form itself: offers described in the shop's words, product references that
// must exist, the bundle price preview (through the one pricing function) and
// the holdout share setting. Pure: no database.
import { z } from "zod";
import { isOfferActive, type BundleOffer, type BundleOfferValues } from "./bundle-offers";
import { KIND_LABELS, type ProductKind } from "./catalog";
import { priceCart, type PricingProduct } from "./pricing";
import { formatShopMinute, utcMinute } from "./shop-time";

const PLURAL_KINDS: Record<ProductKind, string> = {
  tote: "totes",
  micro: "micro bags",
  mini: "mini bags",
  crossbody: "crossbodies",
  clutch: "clutches",
};

function productName(names: ReadonlyMap<number, string>, id: number) {
  return names.get(id) ?? `Product #${id} (missing)`;
}

/** "Any tote", "Calfskin Classic Tote", "Bags tagged everyday". */
export function describeTrigger(offer: Pick<BundleOffer, "trigger">, names: ReadonlyMap<number, string>): string {
  const t = offer.trigger;
  switch (t.type) {
    case "product":
      return productName(names, t.productId);
    case "kind":
      return `Any ${(KIND_LABELS[t.kind] ?? t.kind).toLowerCase()}`;
    case "tag":
      return `Bags tagged ${t.tag}`;
  }
}

/** "Micro bags", "Chain-Strap Micro Flap, Micro Saddle", "Bags tagged kids". */
export function describeAddons(offer: Pick<BundleOffer, "addon">, names: ReadonlyMap<number, string>): string {
  const a = offer.addon;
  switch (a.type) {
    case "products":
      return a.productIds.map((id) => productName(names, id)).join(", ");
    case "kind": {
      const plural = PLURAL_KINDS[a.kind] ?? a.kind;
      return plural.charAt(0).toUpperCase() + plural.slice(1);
    }
    case "tag":
      return `Bags tagged ${a.tag}`;
  }
}

/** Epoch ms as "2026-11-01 09:00 UTC". */
export function formatUtcMinute(ms: number): string {
  return `${utcMinute(ms)} UTC`;
}

/** "Always", "From …", "Until …", "… to …". */
export function describeWindow(offer: Pick<BundleOffer, "activeFrom" | "activeUntil">, timeZone = "UTC"): string {
  const { activeFrom, activeUntil } = offer;
  const at = (ms: number) => formatShopMinute(ms, timeZone);
  if (activeFrom === null && activeUntil === null) return "Always";
  if (activeUntil === null) return `From ${at(activeFrom!)}`;
  if (activeFrom === null) return `Until ${at(activeUntil)}`;
  return `${at(activeFrom)} to ${at(activeUntil)}`;
}

/**
 * Field errors for product ids an offer names that the shop doesn't have
 * (the form schema only checks that they look like ids).
 */
export function missingProductErrors(
  values: Pick<BundleOfferValues, "triggerType" | "triggerValue" | "addonType" | "addonValue">,
  knownProductIds: ReadonlySet<number>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.triggerType === "product" && !knownProductIds.has(Number(values.triggerValue))) {
    errors.triggerValue = `There is no product with id ${values.triggerValue}.`;
  }
  if (values.addonType === "products") {
    const missing = values.addonValue
      .split(",")
      .filter((s) => s !== "")
      .map(Number)
      .filter((id) => !knownProductIds.has(id));
    if (missing.length === 1) errors.addonValue = `There is no product with id ${missing[0]}.`;
    else if (missing.length > 1) errors.addonValue = `There are no products with ids ${missing.join(", ")}.`;
  }
  return errors;
}

// ---------------------------------------------------------------- preview

export interface PreviewItem {
  variantId: number;
  product: PricingProduct;
  unitPriceCents: number;
}

export interface BundlePreview {
  regularCents: number;
  discountCents: number;
  bundleCents: number;
  /** Whether the offer is switched on and within its dates at the time priced. */
  active: boolean;
  /** Whether the offer gave this pair a discount. */
  applies: boolean;
}

/**
 * One tote and one micro bag priced with this offer alone, by the shop's one
 * pricing function, at `now`: the regular price, the discount and the bundle price.
 */
export function previewBundle(tote: PreviewItem, micro: PreviewItem, offer: BundleOffer, now: number): BundlePreview {
  const products = new Map<number, PricingProduct>([
    [tote.product.id, tote.product],
    [micro.product.id, micro.product],
  ]);
  const lines =
    tote.variantId === micro.variantId
      ? [{ variantId: tote.variantId, productId: tote.product.id, quantity: 2, unitPriceCents: tote.unitPriceCents }]
      : [
          { variantId: tote.variantId, productId: tote.product.id, quantity: 1, unitPriceCents: tote.unitPriceCents },
          { variantId: micro.variantId, productId: micro.product.id, quantity: 1, unitPriceCents: micro.unitPriceCents },
        ];
  const priced = priceCart(lines, products, [offer], now);
  return {
    regularCents: priced.subtotalCents,
    discountCents: priced.discountCents,
    bundleCents: priced.totalCents,
    active: isOfferActive(offer, now),
    applies: priced.discountCents > 0,
  };
}

// ---------------------------------------------------------------- holdout share

/** Above half, most shoppers would lose the suggestions the holdout is meant to measure. */
export const MAX_HOLDOUT_PERCENT = 50;

/**
 * The holdout share as typed ("2.5", "10 %"): 0–50 with at most one decimal.
 * The value is the percentage as a number.
 */
export const holdoutPercentSchema = z.object({
  holdoutPercent: z
    .string({ error: "Enter the share of carts to hold out, from 0 to 100." })
    .trim()
    .transform((s) => s.replace(/\s*%$/, ""))
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}(\.\d)?$/, `Enter a percentage from 0 to ${MAX_HOLDOUT_PERCENT}, with at most one decimal, like 5 or 2.5.`)
        .transform(Number)
        .pipe(
          z
            .number()
            .max(MAX_HOLDOUT_PERCENT, `The share can be at most ${MAX_HOLDOUT_PERCENT} %: above that, most shoppers would see no suggestions.`),
        ),
    ),
});

/** "2.5" for 2.5, "10" for 10: how the setting is stored and shown. */
export function formatPercent(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// ---------------------------------------------------------------- products by name, names from the discount

type NamedProduct = { id: number; name: string };

/**
 * The offer form names products by name (picked from a list) or, as before,
 * by id: turn names into ids, with a field error for a name the shop doesn't have.
 */
export function productNamesToIds(
  fields: Record<string, string>,
  products: readonly NamedProduct[],
): { fields: Record<string, string>; fieldErrors: Record<string, string> } {
  const byName = new Map(products.map((p) => [p.name.trim().toLowerCase(), p.id]));
  const out = { ...fields };
  const fieldErrors: Record<string, string> = {};
  const resolve = (part: string): number | null => (/^\d{1,9}$/.test(part) ? Number(part) : (byName.get(part.toLowerCase()) ?? null));
  if ((fields.triggerType ?? "").trim() === "product") {
    const value = (fields.triggerValue ?? "").trim();
    if (value !== "") {
      const id = resolve(value);
      if (id === null) fieldErrors.triggerValue = `No product is called “${value.slice(0, 80)}”. Pick one from the list.`;
      else out.triggerValue = String(id);
    }
  }
  if ((fields.addonType ?? "").trim() === "products") {
    const parts = (fields.addonValue ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    const unknown = parts.filter((p) => resolve(p) === null);
    if (unknown.length > 0) fieldErrors.addonValue = `No product is called “${unknown[0]!.slice(0, 80)}”. Pick names from the list, separated by commas.`;
    else if (parts.length > 0) out.addonValue = parts.map((p) => String(resolve(p))).join(",");
  }
  return { fields: out, fieldErrors };
}

/** The form's product ids shown as names (for editing a saved offer). */
export function productIdsToNames(values: Record<string, string>, products: readonly NamedProduct[]): Record<string, string> {
  const byId = new Map(products.map((p) => [String(p.id), p.name]));
  const out = { ...values };
  if (values.triggerType === "product") out.triggerValue = byId.get(values.triggerValue ?? "") ?? values.triggerValue ?? "";
  if (values.addonType === "products") {
    out.addonValue = (values.addonValue ?? "")
      .split(",")
      .filter((s) => s !== "")
      .map((id) => byId.get(id) ?? id)
      .join(", ");
  }
  return out;
}

/** "15%" or "$12" (or "$8.50"): a discount as a name says it. */
export function discountWords(discount: Pick<BundleOfferValues, "discountType" | "discountValue">): string {
  if (discount.discountType === "percent") return `${discount.discountValue}%`;
  const cents = discount.discountValue;
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

/** A name made from the offer itself, for a form whose name was left empty: "15% off micro bags with totes". */
export function generatedOfferName(values: BundleOfferValues, names: ReadonlyMap<number, string>): string {
  const offer = {
    trigger:
      values.triggerType === "product"
        ? { type: "product" as const, productId: Number(values.triggerValue) }
        : values.triggerType === "kind"
          ? { type: "kind" as const, kind: values.triggerValue as ProductKind }
          : { type: "tag" as const, tag: values.triggerValue },
    addon:
      values.addonType === "products"
        ? { type: "products" as const, productIds: values.addonValue.split(",").map(Number) }
        : values.addonType === "kind"
          ? { type: "kind" as const, kind: values.addonValue as ProductKind }
          : { type: "tag" as const, tag: values.addonValue },
  };
  const lower = (text: string, type: string) => (type === "kind" || type === "tag" ? text.charAt(0).toLowerCase() + text.slice(1) : text);
  const addons = lower(describeAddons(offer as never, names), values.addonType);
  const trigger = lower(describeTrigger(offer as never, names), values.triggerType);
  const name = `${discountWords(values)} off ${addons} with ${trigger}`;
  return name.length <= 120 ? name : `${name.slice(0, 119)}…`;
}

/**
 * Why a name contradicts the discount, or null: a name that says "$12 off"
 * must be a $12 discount, and "20%" a 20 % one.
 */
export function offerNameProblem(name: string, discount: Pick<BundleOfferValues, "discountType" | "discountValue">): string | null {
  const actual = discountWords(discount);
  const fix = `the discount is ${actual} off. Change the name, or leave it empty to have one made from the discount.`;
  for (const m of name.matchAll(/\$\s?(\d{1,6}(?:[.,]\d{1,2})?)/g)) {
    const cents = Math.round(Number(m[1]!.replace(",", ".")) * 100);
    if (discount.discountType !== "fixed" || cents !== discount.discountValue) return `The name says “${m[0]}” but ${fix}`;
  }
  for (const m of name.matchAll(/(\d{1,3})\s?%/g)) {
    if (discount.discountType !== "percent" || Number(m[1]) !== discount.discountValue) return `The name says “${m[0]}” but ${fix}`;
  }
  return null;
}
