// The shipping method form (new and edit): works without JavaScript; errors
// sit next to their fields.
import { Form } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";

export function ShippingMethodForm({
  values,
  errors,
  countries,
  intent,
  submitLabel,
  busy,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  countries: { code: string; name: string; field: string }[];
  intent: "create" | "save";
  submitLabel: string;
  busy: boolean;
}) {
  return (
    <Form method="post" className="admin-form" data-testid="shipping-form">
      <input type="hidden" name="intent" value={intent} />
      {errors._form ? (
        <p className="field-error" id="_form-error">
          {errors._form}
        </p>
      ) : null}
      <AdminField label="Name" name="name" error={errors.name} hint="As shoppers see it, like Standard or Express.">
        <input id="name" name="name" maxLength={60} autoComplete="off" defaultValue={values.name ?? ""} {...fieldAria("name", errors.name, true)} />
      </AdminField>
      <AdminField label="Price ($)" name="price" error={errors.price} hint="Dollars and cents, like 8 or 8.00; 0 for always free.">
        <input id="price" name="price" inputMode="decimal" autoComplete="off" maxLength={14} defaultValue={values.price ?? ""} {...fieldAria("price", errors.price, true)} />
      </AdminField>
      <AdminField label="Free at or above ($, optional)" name="freeOver" error={errors.freeOver} hint="An order's goods (after bundle savings) at or above this ship free. Empty: never free.">
        <input id="freeOver" name="freeOver" inputMode="decimal" autoComplete="off" maxLength={14} defaultValue={values.freeOver ?? ""} {...fieldAria("freeOver", errors.freeOver, true)} />
      </AdminField>
      <AdminField label="Fastest delivery (business days)" name="minDays" error={errors.minDays}>
        <input id="minDays" name="minDays" type="number" min={1} max={60} step={1} inputMode="numeric" defaultValue={values.minDays ?? ""} {...fieldAria("minDays", errors.minDays)} />
      </AdminField>
      <AdminField label="Slowest delivery (business days)" name="maxDays" error={errors.maxDays}>
        <input id="maxDays" name="maxDays" type="number" min={1} max={60} step={1} inputMode="numeric" defaultValue={values.maxDays ?? ""} {...fieldAria("maxDays", errors.maxDays)} />
      </AdminField>
      <fieldset aria-describedby={errors.countries ? "countries-error" : undefined}>
        <legend>Delivers to</legend>
        {countries.map((c) => (
          <label key={c.code} className="admin-check">
            <input type="checkbox" name={c.field} defaultChecked={values[c.field] === "on"} />
            <span>
              {c.name} ({c.code})
            </span>
          </label>
        ))}
        {errors.countries ? (
          <p className="field-error" id="countries-error">
            {errors.countries}
          </p>
        ) : null}
      </fieldset>
      <AdminField label="Order in lists" name="position" error={errors.position} hint="Lower first among methods of the same price.">
        <input id="position" name="position" type="number" min={0} max={999} step={1} inputMode="numeric" defaultValue={values.position ?? "0"} {...fieldAria("position", errors.position, true)} />
      </AdminField>
      <div className="field admin-check">
        <input id="active" name="active" type="checkbox" defaultChecked={values.active === "on"} {...fieldAria("active", errors.active)} />
        <label htmlFor="active">Offer this method at checkout</label>
        {errors.active ? (
          <p className="field-error" id="active-error">
            {errors.active}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
