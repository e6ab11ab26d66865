// Every kind of side effect the outbox carries, registered in one place so a
// server process that sends has them all. (Explicit calls, not import side
// effects: package.json says "sideEffects": false, so the bundler drops those.)
import { registerLowStockEffects } from "~/services/low-stock.server";
import { registerMailEffects } from "~/services/mail.server";
import { registerPaymentEffects } from "~/services/payment-effects.server";

export function registerOutboxHandlers() {
  registerPaymentEffects();
  registerMailEffects();
  registerLowStockEffects();
}
