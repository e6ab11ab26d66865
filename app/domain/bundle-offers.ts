// Bundle offers: "buy a tote, get 15% off up to two micro bags". The domain
// type, parsed from a bundle_offers row, the rules for when an offer is active
// and whom it applies to, and the admin form's validation. Pure: no database.
import { z } from "zod";
import { PRODUCT_KINDS, type ProductKind } from "./catalog";
import { formatCents, parseDecimalToCents, percentOf } from "./money";
import { parseShopDateTime, toShopDateTimeLocal } from "./shop-time";


export type OfferTrigger =
  | { type: "product"; productId: number }
  | { type: "kind"; kind: ProductKind }
  | { type: "tag"; tag: string };

export type OfferAddon =
  | { type: "kind"; kind: ProductKind }
  | { type: "products"; productIds: number[] }
  | { type: "tag"; tag: string };

export type OfferDiscount = { type: "percent"; percent: number } | { type: "fixed"; cents: number };

export interface BundleOffer {
  id: number;
  name: string;
  trigger: OfferTrigger;
  addon: OfferAddon;
  discount: OfferDiscount;
  /** How many add-on units one trigger unit discounts under this offer (at least 1). */
  maxAddonsPerTrigger: number;
  /** Epoch ms; null means no start limit. Active from this instant (inclusive). */
  activeFrom: number | null;
  /** Epoch ms; null means no end. Inactive from this instant on (exclusive). */
  activeUntil: number | null;
  /** Higher wins ties between offers that save the shopper the same amount. */
  priority: number;
  enabled: boolean;
}

/** A bundle_offers row as the database returns it (extra columns are ignored). */
export interface BundleOfferRow {
  id: number;
  name: string;
  triggerType: string;
  triggerValue: string;
  addonType: string;
  addonValue: string;
  discountType: string;
  discountValue: number;
  maxAddonsPerTrigger: number;
  activeFrom: number | null;
  activeUntil: number | null;
  priority: number;
  enabled: boolean;
}

/** What offers match against: any product-like object. */
export interface OfferProduct {
  id: number;
  kind: string;
  tags: readonly string[];
}

function isKind(value: string): value is ProductKind {
  return (PRODUCT_KINDS as readonly string[]).includes(value);
}

function parseId(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n > 0 ? n : null;
}

/**
 * Build the domain offer from a row. The admin form validates what it writes;
 * a row that is malformed anyway (edited by hand) is kept but switched off, so
 * that one bad row never breaks the shop nor gives a discount nobody meant.
 */
export function offerFromRow(row: BundleOfferRow): BundleOffer {
  let malformed = false;

  let trigger: OfferTrigger;
  const triggerValue = row.triggerValue.trim();
  if (row.triggerType === "product") {
    const id = parseId(triggerValue);
    if (id === null) malformed = true;
    trigger = { type: "product", productId: id ?? -1 };
  } else if (row.triggerType === "kind") {
    if (!isKind(triggerValue)) malformed = true;
    trigger = { type: "kind", kind: triggerValue as ProductKind };
  } else {
    if (row.triggerType !== "tag" || triggerValue === "") malformed = true;
    trigger = { type: "tag", tag: triggerValue };
  }

  let addon: OfferAddon;
  const addonValue = row.addonValue.trim();
  if (row.addonType === "products") {
    const parts = addonValue.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const ids = parts.map(parseId);
    if (parts.length === 0 || ids.some((id) => id === null)) malformed = true;
    const productIds = [...new Set(ids.filter((id): id is number => id !== null))].sort((a, b) => a - b);
    addon = { type: "products", productIds };
  } else if (row.addonType === "kind") {
    if (!isKind(addonValue)) malformed = true;
    addon = { type: "kind", kind: addonValue as ProductKind };
  } else {
    if (row.addonType !== "tag" || addonValue === "") malformed = true;
    addon = { type: "tag", tag: addonValue };
  }

  let discount: OfferDiscount;
  const value = Number.isSafeInteger(row.discountValue) ? row.discountValue : NaN;
  if (row.discountType === "percent") {
    if (!(value >= 1 && value <= 100)) malformed = true;
    discount = { type: "percent", percent: Number.isNaN(value) ? 0 : Math.min(100, Math.max(0, value)) };
  } else {
    if (row.discountType !== "fixed" || !(value >= 1)) malformed = true;
    discount = { type: "fixed", cents: Number.isNaN(value) ? 0 : Math.max(0, value) };
  }

  const maxAddons = Number.isSafeInteger(row.maxAddonsPerTrigger) ? row.maxAddonsPerTrigger : 1;
  if (maxAddons < 1) malformed = true;

  return {
    id: row.id,
    name: row.name,
    trigger,
    addon,
    discount,
    maxAddonsPerTrigger: Math.max(1, maxAddons),
    activeFrom: row.activeFrom ?? null,
    activeUntil: row.activeUntil ?? null,
    priority: Number.isFinite(row.priority) ? row.priority : 0,
    enabled: Boolean(row.enabled) && !malformed,
  };
}

