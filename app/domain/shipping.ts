// Shipping methods: what a method costs for an order's goods (free at or over
// its threshold), the cheapest one, how far a cart is from free shipping, which
// methods serve a country, the delivery estimate's wording, and the admin
// form. Pure: no database. Money is integer cents.
import { z } from "zod";
import { centsToDecimal, formatCents } from "./money";
import { parseDollars } from "./product-form";

/** The countries the shop ships to (ISO 3166-1 alpha-2), with their names. */
export const SHIPPING_COUNTRIES = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  IE: "Ireland",
  FR: "France",
  DE: "Germany",
  NL: "Netherlands",
  AU: "Australia",
} as const;
export type CountryCode = keyof typeof SHIPPING_COUNTRIES;
export const COUNTRY_CODES = Object.keys(SHIPPING_COUNTRIES) as CountryCode[];

export function isCountryCode(code: string): code is CountryCode {
  return Object.prototype.hasOwnProperty.call(SHIPPING_COUNTRIES, code);
}

export const MAX_DELIVERY_DAYS = 60;
export const MAX_SHIPPING_CENTS = 100_000;
export const MAX_FREE_OVER_CENTS = 10_000_000;

export interface ShippingMethodLike {
  id: number;
  name: string;
  priceCents: number;
  freeOverCents: number | null;
  minDays: number;
  maxDays: number;
  countries: readonly string[];
  active: boolean;
  position: number;
}

/** What the method costs for an order whose goods (after bundle discounts) come to `goodsCents`. */
export function shippingPrice(method: Pick<ShippingMethodLike, "priceCents" | "freeOverCents">, goodsCents: number): number {
  if (method.freeOverCents !== null && goodsCents >= method.freeOverCents) return 0;
  return method.priceCents;
}

export interface ShippingOption {
  methodId: number;
  name: string;
  amountCents: number;
  minDays: number;
  maxDays: number;
  countries: readonly string[];
}

/** The active methods as options for this goods amount, cheapest first (ties: the staff's order). */
export function shippingOptions(methods: readonly ShippingMethodLike[], goodsCents: number): ShippingOption[] {
  return methods
    .filter((m) => m.active)
    .map((m) => ({
      methodId: m.id,
      name: m.name,
      amountCents: shippingPrice(m, goodsCents),
      minDays: m.minDays,
      maxDays: m.maxDays,
      countries: m.countries,
      position: m.position,
    }))
    .sort((a, b) => a.amountCents - b.amountCents || a.position - b.position || a.methodId - b.methodId)
    .map(({ position: _position, ...option }) => option);
}

/** The cheapest active method for this goods amount, or null when none is active. */
export function cheapestOption(methods: readonly ShippingMethodLike[], goodsCents: number): ShippingOption | null {
  return shippingOptions(methods, goodsCents)[0] ?? null;
}

/**
 * How much more the goods must come to for the cheapest active method to be
 * free, or null when shipping is already free or no method ever gets free.
 */
export function moreForFreeShipping(methods: readonly ShippingMethodLike[], goodsCents: number): number | null {
  const cheapest = cheapestOption(methods, goodsCents);
  if (!cheapest || cheapest.amountCents === 0) return null;
  const gaps = methods
    .filter((m) => m.active && m.freeOverCents !== null && m.freeOverCents > goodsCents)
    .map((m) => m.freeOverCents! - goodsCents);
  return gaps.length > 0 ? Math.min(...gaps) : null;
}

/** The methods that deliver to a country. */
export function methodsServing<T extends Pick<ShippingMethodLike, "countries">>(methods: readonly T[], country: string): T[] {
  return methods.filter((m) => m.countries.includes(country));
}

/** Every country some method delivers to, in the shop's country order. */
export function countriesServed(methods: readonly Pick<ShippingMethodLike, "countries" | "active">[]): CountryCode[] {
  const served = new Set(methods.filter((m) => m.active).flatMap((m) => m.countries));
  return COUNTRY_CODES.filter((c) => served.has(c));
}

