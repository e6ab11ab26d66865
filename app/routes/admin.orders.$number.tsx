// One order: its lines (with bundle discounts), totals, payment ids, customer,
// shipping (shipments, the new-shipment form, which posts to ./ship, and links
// to the packing slip and to cancelling), status history and refunds, and the
// refund form: everything left, an amount or chosen items, optionally putting
// items back in stock.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminField, AdminNotices, fieldAria } from "~/components/AdminField";
import { ConfirmStep } from "~/components/ConfirmStep";
import { Money } from "~/components/Money";
import { ShipmentForm } from "~/components/ShipmentForm";
import { formFields, parseWith } from "~/web/forms";
import { refundQuestion, splitConfirmation } from "~/domain/confirmation";
import { parseOrderNumber } from "~/domain/order-admin";
import { refundLimitProblem } from "~/domain/permissions";
import { MAX_REFUND_REASON_LENGTH, refundFormSchema, REQUEST_KEY } from "~/domain/refunds";
import { orderForStaff } from "~/services/orders-admin.server";
import { getSupportRefundLimitCents } from "~/models/settings.server";
import { previewRefund, REFUND_MESSAGES, refundOrder } from "~/services/refunds.server";
import { adminMeta } from "~/utils/admin-meta";
import { requirePermission } from "~/utils/auth.server";
import { done, failure as formFailure, notFound, pendingNotice } from "~/web/responses.server";
import { askToConfirm } from "~/web/form-token.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "order" in data ? `Order ${data.order.number}` : "Order");

const NOT_FOUND = "That order does not exist.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "orders.view");
  const number = parseOrderNumber(params.number);
  const order = number ? orderForStaff(number) : null;
  if (!order) throw notFound(NOT_FOUND);
  const { notice, headers } = await pendingNotice(request);
  return json({ order, notice }, { headers });
}

/**
 * The form comes back with what was typed. Its request key is kept only when
 * Stripe could not be reached: the refund may have been made, and sending the
 * same key again makes Stripe answer with that refund instead of a second one.
 */
function failure(status: number, message: string, fieldErrors: Record<string, string>, values: Record<string, string>, keepKey = false) {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === "requestKey" && !(keepKey && REQUEST_KEY.test(value))) continue;
    kept[key] = value.slice(0, 300);
  }
  return formFailure(status, message, fieldErrors, kept);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "orders.refund");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message }, {});
  // The refund form's request key is its one-time token (Stripe's idempotency key too).
  const { confirmed, rest } = splitConfirmation(form.fields);
  const input = parseWith(refundFormSchema, rest);
  if (!input.ok) return failure(400, input.message, input.fieldErrors, rest);
  const number = parseOrderNumber(params.number);
  if (!number) throw notFound(NOT_FOUND);
  const preview = previewRefund(number, input.data);
  if (!preview.ok) {
    // Sent twice: the first one may have used up what was left; say it was done.
    if (confirmed) {
      const outcome = await refundOrder({ orderNumber: number, request: input.data, staffId: me.id });
      if (outcome.ok && outcome.duplicate) return refunded(number, outcome);
    }
    return failure(preview.status, preview.message, preview.fieldErrors, rest);
  }
  const overLimit = refundLimitProblem(me.role, preview.amountCents, getSupportRefundLimitCents());
  if (overLimit) return failure(403, overLimit, { _form: overLimit }, rest);
  if (!confirmed) {
    return askToConfirm({ kind: "refund", ...refundQuestion(preview), fields: rest });
  }
  const outcome = await refundOrder({ orderNumber: number, request: input.data, staffId: me.id });
  if (!outcome.ok) {
    return failure(outcome.status, outcome.message, outcome.fieldErrors, form.fields, outcome.message === REFUND_MESSAGES.stripeUnreachable);
  }
  return refunded(number, outcome);
}

async function refunded(number: string, outcome: { duplicate: boolean; message: string }) {
  return done(`/admin/orders/${number}`, outcome.message, outcome.duplicate ? "info" : "success");
}

function Id({ value }: { value: string | null }) {
  return value ? <code>{value}</code> : <span className="admin-muted">—</span>;
}

