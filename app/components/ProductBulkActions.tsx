// The product list's bulk actions: a form of its own that the row checkboxes
// join with form="product-bulk", so it works without JavaScript and the list
// markup stays a plain table.
import { Form, useNavigation } from "@remix-run/react";
import { BULK_ACTION_LABELS, BULK_ACTIONS } from "~/domain/product-bulk";

export const BULK_FORM_ID = "product-bulk";

export function ProductBulkActions({ error }: { error: { message: string; field: string } | null }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" id={BULK_FORM_ID} className="admin-filter admin-bulk" aria-label="Change the ticked products">
      <div className="field">
        <label htmlFor="bulk">With the ticked products</label>
        <select id="bulk" name="bulk" defaultValue="" aria-invalid={error?.field === "bulk" ? true : undefined}>
          <option value="" disabled>
            Choose…
          </option>
          {BULK_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {BULK_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bulk-tag">Tag (to add or remove)</label>
        <input id="bulk-tag" name="tag" type="text" maxLength={40} autoComplete="off" spellCheck={false} aria-invalid={error?.field === "tag" ? true : undefined} />
      </div>
      <button type="submit" className="button small secondary" disabled={busy}>
        Apply
      </button>
      {error ? (
        <p className="field-error" role="alert" data-testid="bulk-error">
          {error.message}
        </p>
      ) : null}
    </Form>
  );
}

/** The checkbox that puts a product row in the bulk form. */
export function BulkTick({ id, name }: { id: number; name: string }) {
  return <input type="checkbox" name="ids" value={id} form={BULK_FORM_ID} aria-label={`Select ${name}`} className="admin-tick" />;
}
