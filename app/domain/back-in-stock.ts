// "Tell me when it's back": the sign-up form's rules and the email it leads to. Pure.
import { z } from "zod";
import { renderMessage, type RenderedEmail } from "./email-layout";

/** The outbox email template name (kind "email"). */
export const BACK_IN_STOCK_TEMPLATE = "back_in_stock";

/** The one message the form shows after any valid sign-up, new or repeated: it never tells whether an address was already on the list. */
export const BACK_IN_STOCK_THANKS = "Thank you. We'll email you once when this colour is back in stock.";

export const backInStockFormSchema = z.strictObject({
  intent: z.literal("notify", { error: "Reload the page and try again." }),
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email({ error: "Enter an email address like name@example.com." }))
    .transform((e) => e.toLowerCase()),
  colour: z
    .string({ error: "Choose a colour." })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a colour.")
    .max(60, "Choose a colour."),
});

export const backInStockPayloadSchema = z.object({
  template: z.literal(BACK_IN_STOCK_TEMPLATE),
  requestId: z.number().int().positive(),
});

export interface BackInStockEmailView {
  productName: string;
  colourName: string;
  productUrl: string;
}

export function renderBackInStockEmail(view: BackInStockEmailView): RenderedEmail {
  return renderMessage(`Back in stock: ${view.productName} in ${view.colourName}`, "Hello,", [
    { kind: "p", text: `Good news: the ${view.productName} in ${view.colourName} is back in stock.` },
    { kind: "p", text: "You asked us to tell you, so this is the one email we send about it. Stock is limited, so it may not last long." },
    { kind: "link", label: `See the ${view.productName}`, url: view.productUrl },
  ]);
}
