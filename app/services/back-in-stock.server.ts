// "Tell me when it's back": validate the sign-up form and store it. Any valid
// sign-up gets the same answer, new or repeated, so the form never tells
// whether an address is already on the list.
import { BACK_IN_STOCK_THANKS, backInStockFormSchema } from "~/domain/back-in-stock";
import { colourSlug, type CatalogProduct } from "~/domain/catalog";
import { formFields, parseWith } from "~/web/forms";
import { requestBackInStock } from "~/models/back-in-stock.server";

export type BackInStockResult = { ok: true; message: string } | { ok: false; message: string; field?: "email" };

export function signUpForRestock(product: CatalogProduct, form: FormData, now = Date.now()): BackInStockResult {
  const fields = formFields(form);
  if (!fields.ok) return { ok: false, message: fields.message };
  const parsed = parseWith(backInStockFormSchema, fields.fields);
  if (!parsed.ok) {
    const emailError = parsed.fieldErrors.email;
    return emailError ? { ok: false, message: emailError, field: "email" } : { ok: false, message: parsed.message };
  }
  const { email, colour } = parsed.data;
  // Only a colour this bag comes in; signing up for one in stock is harmless (it is emailed at the next restock).
  if (!product.variants.some((v) => colourSlug(v.colourName) === colour)) return { ok: false, message: "Choose a colour this bag comes in." };
  requestBackInStock({ productId: product.id, colour, email, now });
  return { ok: true, message: BACK_IN_STOCK_THANKS };
}