/** Switched on, and now within [activeFrom, activeUntil). */
export function isOfferActive(offer: BundleOffer, now: number): boolean {
  if (!offer.enabled) return false;
  if (offer.activeFrom !== null && now < offer.activeFrom) return false;
  if (offer.activeUntil !== null && now >= offer.activeUntil) return false;
  return true;
}

/** Does buying this product trigger the offer? */
export function offerTriggers(offer: BundleOffer, product: OfferProduct): boolean {
  const t = offer.trigger;
  switch (t.type) {
    case "product":
      return product.id === t.productId;
    case "kind":
      return product.kind === t.kind;
    case "tag":
      return product.tags.includes(t.tag);
  }
}

/** Is this product one of the offer's discounted add-ons? */
export function offerAppliesTo(offer: BundleOffer, product: OfferProduct): boolean {
  const a = offer.addon;
  switch (a.type) {
    case "products":
      return a.productIds.includes(product.id);
    case "kind":
      return product.kind === a.kind;
    case "tag":
      return product.tags.includes(a.tag);
  }
}

/**
 * Cents off one add-on unit: a percentage rounded half up to whole cents, or
 * a fixed amount capped at the unit price. Never negative, never above the price.
 */
export function addonUnitDiscount(offer: BundleOffer, unitPriceCents: number): number {
  if (!Number.isFinite(unitPriceCents) || unitPriceCents <= 0) return 0;
  const price = Math.floor(unitPriceCents);
  const d = offer.discount;
  const cents =
    d.type === "percent" ? percentOf(price, Math.min(100, Math.max(0, d.percent))) : Math.min(price, Math.floor(d.cents));
  return Math.max(0, Math.min(price, cents));
}

/** "15% off" or "$8.00 off". */
export function describeOffer(offer: BundleOffer): string {
  return offer.discount.type === "percent"
    ? `${offer.discount.percent}% off`
    : `${formatCents(offer.discount.cents)} off`;
}

/**
 * How shoppers read an offer, the same everywhere: the suggestion card's
 * reason, the cart's bundle line, and the order line (checkout, Stripe,
 * receipts). Staff-written names stay in the admin.
 */
export function offerWording(offer: BundleOffer): string {
  return describeOffer(offer);
}

/** Offer id → its wording, for order lines (checkout and Stripe read the wording from there). */
export function offerWordings(offers: readonly BundleOffer[]): Map<number, string> {
  return new Map(offers.map((o) => [o.id, offerWording(o)]));
}

// ---------------------------------------------------------------- admin form

/** The column values the admin form produces for a bundle_offers row. */
export interface BundleOfferValues {
  name: string;
  triggerType: "product" | "kind" | "tag";
  triggerValue: string;
  addonType: "kind" | "products" | "tag";
  addonValue: string;
  discountType: "percent" | "fixed";
  /** percent: 1–100; fixed: cents. */
  discountValue: number;
  maxAddonsPerTrigger: number;
  activeFrom: number | null;
  activeUntil: number | null;
  priority: number;
  enabled: boolean;
}

export const MAX_ADDONS_PER_TRIGGER = 10;
export const MAX_FIXED_DISCOUNT_CENTS = 1_000_000;

/**
 * A `<input type="datetime-local">` value ("2026-11-01T09:00") as epoch ms,
 * read as wall time in `timeZone` (the shop's; UTC by default). Null if it is
 * not a real time there (2026-02-30, 25:00, or skipped by a change of clocks).
 */
export function parseDateTimeLocal(value: string, timeZone = "UTC"): number | null {
  const parsed = parseShopDateTime(value, timeZone);
  return parsed.ok ? parsed.ms : null;
}

