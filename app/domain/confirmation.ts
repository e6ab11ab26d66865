// Changes that move money, remove stock or delete go in two steps: the form
// is sent, the shop answers with a question that says exactly what will happen
// (no change yet), and only the same fields sent again with confirm=yes make
// the change. Each form also carries a one-time token (web/form-token.server.ts)
// so the confirmed change happens once. Pure: no database.
import { formatCents } from "./money";
import { cardLabel } from "./payment-card";

export const CONFIRM_FIELD = "confirm";
export const FORM_TOKEN_FIELD = "formToken";
export const FORM_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export const ALREADY_DONE = "Already done: this form was sent before, so nothing changed this time.";

export type ConfirmationRequest = {
  /** The question, e.g. "Refund $20.00 … ?" */
  question: string;
  /** What the yes button says, e.g. "Yes, refund $20.00". */
  yes: string;
  /** Every field to send again (the token included), without confirm. */
  fields: Record<string, string>;
  /** A testable name for the change, e.g. "refund". */
  kind: string;
};

/** The fields without the confirmation flag and token, and whether the sender confirmed. */
export function splitConfirmation(fields: Record<string, string>): {
  confirmed: boolean;
  token: string | null;
  rest: Record<string, string>;
} {
  const { [CONFIRM_FIELD]: confirm, [FORM_TOKEN_FIELD]: token, ...rest } = fields;
  const trimmed = (token ?? "").trim();
  return { confirmed: confirm === "yes", token: FORM_TOKEN.test(trimmed) ? trimmed : null, rest };
}

function units(n: number, what: string): string {
  return `${n} × ${what}`;
}

/** "Refund $20.00 to the card ending 4242 and put 1 × Lime Micro Duffle back in stock?" */
export function refundQuestion(args: {
  amountCents: number;
  paymentMode: "stripe" | "test";
  cardLast4?: string | null;
  cardBrand?: string | null;
  restock: { quantity: number; name: string }[];
  shippingCents: number;
}): { question: string; yes: string } {
  const money = formatCents(args.amountCents);
  const card = cardLabel({ brand: args.cardBrand, last4: args.cardLast4 });
  const to =
    args.paymentMode === "test"
      ? " (a test payment: recorded here, no money moves)"
      : card
        ? ` to the ${card}`
        : " to the original payment through Stripe";
  const shipping = args.shippingCents > 0 ? `, shipping of ${formatCents(args.shippingCents)} included,` : "";
  const back = args.restock.length > 0 ? ` and put ${args.restock.map((r) => units(r.quantity, r.name)).join(", ")} back in stock` : "";
  return { question: `Refund ${money}${shipping}${to}${back}?`, yes: `Yes, refund ${money}` };
}

/** Removing units or counting fewer: "Remove 2 units of LIME-MICRO (on hand 10 → 8)?" */
export function stockQuestion(args: { sku: string; onHandBefore: number; onHandAfter: number; reasonLabel: string }): { question: string; yes: string } {
  const removed = args.onHandBefore - args.onHandAfter;
  const n = `${removed} ${removed === 1 ? "unit" : "units"}`;
  return {
    question: `Remove ${n} of ${args.sku} (${args.reasonLabel.toLowerCase()}): on hand ${args.onHandBefore} → ${args.onHandAfter}?`,
    yes: `Yes, remove ${n}`,
  };
}

/** "Delete the colour Plum of Lime Tote and its picture? Orders keep their copy of it." */
export function deleteQuestion(what: string, consequence?: string): { question: string; yes: string } {
  return { question: `Delete ${what}?${consequence ? ` ${consequence}` : ""}`, yes: "Yes, delete" };
}
