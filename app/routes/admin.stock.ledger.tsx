// The stock ledger of every SKU: each change to on hand or held, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { StockLedgerTable, toLedgerRowView } from "~/components/StockLedgerTable";
import { shopTimeZone } from "~/utils/shop-time.server";
import { parseWith } from "~/web/forms";
import { LEDGER_REASON_LABELS } from "~/domain/stock";
import { listLedger } from "~/models/inventory.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { STOCK_REASONS } from "../../db/schema";
import { AdminPager } from "~/components/AdminPager";

export const meta: MetaFunction = () => adminMeta("Stock ledger");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "stock.view");
  // Built here, so the client bundle never sees the schema module.
  const querySchema = z.strictObject({
    page: z.string().regex(/^[1-9]\d{0,5}$/, "The page must be a whole number from 1.").transform(Number).optional(),
    reason: z.enum(STOCK_REASONS, { error: "Choose a reason from the list." }).optional(),
  });
  const params = new URL(request.url).searchParams;
  const fields: Record<string, string> = {};
  for (const key of ["page", "reason"]) {
    const value = params.get(key);
    if (value !== null && value !== "") fields[key] = value;
  }
  const query = parseWith(querySchema, fields);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const page = query.data.page ?? 1;
  const reason = query.data.reason ?? null;
  const { entries, total } = listLedger({ reason, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return json(
    {
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      reason,
      reasons: STOCK_REASONS.map((r) => ({ value: r, label: LEDGER_REASON_LABELS[r] ?? r })),
      rows: entries.map((e) => toLedgerRowView(e, shopTimeZone())),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function StockLedgerPage() {
  const { page, pages, total, reason, reasons, rows } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(reason ? { reason } : {}), page: String(n) })}`;
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/stock">← All stock</Link>
      </p>
      <h1>Stock ledger</h1>
      <Form method="get" className="admin-filter">
        <div className="field">
          <label htmlFor="reason">Show</label>
          <select id="reason" name="reason" defaultValue={reason ?? ""}>
            <option value="">Every change</option>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="admin-muted">{total === 0 ? "Nothing has been recorded yet." : "No entries on this page."}</p>
      ) : (
        <StockLedgerTable rows={rows} caption="Stock changes, newest first" showSku />
      )}
      <AdminPager label="Ledger pages" page={page} pages={pages} total={total} hrefFor={pageLink} />
    </>
  );
}
