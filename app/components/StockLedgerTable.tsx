// The stock ledger as a table: who changed which bag's stock, when, why, by
// how much, and the levels after.
import { Link } from "@remix-run/react";
import { formatDelta, LEDGER_REASON_LABELS } from "~/domain/stock";
import { formatAdminTime } from "./CatalogFields";

export type LedgerRowView = {
  id: number;
  when: string;
  isoTime: string;
  sku: string;
  product: string;
  reason: string;
  onHandDelta: number;
  heldDelta: number;
  onHandAfter: number;
  heldAfter: number;
  who: string;
  orderNumber: string | null;
  note: string | null;
};

const CHECKOUT_REASONS = new Set(["hold", "hold_released", "sale"]);

/** A ledger entry as the table shows it (run in loaders, so only text crosses to the page). */
export function toLedgerRowView(
  e: {
  id: number;
  createdAt: number;
  sku: string;
  productName: string;
  colourName: string;
  reason: string;
  onHandDelta: number;
  heldDelta: number;
  onHandAfter: number;
  heldAfter: number;
  staffId: number | null;
  staffName: string | null;
  orderNumber: string | null;
  note: string | null;
  },
  timeZone?: string,
): LedgerRowView {
  return {
    id: e.id,
    when: formatAdminTime(e.createdAt, timeZone),
    isoTime: new Date(e.createdAt).toISOString(),
    sku: e.sku,
    product: `${e.productName} · ${e.colourName}`,
    reason: LEDGER_REASON_LABELS[e.reason] ?? e.reason,
    onHandDelta: e.onHandDelta,
    heldDelta: e.heldDelta,
    onHandAfter: e.onHandAfter,
    heldAfter: e.heldAfter,
    who: e.staffId !== null ? (e.staffName ?? `Staff #${e.staffId}`) : CHECKOUT_REASONS.has(e.reason) ? "Checkout" : "System",
    orderNumber: e.orderNumber,
    note: e.note,
  };
}

export function StockLedgerTable({ rows, caption, showSku }: { rows: LedgerRowView[]; caption: string; showSku: boolean }) {
  return (
    // Focusable, so keyboard users can scroll a wide table sideways.
    <div className="admin-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="admin-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            {showSku ? <th scope="col">SKU</th> : null}
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              On hand ±
            </th>
            <th scope="col" className="num">
              Held ±
            </th>
            <th scope="col" className="num">
              On hand after
            </th>
            <th scope="col" className="num">
              Held after
            </th>
            <th scope="col">Who</th>
            <th scope="col">Order</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="ledger-row">
              <td className="admin-nowrap">
                <time dateTime={r.isoTime}>{r.when}</time>
              </td>
              {showSku ? (
                <td>
                  <Link to={`/admin/stock/${encodeURIComponent(r.sku)}`}>{r.sku}</Link>
                  <div className="admin-muted">{r.product}</div>
                </td>
              ) : null}
              <td>{r.reason}</td>
              <td className="num">{formatDelta(r.onHandDelta)}</td>
              <td className="num">{formatDelta(r.heldDelta)}</td>
              <td className="num">{r.onHandAfter}</td>
              <td className="num">{r.heldAfter}</td>
              <td>{r.who}</td>
              <td>{r.orderNumber ?? <span className="admin-muted">—</span>}</td>
              <td>{r.note ?? <span className="admin-muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
