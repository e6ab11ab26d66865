// The offers page's experiments: the list (with a stop button) and the form for
// a new one, two to four arms, each "no suggestions" or its offer settings.
import { Form, Link } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { ARM_SLOTS } from "~/domain/experiments";

interface ExperimentRow {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string | null;
  status: string;
  arms: string[];
}

const DEFAULT_ARMS: Record<number, { label: string; kind: string; type: string; value: string; share: string }> = {
  1: { label: "No suggestions", kind: "holdout", type: "", value: "", share: "20" },
  2: { label: "10 % off", kind: "discount", type: "percent", value: "10", share: "40" },
  3: { label: "15 % off", kind: "discount", type: "percent", value: "15", share: "40" },
  4: { label: "", kind: "", type: "", value: "", share: "" },
};

export function ExperimentsPanel({
  experiments,
  busy,
  errors,
  message,
  values,
  timeZone = "UTC",
}: {
  /** The shop's zone: start and stop are typed and shown in it. */
  timeZone?: string;
  experiments: ExperimentRow[];
  busy: boolean;
  errors: Record<string, string>;
  message: string | null;
  values: Record<string, string>;
}) {
  const failed = message !== null;
  const value = (name: string, fallback: string) => (failed ? (values[name] ?? "") : fallback);
  return (
    <section className="admin-panel admin-wide-panel" aria-labelledby="experiments-title">
      <h2 id="experiments-title">Experiments</h2>
      <p>
        Try offers against each other: each cart lands in one arm, by a hash of its id, and stays there. One experiment runs at a time. Read the
        results on the <Link to="/admin">dashboard</Link>.
      </p>
      {experiments.length === 0 ? (
        <p className="admin-muted">No experiments yet.</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label="Experiments so far" tabIndex={0}>
          <table className="admin-table" data-testid="experiments">
            <caption className="visually-hidden">Experiments</caption>
            <thead>
              <tr>
                <th scope="col">Experiment</th>
                <th scope="col">Arms</th>
                <th scope="col">When ({timeZone} time)</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((e) => (
                <tr key={e.id} data-testid="experiment-row" data-experiment-id={e.id}>
                  <th scope="row">
                    <Link to={`/admin?experiment=${e.id}`}>{e.name}</Link>
                  </th>
                  <td>
                    <ul className="admin-plain-list">
                      {e.arms.map((a) => (
                        <li key={a}>{a}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {e.startsAt} to {e.endsAt ?? "until stopped"}
                  </td>
                  <td>
                    {e.status === "Ended" ? (
                      e.status
                    ) : (
                      <Form method="post" className="admin-inline-form">
                        <input type="hidden" name="intent" value="stop-experiment" />
                        <input type="hidden" name="experimentId" value={e.id} />
                        <span className="admin-status on">{e.status}</span>
                        <button type="submit" className="button small secondary" disabled={busy}>
                          Stop<span className="visually-hidden"> {e.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>New experiment</h3>
      {message ? (
        <p className="notice error" role="alert" data-testid="experiment-error">
          {message}
        </p>
      ) : null}
      <Form method="post" className="admin-form" aria-label="New experiment">
        <input type="hidden" name="intent" value="create-experiment" />
        <AdminField label="Name" name="name" error={errors.name}>
          <input id="name" name="name" required maxLength={80} autoComplete="off" defaultValue={value("name", "")} {...fieldAria("name", errors.name)} />
        </AdminField>
        <AdminField label={`Start (${timeZone} time)`} name="startsAt" error={errors.startsAt} hint="Empty: now.">
          <input id="startsAt" name="startsAt" type="datetime-local" defaultValue={value("startsAt", "")} {...fieldAria("startsAt", errors.startsAt, true)} />
        </AdminField>
        <AdminField label={`Stop (${timeZone} time)`} name="endsAt" error={errors.endsAt}>
          <input id="endsAt" name="endsAt" type="datetime-local" required defaultValue={value("endsAt", "")} {...fieldAria("endsAt", errors.endsAt)} />
        </AdminField>
        {ARM_SLOTS.map((i) => {
          const d = DEFAULT_ARMS[i]!;
          const letter = String.fromCharCode(64 + i);
          return (
            <fieldset key={i} className="admin-fieldset" data-testid={`arm-${i}`}>
              <legend>
                Arm {letter}
                {i > 2 ? " (optional: leave empty to leave out)" : ""}
              </legend>
              <AdminField label={`Arm ${letter} name`} name={`arm${i}Label`} error={errors[`arm${i}Label`]}>
                <input id={`arm${i}Label`} name={`arm${i}Label`} maxLength={40} defaultValue={value(`arm${i}Label`, d.label)} {...fieldAria(`arm${i}Label`, errors[`arm${i}Label`])} />
              </AdminField>
              <AdminField label={`Arm ${letter} shows`} name={`arm${i}Kind`} error={errors[`arm${i}Kind`]}>
                <select id={`arm${i}Kind`} name={`arm${i}Kind`} defaultValue={value(`arm${i}Kind`, d.kind)} {...fieldAria(`arm${i}Kind`, errors[`arm${i}Kind`])}>
                  <option value="">Choose…</option>
                  <option value="holdout">No suggestions (holdout)</option>
                  <option value="offers">Suggestions, offers as set</option>
                  <option value="discount">Suggestions, every bundle offer at this discount</option>
                </select>
              </AdminField>
              <AdminField label={`Arm ${letter} discount`} name={`arm${i}DiscountType`} error={errors[`arm${i}DiscountType`]}>
                <select id={`arm${i}DiscountType`} name={`arm${i}DiscountType`} defaultValue={value(`arm${i}DiscountType`, d.type)} {...fieldAria(`arm${i}DiscountType`, errors[`arm${i}DiscountType`])}>
                  <option value="">None</option>
                  <option value="percent">Percent off</option>
                  <option value="fixed">Amount off ($)</option>
                </select>
              </AdminField>
              <AdminField label={`Arm ${letter} discount value`} name={`arm${i}DiscountValue`} error={errors[`arm${i}DiscountValue`]} hint="10 for 10 % or $10.">
                <input
                  id={`arm${i}DiscountValue`}
                  name={`arm${i}DiscountValue`}
                  inputMode="decimal"
                  maxLength={12}
                  defaultValue={value(`arm${i}DiscountValue`, d.value)}
                  {...fieldAria(`arm${i}DiscountValue`, errors[`arm${i}DiscountValue`], true)}
                />
              </AdminField>
              <AdminField label={`Arm ${letter} share of carts (%)`} name={`arm${i}Share`} error={errors[`arm${i}Share`]}>
                <input id={`arm${i}Share`} name={`arm${i}Share`} inputMode="decimal" maxLength={8} defaultValue={value(`arm${i}Share`, d.share)} {...fieldAria(`arm${i}Share`, errors[`arm${i}Share`])} />
              </AdminField>
            </fieldset>
          );
        })}
        <p className="admin-hint">The shares must add up to 100 %. A discount arm gives its discount instead of every bundle offer's own.</p>
        <button type="submit" className="button" disabled={busy}>
          Save experiment
        </button>
      </Form>
    </section>
  );
}
