// One shipment of an order: change its tracking, or mark it delivered.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { TrackingFields } from "~/components/ShipmentForm";
import { echoedValues, formFields, parseWith } from "~/web/forms";
import { shipmentEditSchema } from "~/domain/fulfilment";
import { parseOrderNumber } from "~/domain/order-admin";
import { editTracking, markDelivered } from "~/services/fulfilment.server";
import { orderForStaff } from "~/services/orders-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, failure, notFound } from "~/web/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? `Shipment of ${data.order.number}` : "Shipment");

const NOT_FOUND = "That shipment does not exist.";

function parseIds(params: Record<string, string | undefined>) {
  const number = parseOrderNumber(params.number);
  const id = /^\d{1,12}$/.test(params.id ?? "") ? Number(params.id) : null;
  return number && id ? { number, id } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.ship");
  const ids = parseIds(params);
  const order = ids ? orderForStaff(ids.number) : null;
  const shipment = order?.fulfilment.shipments.find((s) => s.id === ids!.id);
  if (!order || !shipment) throw notFound(NOT_FOUND);
  return json({ order: { number: order.number, fulfilment: { carriers: order.fulfilment.carriers, canEditTracking: order.fulfilment.canEditTracking } }, shipment }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "orders.ship");
  const ids = parseIds(params);
  if (!ids) throw notFound(NOT_FOUND);
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message }, {});
  const input = parseWith(shipmentEditSchema, form.fields);
  if (!input.ok) return failure(400, input.message, input.fieldErrors, echoedValues(form.fields, 500));
  const outcome =
    input.data.intent === "delivered"
      ? markDelivered({ orderNumber: ids.number, shipmentId: ids.id, staffId: me.id })
      : editTracking({ orderNumber: ids.number, shipmentId: ids.id, tracking: input.data.tracking, staffId: me.id });
  if (!outcome.ok) {
    if (outcome.status === 404) throw notFound(outcome.message);
    return failure(outcome.status, outcome.message, outcome.fieldErrors, echoedValues(form.fields, 500));
  }
  return done(`/admin/orders/${ids.number}`, outcome.message, outcome.duplicate ? "info" : "success");
}

export default function ShipmentPage() {
  const { order, shipment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = result?.values ?? { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber ?? "", trackingUrl: shipment.carrier === "other" ? (shipment.trackingUrl ?? "") : "" };
  return (
    <>
      <p className="admin-back">
        <Link to={`/admin/orders/${order.number}`}>← Order {order.number}</Link>
      </p>
      <h1>Shipment of {order.number}</h1>
      <AdminNotices error={result && !result.ok ? result.message : null} />
      <p>
        Shipped {shipment.shippedAt} with {shipment.carrierLabel}: {shipment.lines.map((l) => `${l.quantity} × ${l.productName} (${l.colourName})`).join(", ")}.
        {shipment.deliveredAt ? ` Delivered ${shipment.deliveredAt}.` : ""}
      </p>
      {order.fulfilment.canEditTracking ? (
        <Form method="post" className="admin-form" data-testid="tracking-form">
          <input type="hidden" name="intent" value="tracking" />
          {result?.fieldErrors._form ? (
            <p className="field-error" id="_form-error">
              {result.fieldErrors._form}
            </p>
          ) : null}
          <TrackingFields carriers={order.fulfilment.carriers} errors={result?.fieldErrors ?? {}} values={values} />
          <button type="submit" className="button" disabled={busy}>
            Save tracking
          </button>
        </Form>
      ) : (
        <p className="admin-muted">This order was cancelled: its tracking can't be changed.</p>
      )}
      {shipment.deliveredAt === null ? (
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="delivered" />
          <button type="submit" className="button secondary" disabled={busy}>
            Mark delivered
          </button>
        </Form>
      ) : null}
    </>
  );
}
