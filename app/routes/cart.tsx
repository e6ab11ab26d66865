import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/Money";
import { CharmSuggestions } from "~/components/CharmSuggestions";
import { parseCartInput, type CartLineRef } from "~/domain/cart";
import type { CartView } from "~/domain/cart-view";
import type { CatalogSnapshot } from "~/domain/catalog";
import { cardImageUrl } from "~/domain/images";
import { suggestionCard } from "~/domain/product-view";
import { getCatalog } from "~/models/catalog.server";
import { addOnePrices, applyCartInput, getCartView, shopperCart } from "~/services/cart.server";
import { cartShipping } from "~/services/shipping.server";
import { charmSuggestions, noteAdd, noteImpressions } from "~/services/suggestions.server";
import { pendingNotice } from "~/web/responses.server";
import { formError, isNavigation } from "~/utils/http.server";
import { cartTtlMs, commitCartId, getCartId } from "~/utils/session.server";

// Carts are personal: kept out of search results (noindex), described all the same.
export const meta: MetaFunction = () => [
  { title: "Your cart · Tote & Charm" },
  { name: "description", content: "The totes and micro bags in your Tote & Charm cart, with bundle savings, ready for checkout." },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cartId, lines } = await shopperCart(request, context);
  const catalog = getCatalog();
  const cart = getCartView(cartId, Date.now(), catalog, lines);
  const { priced: _priced, ...view } = cart;
  const charms = charmsForCart(request, catalog, cart, cartId, lines);
  const { notice, headers } = await pendingNotice(request, { "Cache-Control": "private, no-store" });
  const cancelled = new URL(request.url).searchParams.get("checkout") === "cancelled";
  return json(
    {
      ...view,
      charms,
      shipping: cartShipping(cart.totalCents, catalog.version),
      notice: notice ?? (cancelled ? { kind: "info" as const, message: "Checkout cancelled. Your cart is as you left it." } : null),
    },
    { headers },
  );
}

/** For each tote in the cart without a charm: suggested charms (none for holdout carts). */
function charmsForCart(request: Request, catalog: CatalogSnapshot, cart: CartView, cartId: string | null, lines: CartLineRef[]) {
  const withCharm = new Set(cart.priced.bundles.map((b) => b.triggerVariantId));
  const inCart = new Set(cart.lines.map((l) => l.productId));
  const out = [];
  for (const line of cart.lines) {
    if (line.productKind !== "tote" || withCharm.has(line.variantId) || out.length >= 2) continue;
    const toteVariant = catalog.variantsById.get(line.variantId)!;
    const tote = catalog.byId.get(line.productId)!;
    const suggestions = charmSuggestions({ tote, toteVariant, cartId, inCartProductIds: inCart, limit: 3, catalog, request });
    if (suggestions.length === 0) continue;
    noteImpressions(request, "cart", tote.id, suggestions.map((s) => ({ productId: s.product.id, offerId: s.offer?.id ?? null })), cartId);
    const addPrices = addOnePrices(lines, suggestions.map((s) => s.variant.id), catalog, undefined, cartId);
    out.push({
      toteSku: line.sku,
      toteName: `${line.colourName} ${line.productName}`,
      suggestions: suggestions.map((s) => ({ ...suggestionCard(s), addPriceCents: addPrices.get(s.variant.id) ?? null })),
    });
  }
  return out;
}

export async function action({ request }: ActionFunctionArgs) {
  const input = parseCartInput(await request.formData());
  if (!input.ok) return formError(input.message, 400);

  const result = applyCartInput({ cartId: await getCartId(request), input: input.data, ttlMs: cartTtlMs() });
  if (!result.ok) return formError(result.message, result.status);
  const { message } = result;

  const added = input.data;
  if (added.intent === "add-bundle" || added.intent === "add-charm") {
    const [toteSku, charmSku] = added.intent === "add-bundle" ? [added.sku, added.charm] : [added.tote, added.sku];
    noteAdd({ request, placement: added.placement, toteSku, charmSku, cartId: result.cartId });
  }

  const headers = { "Set-Cookie": await commitCartId(result.cartId) };
  if (isNavigation(request)) return redirect("/cart", { status: 303, headers });
  // The mini cart: the same priced totals the cart page shows.
  const cart = getCartView(result.cartId);
  return json(
    {
      ok: true as const,
      message,
      cart: { itemCount: cart.itemCount, subtotalCents: cart.subtotalCents, discountCents: cart.discountCents, totalCents: cart.totalCents },
    },
    { headers },
  );
}

