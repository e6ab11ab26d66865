// Shipping methods: the list, switching a method on or off, and a new method.
// Changes reach the cart and checkout at once; methods are never deleted
// (orders name them). Every change is in the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { ShippingMethodForm } from "~/components/ShippingMethodForm";
import { formFields } from "~/web/forms";
import { createShippingMethod, setShippingMethodActive } from "~/models/shipping.server";
import { checkShippingForm, FORM_COUNTRIES, shippingList, typedValues } from "~/services/shipping-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { requirePermission } from "~/utils/auth.server";
import { done, failure, pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("Shipping");

const NEW_METHOD: Record<string, string> = { active: "on", position: "0", minDays: "3", maxDays: "5" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "shipping.view");
  const { notice, headers } = await pendingNotice(request);
  return json({ methods: shippingList(), countries: FORM_COUNTRIES, notice }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "shipping.edit");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message }, {});
  const { intent, id, ...fields } = form.fields;
  if (intent === "activate" || intent === "deactivate") {
    if (!id || !/^[1-9]\d{0,8}$/.test(id) || Object.keys(fields).length > 0) {
      return failure(400, "Reload the page and try again.", { _form: "Reload the page and try again." }, {});
    }
    const result = setShippingMethodActive(Number(id), intent === "activate", { staffId: me.id });
    if (!result.ok) return failure(404, result.message, { _form: result.message }, {});
    return done("/admin/shipping", `${result.method.name} is ${result.method.active ? "offered at checkout" : "switched off"}.`);
  }
  if (intent !== "create" || id !== undefined) {
    return failure(400, "Choose what to do: add a method, or switch one on or off.", { _form: "Choose what to do." }, typedValues(fields));
  }
  const check = checkShippingForm(fields);
  if (!check.ok) return failure(400, check.message, check.fieldErrors, typedValues(fields));
  const method = createShippingMethod(check.values, { staffId: me.id });
  return done("/admin/shipping", `Added ${method.name}.`);
}

export default function ShippingPage() {
  const { methods, countries, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Shipping</h1>
      <AdminNotices notice={notice} error={result ? `Nothing was saved: ${result.message}` : null} />
      <div className="admin-table-wrap" role="region" aria-label="Shipping methods" tabIndex={0}>
        <table className="admin-table">
          <caption className="visually-hidden">Shipping methods</caption>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Free at or above
              </th>
              <th scope="col">Delivery</th>
              <th scope="col">Countries</th>
              <th scope="col">At checkout</th>
            </tr>
          </thead>
          <tbody>
            {methods.map((m) => (
              <tr key={m.id} data-testid="shipping-row">
                <th scope="row">
                  <Link to={`/admin/shipping/${m.id}`}>{m.name}</Link>
                </th>
                <td className="num">{m.price}</td>
                <td className="num">{m.freeOver}</td>
                <td className="admin-nowrap">{m.estimate}</td>
                <td>{m.countries}</td>
                <td>
                  <Form method="post" className="admin-inline-form">
                    <input type="hidden" name="id" value={m.id} />
                    <span>{m.active ? "Offered" : "Off"}</span>{" "}
                    <button type="submit" name="intent" value={m.active ? "deactivate" : "activate"} className="link-button" disabled={busy}>
                      {m.active ? "Switch off" : "Switch on"}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="admin-panel" aria-labelledby="new-method-title">
        <h2 id="new-method-title">New shipping method</h2>
        <ShippingMethodForm
          key={result ? "sent" : "new"}
          values={result?.values && Object.keys(result.values).length > 0 ? result.values : NEW_METHOD}
          errors={result?.fieldErrors ?? {}}
          countries={countries}
          intent="create"
          submitLabel="Add method"
          busy={busy}
        />
      </section>
    </>
  );
}