/** "3–5 business days", "1 business day", "2 business days". */
export function deliveryEstimate(minDays: number, maxDays: number): string {
  if (minDays === maxDays) return `${minDays} business ${minDays === 1 ? "day" : "days"}`;
  return `${minDays}–${maxDays} business days`;
}

/** "Free" or "$8.00". */
export function shippingLabel(cents: number): string {
  return cents === 0 ? "Free" : formatCents(cents);
}

// ---------------------------------------------------------------- the admin form

export interface ShippingMethodInput {
  name: string;
  priceCents: number;
  freeOverCents: number | null;
  minDays: number;
  maxDays: number;
  countries: CountryCode[];
  active: boolean;
  position: number;
}

const DAYS = /^\d{1,3}$/;

/**
 * The shipping method form as FormData gives it: `countries` is the checked
 * country codes joined by commas (the route joins the repeated checkboxes).
 * Issue paths are field names, for messages next to each field.
 */
export const shippingMethodFormSchema = z
  .record(z.string(), z.string())
  .transform((raw, ctx): ShippingMethodInput => {
    const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
    const known = new Set(["intent", "id", "name", "price", "freeOver", "minDays", "maxDays", "countries", "active", "position"]);
    const unknown = Object.keys(raw).filter((k) => !known.has(k));
    if (unknown.length > 0) fail("_form", `Unexpected field "${unknown[0]!.slice(0, 40)}": reload the page and try again.`);

    const name = (raw.name ?? "").trim().replace(/\s+/g, " ");
    if (name === "") fail("name", "Enter a name, like Standard or Express.");
    else if (name.length > 60) fail("name", "Keep the name to 60 characters or fewer.");

    const priceText = (raw.price ?? "").trim();
    const priceCents = parseDollars(priceText);
    if (priceText === "") fail("price", "Enter a price in dollars, like 8 or 8.00 (0 for free).");
    else if (/^-/.test(priceText.replace(/^\$\s*/, ""))) fail("price", "The price can't be negative.");
    else if (priceCents === null) fail("price", "Enter the price in dollars, like 8 or 8.00.");
    else if (priceCents > MAX_SHIPPING_CENTS) fail("price", `The price can be at most ${formatCents(MAX_SHIPPING_CENTS)}.`);

    const freeText = (raw.freeOver ?? "").trim();
    let freeOverCents: number | null = null;
    if (freeText !== "") {
      const cents = parseDollars(freeText);
      if (/^-/.test(freeText.replace(/^\$\s*/, ""))) fail("freeOver", "The threshold can't be negative.");
      else if (cents === null) fail("freeOver", "Enter the order amount in dollars, like 150, or leave it empty.");
      else if (cents > MAX_FREE_OVER_CENTS) fail("freeOver", `The threshold can be at most ${formatCents(MAX_FREE_OVER_CENTS)}.`);
      else freeOverCents = cents;
    }

    const day = (field: "minDays" | "maxDays", label: string): number | null => {
      const text = (raw[field] ?? "").trim();
      if (!DAYS.test(text)) {
        fail(field, `Enter the ${label} as a whole number of business days.`);
        return null;
      }
      const n = Number(text);
      if (n < 1 || n > MAX_DELIVERY_DAYS) {
        fail(field, `The ${label} must be between 1 and ${MAX_DELIVERY_DAYS} business days.`);
        return null;
      }
      return n;
    };
    const minDays = day("minDays", "fastest delivery");
    const maxDays = day("maxDays", "slowest delivery");
    if (minDays !== null && maxDays !== null && minDays > maxDays) {
      fail("maxDays", "The slowest delivery can't be faster than the fastest.");
    }

    const codes = (raw.countries ?? "")
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter((c) => c !== "");
    const bad = codes.find((c) => !isCountryCode(c));
    if (bad !== undefined) fail("countries", `"${bad.slice(0, 10)}" is not a country the shop ships to.`);
    else if (codes.length === 0) fail("countries", "Choose at least one country.");
    const countries = COUNTRY_CODES.filter((c) => codes.includes(c));

    const activeText = (raw.active ?? "").trim().toLowerCase();
    if (!["", "on", "true"].includes(activeText)) fail("active", "Tick the box to offer this method, or leave it clear.");

    const positionText = (raw.position ?? "").trim();
    let position = 0;
    if (positionText !== "") {
      if (!/^\d{1,3}$/.test(positionText)) fail("position", "Enter the order as a whole number from 0 to 999.");
      else position = Number(positionText);
    }

    return {
      name,
      priceCents: priceCents ?? 0,
      freeOverCents,
      minDays: minDays ?? 1,
      maxDays: maxDays ?? 1,
      countries,
      active: activeText === "on" || activeText === "true",
      position,
    };
  });

