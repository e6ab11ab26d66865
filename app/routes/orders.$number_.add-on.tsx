// "Add to my order" after payment: opens a short second payment for one micro
// bag. Refusals (wrong key, offer withdrawn or expired, sold out, already
// added) answer 4xx with a page that says why and links back to the order.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { formFields, parseWith } from "~/web/forms";
import { startAddon } from "~/services/after-payment.server";

const NO_STORE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } as const;

export const meta: MetaFunction = () => [{ title: "Add to my order · Tote & Charm" }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Nothing to show without the form: back to the order page (which checks the key).
  const key = new URL(request.url).searchParams.get("key") ?? "";
  return redirect(`/orders/${encodeURIComponent(params.number ?? "")}?key=${encodeURIComponent(key)}`, 303);
}

const addonSchema = z.strictObject({
  key: z.string().min(1).max(100),
  sku: z.string().trim().min(1, "Choose a micro bag.").max(64, "Choose a micro bag."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const fields = formFields(await request.formData());
  if (!fields.ok) return json({ message: fields.message, orderPath: null }, { status: 400, headers: NO_STORE });
  const parsed = parseWith(addonSchema, fields.fields);
  if (!parsed.ok) return json({ message: parsed.message, orderPath: null }, { status: 400, headers: NO_STORE });
  const started = await startAddon({
    orderNumber: params.number ?? "",
    key: parsed.data.key,
    sku: parsed.data.sku,
    origin: new URL(request.url).origin,
  });
  if (started.ok) return redirect(started.redirectTo, 303);
  return json({ message: started.message, orderPath: started.orderPath }, { status: started.status, headers: NO_STORE });
}

export default function AddToOrder() {
  const data = useActionData<typeof action>();
  return (
    <div className="wrap" style={{ maxWidth: 760 }}>
      <h1 style={{ marginTop: "1.5rem" }}>Add to my order</h1>
      <p className="notice error" role="alert" data-testid="addon-refusal">
        {data?.message ?? "Nothing was added or charged."}
      </p>
      {data?.orderPath ? (
        <p>
          <Link to={data.orderPath}>Back to your order</Link>
        </p>
      ) : (
        <p>
          <Link to="/collections/all">Keep shopping</Link>
        </p>
      )}
    </div>
  );
}