/** Epoch ms to the "YYYY-MM-DDTHH:mm" a datetime-local input shows, in `timeZone` (UTC by default). */
export function toDateTimeLocal(ms: number, timeZone = "UTC"): string {
  return toShopDateTimeLocal(ms, timeZone);
}

/** The message for a datetime-local field that did not parse. */
export function dateTimeProblem(value: string, timeZone: string, what: string, example: string): string {
  const parsed = parseShopDateTime(value, timeZone);
  return !parsed.ok && parsed.reason === "skipped"
    ? `${value.trim().replace("T", " ")} doesn't exist in ${timeZone}: the clocks go forward then. Choose a time after the change.`
    : `Enter the ${what} as a date and time, like ${example}.`;
}

/** An offer as the admin form's field values, for editing. */
export function offerFormValues(offer: BundleOffer, timeZone = "UTC"): Record<string, string> {
  const t = offer.trigger;
  const a = offer.addon;
  const fields: Record<string, string> = {
    name: offer.name,
    triggerType: t.type,
    triggerValue: t.type === "product" ? String(t.productId) : t.type === "kind" ? t.kind : t.tag,
    addonType: a.type,
    addonValue: a.type === "products" ? a.productIds.join(",") : a.type === "kind" ? a.kind : a.tag,
    discountType: offer.discount.type,
    discountValue:
      offer.discount.type === "percent"
        ? String(offer.discount.percent)
        : (offer.discount.cents / 100).toFixed(2).replace(/\.00$/, ""),
    maxAddonsPerTrigger: String(offer.maxAddonsPerTrigger),
    activeFrom: offer.activeFrom === null ? "" : toDateTimeLocal(offer.activeFrom, timeZone),
    activeUntil: offer.activeUntil === null ? "" : toDateTimeLocal(offer.activeUntil, timeZone),
    priority: String(offer.priority),
  };
  if (offer.enabled) fields.enabled = "on";
  return fields;
}

const TAG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const KIND_LIST = PRODUCT_KINDS.join(", ");
const optionalText = z.string().optional();

/**
 * The admin form's fields (all strings, as FormData gives them) validated and
 * turned into row values. Every field is checked at once, so the form can show
 * each problem next to its field; issue paths are the field names.
 * Dates are datetime-local strings read in `timeZone` (the shop's).
 */
