import { useCallback, useEffect, useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Money } from "~/components/Money";
import { cardImageUrl } from "~/domain/images";
import { bundleButtonLabel, type SuggestionCardData } from "~/domain/product-view";

type AddResult = { ok: boolean; message: string };

/** A suggestion, and (when its tote is in the cart) what adding it adds to the cart's total. */
export type CharmCard = SuggestionCardData & { addPriceCents: number | null };

/**
 * Suggested micro bags, each with a one-click add. On a product page the
 * button adds the tote and the charm together, unless the tote is already in
 * the cart: then it adds the charm only (the server decides) and says what
 * that adds to the cart's total. In the cart, only the charm, likewise.
 */
export function CharmSuggestions({
  suggestions,
  toteSku,
  toteInCart,
  totePriceCents = null,
  placement,
  previewHref,
  headingLevel = 2,
  title,
  id,
}: {
  suggestions: CharmCard[];
  toteSku: string;
  /** This tote (in any colour) is in the cart. */
  toteInCart: boolean;
  /** The tote's price, for the combined price on "Add both". */
  totePriceCents?: number | null;
  placement: "product_page" | "cart";
  previewHref?: (charmSku: string) => string;
  headingLevel?: 2 | 3;
  title: string;
  id: string;
}) {
  // A page that is not reloaded after an add (the tote's page) still knows the
  // tote went in, though not what the cart now charges for another charm.
  const [addedWith, setAddedWith] = useState<string | null>(null);
  const onAdded = useCallback(() => setAddedWith(toteSku), [toteSku]);
  if (suggestions.length === 0) return null;
  const addedHere = addedWith === toteSku;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="charm-suggestions" aria-labelledby={id} data-testid={`suggestions-${placement}`}>
      <Heading id={id}>{title}</Heading>
      <ul className="charm-grid">
        {suggestions.map((s) => (
          <li key={s.sku}>
            <SuggestionCard
              suggestion={s}
              toteSku={toteSku}
              toteInCart={toteInCart || addedHere}
              totePriceCents={totePriceCents}
              pricesStale={addedHere}
              onAdded={onAdded}
              placement={placement}
              previewHref={previewHref?.(s.sku)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function SuggestionCard({
  suggestion: s,
  toteSku,
  toteInCart,
  totePriceCents,
  pricesStale,
  onAdded,
  placement,
  previewHref,
}: {
  suggestion: CharmCard;
  toteSku: string;
  toteInCart: boolean;
  totePriceCents: number | null;
  pricesStale: boolean;
  onAdded: () => void;
  placement: "product_page" | "cart";
  previewHref?: string;
}) {
  const fetcher = useFetcher<AddResult>({ key: `charm-${placement}-${toteSku}-${s.sku}` });
  const busy = fetcher.state !== "idle";
  const added = fetcher.state === "idle" && fetcher.data?.ok === true;
  useEffect(() => {
    if (added) onAdded();
  }, [added, onAdded]);
  const label = bundleButtonLabel({ toteInCart, totePriceCents, bundlePriceCents: s.bundlePriceCents, addPriceCents: s.addPriceCents, pricesStale });
  return (
    <article className="charm-card" data-testid="charm-suggestion" data-sku={s.sku}>
      <Link to={`/products/${s.slug}`} className="charm-link">
        <img src={cardImageUrl(s.imageUrl)} alt={`${s.name} in ${s.colourName}`} width={120} height={120} loading="lazy" decoding="async" />
        <span className="charm-name">
          {s.colourName} {s.name}
        </span>
      </Link>
      <p className="charm-reason">{s.reason}</p>
      <p className="charm-price">
        {s.bundlePriceCents < s.regularPriceCents ? (
          <>
            <Money cents={s.bundlePriceCents} className="price-now" />{" "}
            <s className="price-was">
              <span className="visually-hidden">Regular price </span>
              <Money cents={s.regularPriceCents} />
            </s>
          </>
        ) : (
          <Money cents={s.regularPriceCents} />
        )}
      </p>
      <fetcher.Form method="post" action="/cart">
        {placement === "product_page" ? (
          <>
            <input type="hidden" name="intent" value="add-bundle" />
            <input type="hidden" name="sku" value={toteSku} />
            <input type="hidden" name="charm" value={s.sku} />
          </>
        ) : (
          <>
            <input type="hidden" name="intent" value="add-charm" />
            <input type="hidden" name="sku" value={s.sku} />
            <input type="hidden" name="tote" value={toteSku} />
          </>
        )}
        <input type="hidden" name="placement" value={placement} />
        <button type="submit" className="button small" disabled={busy} aria-label={`${label}: ${s.colourName} ${s.name}`}>
          {busy ? "Adding…" : label}
        </button>
      </fetcher.Form>
      {previewHref ? (
        <Link to={previewHref} replace preventScrollReset className="charm-preview-link">
          Preview on the tote
        </Link>
      ) : null}
      <div role="status" aria-live="polite">
        {fetcher.state === "idle" && fetcher.data ? (
          <p className={fetcher.data.ok ? "charm-added" : "field-error"}>{fetcher.data.message}</p>
        ) : null}
      </div>
    </article>
  );
}
