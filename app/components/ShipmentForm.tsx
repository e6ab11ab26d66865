// The back office's shipment forms: a new shipment (which items, carrier,
// tracking) and a shipment's tracking. Plain forms: they work without JavaScript.
import { Form } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";

export interface CarrierOption {
  value: string;
  label: string;
}

export function TrackingFields({
  carriers,
  errors,
  values,
}: {
  carriers: CarrierOption[];
  errors: Record<string, string>;
  values: { carrier?: string | null; trackingNumber?: string | null; trackingUrl?: string | null };
}) {
  return (
    <>
      <AdminField label="Carrier" name="carrier" error={errors.carrier}>
        <select id="carrier" name="carrier" defaultValue={values.carrier ?? "usps"} {...fieldAria("carrier", errors.carrier)}>
          {carriers.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </AdminField>
      <AdminField label="Tracking number" name="trackingNumber" error={errors.trackingNumber} hint="As printed on the label. Optional only for “Other”.">
        <input
          id="trackingNumber"
          name="trackingNumber"
          autoComplete="off"
          spellCheck={false}
          maxLength={60}
          defaultValue={values.trackingNumber ?? ""}
          {...fieldAria("trackingNumber", errors.trackingNumber, true)}
        />
      </AdminField>
      <AdminField label="Tracking address (only for “Other”)" name="trackingUrl" error={errors.trackingUrl} hint="https://… where the customer can follow the parcel, or leave empty.">
        <input
          id="trackingUrl"
          name="trackingUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          maxLength={500}
          defaultValue={values.trackingUrl ?? ""}
          {...fieldAria("trackingUrl", errors.trackingUrl, true)}
        />
      </AdminField>
    </>
  );
}

export function ShipmentForm({
  number,
  lines,
  carriers,
  formKey,
  errors,
  values,
  busy,
}: {
  number: string;
  lines: { id: number; field: string; productName: string; colourName: string; sku: string; quantity: number; shipped: number; remaining: number }[];
  carriers: CarrierOption[];
  formKey: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  busy: boolean;
}) {
  const sent = Object.keys(values).length > 0;
  return (
    <Form method="post" action={`/admin/orders/${number}/ship`} className="admin-form shipment-form" data-testid="shipment-form">
      <input type="hidden" name="formKey" value={formKey} />
      {errors._form ? (
        <p className="field-error" id="_form-error">
          {errors._form}
        </p>
      ) : null}
      <fieldset>
        <legend>Items in this parcel</legend>
        <p className="admin-hint">Filled in with everything left to ship; lower a number to send part now.</p>
        {lines.map((l) => (
          <AdminField
            key={l.id}
            label={`${l.productName} (${l.colourName})`}
            name={l.field}
            error={errors[l.field]}
            hint={`${l.sku}: ${l.remaining} left to ship${l.shipped > 0 ? `, ${l.shipped} shipped` : ""}.`}
          >
            <input
              id={l.field}
              name={l.field}
              type="number"
              min={0}
              max={l.remaining}
              step={1}
              inputMode="numeric"
              disabled={l.remaining === 0 && !sent}
              defaultValue={sent ? (values[l.field] ?? "") : l.remaining > 0 ? String(l.remaining) : ""}
              {...fieldAria(l.field, errors[l.field], true)}
            />
          </AdminField>
        ))}
      </fieldset>
      <TrackingFields carriers={carriers} errors={errors} values={values} />
      <button type="submit" className="button" disabled={busy}>
        Create shipment
      </button>
    </Form>
  );
}
