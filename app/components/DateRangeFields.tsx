// The "From" and "To" day inputs of the back office's date filters (shop time zone).
import { fieldAria } from "~/components/AdminField";

export function DateRangeFields({
  from,
  to,
  errors,
  required = false,
}: {
  from: string;
  to: string;
  errors: Record<string, string | undefined>;
  required?: boolean;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="date" defaultValue={from} required={required} {...fieldAria("from", errors.from)} />
        {errors.from ? (
          <p className="field-error" id="from-error">
            {errors.from}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="to">To (included)</label>
        <input id="to" name="to" type="date" defaultValue={to} required={required} {...fieldAria("to", errors.to)} />
        {errors.to ? (
          <p className="field-error" id="to-error">
            {errors.to}
          </p>
        ) : null}
      </div>
    </>
  );
}
