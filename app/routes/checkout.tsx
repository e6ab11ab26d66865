import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useOutlet } from "@remix-run/react";
import { startCheckout } from "~/services/checkout.server";
import { setNotice } from "~/utils/flash.server";
import { getCartId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Checkout · Tote & Charm" }, { name: "robots", content: "noindex" }];

// GET /checkout has nothing to show: the cart is where checkout starts. This
// file is also the parent route of /checkout/success and /checkout/test-payment
// (flat-route nesting), whose loads run this loader too: only /checkout itself
// redirects, and the component renders their page when one matched.
export function loader({ request }: LoaderFunctionArgs) {
  if (new URL(request.url).pathname.replace(/\/+$/, "") === "/checkout") return redirect("/cart");
  return null;
}

/** POST /checkout: hold the stock, create the order, and send the shopper to pay. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const fields = [...form.keys()];
  if (fields.length > 0) {
    // The cart is priced on the server from the database; the browser sends nothing.
    return json(
      { message: `Checkout takes no form fields (got "${fields[0]!.slice(0, 40)}"). Please start again from your cart.` },
      { status: 400 },
    );
  }
  const result = await startCheckout({ cartId: await getCartId(request), origin: new URL(request.url).origin });
  if (!result.ok) {
    return redirect("/cart", { status: 303, headers: { "Set-Cookie": await setNotice({ kind: "error", message: result.message }) } });
  }
  return redirect(result.redirectTo, 303);
}

export default function Checkout() {
  const child = useOutlet();
  return child ?? <CheckoutProblem />;
}

function CheckoutProblem() {
  const data = useActionData<typeof action>();
  return (
    <div className="wrap error-page">
      <h1>Checkout didn't start</h1>
      <p className="notice error" role="alert">
        {data?.message ?? "Please start checkout from your cart."}
      </p>
      <Link className="button" to="/cart">
        Back to your cart
      </Link>
    </div>
  );
}
