import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { CHECKOUT_MESSAGES, startCheckout } from "~/services/checkout.server";
import { setNotice } from "~/utils/flash.server";
import { getCartId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Checkout · Tote & Charm" }, { name: "robots", content: "noindex" }];

// GET /checkout has nothing to show: the cart is where checkout starts. This
// file is also the parent route of /checkout/success and /checkout/test-payment
// (flat-route nesting), whose loads run this loader too: only /checkout itself
// redirects.
export function loader({ request }: LoaderFunctionArgs) {
  if (new URL(request.url).pathname.replace(/\/+$/, "") === "/checkout") return redirect("/cart");
  return null;
}

/**
 * POST /checkout: hold the stock, create the order, and send the shopper to pay.
 * Every refusal goes back to the cart with a notice saying why: a 4xx page here
 * would never be seen, since /checkout's loader sends the browser to the cart.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  // The cart is priced on the server from the database; the browser sends nothing.
  const result = [...form.keys()].length > 0
    ? ({ ok: false, message: CHECKOUT_MESSAGES.unexpectedForm } as const)
    : await startCheckout({ cartId: await getCartId(request), origin: new URL(request.url).origin });
  if (!result.ok) {
    return redirect("/cart", { status: 303, headers: { "Set-Cookie": await setNotice({ kind: "error", message: result.message }) } });
  }
  return redirect(result.redirectTo, 303);
}

// /checkout itself never renders (its loader and action redirect): this is the
// frame of /checkout/success and /checkout/test-payment.
export default function Checkout() {
  return <Outlet />;
}
