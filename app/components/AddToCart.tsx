import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Money } from "~/components/Money";
import { MAX_QUANTITY_PER_LINE } from "~/domain/cart-limits";

export type CartActionData =
  | { ok: true; message: string; cart: { itemCount: number; subtotalCents: number; discountCents: number; totalCents: number } }
  | { ok: false; message: string };

/**
 * Posts intent=add, sku and quantity to /cart. Without JavaScript the browser
 * submits it and lands on the cart; with JavaScript it stays on the page.
 */
export function AddToCartForm({
  sku,
  productName,
  available,
}: {
  sku: string;
  productName: string;
  available: number;
}) {
  const fetcher = useFetcher<CartActionData>({ key: `add-${sku}` });
  const busy = fetcher.state !== "idle";
  const soldOut = available <= 0;
  const max = Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, available));
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) statusRef.current?.focus();
  }, [fetcher.state, fetcher.data]);

  return (
    <>
      <fetcher.Form method="post" action="/cart" className="add-to-cart">
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="sku" value={sku} />
        <div className="field">
          <label htmlFor={`quantity-${sku}`}>Quantity</label>
          <input
            id={`quantity-${sku}`}
            type="number"
            name="quantity"
            min={1}
            max={max}
            step={1}
            defaultValue={1}
            inputMode="numeric"
            disabled={soldOut}
            required
          />
        </div>
        <button type="submit" className="button" disabled={soldOut || busy} aria-disabled={soldOut}>
          {soldOut ? "Sold out" : busy ? "Adding…" : "Add to cart"}
        </button>
      </fetcher.Form>
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite">
        {fetcher.state === "idle" && fetcher.data ? (
          fetcher.data.ok ? (
            <div className="toast">
              <span>{fetcher.data.message}</span>
              <span className="mini-cart" data-testid="mini-cart">
                {fetcher.data.cart.itemCount} {fetcher.data.cart.itemCount === 1 ? "item" : "items"} ·{" "}
                <Money cents={fetcher.data.cart.totalCents} />
                {fetcher.data.cart.discountCents > 0 ? (
                  <>
                    {" "}
                    (bundle saving <Money cents={fetcher.data.cart.discountCents} />)
                  </>
                ) : null}
              </span>
              <Link to="/cart" className="button small secondary">
                View cart
              </Link>
            </div>
          ) : (
            <p className="notice error">{fetcher.data.message}</p>
          )
        ) : null}
      </div>
      {soldOut ? <span className="visually-hidden">{productName} is sold out in this colour.</span> : null}
    </>
  );
}
