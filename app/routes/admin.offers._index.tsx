// Bundle offers: every offer at a glance, switched on or off in one click,
// and the share of carts held out of the upsell. Creating and editing live on
// /admin/offers/new and /admin/offers/:id.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AdminField, AdminNotices, fieldAria } from "~/components/AdminField";
import { describeOffer, isOfferActive, offerFromRow, toDateTimeLocal } from "~/domain/bundle-offers";
import { formFields, parseWith } from "~/web/forms";
import { describeAddons, describeTrigger, describeWindow, formatPercent, holdoutPercentSchema, MAX_HOLDOUT_PERCENT } from "~/domain/offer-admin";
import { listOfferProducts, listOfferRows, saveHoldoutPercent, setOfferEnabled } from "~/models/offers.server";
import { ExperimentsPanel } from "~/components/ExperimentsPanel";
import { describeArm, isRunning, parseExperimentForm } from "~/domain/experiments";
import { createExperiment, listExperiments, stopExperiment } from "~/models/experiments.server";
import { getHoldoutPercent } from "~/models/settings.server";
import { adminMeta } from "~/utils/admin-meta";
import { requirePermission } from "~/utils/auth.server";
import { done, failure as formFailure, pendingNotice } from "~/web/responses.server";
import { shopTimeZone } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Offers");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "offers.view");
  const { notice, headers } = await pendingNotice(request);
  const now = Date.now();
  const timeZone = shopTimeZone();
  const names = new Map(listOfferProducts().map((p) => [p.id, p.name]));
  const offers = listOfferRows().map((row) => {
    const offer = offerFromRow(row);
    const status = !row.enabled
      ? "Off"
      : !offer.enabled
        ? "On, but its settings are broken: edit it"
        : isOfferActive(offer, now)
          ? "Active now"
          : offer.activeFrom !== null && now < offer.activeFrom
            ? "Scheduled"
            : "Ended";
    return {
      id: row.id,
      name: row.name,
      trigger: describeTrigger(offer, names),
      addons: describeAddons(offer, names),
      discount: describeOffer(offer),
      maxAddonsPerTrigger: offer.maxAddonsPerTrigger,
      window: describeWindow(offer, timeZone),
      priority: offer.priority,
      enabled: row.enabled,
      activeNow: isOfferActive(offer, now),
      status,
    };
  });
  const experiments = listExperiments().map((e) => ({
    id: e.id,
    name: e.name,
    startsAt: toDateTimeLocal(e.startsAt, timeZone).replace("T", " "),
    endsAt: e.endsAt === null ? null : toDateTimeLocal(e.endsAt, timeZone).replace("T", " "),
    status: isRunning(e, now) ? "Running" : e.startsAt > now ? "Scheduled" : "Ended",
    arms: e.arms.map((a) => `${a.label}: ${describeArm(a)}, ${a.shareBasisPoints / 100} %`),
  }));
  return json({ offers, holdoutPercent: formatPercent(getHoldoutPercent()), notice, experiments, timeZone }, { headers });
}

const offerId = z
  .string({ error: "Choose an offer." })
  .regex(/^\d{1,9}$/, "Choose an offer.")
  .transform(Number);

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({
      intent: z.literal("toggle"),
      offerId,
      enabled: z.enum(["on", "off"], { error: "Say whether to switch the offer on or off." }),
    }),
    z.strictObject({ intent: z.literal("holdout"), holdoutPercent: z.string().optional() }),
  ],
  { error: "Choose what to change." },
);

