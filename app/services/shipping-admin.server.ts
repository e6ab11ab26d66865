// The back office's shipping pages: the list as shown, and the form checked.
import { formatCents } from "~/domain/money";
import { parseWith } from "~/web/forms";
import {
  COUNTRY_CODES,
  countryField,
  deliveryEstimate,
  gatherCountryFields,
  SHIPPING_COUNTRIES,
  shippingMethodFormSchema,
  type ShippingMethodInput,
} from "~/domain/shipping";
import { listShippingMethods } from "~/models/shipping.server";

export const FORM_COUNTRIES = COUNTRY_CODES.map((code) => ({ code, name: SHIPPING_COUNTRIES[code], field: countryField(code) }));

export function shippingList() {
  return listShippingMethods().map((m) => ({
    id: m.id,
    name: m.name,
    price: m.priceCents === 0 ? "Free" : formatCents(m.priceCents),
    freeOver: m.freeOverCents === null ? "—" : formatCents(m.freeOverCents),
    estimate: deliveryEstimate(m.minDays, m.maxDays),
    countries: m.countries.join(", "),
    active: m.active,
  }));
}

export type ShippingCheck =
  | { ok: true; values: ShippingMethodInput }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/** The method form's fields checked; `intent` and `id` are the route's business. */
export function checkShippingForm(fields: Record<string, string>): ShippingCheck {
  const parsed = parseWith(shippingMethodFormSchema, gatherCountryFields(fields));
  return parsed.ok ? { ok: true, values: parsed.data } : parsed;
}

/** What was typed, to show the form again (trimmed to sane lengths). */
export function typedValues(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).slice(0, 40).map(([k, v]) => [k.slice(0, 40), v.slice(0, 100)]));
}
