// A new shipment of an order: the form (also on the order's page) and its action.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { ShipmentForm } from "~/components/ShipmentForm";
import { echoedValues, formFields, parseWith } from "~/web/forms";
import { shipmentFormSchema } from "~/domain/fulfilment";
import { parseOrderNumber } from "~/domain/order-admin";
import { shipOrder } from "~/services/fulfilment.server";
import { orderForStaff } from "~/services/orders-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, failure, notFound } from "~/web/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? `Ship ${data.order.number}` : "Ship an order");

const NOT_FOUND = "That order does not exist.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.ship");
  const number = parseOrderNumber(params.number);
  const order = number ? orderForStaff(number) : null;
  if (!order) throw notFound(NOT_FOUND);
  return json({ order }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "orders.ship");
  const number = parseOrderNumber(params.number);
  if (!number) throw notFound(NOT_FOUND);
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message }, {});
  const input = parseWith(shipmentFormSchema, form.fields);
  if (!input.ok) return failure(400, input.message, input.fieldErrors, echoedValues(form.fields, 500));
  const outcome = shipOrder({ orderNumber: number, request: input.data, staffId: me.id });
  if (!outcome.ok) {
    if (outcome.status === 404) throw notFound(NOT_FOUND);
    return failure(outcome.status, outcome.message, outcome.fieldErrors, echoedValues(form.fields, 500));
  }
  return done(`/admin/orders/${number}`, outcome.message, outcome.duplicate ? "info" : "success");
}

export default function ShipPage() {
  const { order } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { fulfilment } = order;
  return (
    <>
      <p className="admin-back">
        <Link to={`/admin/orders/${order.number}`}>← Order {order.number}</Link>
      </p>
      <h1>Ship order {order.number}</h1>
      <AdminNotices error={result && !result.ok ? result.message : null} />
      {fulfilment.ship.possible ? (
        <ShipmentForm
          number={order.number}
          lines={fulfilment.lines}
          carriers={fulfilment.carriers}
          formKey={result?.values.formKey ?? fulfilment.ship.formKey}
          errors={result?.fieldErrors ?? {}}
          values={result?.values ?? {}}
          busy={busy}
        />
      ) : (
        <p className="admin-muted" data-testid="ship-unavailable">
          {fulfilment.ship.why}
        </p>
      )}
    </>
  );
}