function failure(status: 400 | 404 | 409, message: string, fields: Record<string, string>, fieldErrors: Record<string, string> = {}) {
  const values = Object.fromEntries(Object.entries(fields).slice(0, 40).map(([k, v]) => [k.slice(0, 40), v.slice(0, 100)]));
  return formFailure(status, message, fieldErrors, values, { intent: fields.intent?.slice(0, 20) ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "offers.edit");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, {}, { _form: form.message });
  if (form.fields.intent === "create-experiment") {
    const parsed = parseExperimentForm(form.fields, Date.now(), shopTimeZone());
    if (!parsed.ok) return failure(400, parsed.message, form.fields, parsed.fieldErrors);
    const created = createExperiment(parsed.input, { staffId: me.id });
    if (!created.ok) return failure(409, created.message, form.fields, { _form: created.message });
    return done("/admin/offers", `The experiment "${created.experiment.name}" is saved: ${created.experiment.arms.length} arms.`);
  }
  if (form.fields.intent === "stop-experiment") {
    const id = /^\d{1,9}$/.test(form.fields.experimentId ?? "") ? Number(form.fields.experimentId) : null;
    const stopped = id === null ? { ok: false as const, message: "Choose an experiment." } : stopExperiment(id, { staffId: me.id });
    if (!stopped.ok) return failure(404, stopped.message, form.fields);
    return done("/admin/offers", stopped.stopped ? `"${stopped.name}" is stopped.` : `"${stopped.name}" had already ended.`);
  }
  const input = parseWith(actionSchema, form.fields);
  if (!input.ok) return failure(400, input.message, form.fields, input.fieldErrors);
  const actor = { staffId: me.id };

  if (input.data.intent === "toggle") {
    const result = setOfferEnabled(input.data.offerId, input.data.enabled === "on", actor);
    if (!result.ok) return failure(result.status, result.message, form.fields);
    return done("/admin/offers", `${result.offer.name} is now ${result.offer.enabled ? "on" : "off"}.`);
  }

  const holdout = parseWith(holdoutPercentSchema, { holdoutPercent: input.data.holdoutPercent ?? "" });
  if (!holdout.ok) return failure(400, holdout.message, form.fields, holdout.fieldErrors);
  const percent = holdout.data.holdoutPercent;
  const saved = saveHoldoutPercent(percent, actor);
  if (!saved.ok) return failure(409, saved.message, form.fields, { holdoutPercent: saved.message });
  return done(
    "/admin/offers",
    percent === 0
      ? "The holdout is off: every cart sees suggestions."
      : `${formatPercent(percent)} % of carts are now held out of suggestions.`,
  );
}

export default function OffersPage() {
  const { offers, holdoutPercent, notice, experiments, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const holdoutError = result?.intent === "holdout" ? result.fieldErrors.holdoutPercent : undefined;
  const experimentResult = result && !result.ok && result.intent === "create-experiment" ? result : null;

  return (
    <>
      <div className="admin-heading">
        <h1>Bundle offers</h1>
        <Link className="button small" to="/admin/offers/new">
          New offer
        </Link>
      </div>
      <AdminNotices notice={notice} error={result && !result.ok && !holdoutError && !experimentResult ? result.message : null} />

      {offers.length === 0 ? (
        <p className="admin-muted">No offers yet.</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label="Bundle offers" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Bundle offers</caption>
            <thead>
              <tr>
                <th scope="col">Offer</th>
                <th scope="col">With</th>
                <th scope="col">Discounted</th>
                <th scope="col">Discount</th>
                <th scope="col">Per trigger</th>
                <th scope="col">When</th>
                <th scope="col">Priority</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id} data-testid="offer-row" data-offer-id={o.id} className={o.enabled ? undefined : "is-disabled"}>
                  <th scope="row">
                    <Link to={`/admin/offers/${o.id}`}>{o.name}</Link>
                  </th>
                  <td>{o.trigger}</td>
                  <td>{o.addons}</td>
                  <td className="admin-nowrap">{o.discount}</td>
                  <td>{o.maxAddonsPerTrigger}</td>
                  <td>{o.window}</td>
                  <td>{o.priority}</td>
                  <td>
                    <Form method="post" className="admin-inline-form">
                      <input type="hidden" name="intent" value="toggle" />
                      <input type="hidden" name="offerId" value={o.id} />
                      <input type="hidden" name="enabled" value={o.enabled ? "off" : "on"} />
                      <span className={o.activeNow ? "admin-status on" : "admin-status off"} data-testid="offer-status">
                        {o.status}
                      </span>
                      <button type="submit" className="button small secondary" disabled={busy}>
                        {o.enabled ? "Switch off" : "Switch on"}
                        <span className="visually-hidden"> {o.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ExperimentsPanel
        experiments={experiments}
        busy={busy}
        errors={experimentResult?.fieldErrors ?? {}}
        message={experimentResult?.message ?? null}
        values={experimentResult?.values ?? {}}
        timeZone={timeZone}
      />

      <section className="admin-panel" aria-labelledby="holdout-title">
        <h2 id="holdout-title">Upsell holdout</h2>
        <p>
          A share of carts sees no micro-bag suggestions, so the dashboard can compare their order value with the carts
          that do. Each cart stays on the same side.
        </p>
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="holdout" />
          <AdminField
            label="Carts held out (%)"
            name="holdoutPercent"
            error={holdoutError}
            hint={`From 0 to ${MAX_HOLDOUT_PERCENT}, with at most one decimal, like 5 or 2.5. 0 switches the holdout off.`}
          >
            <input
              id="holdoutPercent"
              name="holdoutPercent"
              inputMode="decimal"
              required
              maxLength={6}
              autoComplete="off"
              defaultValue={holdoutError ? result?.values.holdoutPercent : holdoutPercent}
              {...fieldAria("holdoutPercent", holdoutError, true)}
            />
          </AdminField>
          <button type="submit" className="button" disabled={busy}>
            Save holdout
          </button>
        </Form>
      </section>
    </>
  );
}
