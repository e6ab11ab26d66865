import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ProductCard } from "~/components/ProductCard";
import {
  filterOptions,
  filterProducts,
  findCollection,
  parseFilters,
  SORTS,
  type CollectionFilters,
} from "~/domain/collections";
import { productCard } from "~/domain/product-view";
import { getCatalog } from "~/models/catalog.server";
import { canonical, shareTags } from "~/utils/seo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: `${data.collection.title} · Tote & Charm` },
        { name: "description", content: data.collection.description },
        // Filtered and sorted views share the collection's one canonical address.
        canonical(matches, `/collections/${data.collection.handle}`),
        ...shareTags(matches, {
          title: `${data.collection.title} · Tote & Charm`,
          description: data.collection.description,
          path: `/collections/${data.collection.handle}`,
          image: data.shareImage,
        }),
      ]
    : [{ title: "Collection not found · Tote & Charm" }];

export function loader({ params, request }: LoaderFunctionArgs) {
  const collection = findCollection(params.handle ?? "");
  if (!collection) throw new Response("Collection not found", { status: 404 });
  const filters = parseFilters(new URL(request.url).searchParams);
  const inCollection = getCatalog().products.filter(collection.includes);
  const products = filterProducts(inCollection, filters);
  return {
    collection: { handle: collection.handle, title: collection.title, description: collection.description },
    filters,
    options: filterOptions(inCollection),
    total: inCollection.length,
    shareImage: inCollection[0] ? `/social/${inCollection[0].variants[0]!.sku}.png` : null,
    products: products.map((p) => productCard(p, filters.colours)),
  };
}

function isChecked(list: string[], value: string) {
  return list.includes(value);
}

export default function Collection() {
  const { collection, filters, options, products, total } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const active = hasFilters(filters);
  const activeCount = activeFilterCount(filters);
  const formRef = useRef<HTMLFormElement>(null);

  // The inputs are uncontrolled; keep them in step with the URL after back/forward or "Clear all".
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const lists: Record<string, string[]> = { colour: filters.colours, material: filters.materials, occasion: filters.occasions };
    for (const input of form.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      input.checked = lists[input.name]?.includes(input.value) ?? false;
    }
    const set = (name: string, value: string) => {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
    };
    set("min", filters.minCents !== null ? String(filters.minCents / 100) : "");
    set("max", filters.maxCents !== null ? String(filters.maxCents / 100) : "");
    set("sort", filters.sort);
  }, [filters]);

  return (
    <div className="wrap">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li aria-current="page">{collection.title}</li>
        </ol>
      </nav>
      <h1>{collection.title}</h1>
      <p className="card-meta">{collection.description}</p>

      <Form
        ref={formRef}
        method="get"
        className="collection-layout"
        // With JavaScript, ticking a box or picking a sort applies at once (prices on Apply or Enter);
        // without JavaScript, the Apply button does it all.
        onChange={(event) => {
          const target = event.target as HTMLInputElement | HTMLSelectElement;
          if (target.type === "checkbox" || target.tagName === "SELECT") {
            submit(event.currentTarget, { preventScrollReset: true, replace: true });
          }
        }}
      >
        <aside className="filters" id="filters" aria-labelledby="filters-title">
          {/* On phones a panel above the results, closed until opened; on wider screens always open (CSS). */}
          <details className="filters-panel">
            <summary>
              <span id="filters-title">Filters</span>
              {activeCount > 0 ? (
                <span className="filter-count" data-testid="active-filter-count">
                  {activeCount} active
                </span>
              ) : null}
            </summary>
          {options.colours.length > 0 ? (
            <fieldset>
              <legend>Colour</legend>
              {options.colours.map((o) => (
                <label key={o.value} className="check">
                  <input type="checkbox" name="colour" value={o.value} defaultChecked={isChecked(filters.colours, o.value)} />
                  <span className="swatch-dot" style={{ background: o.hex }} aria-hidden="true" />
                  {o.label} <span className="card-meta">({o.count})</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {options.materials.length > 0 ? (
            <fieldset>
              <legend>Material</legend>
              {options.materials.map((o) => (
                <label key={o.value} className="check">
                  <input type="checkbox" name="material" value={o.value} defaultChecked={isChecked(filters.materials, o.value)} />
                  {o.label} <span className="card-meta">({o.count})</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {options.occasions.length > 0 ? (
            <fieldset>
              <legend>Occasion</legend>
              {options.occasions.map((o) => (
                <label key={o.value} className="check">
                  <input type="checkbox" name="occasion" value={o.value} defaultChecked={isChecked(filters.occasions, o.value)} />
                  {o.label} <span className="card-meta">({o.count})</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <fieldset>
            <legend>Price (USD)</legend>
            <div className="price-range">
              <label className="field">
                Min
                <input
                  type="number"
                  name="min"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  defaultValue={filters.minCents !== null ? filters.minCents / 100 : ""}
                />
              </label>
              <label className="field">
                Max
                <input
                  type="number"
                  name="max"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  defaultValue={filters.maxCents !== null ? filters.maxCents / 100 : ""}
                />
              </label>
            </div>
          </fieldset>
          <button type="submit" className="button small">
            Apply filters
          </button>{" "}
          {active ? (
            <Link to={`/collections/${collection.handle}`} className="link-button">
              Clear all
            </Link>
          ) : null}
          </details>
        </aside>

        <section aria-labelledby="results-title">
          <div className="collection-toolbar">
            <h2 id="results-title" className="card-meta results-count" aria-live="polite">
              {products.length === total ? `${total} bags` : `${products.length} of ${total} bags`}
            </h2>
            <label className="sort">
              Sort by
              <select name="sort" defaultValue={filters.sort}>
                {Object.entries(SORTS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {products.length === 0 ? (
            <div className="empty-state">
              <p>No bags match these filters.</p>
              <Link className="button secondary" to={`/collections/${collection.handle}`}>
                Clear filters
              </Link>
            </div>
          ) : (
            <ul className="product-grid">
              {products.map((p, i) => (
                <li key={p.slug}>
                  <ProductCard product={p} lazy={i >= 4} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </Form>
    </div>
  );
}

/** Each ticked box counts one, and a price range one. */
function activeFilterCount(f: CollectionFilters) {
  return f.colours.length + f.materials.length + f.occasions.length + (f.minCents !== null || f.maxCents !== null ? 1 : 0);
}

function hasFilters(f: CollectionFilters) {
  return f.colours.length + f.materials.length + f.occasions.length > 0 || f.minCents !== null || f.maxCents !== null;
}
