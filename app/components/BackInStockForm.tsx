import { useActionData, useFetcher } from "@remix-run/react";
import type { BackInStockResult } from "~/services/back-in-stock.server";

/** On a sold-out colour: leave an email to hear once when it is back. Works as a plain form without JavaScript. */
export function BackInStockForm({ colourSlug, colourName, productName }: { colourSlug: string; colourName: string; productName: string }) {
  const fetcher = useFetcher<BackInStockResult>({ key: `notify-${colourSlug}` });
  const actionData = useActionData<BackInStockResult>();
  const result = fetcher.data ?? actionData;
  const emailError = result && !result.ok && result.field === "email" ? result.message : null;
  return (
    <section className="back-in-stock" aria-labelledby="back-in-stock-title">
      <h2 id="back-in-stock-title">Tell me when it&apos;s back</h2>
      {result?.ok ? (
        <p role="status" data-testid="back-in-stock-thanks">
          {result.message}
        </p>
      ) : (
        <>
          <p className="card-meta">
            The {productName} in {colourName} is sold out. Leave your email and we&apos;ll write once when it returns.
          </p>
          <fetcher.Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="notify" />
            <input type="hidden" name="colour" value={colourSlug} />
            <div className="field">
              <label htmlFor="back-in-stock-email">Email</label>
              <input
                id="back-in-stock-email"
                type="email"
                name="email"
                required
                maxLength={254}
                autoComplete="email"
                aria-invalid={emailError ? true : undefined}
                aria-describedby={emailError ? "back-in-stock-error" : undefined}
              />
            </div>
            <button type="submit" className="button secondary" disabled={fetcher.state !== "idle"}>
              Email me
            </button>
          </fetcher.Form>
          {result && !result.ok ? (
            <p className="field-error" id="back-in-stock-error" role="alert">
              {result.message}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
