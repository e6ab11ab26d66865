// One SKU's stock: its levels, the forms to add or remove units, set on hand
// to a count or change the low-stock threshold, and its ledger.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AdminField, AdminNotices, fieldAria } from "~/components/AdminField";
import { StockLedgerTable, toLedgerRowView } from "~/components/StockLedgerTable";
import { shopTimeZone } from "~/utils/shop-time.server";
import { ConfirmStep } from "~/components/ConfirmStep";
import { formFields, parseWith } from "~/web/forms";
import { splitConfirmation, stockQuestion } from "~/domain/confirmation";
import {
  ADJUSTMENT_REASON_LABELS,
  ADJUSTMENT_REASONS,
  changeFromForm,
  formatDelta,
  MAX_NOTE_LENGTH,
  stockFormSchema,
  type AdjustmentReason,
} from "~/domain/stock";
import { adjustStock, getStockItem, listLedger, setLowStockThreshold } from "~/models/inventory.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, failure as formFailure, notFound, pendingNotice } from "~/web/responses.server";
import { alreadyDoneMessage, askToConfirm, isAlreadyDone, newFormToken, runOnce, TOKEN_MISSING } from "~/web/form-token.server";
import { AdminPager } from "~/components/AdminPager";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "item" in data ? `Stock of ${data.item.sku}` : "Stock");

const PAGE_SIZE = 25;

const pageSchema = z.strictObject({
  page: z.string().regex(/^[1-9]\d{0,5}$/, "The page must be a whole number from 1.").transform(Number).optional(),
});

function skuParam(params: { sku?: string }): string {
  return (params.sku ?? "").slice(0, 64);
}

