// Cart rules: what a shopper may ask for, and what a line's quantity becomes.
import { z } from "zod";
import { MAX_QUANTITY_PER_LINE } from "./cart-limits";

export { MAX_QUANTITY_PER_LINE };

export type FieldErrors = Record<string, string>;

const sku = z
  .string({ error: "Choose a bag first." })
  .trim()
  .min(1, "Choose a bag first.")
  .max(64, "That is not one of our bags.")
  .regex(/^[A-Z0-9-]+$/, "That is not one of our bags.");

const quantity = z
  .string({ error: "Say how many you would like." })
  .trim()
  // Up to 4 digits: anything longer is not a quantity anyone means.
  .regex(/^\d{1,4}$/, `Quantity must be a whole number from 1 to ${MAX_QUANTITY_PER_LINE}.`)
  .transform((v) => Number(v))
  .pipe(
    z
      .number()
      .int()
      .min(1, `Quantity must be a whole number from 1 to ${MAX_QUANTITY_PER_LINE}.`)
      .max(MAX_QUANTITY_PER_LINE, `You can have at most ${MAX_QUANTITY_PER_LINE} of one bag in your cart.`),
  );

const placement = z.enum(["product_page", "cart", "micro_page"], { error: "Unknown place in the shop." });

// Strict: any field the shop did not ask for (a price, a total…) is refused.
// add-bundle puts a suggested charm in the cart with its tote (the tote only
// if it is not there yet: bundleAddChanges); add-charm adds a suggested charm
// for a tote already in the cart.
export const cartInputSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("add"), sku, quantity }),
    z.strictObject({ intent: z.literal("update"), sku, quantity }),
    z.strictObject({ intent: z.literal("remove"), sku }),
    z.strictObject({ intent: z.literal("add-bundle"), sku, charm: sku, placement }),
    z.strictObject({ intent: z.literal("add-charm"), sku, tote: sku, placement }),
  ],
  { error: "Unknown cart action." },
);

export type CartInput = z.infer<typeof cartInputSchema>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors };

/**
 * Turn submitted form fields into a plain object. A field sent twice, or a
 * file, is refused: the shop never guesses which value was meant.
 */
export function formFields(form: FormData): { ok: true; fields: Record<string, string> } | { ok: false; message: string } {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") return { ok: false, message: "Files cannot be sent here." };
    if (Object.prototype.hasOwnProperty.call(fields, key)) {
      return { ok: false, message: `The field "${key.slice(0, 40)}" was sent more than once.` };
    }
    fields[key] = value;
  }
  return { ok: true, fields };
}

/** Validate plain fields with a schema, returning one message and per-field errors. */
export function parseWith<T>(schema: z.ZodType<T>, fields: Record<string, string>): ParseResult<T> {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(", ");
      fieldErrors._form ??= `Unexpected field${issue.keys.length > 1 ? "s" : ""} ${keys}: prices and totals are worked out by the shop.`;
      continue;
    }
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    fieldErrors[key] ??= issue.message;
  }
  const message = fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Please check the form.";
  return { ok: false, message, fieldErrors };
}

export function parseCartInput(form: FormData): ParseResult<CartInput> {
  const fields = formFields(form);
  if (!fields.ok) return { ok: false, message: fields.message, fieldErrors: { _form: fields.message } };
  return parseWith(cartInputSchema, fields.fields);
}

export type QuantityDecision = { ok: true; quantity: number } | { ok: false; message: string };

/**
 * The quantity a line ends up with after add or update, or why it cannot.
 * `current` is what the cart holds now, `available` what can still be sold.
 */
export function decideLineQuantity(args: {
  intent: "add" | "update";
  current: number;
  requested: number;
  available: number;
  productName: string;
}): QuantityDecision {
  const { intent, current, requested, available, productName } = args;
  if (available <= 0) return { ok: false, message: `Sorry, ${productName} is sold out.` };
  const next = intent === "add" ? current + requested : requested;
  if (next > MAX_QUANTITY_PER_LINE) {
    return {
      ok: false,
      message:
        intent === "add" && current > 0
          ? `You already have ${current} of ${productName}; the most per order is ${MAX_QUANTITY_PER_LINE}.`
          : `You can have at most ${MAX_QUANTITY_PER_LINE} of one bag in your cart.`,
    };
  }
  if (next > available) {
    const already = intent === "add" && current > 0 ? ` and ${current} ${current === 1 ? "is" : "are"} already in your cart` : "";
    return { ok: false, message: `Only ${available} of ${productName} left${already}.` };
  }
  return { ok: true, quantity: next };
}

export interface CartLineRef {
  variantId: number;
  quantity: number;
}

export function cartItemCount(lines: CartLineRef[]): number {
  return lines.reduce((sum, l) => sum + l.quantity, 0);
}

export type CartChangeRequest =
  | { intent: "add" | "update"; sku: string; quantity: number }
  | { intent: "remove"; sku: string };

/** What a cart holds, as far as deciding a request's changes needs: products, not colours. */
export interface CartContents {
  lines: { productId: number; quantity: number }[];
  /** The product a SKU belongs to, or null for a SKU the shop does not know. */
  productIdOf: (sku: string) => number | null;
}

/** The line changes a cart request makes on this cart, and what to tell the shopper when it works. */
export function cartChangesFor(input: CartInput, cart: CartContents): { changes: CartChangeRequest[]; message: string } {
  switch (input.intent) {
    case "add":
      return {
        changes: [input],
        message: input.quantity === 1 ? "Added to your cart." : `Added ${input.quantity} to your cart.`,
      };
    case "update":
      return { changes: [input], message: "Cart updated." };
    case "remove":
      return { changes: [input], message: "Removed from your cart." };
    case "add-bundle":
      return bundleAddChanges({ tote: { sku: input.sku, productId: cart.productIdOf(input.sku) }, charmSku: input.charm, cart: cart.lines });
    case "add-charm":
      return { changes: [{ intent: "add", sku: input.sku, quantity: 1 }], message: "Added the charm to your cart." };
  }
}

/**
 * The lines a "tote + charm" add puts in the cart. The tote is the bundle's
 * trigger, not something to buy twice: when the cart already holds that tote
 * (in any colour) only the charm is added; otherwise one tote and the charm.
 * `tote.productId` is null for a SKU the shop does not know.
 */
export function bundleAddChanges(args: {
  tote: { sku: string; productId: number | null };
  charmSku: string;
  cart: { productId: number; quantity: number }[];
}): { changes: CartChangeRequest[]; message: string } {
  const charm: CartChangeRequest = { intent: "add", sku: args.charmSku, quantity: 1 };
  const toteThere = args.tote.productId !== null && args.cart.some((l) => l.productId === args.tote.productId && l.quantity > 0);
  if (toteThere) return { changes: [charm], message: "Added the charm to your cart." };
  return { changes: [{ intent: "add", sku: args.tote.sku, quantity: 1 }, charm], message: "Added the tote and its charm to your cart." };
}