export const bundleOfferInputSchemaFor = (timeZone: string) => z
  .object({
    name: optionalText,
    triggerType: optionalText,
    triggerValue: optionalText,
    addonType: optionalText,
    addonValue: optionalText,
    discountType: optionalText,
    discountValue: optionalText,
    maxAddonsPerTrigger: optionalText,
    activeFrom: optionalText,
    activeUntil: optionalText,
    priority: optionalText,
    enabled: optionalText,
  })
  .transform((raw, ctx): BundleOfferValues => {
    const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
    const text = (v: string | undefined) => (v ?? "").trim();

    const name = text(raw.name).replace(/\s+/g, " ");
    if (name === "") fail("name", "Give the offer a name.");
    else if (name.length > 120) fail("name", "Keep the name to 120 characters or fewer.");

    const triggerType = text(raw.triggerType);
    let triggerValue = text(raw.triggerValue);
    if (triggerType === "product") {
      const id = parseId(triggerValue);
      if (id === null) fail("triggerValue", "Choose the product that triggers the offer.");
      else triggerValue = String(id);
    } else if (triggerType === "kind") {
      triggerValue = triggerValue.toLowerCase();
      if (!isKind(triggerValue)) fail("triggerValue", `Choose a kind of bag (${KIND_LIST}).`);
    } else if (triggerType === "tag") {
      triggerValue = triggerValue.toLowerCase();
      if (!TAG.test(triggerValue)) fail("triggerValue", "Enter one tag: lowercase letters, digits and dashes, e.g. everyday.");
    } else {
      fail("triggerType", "Choose what triggers the offer: a product, a kind of bag or a tag.");
    }

    const addonType = text(raw.addonType);
    let addonValue = text(raw.addonValue);
    if (addonType === "products") {
      const parts = addonValue.split(",").map((s) => s.trim()).filter((s) => s !== "");
      const ids = parts.map(parseId);
      if (parts.length === 0 || ids.some((id) => id === null)) {
        fail("addonValue", "Enter the add-on product ids separated by commas, e.g. 12,14.");
      } else if (parts.length > 50) {
        fail("addonValue", "Name at most 50 add-on products.");
      } else {
        addonValue = [...new Set(ids as number[])].sort((a, b) => a - b).join(",");
      }
    } else if (addonType === "kind") {
      addonValue = addonValue.toLowerCase();
      if (!isKind(addonValue)) fail("addonValue", `Choose a kind of bag (${KIND_LIST}).`);
    } else if (addonType === "tag") {
      addonValue = addonValue.toLowerCase();
      if (!TAG.test(addonValue)) fail("addonValue", "Enter one tag: lowercase letters, digits and dashes, e.g. charm.");
    } else {
      fail("addonType", "Choose which bags get the discount: a kind of bag, a tag or a list of products.");
    }

    const discountType = text(raw.discountType);
    const discountText = text(raw.discountValue);
    let discountValue = 0;
    if (discountType === "percent") {
      const pct = /^\d{1,3}$/.test(discountText) ? Number(discountText) : NaN;
      if (!(pct >= 1 && pct <= 100)) fail("discountValue", "A percentage discount must be a whole number from 1 to 100.");
      else discountValue = pct;
    } else if (discountType === "fixed") {
      const cents = parseDecimalToCents(discountText.replace(/^\$/, ""));
      if (cents === null) fail("discountValue", "Enter the amount off in dollars, like 8 or 8.50.");
      else if (cents <= 0) fail("discountValue", "The amount off must be more than $0.");
      else if (cents > MAX_FIXED_DISCOUNT_CENTS) fail("discountValue", `The amount off can be at most ${formatCents(MAX_FIXED_DISCOUNT_CENTS)}.`);
      else discountValue = cents;
    } else {
      fail("discountType", "Choose a percentage or a fixed amount off.");
    }

    const maxText = text(raw.maxAddonsPerTrigger);
    const maxAddons = /^\d{1,2}$/.test(maxText) ? Number(maxText) : NaN;
    if (!(maxAddons >= 1 && maxAddons <= MAX_ADDONS_PER_TRIGGER)) {
      fail("maxAddonsPerTrigger", `Add-ons per trigger must be a whole number from 1 to ${MAX_ADDONS_PER_TRIGGER}.`);
    }

    const fromText = text(raw.activeFrom);
    const untilText = text(raw.activeUntil);
    const activeFrom = fromText === "" ? null : parseDateTimeLocal(fromText, timeZone);
    const activeUntil = untilText === "" ? null : parseDateTimeLocal(untilText, timeZone);
    if (fromText !== "" && activeFrom === null) fail("activeFrom", dateTimeProblem(fromText, timeZone, "start", "2026-11-01T09:00"));
    if (untilText !== "" && activeUntil === null) fail("activeUntil", dateTimeProblem(untilText, timeZone, "end", "2026-11-30T23:59"));
    if (activeFrom !== null && activeUntil !== null && activeUntil <= activeFrom) {
      fail("activeUntil", "The end must be after the start.");
    }

    const priorityText = text(raw.priority);
    const priority = priorityText === "" ? 0 : /^[-+]?\d{1,4}$/.test(priorityText) ? Number(priorityText) : NaN;
    if (!(priority >= -1000 && priority <= 1000)) fail("priority", "Priority must be a whole number from -1000 to 1000.");

    const enabledText = text(raw.enabled).toLowerCase();
    if (!["", "on", "true"].includes(enabledText)) fail("enabled", "Tick the box to switch the offer on, or leave it clear.");

    return {
      name,
      triggerType: triggerType as BundleOfferValues["triggerType"],
      triggerValue,
      addonType: addonType as BundleOfferValues["addonType"],
      addonValue,
      discountType: discountType as BundleOfferValues["discountType"],
      discountValue,
      maxAddonsPerTrigger: maxAddons,
      activeFrom,
      activeUntil,
      priority: Object.is(priority, -0) ? 0 : priority,
      enabled: enabledText === "on" || enabledText === "true",
    };
  });

/** The form read in UTC (tests, and shops without SHOP_TIMEZONE). */
export const bundleOfferInputSchema = bundleOfferInputSchemaFor("UTC");

export type BundleOfferInput = z.infer<typeof bundleOfferInputSchema>;
