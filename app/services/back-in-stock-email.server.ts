// The "back in stock" email as the outbox's email handler sends it: read the
// sign-up and the product now, render, and address it.
import { backInStockPayloadSchema, renderBackInStockEmail } from "~/domain/back-in-stock";
import { getBackInStockRequest } from "~/models/back-in-stock.server";
import { getCatalog } from "~/models/catalog.server";
import { colourSlug } from "~/domain/catalog";
import type { OutboxRow } from "~/models/outbox.server";
import { PermanentEffectError } from "~/services/outbox.server";
import type { OutgoingEmail } from "~/services/mail.server";

export function isBackInStockPayload(payload: Record<string, unknown>): boolean {
  return payload.template === "back_in_stock";
}

export function backInStockEmail(
  payload: Record<string, unknown>,
  row: Pick<OutboxRow, "id" | "createdAt">,
  origin: string,
  fromDomain: string,
): OutgoingEmail {
  const parsed = backInStockPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentEffectError("Unreadable back-in-stock payload");
  const request = getBackInStockRequest(parsed.data.requestId);
  if (!request) throw new PermanentEffectError(`Back-in-stock request ${parsed.data.requestId} does not exist`);
  const product = getCatalog().byId.get(request.productId);
  const colourName = product?.variants.find((v) => colourSlug(v.colourName) === request.colour)?.colourName ?? request.colour;
  return {
    to: { name: "", address: request.email },
    rendered: renderBackInStockEmail({
      productName: request.productName,
      colourName,
      productUrl: `${origin}/products/${request.productSlug}?colour=${request.colour}`,
    }),
    messageId: `<back_in_stock.${row.id}@${fromDomain}>`,
    fileName: `${row.createdAt}-back_in_stock-${request.id}.eml`,
  };
}
