// /admin/products/export: every product and colour as a CSV file, one row per
// colour. The product import takes the same columns back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { productsCsv } from "~/domain/product-csv";
import { exportCatalog } from "~/models/products.server";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "products.view");
  const day = new Date().toISOString().slice(0, 10);
  // A byte-order mark, so spreadsheet apps read the file as UTF-8.
  return new Response("\uFEFF" + productsCsv(exportCatalog()), {
    headers: {
      ...ADMIN_HEADERS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="products-${day}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