export default function OrderPage() {
  const { order, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const confirm = result && result.ok ? result.confirm : null;
  const errors = failed?.fieldErrors ?? {};
  const sent = failed?.values ?? {};
  const scope = sent.scope ?? "full";

  return (
    <>
      <p className="admin-back">
        <Link to="/admin/orders">← Orders</Link>
      </p>
      <div className="admin-head">
        <h1>Order {order.number}</h1>
        <span className={`admin-order-status status-${order.status}`} data-testid="order-status">
          {order.statusLabel}
        </span>
        <span className={`admin-fulfilment fulfilment-${order.fulfilment.status}`} data-testid="fulfilment-status">
          {order.fulfilment.label}
        </span>
      </div>
      <AdminNotices notice={notice} error={failed ? failed.message : null} />
      {order.flag ? (
        <p className="notice error" role="note">
          Needs a look: {order.flag}
        </p>
      ) : null}
      {order.afterPayment.addonTo ? (
        <p className="notice info" role="note" data-testid="addon-to">
          A micro bag added after payment to order{" "}
          <Link to={`/admin/orders/${order.afterPayment.addonTo}`}>{order.afterPayment.addonTo}</Link>: it ships in that order's
          parcel (shipping that order ships it). Its payment and refund are this order's.
        </p>
      ) : null}
      {order.afterPayment.addons.length > 0 ? (
        <section className="admin-panel" aria-labelledby="addons-title" data-testid="admin-addons">
          <h2 id="addons-title">Added after payment</h2>
          <p className="admin-muted">Same parcel; each has its own payment and refund (open it to refund).</p>
          <ul>
            {order.afterPayment.addons.map((a) => (
              <li key={a.number}>
                <Link to={`/admin/orders/${a.number}`}>{a.number}</Link>: {a.items} · <Money cents={a.totalCents} /> · {a.statusLabel} ·{" "}
                {a.fulfilmentLabel}
                {a.refundedCents > 0 ? (
                  <>
                    {" "}
                    · <Money cents={a.refundedCents} /> refunded
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="admin-columns">
        <section className="admin-panel" aria-labelledby="customer-title">
          <h2 id="customer-title">Customer</h2>
          <dl className="admin-facts">
            <div>
              <dt>Email</dt>
              <dd data-testid="customer-email">{order.customer.email ?? "Not known yet"}</dd>
            </div>
            <div>
              <dt>Name</dt>
              <dd>{order.customer.name ?? "—"}</dd>
            </div>
          </dl>
          <h3>Ship to</h3>
          {order.customer.address.length > 0 ? (
            <address data-testid="shipping-address">
              {order.customer.address.map((line, i) => (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ))}
            </address>
          ) : (
            <p className="admin-muted">No address yet.</p>
          )}
        </section>
        <section className="admin-panel" aria-labelledby="payment-title">
          <h2 id="payment-title">Payment</h2>
          <dl className="admin-facts">
            <div>
              <dt>Placed</dt>
              <dd>{order.createdAt}</dd>
            </div>
            <div>
              <dt>Paid</dt>
              <dd>{order.paidAt ?? "—"}</dd>
            </div>
            <div>
              <dt>Paid with</dt>
              <dd data-testid="paid-with">
                {order.paymentMode === "test" ? "Test payment (no money moved)" : order.card ? `${order.card} (Stripe)` : "Stripe (card not known)"}
              </dd>
            </div>
            <div>
              <dt>Checkout session</dt>
              <dd>
                <Id value={order.stripeSessionId} />
              </dd>
            </div>
            <div>
              <dt>Payment intent</dt>
              <dd data-testid="payment-intent">
                <Id value={order.stripePaymentIntentId} />
              </dd>
            </div>
            <div>
              <dt>Upsell</dt>
              <dd>{order.inHoldout ? "Held out (saw no suggestions)" : "Saw suggestions"}</dd>
            </div>
          </dl>
        </section>
      </div>

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">Items</h2>
        <div className="admin-table-wrap" role="region" aria-label="Items table" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Items of order {order.number}, with bundle discounts and totals</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">SKU</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Bundle discount
                </th>
                <th scope="col" className="num">
                  Line total
                </th>
                <th scope="col" className="num">
                  Back in stock
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id} data-testid="order-line" data-sku={l.sku}>
                  <th scope="row">
                    {l.productName} <span className="admin-muted">({l.colourName})</span>
                    {l.offerName ? <span className="admin-hint admin-block">{l.offerName}</span> : null}
                  </th>
                  <td>
                    <code>{l.sku}</code>
                  </td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">
                    <Money cents={l.unitPriceCents} />
                  </td>
                  <td className="num">{l.discountCents > 0 ? <>−<Money cents={l.discountCents} /></> : "—"}</td>
                  <td className="num">
                    <Money cents={l.lineTotalCents} />
                  </td>
                  <td className="num" data-testid="restocked">
                    {l.restockedQuantity}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  Subtotal
                </th>
                <td className="num">
                  <Money cents={order.subtotalCents} />
                </td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={5}>
                  Bundle discounts
                </th>
                <td className="num">
                  −<Money cents={order.discountCents} />
                </td>
                <td />
              </tr>
              {order.shipping.methodName !== null || order.shipping.cents > 0 ? (
                <tr>
                  <th scope="row" colSpan={5}>
                    Shipping{order.shipping.methodName ? `: ${order.shipping.methodName}` : ""}
                    {order.shipping.estimate ? <span className="admin-hint admin-block">{order.shipping.estimate}</span> : null}
                  </th>
                  <td className="num" data-testid="order-shipping">
                    <Money cents={order.shipping.cents} />
                  </td>
                  <td />
                </tr>
              ) : null}
              {order.taxCents > 0 ? (
                <tr>
                  <th scope="row" colSpan={5}>
                    Tax
                  </th>
                  <td className="num" data-testid="order-tax">
                    <Money cents={order.taxCents} />
                  </td>
                  <td />
                </tr>
              ) : null}
              <tr>
                <th scope="row" colSpan={5}>
                  Total paid ({order.currency})
                </th>
                <td className="num" data-testid="order-total">
                  <strong>
                    <Money cents={order.totalCents} />
                  </strong>
                </td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={5}>
                  Refunded
                </th>
                <td className="num" data-testid="order-refunded">
                  <Money cents={order.refundedCents} />
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="admin-panel" aria-labelledby="shipping-title" data-testid="shipping-panel">
        <h2 id="shipping-title">Shipping</h2>
        <p>
          <strong>{order.fulfilment.label}</strong>
          {order.fulfilment.cancelledAt ? ` (cancelled ${order.fulfilment.cancelledAt})` : ""}
          {order.shipping.methodName ? ` · chosen at checkout: ${order.shipping.methodName}` : ""} ·{" "}
          <Link to={`/admin/orders/${order.number}/packing-slip`}>Packing slip</Link>
          {order.fulfilment.canCancel ? (
            <>
              {" "}
              · <Link to={`/admin/orders/${order.number}/cancel`}>Cancel order…</Link>
            </>
          ) : null}
        </p>
        {order.fulfilment.shipments.length > 0 ? (
          <div className="admin-table-wrap" role="region" aria-label="Shipments" tabIndex={0}>
            <table className="admin-table">
              <caption>Shipments</caption>
              <thead>
                <tr>
                  <th scope="col">Shipped</th>
                  <th scope="col">Items</th>
                  <th scope="col">Carrier</th>
                  <th scope="col">Tracking</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.fulfilment.shipments.map((s) => (
                  <tr key={s.id} data-testid="shipment-row" data-shipment={s.id}>
                    <td className="admin-nowrap">{s.shippedAt}</td>
                    <td>{s.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")}</td>
                    <td>{s.carrierLabel}</td>
                    <td data-testid="shipment-tracking">
                      {s.trackingUrl ? (
                        <a href={s.trackingUrl} rel="noreferrer noopener" target="_blank">
                          {s.trackingNumber ?? "Track"}
                        </a>
                      ) : (
                        (s.trackingNumber ?? "—")
                      )}
                    </td>
                    <td className="admin-nowrap">{s.deliveredAt ?? "—"}</td>
                    <td>
                      <Link to={`/admin/orders/${order.number}/shipments/${s.id}`}>
                        Tracking or delivery<span className="visually-hidden"> of the shipment of {s.shippedAt}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {order.fulfilment.ship.possible ? (
          <>
            <h3>New shipment</h3>
            <ShipmentForm
              number={order.number}
              lines={order.fulfilment.lines}
              carriers={order.fulfilment.carriers}
              formKey={order.fulfilment.ship.formKey}
              errors={{}}
              values={{}}
              busy={busy}
            />
          </>
        ) : (
          <p className="admin-muted" data-testid="ship-unavailable">
            {order.fulfilment.ship.why}
          </p>
        )}
      </section>

      <section className="admin-panel" aria-labelledby="refund-title">
        <h2 id="refund-title">Refund</h2>
        {confirm ? <ConfirmStep request={confirm} cancelTo={`/admin/orders/${order.number}`} busy={busy} /> : null}
        {order.refund.possible && !confirm ? (
          // Keyed by the loader's request key: after a refund the page brings a new key
          // and the form starts empty again, so a second click cannot repeat the amount.
          <Form key={order.refund.requestKey} method="post" className="admin-form refund-form" data-testid="refund-form">
            <input type="hidden" name="requestKey" value={sent.requestKey ?? order.refund.requestKey} />
            {errors._form ? (
              <p className="field-error" id="_form-error">
                {errors._form}
              </p>
            ) : null}
            <p>
              Left to refund: <strong data-testid="refund-remaining"><Money cents={order.remainingCents} /></strong>
              {order.paymentMode === "stripe"
                ? ` (the money goes back through Stripe to ${order.card ? `the ${order.card}` : "the original payment"}).`
                : " (a test payment: recorded here, no money moves)."}
            </p>
            <fieldset aria-describedby={errors.scope ? "scope-error" : undefined}>
              <legend>What to refund</legend>
              <label className="admin-check">
                <input type="radio" name="scope" value="full" defaultChecked={scope === "full"} />
                <span>
                  Everything left (<Money cents={order.remainingCents} />{order.shipping.cents > 0 || order.taxCents > 0 ? ", shipping and tax included" : ""})
                </span>
              </label>
              <label className="admin-check">
                <input type="radio" name="scope" value="lines" defaultChecked={scope === "lines"} />
                <span>What the items chosen below were paid{order.shipping.cents > 0 ? ", and the shipping if ticked below" : ""}</span>
              </label>
              <label className="admin-check">
                <input type="radio" name="scope" value="amount" defaultChecked={scope === "amount"} />
                <span>An amount:</span>
              </label>
              <AdminField label="Amount ($)" name="amount" error={errors.amount} hint="Dollars and cents, like 25 or 25.50.">
                <input
                  id="amount"
                  name="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={14}
                  defaultValue={sent.amount ?? ""}
                  {...fieldAria("amount", errors.amount, true)}
                />
              </AdminField>
              {errors.scope ? (
                <p className="field-error" id="scope-error">
                  {errors.scope}
                </p>
              ) : null}
            </fieldset>
            <fieldset>
              <legend>Items</legend>
              <p className="admin-hint">
                How many of each item the refund is for. With “Put back in stock”, these go back on the shelf (for “Everything
                left”, every item not yet put back does).
              </p>
              {order.lines.map((l) => (
                <AdminField
                  key={l.id}
                  label={`${l.productName} (${l.colourName})`}
                  name={l.field}
                  error={errors[l.field]}
                  hint={`${l.quantity} bought${l.restockedQuantity > 0 ? `, ${l.restockedQuantity} already back in stock` : ""}${l.inCatalog ? "" : "; no longer in the catalog"}.`}
                >
                  <input
                    id={l.field}
                    name={l.field}
                    type="number"
                    min={0}
                    max={l.quantity}
                    step={1}
                    inputMode="numeric"
                    defaultValue={sent[l.field] ?? ""}
                    {...fieldAria(l.field, errors[l.field], true)}
                  />
                </AdminField>
              ))}
              <div className="field admin-check">
                <input id="restock" name="restock" type="checkbox" defaultChecked={sent.restock === "on"} {...fieldAria("restock", errors.restock)} />
                <label htmlFor="restock">Put the items back in stock</label>
                {errors.restock ? (
                  <p className="field-error" id="restock-error">
                    {errors.restock}
                  </p>
                ) : null}
              </div>
            </fieldset>
            {order.shipping.cents > 0 ? (
              <div className="field admin-check">
                <input id="shipping" name="shipping" type="checkbox" defaultChecked={sent.shipping === "on"} {...fieldAria("shipping", errors.shipping)} />
                <label htmlFor="shipping">
                  Refund the shipping too (<Money cents={order.shipping.cents} />, with the items chosen)
                </label>
                {errors.shipping ? (
                  <p className="field-error" id="shipping-error">
                    {errors.shipping}
                  </p>
                ) : null}
              </div>
            ) : null}
            <AdminField label="Note (optional)" name="reason" error={errors.reason} hint="Why: kept with the refund and in the audit log.">
              <input
                id="reason"
                name="reason"
                maxLength={MAX_REFUND_REASON_LENGTH}
                autoComplete="off"
                defaultValue={sent.reason ?? ""}
                {...fieldAria("reason", errors.reason, true)}
              />
            </AdminField>
            <button type="submit" className="button danger" disabled={busy}>
              Refund
            </button>
          </Form>
        ) : (
          <p className="admin-muted" data-testid="refund-unavailable">
            {order.refund.why}
          </p>
        )}

        {order.refunds.length > 0 ? (
          <div className="admin-table-wrap" role="region" aria-label="Refunds" tabIndex={0}>
            <table className="admin-table">
              <caption>Refunds</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">By</th>
                  <th scope="col">Note</th>
                  <th scope="col">Refund id</th>
                </tr>
              </thead>
              <tbody>
                {order.refunds.map((r) => (
                  <tr key={r.id} data-testid="refund-row">
                    <td className="admin-nowrap">{r.at}</td>
                    <td className="num">
                      <Money cents={r.amountCents} />
                    </td>
                    <td>{r.status}</td>
                    <td>{r.by}</td>
                    <td>{r.reason ?? "—"}</td>
                    <td>
                      <code>{r.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">Status history</h2>
        {order.history.length === 0 ? <p className="admin-muted">No status changes recorded.</p> : null}
        <ol className="admin-history" data-testid="status-history">
          {order.history.map((h) => (
            <li key={h.id}>
              <span className="admin-nowrap">{h.at}</span> · <strong>{h.label}</strong>
              {h.note ? <span className="admin-muted"> · {h.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
