// /admin/orders/export: the orders list as a CSV file, with the same filters
// as the page (status, shipping state, search, days placed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseOrderListQuery } from "~/domain/order-admin";
import { ordersCsv } from "~/domain/order-csv";
import { shopDay } from "~/domain/shop-time";
import { exportOrders } from "~/models/orders.server";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { shopTimeZone } from "~/utils/shop-time.server";

/** More than a day's export for this shop; a bigger one should narrow the dates. */
export const MAX_EXPORT_ORDERS = 50_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.export");
  const timeZone = shopTimeZone();
  const now = Date.now();
  const parsed = parseOrderListQuery(new URL(request.url).searchParams, now, timeZone);
  if (!parsed.ok) throw json({ message: parsed.message }, { status: 400, headers: ADMIN_HEADERS });
  const { query } = parsed;
  const rows = exportOrders(
    {
      status: query.status,
      fulfilment: query.fulfilment === "all" ? null : query.fulfilment,
      search: query.search,
      placedFrom: query.placedFrom,
      placedTo: query.placedTo,
    },
    MAX_EXPORT_ORDERS,
  );
  // A byte-order mark, so spreadsheet apps read the file as UTF-8.
  return new Response("\uFEFF" + ordersCsv(rows, timeZone), {
    headers: {
      ...ADMIN_HEADERS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${shopDay(now, timeZone)}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
