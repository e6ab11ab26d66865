import { describe, expect, it } from "vitest";
import { parseWith } from "~/web/forms";
import {
  cheapestOption,
  chooseShippingOption,
  countriesServed,
  DEFAULT_SHIPPING_METHODS,
  deliveryEstimate,
  matchChargedShipping,
  methodsServing,
  moreForFreeShipping,
  shippingMethodFormSchema,
  shippingOptions,
  shippingPrice,
  type ShippingMethodLike,
} from "~/domain/shipping";

const STANDARD: ShippingMethodLike = { id: 1, name: "Standard", priceCents: 800, freeOverCents: 15_000, minDays: 3, maxDays: 5, countries: ["US", "CA", "GB"], active: true, position: 0 };
const EXPRESS: ShippingMethodLike = { id: 2, name: "Express", priceCents: 2000, freeOverCents: null, minDays: 1, maxDays: 2, countries: ["US"], active: true, position: 1 };
const COURIER: ShippingMethodLike = { id: 3, name: "Courier", priceCents: 500, freeOverCents: null, minDays: 1, maxDays: 1, countries: ["AU"], active: false, position: 2 };
const METHODS = [EXPRESS, STANDARD, COURIER];

describe("shippingPrice", () => {
  it("charges the price under the threshold and nothing at or over it", () => {
    expect(shippingPrice(STANDARD, 14_999)).toBe(800);
    expect(shippingPrice(STANDARD, 15_000)).toBe(0);
    expect(shippingPrice(STANDARD, 15_001)).toBe(0);
    expect(shippingPrice(STANDARD, 0)).toBe(800);
  });
  it("never makes a method without a threshold free", () => {
    expect(shippingPrice(EXPRESS, 10_000_000)).toBe(2000);
  });
});

describe("options and the cheapest", () => {
  it("lists active methods cheapest first, with their amounts for the goods", () => {
    expect(shippingOptions(METHODS, 5000).map((o) => [o.name, o.amountCents])).toEqual([["Standard", 800], ["Express", 2000]]);
    expect(shippingOptions(METHODS, 20_000).map((o) => [o.name, o.amountCents])).toEqual([["Standard", 0], ["Express", 2000]]);
  });
  it("breaks ties by the staff's order", () => {
    const a = { ...EXPRESS, priceCents: 800, position: 5 };
    expect(shippingOptions([a, STANDARD], 100).map((o) => o.name)).toEqual(["Standard", "Express"]);
  });
  it("finds the cheapest active method, or none", () => {
    expect(cheapestOption(METHODS, 1000)).toMatchObject({ methodId: 1, amountCents: 800 });
    expect(cheapestOption([COURIER], 1000)).toBeNull();
  });
});

describe("moreForFreeShipping", () => {
  it("says how far the goods are from the threshold", () => {
    expect(moreForFreeShipping(METHODS, 11_200)).toBe(3_800);
    expect(moreForFreeShipping(METHODS, 14_999)).toBe(1);
  });
  it("is null once shipping is free, or when nothing gets free", () => {
    expect(moreForFreeShipping(METHODS, 15_000)).toBeNull();
    expect(moreForFreeShipping([EXPRESS], 100)).toBeNull();
    expect(moreForFreeShipping([], 100)).toBeNull();
  });
});

describe("countries", () => {
  it("picks the methods serving a country", () => {
    expect(methodsServing(METHODS, "US").map((m) => m.id)).toEqual([2, 1]);
    expect(methodsServing(METHODS, "GB").map((m) => m.id)).toEqual([1]);
    expect(methodsServing(METHODS, "DE")).toEqual([]);
  });
  it("unites the active methods' countries in the shop's order", () => {
    expect(countriesServed(METHODS)).toEqual(["US", "CA", "GB"]);
    expect(countriesServed(DEFAULT_SHIPPING_METHODS.map((m, i) => ({ ...m, id: i })))).toEqual(["US", "CA", "GB", "IE", "FR", "DE", "NL", "AU"]);
  });
});

