// /admin/stock/export: the stock list as a CSV file (the same filters as the
// page), for a spreadsheet or a count sheet. The import takes the same columns.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseStockFilters, stockCsv } from "~/domain/stock";
import { listStock } from "~/models/inventory.server";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "stock.view");
  const query = parseStockFilters(new URL(request.url).searchParams);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const rows = listStock({ search: query.search, lowOnly: query.lowOnly });
  const day = new Date().toISOString().slice(0, 10);
  // A byte-order mark, so spreadsheet apps read the file as UTF-8.
  return new Response("\uFEFF" + stockCsv(rows), {
    headers: {
      ...ADMIN_HEADERS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stock-${day}${query.lowOnly ? "-low" : ""}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
