import { Form } from "@remix-run/react";
import { PriceWithCompare } from "~/components/Money";
import { offerClosesText } from "~/domain/after-payment";
import { cardImageUrl } from "~/domain/images";

export interface AfterPaymentOfferData {
  open: boolean;
  message?: string;
  closesAt?: number;
  items?: {
    sku: string;
    productName: string;
    colourName: string;
    imageUrl: string;
    regularPriceCents: number;
    priceCents: number;
    offerText: string | null;
    reason: string;
  }[];
}

/**
 * The micro-bag offer after payment, on the thank-you and order pages: one
 * form per micro bag (works without JavaScript), or why it was withdrawn.
 */
export function AfterPaymentOffer({ offer, orderNumber, orderKey }: { offer: AfterPaymentOfferData; orderNumber: string; orderKey: string }) {
  if (!offer.open) {
    return (
      <p className="notice info" data-testid="after-payment-withdrawn" id="add-on">
        {offer.message}
      </p>
    );
  }
  return (
    <section aria-labelledby="add-on-title" id="add-on" data-testid="after-payment-offer" className="after-payment" style={{ margin: "1.5rem 0" }}>
      <h2 id="add-on-title">Add a charm to this order</h2>
      <p className="card-meta">
        At the bundle price, in the same parcel, {offerClosesText(offer.closesAt!)}. A short second payment, for the micro bag only.
      </p>
      <ul className="cart-lines">
        {offer.items!.map((item) => (
          <li key={item.sku} className="cart-line" data-testid="after-payment-item">
            <img src={cardImageUrl(item.imageUrl)} alt="" width={96} height={96} loading="lazy" />
            <div>
              <h3 style={{ margin: 0 }}>
                {item.productName} <span className="card-meta">({item.colourName})</span>
              </h3>
              <p className="card-meta">{item.offerText ? `${item.reason} · ${item.offerText}` : item.reason}</p>
              <Form method="post" action={`/orders/${encodeURIComponent(orderNumber)}/add-on`} className="line-actions">
                <input type="hidden" name="key" value={orderKey} />
                <input type="hidden" name="sku" value={item.sku} />
                <button type="submit" className="button small" aria-label={`Add to my order: ${item.productName} (${item.colourName})`}>
                  Add to my order
                </button>
              </Form>
            </div>
            <div className="line-total" data-testid="after-payment-price">
              <PriceWithCompare cents={item.priceCents} compareAtCents={item.regularPriceCents} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