describe("deliveryEstimate", () => {
  it("words a range and a single day", () => {
    expect(deliveryEstimate(3, 5)).toBe("3–5 business days");
    expect(deliveryEstimate(1, 1)).toBe("1 business day");
    expect(deliveryEstimate(2, 2)).toBe("2 business days");
  });
});

describe("matchChargedShipping", () => {
  const offered = shippingOptions(METHODS, 5000);
  it("accepts an amount the shop offered, by the method Stripe names or by amount", () => {
    expect(matchChargedShipping(offered, { amountCents: 2000 })?.methodId).toBe(2);
    expect(matchChargedShipping(offered, { amountCents: 800, methodId: 1 })?.name).toBe("Standard");
  });
  it("refuses an amount not offered, or a method at another amount", () => {
    expect(matchChargedShipping(offered, { amountCents: 1 })).toBeNull();
    expect(matchChargedShipping(offered, { amountCents: 800, methodId: 2 })).toBeNull();
    expect(matchChargedShipping(offered, { amountCents: 500, methodId: 3 })).toBeNull(); // inactive
  });
});

describe("the admin form", () => {
  const good = { name: "  Next   day ", price: "12.50", freeOver: "", minDays: "1", maxDays: "1", countries: "us,GB", active: "on" };
  it("parses dollars to cents, trims the name and orders the countries", () => {
    const parsed = parseWith(shippingMethodFormSchema, good);
    expect(parsed).toEqual({
      ok: true,
      data: { name: "Next day", priceCents: 1250, freeOverCents: null, minDays: 1, maxDays: 1, countries: ["US", "GB"], active: true, position: 0 },
    });
    const free = parseWith(shippingMethodFormSchema, { ...good, price: "0", freeOver: "$150", active: "" });
    expect(free.ok && free.data).toMatchObject({ priceCents: 0, freeOverCents: 15_000, active: false });
  });
  it.each([
    ["name", { name: "" }],
    ["name", { name: "x".repeat(61) }],
    ["price", { price: "" }],
    ["price", { price: "-1" }],
    ["price", { price: "8.005" }],
    ["price", { price: "eight" }],
    ["freeOver", { freeOver: "lots" }],
    ["minDays", { minDays: "0" }],
    ["minDays", { minDays: "1.5" }],
    ["maxDays", { maxDays: "61" }],
    ["maxDays", { minDays: "5", maxDays: "3" }],
    ["countries", { countries: "" }],
    ["countries", { countries: "US,XX" }],
    ["active", { active: "maybe" }],
    ["_form", { priceCents: "1" }],
  ])("refuses a bad %s", (field, change) => {
    const parsed = parseWith(shippingMethodFormSchema, { ...good, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors[field]).toBeTruthy();
  });
});

describe("chooseShippingOption", () => {
  const offered = shippingOptions(METHODS, 5000);
  it("takes an offered method that delivers to the country, or by default the cheapest that does", () => {
    expect(chooseShippingOption(offered, 2, "US")).toMatchObject({ ok: true, option: { methodId: 2, amountCents: 2000 } });
    expect(chooseShippingOption(offered, null, "US")).toMatchObject({ ok: true, option: { methodId: 1 } });
  });
  it("refuses a forged method, a switched-off one, or one that doesn't deliver there", () => {
    expect(chooseShippingOption(offered, 99, "US")).toMatchObject({ ok: false, message: expect.stringMatching(/isn't available/) });
    expect(chooseShippingOption(offered, 3, "AU")).toMatchObject({ ok: false });
    expect(chooseShippingOption(offered, 2, "GB")).toEqual({ ok: false, message: "Express doesn't deliver to United Kingdom. Choose Standard." });
    expect(chooseShippingOption(offered, null, "DE")).toEqual({ ok: false, message: "We don't deliver to Germany at the moment." });
  });
});
