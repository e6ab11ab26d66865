// The bundle offer form of /admin/offers/new and /admin/offers/:id, with its
// price preview. One <Form>: "Save" posts the offer; "Preview price" sends the
// same fields as a GET, so the page prices the chosen tote and micro bag with
// the values as typed, without JavaScript. With JavaScript, changing the tote
// or micro bag previews at once.
import { Form, useSubmit } from "@remix-run/react";
import { Money } from "~/components/Money";
import { AdminField, fieldAria } from "~/components/AdminField";

export interface OfferFormPreview {
  totes: { sku: string; label: string }[];
  micros: { sku: string; label: string }[];
  tote: string;
  micro: string;
  errors: Record<string, string>;
  /** Priced with the offer as saved (edit page only). */
  saved: PreviewFigures | null;
  /** Priced with the values in the form, when they were sent for a preview. */
  draft: PreviewFigures | null;
  /** Why the typed values could not be previewed. */
  draftProblem: string | null;
}

export interface PreviewFigures {
  regularCents: number;
  discountCents: number;
  bundleCents: number;
  active: boolean;
  applies: boolean;
}

export function OfferForm({
  values,
  errors,
  products,
  timeZone = "UTC",
  preview,
  submitLabel,
  busy,
}: {
  /** The shop's zone: the start and end are read in it. */
  timeZone?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  products: { id: number; name: string; kind: string; tags: string[]; status: string }[];
  preview: OfferFormPreview;
  submitLabel: string;
  busy: boolean;
}) {
  const submit = useSubmit();
  const text = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <AdminField label={label} name={name} error={errors[name]} hint={hint}>
      <input id={name} name={name} defaultValue={values[name] ?? ""} autoComplete="off" {...props} {...fieldAria(name, errors[name], Boolean(hint))} />
    </AdminField>
  );
  const select = (name: string, label: string, options: readonly (readonly [string, string])[], hint?: string) => (
    <AdminField label={label} name={name} error={errors[name]} hint={hint}>
      <select id={name} name={name} defaultValue={values[name] ?? ""} {...fieldAria(name, errors[name], Boolean(hint))}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </AdminField>
  );

  return (
    <Form method="post" className="admin-form offer-form">
      {errors._form ? (
        <p className="field-error" id="_form-error">
          {errors._form}
        </p>
      ) : null}
      <fieldset className="admin-fieldset">
        <legend>The offer</legend>
        {text("name", "Name (optional)", { maxLength: 120 }, "Shoppers see it on the cart. Leave it empty to have one made from the discount, e.g. “15% off micro bags with any tote”.")}
        <datalist id="offer-product-names">
          {products.map((p) => (
            <option key={p.id} value={p.name}>
              {p.kind}
              {p.status !== "active" ? ` (${p.status})` : ""}
            </option>
          ))}
        </datalist>
        <div className="admin-field-pair">
          {select("triggerType", "Bought with", [
            ["kind", "A kind of bag"],
            ["product", "One product"],
            ["tag", "Bags with a tag"],
          ])}
          {text("triggerValue", "Which", { required: true, maxLength: 120, spellCheck: false, list: "offer-product-names" }, "A kind (tote, micro, mini, crossbody, clutch), a product's name (pick from the list) or a tag.")}
        </div>
        <div className="admin-field-pair">
          {select("addonType", "Discounts", [
            ["kind", "A kind of bag"],
            ["products", "Some products"],
            ["tag", "Bags with a tag"],
          ])}
          {text("addonValue", "Which", { required: true, maxLength: 2000, spellCheck: false, list: "offer-product-names" }, "A kind, products' names (from the list) separated by commas, or a tag.")}
        </div>
        <div className="admin-field-pair">
          {select("discountType", "Discount", [
            ["percent", "Percentage off"],
            ["fixed", "Amount off ($)"],
          ])}
          {text("discountValue", "How much", { required: true, inputMode: "decimal", maxLength: 12 }, "1–100 for a percentage; dollars for an amount, like 8 or 8.50.")}
        </div>
        {text(
          "maxAddonsPerTrigger",
          "Add-ons per bag bought",
          { type: "number", min: 1, max: 10, step: 1, required: true },
          "How many discounted add-ons one bag bought unlocks (1–10).",
        )}
        <div className="admin-field-pair">
          {text("activeFrom", `Starts (${timeZone} time)`, { type: "datetime-local" }, "Empty: already started.")}
          {text("activeUntil", `Ends (${timeZone} time)`, { type: "datetime-local" }, "Empty: no end.")}
        </div>
        {text("priority", "Priority", { type: "number", min: -1000, max: 1000, step: 1 }, "When two offers save the same, the higher priority wins.")}
        <div className="field admin-check">
          <input
            id="enabled"
            name="enabled"
            type="checkbox"
            defaultChecked={values.enabled === "on"}
            {...fieldAria("enabled", errors.enabled)}
          />
          <label htmlFor="enabled">Switched on</label>
          {errors.enabled ? (
            <p className="field-error" id="enabled-error">
              {errors.enabled}
            </p>
          ) : null}
        </div>
        <details className="admin-details">
          <summary>Products and tags</summary>
          <div className="admin-table-wrap" role="region" aria-label="Product ids" tabIndex={0}>
            <table className="admin-table">
              <caption className="visually-hidden">Products, with the ids and tags offers can name</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Product</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                {products.map((p) => (
                  <tr key={p.id}>
                    <td>{p.id}</td>
                    <th scope="row">
                      {p.name}
                      {p.status !== "active" ? <span className="admin-muted"> ({p.status})</span> : null}
                    </th>
                    <td>{p.kind}</td>
                    <td>{p.tags.join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </fieldset>

      <fieldset className="admin-fieldset offer-preview" data-testid="offer-preview">
        <legend>Bundle price preview</legend>
        <div className="admin-field-pair">
          <AdminField label="Tote" name="tote" error={preview.errors.tote}>
            <select
              id="tote"
              name="tote"
              defaultValue={preview.tote}
              onChange={(e) => submit(e.currentTarget.form, { method: "get", replace: true, preventScrollReset: true })}
              {...fieldAria("tote", preview.errors.tote)}
            >
              {preview.totes.map((o) => (
                <option key={o.sku} value={o.sku}>
                  {o.label}
                </option>
              ))}
            </select>
          </AdminField>
          <AdminField label="Micro bag" name="micro" error={preview.errors.micro}>
            <select
              id="micro"
              name="micro"
              defaultValue={preview.micro}
              onChange={(e) => submit(e.currentTarget.form, { method: "get", replace: true, preventScrollReset: true })}
              {...fieldAria("micro", preview.errors.micro)}
            >
              {preview.micros.map((o) => (
                <option key={o.sku} value={o.sku}>
                  {o.label}
                </option>
              ))}
            </select>
          </AdminField>
        </div>
        <button type="submit" formMethod="get" formNoValidate className="button small secondary">
          Preview price
        </button>
        <div aria-live="polite">
          {preview.saved || preview.draft ? (
            <table className="admin-table preview-table">
              <caption className="visually-hidden">Price of the chosen tote and micro bag together</caption>
              <thead>
                <tr>
                  <td />
                  {preview.saved ? <th scope="col">As saved</th> : null}
                  {preview.draft ? <th scope="col">{preview.saved ? "With your changes" : "With these values"}</th> : null}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Regular price</th>
                  {preview.saved ? <td data-testid="preview-saved-regular"><Money cents={preview.saved.regularCents} /></td> : null}
                  {preview.draft ? <td data-testid="preview-draft-regular"><Money cents={preview.draft.regularCents} /></td> : null}
                </tr>
                <tr>
                  <th scope="row">Bundle discount</th>
                  {preview.saved ? <td data-testid="preview-saved-discount">−<Money cents={preview.saved.discountCents} /></td> : null}
                  {preview.draft ? <td data-testid="preview-draft-discount">−<Money cents={preview.draft.discountCents} /></td> : null}
                </tr>
                <tr>
                  <th scope="row">Bundle price</th>
                  {preview.saved ? <td data-testid="preview-saved-bundle"><strong><Money cents={preview.saved.bundleCents} /></strong></td> : null}
                  {preview.draft ? <td data-testid="preview-draft-bundle"><strong><Money cents={preview.draft.bundleCents} /></strong></td> : null}
                </tr>
              </tbody>
            </table>
          ) : null}
          {[preview.saved, preview.draft].map((p, i) =>
            p && !p.active ? (
              <p key={i} className="admin-hint">
                {i === 0 ? "As saved, the" : "With these values, the"} offer isn't active now (switched off or outside its dates), so
                it gives no discount.
              </p>
            ) : p && !p.applies ? (
              <p key={i} className="admin-hint">
                {i === 0 ? "As saved, the" : "With these values, the"} offer doesn't discount this tote and micro bag.
              </p>
            ) : null,
          )}
          {preview.draftProblem ? <p className="admin-hint">{preview.draftProblem}</p> : null}
        </div>
      </fieldset>

      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
