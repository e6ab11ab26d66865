// One order's packing slip, to print (the print stylesheet drops the
// back office's navigation).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PackingSlip } from "~/components/PackingSlip";
import { parseOrderNumber } from "~/domain/order-admin";
import { packingSlipFor } from "~/services/fulfilment.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data ? `Packing slip ${data.slip.number}` : "Packing slip");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.ship");
  const number = parseOrderNumber(params.number);
  const slip = number ? packingSlipFor(number) : null;
  if (!slip) throw json({ message: "That order does not exist." }, { status: 404, headers: ADMIN_HEADERS });
  return json({ slip }, { headers: ADMIN_HEADERS });
}

export default function PackingSlipPage() {
  const { slip } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="admin-back no-print">
        <Link to={`/admin/orders/${slip.number}`}>← Order {slip.number}</Link> · use your browser's Print to print this slip.
      </p>
      <PackingSlip slip={slip} />
    </>
  );
}