const noSuchSku = (sku: string) => `There is no SKU ${sku.slice(0, 64)} in the shop.`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "stock.view");
  const sku = skuParam(params);
  const item = getStockItem(sku);
  if (!item) throw notFound(noSuchSku(sku));
  const pageValue = new URL(request.url).searchParams.get("page");
  const query = parseWith(pageSchema, pageValue ? { page: pageValue } : {});
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const page = query.data.page ?? 1;
  const { entries, total } = listLedger({ variantId: item.variantId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const { notice, headers } = await pendingNotice(request);
  return json(
    {
      item: {
        sku: item.sku,
        productId: item.productId,
        productName: item.productName,
        draft: item.productStatus === "draft",
        colourName: item.colourName,
        onHand: item.onHand,
        held: item.held,
        available: item.available,
        lowStockThreshold: item.lowStockThreshold,
        low: item.low,
      },
      notice,
      formToken: newFormToken(),
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      ledger: entries.map((e) => toLedgerRowView(e, shopTimeZone())),
    },
    { headers },
  );
}

function failure(status: 400 | 404 | 409, message: string, fields: Record<string, string>, fieldErrors: Record<string, string> = {}) {
  const values: Record<string, string> = {};
  for (const key of ["quantity", "onHand", "reason", "note", "lowStockThreshold"]) {
    if (fields[key] !== undefined) values[key] = fields[key]!.slice(0, MAX_NOTE_LENGTH + 20);
  }
  return formFailure(status, message, fieldErrors, values, { intent: fields.intent?.slice(0, 20) ?? null });
}

const VERBS: Record<AdjustmentReason, string> = {
  received: "Received",
  returned: "Took back",
  damaged: "Wrote off",
  counted: "Counted",
  correction: "Corrected",
};

function units(n: number) {
  return `${n} ${n === 1 ? "unit" : "units"}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "stock.adjust");
  const sku = skuParam(params);
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, {}, { _form: form.message });
  // Receiving, removing and counting carry a one-time token; removing (or counting fewer) is confirmed first.
  const { confirmed, token, rest } = splitConfirmation(form.fields);
  const input = parseWith(stockFormSchema, rest);
  if (!input.ok) return failure(400, input.message, rest, input.fieldErrors);
  const actor = { staffId: me.id };
  const data = input.data;

  let message: string;
  let kind: "success" | "info" = "success";
  if (data.intent === "threshold") {
    const result = setLowStockThreshold({ sku, threshold: data.lowStockThreshold, actor });
    if (!result.ok) return failure(result.status, result.message, form.fields);
    message =
      result.before === data.lowStockThreshold
        ? `The low-stock threshold of ${sku} was already ${data.lowStockThreshold}.`
        : `${sku} now counts as low stock at ${data.lowStockThreshold} available or fewer (was ${result.before}).`;
  } else {
    if (!token) return failure(400, TOKEN_MISSING, rest, { _form: TOKEN_MISSING });
    const change = changeFromForm(data);
    const current = getStockItem(sku);
    if (!current) throw notFound(noSuchSku(sku));
    const onHandAfter = change.mode === "delta" ? current.onHand + change.delta : change.onHand;
    if (!confirmed && onHandAfter < current.onHand && onHandAfter >= 0) {
      return askToConfirm({
        kind: "stock-remove",
        ...stockQuestion({ sku, onHandBefore: current.onHand, onHandAfter, reasonLabel: ADJUSTMENT_REASON_LABELS[data.reason] }),
        fields: { ...rest, formToken: token },
      });
    }
    const result = runOnce({ token, purpose: `stock:${sku}`, staffId: me.id, outcome: (r) => (r.ok ? stockMessage(sku, data, r) : "") }, () =>
      adjustStock({ sku, change, reason: data.reason, note: data.note, actor }),
    );
    if (isAlreadyDone(result)) {
      message = alreadyDoneMessage(result);
      kind = "info";
    } else if (!result.ok) {
      const field = data.intent === "adjust" ? "quantity" : "onHand";
      return failure(result.status, result.message, rest, result.status === 409 ? { [field]: result.message } : {});
    } else {
      message = stockMessage(sku, data, result);
    }
  }
  return done(`/admin/stock/${encodeURIComponent(sku)}`, message, kind);
}

function stockMessage(
  sku: string,
  data: { intent: "adjust" | "set"; reason: AdjustmentReason; seenOnHand?: number },
  result: { item: { onHand: number; held: number; available: number }; before: { onHand: number }; delta: number },
): string {
  const { item, before, delta } = result;
  const levels = `On hand ${before.onHand} → ${item.onHand}; ${item.held} held; ${item.available} available.`;
  let message: string;
  if (data.intent === "adjust") {
    message = `${VERBS[data.reason]} ${delta > 0 ? units(delta) : units(-delta)} of ${sku}${delta < 0 && data.reason !== "damaged" ? " (removed)" : ""}. ${levels}`;
  } else if (delta === 0) {
    message = `${sku} already had ${item.onHand} on hand; nothing changed.`;
  } else {
    message = `Set ${sku} on hand to ${item.onHand} (${formatDelta(delta)}). ${levels}`;
  }
  // The count is what staff asked for even if sales or holds moved stock meanwhile; say so.
  if (data.seenOnHand !== undefined && data.seenOnHand !== before.onHand) {
    message += ` Note: on hand had changed from ${data.seenOnHand} to ${before.onHand} since you opened the page.`;
  }
  return message;
}

export default function StockItemPage() {
  const { item, notice, ledger, page, pages, total, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirm = actionData && actionData.ok ? actionData.confirm : null;
  const result = actionData && !actionData.ok ? actionData : null;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.fieldErrors : {});
  const valuesFor = (intent: string): Record<string, string> => (result && !result.ok && result.intent === intent ? result.values : {});
  const adjust = { errors: errorsFor("adjust"), values: valuesFor("adjust") };
  const set = { errors: errorsFor("set"), values: valuesFor("set") };
  const threshold = { errors: errorsFor("threshold"), values: valuesFor("threshold") };

  return (
    <>
      <p className="admin-back">
        <Link to="/admin/stock">← All stock</Link>
      </p>
      <h1>{item.sku}</h1>
      <p className="admin-lede">
        <Link to={`/admin/products/${item.productId}`}>{item.productName}</Link> · {item.colourName}
        {item.draft ? <span className="admin-flag draft">Draft</span> : null}
        {item.low ? <span className="admin-flag low">Low stock</span> : null}
      </p>
      <AdminNotices notice={notice} />
      {result && !result.ok ? (
        <p className="notice error" role="alert">
          {result.message}
        </p>
      ) : null}

      {confirm ? <ConfirmStep request={confirm} cancelTo={`/admin/stock/${encodeURIComponent(item.sku)}`} busy={busy} /> : null}

      <dl className="admin-levels" data-testid="stock-levels">
        <div>
          <dt>On hand</dt>
          <dd data-testid="on-hand">{item.onHand}</dd>
        </div>
        <div>
          <dt>Held by checkouts</dt>
          <dd data-testid="held">{item.held}</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd data-testid="available">{item.available}</dd>
        </div>
        <div>
          <dt>Low at or under</dt>
          <dd>{item.lowStockThreshold}</dd>
        </div>
      </dl>

      <div className="admin-columns">
        <section className="admin-panel" aria-labelledby="adjust-title">
          <h2 id="adjust-title">Add or remove units</h2>
          {/* Keyed by its one-time token: after a change the form starts empty, and a resend of the old one changes nothing. */}
          <Form key={`adjust-${formToken}`} method="post" className="admin-form">
            <input type="hidden" name="intent" value="adjust" />
            <input type="hidden" name="formToken" value={formToken} />
            <input type="hidden" name="seenOnHand" value={item.onHand} />
            <AdminField label="Units" name="adjust-quantity" error={adjust.errors.quantity} hint="Like 10 to add, or -2 to remove.">
              <input
                id="adjust-quantity"
                name="quantity"
                type="number"
                step={1}
                required
                inputMode="numeric"
                defaultValue={adjust.values.quantity ?? ""}
                {...fieldAria("adjust-quantity", adjust.errors.quantity, true)}
              />
            </AdminField>
            <ReasonField id="adjust-reason" error={adjust.errors.reason} value={adjust.values.reason ?? "received"} />
            <NoteField id="adjust-note" error={adjust.errors.note} value={adjust.values.note ?? ""} />
            <button type="submit" className="button" disabled={busy}>
              Apply change
            </button>
          </Form>
        </section>

        <section className="admin-panel" aria-labelledby="set-title">
          <h2 id="set-title">Set on hand to a count</h2>
          <Form key={`set-${formToken}`} method="post" className="admin-form">
            <input type="hidden" name="intent" value="set" />
            <input type="hidden" name="formToken" value={formToken} />
            <input type="hidden" name="seenOnHand" value={item.onHand} />
            <AdminField
              label="On hand"
              name="set-on-hand"
              error={set.errors.onHand}
              hint={item.held > 0 ? `At least ${item.held}: that many are held by open checkouts.` : "What is on the shelf now."}
            >
              <input
                id="set-on-hand"
                name="onHand"
                type="number"
                min={item.held}
                step={1}
                required
                inputMode="numeric"
                defaultValue={set.values.onHand ?? ""}
                {...fieldAria("set-on-hand", set.errors.onHand, true)}
              />
            </AdminField>
            <ReasonField id="set-reason" error={set.errors.reason} value={set.values.reason ?? "counted"} />
            <NoteField id="set-note" error={set.errors.note} value={set.values.note ?? ""} />
            <button type="submit" className="button" disabled={busy}>
              Set on hand
            </button>
          </Form>
        </section>

        <section className="admin-panel" aria-labelledby="threshold-title">
          <h2 id="threshold-title">Low-stock threshold</h2>
          <Form method="post" className="admin-form">
            <input type="hidden" name="intent" value="threshold" />
            <AdminField
              label="Low at or under"
              name="threshold"
              error={threshold.errors.lowStockThreshold}
              hint="The SKU is marked low when what can be sold drops to this many."
            >
              <input
                id="threshold"
                name="lowStockThreshold"
                type="number"
                min={0}
                step={1}
                required
                inputMode="numeric"
                defaultValue={threshold.values.lowStockThreshold ?? String(item.lowStockThreshold)}
                {...fieldAria("threshold", threshold.errors.lowStockThreshold, true)}
              />
            </AdminField>
            <button type="submit" className="button secondary" disabled={busy}>
              Save threshold
            </button>
          </Form>
        </section>
      </div>

      <h2>Ledger</h2>
      {ledger.length === 0 ? (
        <p className="admin-muted">{total === 0 ? "No stock changes yet." : "No entries on this page."}</p>
      ) : (
        <StockLedgerTable rows={ledger} caption={`Stock changes of ${item.sku}, newest first`} showSku={false} />
      )}
      {pages > 1 ? (
        <AdminPager label="Ledger pages" page={page} pages={pages} total={total} hrefFor={(n) => `?page=${n}`} />
      ) : null}
    </>
  );
}

function ReasonField({ id, error, value }: { id: string; error?: string; value: string }) {
  return (
    <AdminField label="Reason" name={id} error={error}>
      <select id={id} name="reason" defaultValue={value} {...fieldAria(id, error)}>
        {ADJUSTMENT_REASONS.map((r) => (
          <option key={r} value={r}>
            {ADJUSTMENT_REASON_LABELS[r]}
          </option>
        ))}
      </select>
    </AdminField>
  );
}

function NoteField({ id, error, value }: { id: string; error?: string; value: string }) {
  return (
    <AdminField label="Note (optional)" name={id} error={error}>
      <input id={id} name="note" maxLength={MAX_NOTE_LENGTH} autoComplete="off" defaultValue={value} {...fieldAria(id, error)} />
    </AdminField>
  );
}
