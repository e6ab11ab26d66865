// Shipping as the cart and the payment pages see it: the active methods priced
// for an order's goods, from the database.
import { cheapestOption, countriesServed, moreForFreeShipping, shippingOptions, type ShippingOption } from "~/domain/shipping";
import { listActiveShippingMethods } from "~/models/shipping.server";

/** What each active method costs for these goods, cheapest first. */
export function offeredShipping(goodsCents: number, version?: number): ShippingOption[] {
  return shippingOptions(listActiveShippingMethods(version), goodsCents);
}

/** The countries the active methods deliver to together. */
export function shippingCountries(version?: number) {
  return countriesServed(listActiveShippingMethods(version));
}

/** The cart's hint: the cheapest method's cost and how far free shipping is. */
export function cartShipping(goodsCents: number, version?: number) {
  const methods = listActiveShippingMethods(version);
  const cheapest = cheapestOption(methods, goodsCents);
  return {
    fromCents: cheapest?.amountCents ?? null,
    moreForFreeCents: moreForFreeShipping(methods, goodsCents),
  };
}