const COUNTRY_FIELD = /^country-([A-Za-z]{2})$/;

/** The form's field for a country's checkbox (each has its own name: a field may come only once). */
export function countryField(code: string): string {
  return `country-${code}`;
}

/**
 * The form's fields with the ticked `country-XX` boxes gathered into one
 * `countries` field ("US,GB"), as shippingMethodFormSchema reads them.
 */
export function gatherCountryFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const ticked: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const m = COUNTRY_FIELD.exec(key);
    if (!m) out[key] = value;
    else if (value !== "") ticked.push(m[1]!.toUpperCase());
  }
  if (!("countries" in out)) out.countries = ticked.join(",");
  return out;
}

/** A saved method as the form's fields (dollars as typed, ticked countries). */
export function shippingFormValues(m: Omit<ShippingMethodLike, "id">): Record<string, string> {
  const values: Record<string, string> = {
    name: m.name,
    price: centsToDecimal(m.priceCents),
    freeOver: m.freeOverCents === null ? "" : centsToDecimal(m.freeOverCents),
    minDays: String(m.minDays),
    maxDays: String(m.maxDays),
    active: m.active ? "on" : "",
    position: String(m.position),
  };
  for (const c of m.countries) values[countryField(c)] = "on";
  return values;
}

/** The two default methods a new shop starts with. */
export const DEFAULT_SHIPPING_METHODS: ShippingMethodInput[] = [
  { name: "Standard", priceCents: 800, freeOverCents: 15_000, minDays: 3, maxDays: 5, countries: [...COUNTRY_CODES], active: true, position: 0 },
  { name: "Express", priceCents: 2000, freeOverCents: null, minDays: 1, maxDays: 2, countries: [...COUNTRY_CODES], active: true, position: 1 },
];

/**
 * The option a payment's shipping amount stands for: the method Stripe names
 * (its rate's metadata), if that method was offered at that amount; otherwise
 * the first offered option (cheapest first) at that amount. Null when the
 * amount is not one the shop offered: the payment needs a human.
 */
export function matchChargedShipping(
  offered: readonly ShippingOption[],
  charged: { amountCents: number; methodId?: number | null },
): ShippingOption | null {
  if (charged.methodId != null) {
    const named = offered.find((o) => o.methodId === charged.methodId);
    return named && named.amountCents === charged.amountCents ? named : null;
  }
  return offered.find((o) => o.amountCents === charged.amountCents) ?? null;
}

export type ShippingChoice = { ok: true; option: ShippingOption } | { ok: false; message: string };

/**
 * The shopper's pick on the test-payment page: an offered method that delivers
 * to their country; with no pick (null), the cheapest that does.
 */
export function chooseShippingOption(offered: readonly ShippingOption[], methodId: number | null, country: string): ShippingChoice {
  const option = methodId === null ? offered.find((o) => o.countries.includes(country)) ?? offered[0] : offered.find((o) => o.methodId === methodId);
  if (!option) return { ok: false, message: "That shipping method isn't available. Choose one of the methods shown." };
  if (!option.countries.includes(country)) {
    const name = isCountryCode(country) ? SHIPPING_COUNTRIES[country] : country;
    const serving = offered.filter((o) => o.countries.includes(country)).map((o) => o.name);
    return {
      ok: false,
      message:
        serving.length > 0
          ? `${option.name} doesn't deliver to ${name}. Choose ${serving.join(" or ")}.`
          : `We don't deliver to ${name} at the moment.`,
    };
  }
  return { ok: true, option };
}
