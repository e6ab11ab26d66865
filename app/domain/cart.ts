// Cart rules: what a shopper may ask for, and what a line's quantity becomes.
import { z } from "zod";
import { formFields, parseWith, type ParseResult } from "../web/forms";
import { MAX_QUANTITY_PER_LINE } from "./cart-limits";

export { MAX_QUANTITY_PER_LINE };

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