export default function CartPage() {
  const cart = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const checkingOut = navigation.state !== "idle" && navigation.formAction === "/checkout";

  return (
    <div className="wrap">
      <h1 style={{ marginTop: "1.5rem" }}>Your cart</h1>
      {cart.notice ? (
        <p className={`notice ${cart.notice.kind}`} role={cart.notice.kind === "error" ? "alert" : "status"}>
          {cart.notice.message}
        </p>
      ) : null}
      {actionData && !actionData.ok ? (
        <p className="notice error" role="alert">
          {actionData.message}
        </p>
      ) : null}

      {cart.lines.length === 0 && cart.unavailable.length === 0 ? (
        <div className="empty-state">
          <p>Your cart is empty.</p>
          <Link className="button" to="/collections/totes">
            Shop totes
          </Link>
        </div>
      ) : (
        <div className="cart-layout">
          <section aria-labelledby="cart-lines-title">
            <h2 id="cart-lines-title" className="visually-hidden">
              Items
            </h2>
            <ul className="cart-lines">
              {cart.lines.map((line) => (
                <CartLine key={line.variantId} line={line} />
              ))}
            </ul>
            {cart.charms.map((group) => (
              <CharmSuggestions
                key={group.toteSku}
                id={`charms-${group.toteSku}`}
                title={`Add a charm to your ${group.toteName}`}
                headingLevel={2}
                toteSku={group.toteSku}
                toteInCart
                placement="cart"
                suggestions={group.suggestions}
              />
            ))}
            {cart.unavailable.length > 0 ? (
              <p className="notice info">
                {cart.unavailable.length === 1 ? "A bag" : `${cart.unavailable.length} bags`} in your cart left the shop and
                {cart.unavailable.length === 1 ? " was" : " were"} set aside.
              </p>
            ) : null}
          </section>

          <aside className="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">Summary</h2>
            <dl>
              <dt>Subtotal</dt>
              <dd data-testid="cart-subtotal">
                <Money cents={cart.subtotalCents} />
              </dd>
              {cart.bundles.map((b, i) => (
                <div key={i} style={{ display: "contents" }}>
                  <dt className="discount">{b.label}</dt>
                  <dd className="discount" data-testid="bundle-discount">
                    −<Money cents={b.discountCents} />
                  </dd>
                </div>
              ))}
              {cart.shipping.fromCents !== null ? (
                <>
                  <dt>Shipping</dt>
                  <dd data-testid="cart-shipping">
                    {cart.shipping.fromCents === 0 ? (
                      "Free shipping"
                    ) : (
                      <>
                        from <Money cents={cart.shipping.fromCents} />
                      </>
                    )}
                  </dd>
                </>
              ) : null}
              <dt className="total">Total</dt>
              <dd className="total" data-testid="cart-total">
                <Money cents={cart.totalCents} />
              </dd>
            </dl>
            {cart.shipping.moreForFreeCents !== null ? (
              <p className="card-meta" data-testid="free-shipping-hint">
                <Money cents={cart.shipping.moreForFreeCents} /> more for free shipping
              </p>
            ) : null}
            <Form method="post" action="/checkout">
              <button type="submit" className="button" disabled={!cart.canCheckout || checkingOut}>
                {checkingOut ? "Starting checkout…" : "Check out"}
              </button>
            </Form>
            {!cart.canCheckout && cart.lines.length > 0 ? (
              <p className="field-error">Please fix the items marked above to check out.</p>
            ) : null}
            <p className="card-meta">Shipping is chosen at checkout. Secure payment with Stripe.</p>
          </aside>
        </div>
      )}
    </div>
  );
}

type Line = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];

function CartLine({ line }: { line: Line }) {
  const update = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  const removing = remove.state !== "idle";
  const error = [update.data, remove.data].find((d) => d && !d.ok);
  if (removing) return null;
  return (
    <li className="cart-line" data-testid="cart-line" data-sku={line.sku}>
      <Link to={`/products/${line.slug}`} tabIndex={-1} aria-hidden="true">
        <img src={cardImageUrl(line.imageUrl)} alt="" width={96} height={96} />
      </Link>
      <div>
        <h2>
          <Link to={`/products/${line.slug}`}>{line.productName}</Link>
        </h2>
        <p className="card-meta">
          {line.colourName} · <Money cents={line.unitPriceCents} /> each
        </p>
        {line.problem ? <p className="field-error">{line.problem}</p> : null}
        {error && !error.ok ? (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="line-actions">
          <update.Form method="post" action="/cart" style={{ display: "flex", gap: "0.5rem", alignItems: "end" }}>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="sku" value={line.sku} />
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor={`qty-${line.sku}`}>Quantity</label>
              <input
                id={`qty-${line.sku}`}
                type="number"
                name="quantity"
                min={1}
                max={line.maxQuantity}
                step={1}
                defaultValue={line.quantity}
                key={line.quantity}
                inputMode="numeric"
                required
              />
            </div>
            <button type="submit" className="button small secondary">
              Update
            </button>
          </update.Form>
          <remove.Form method="post" action="/cart">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="sku" value={line.sku} />
            <button type="submit" className="link-button" aria-label={`Remove ${line.productName} (${line.colourName})`}>
              Remove
            </button>
          </remove.Form>
        </div>
      </div>
      <div className="line-total">
        {line.discountCents > 0 ? (
          <>
            <s className="price-was">
              <span className="visually-hidden">Regular price </span>
              <Money cents={line.subtotalCents} />
            </s>
            <br />
          </>
        ) : null}
        <Money cents={line.totalCents} />
      </div>
    </li>
  );
}
