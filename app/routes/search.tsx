import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProductCard } from "~/components/ProductCard";
import { MAX_QUERY_LENGTH, normaliseQuery } from "~/domain/search";
import { productCard } from "~/domain/product-view";
import { pageNotKept } from "~/services/page-cache.server";
import { searchCatalog } from "~/services/search.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `“${data.query}” · Search · Tote & Charm` : "Search · Tote & Charm" },
  // Result pages are for people, not for the search engine's index.
  { name: "robots", content: "noindex, follow" },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  // Only the first q counts; anything odd in it is cleaned, never an error.
  const query = normaliseQuery(params.get("q"));
  const hits = query ? searchCatalog(query) : [];
  // A search that found nothing is not kept in the page cache: made-up queries cannot crowd out real ones.
  if (query && hits.length === 0) pageNotKept(context);
  return {
    query,
    results: hits.map((h) => productCard(h.product, h.colour ? [h.colour] : [])),
  };
}

const IDEAS = ["lime", "calfskin", "canvas tote", "evening", "micro bag", "black"];

export default function SearchPage() {
  const { query, results } = useLoaderData<typeof loader>();
  return (
    <div className="wrap page-top">
      <h1>Search</h1>
      <Form method="get" action="/search" role="search" aria-label="Search again" className="search-page-form">
        <label htmlFor="search-page-q" className="visually-hidden">
          Search bags
        </label>
        <input
          id="search-page-q"
          type="search"
          name="q"
          defaultValue={query}
          key={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="Colour, material, tote, charm…"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {query ? (
        <p className="card-meta" role="status" data-testid="search-summary">
          {results.length === 0
            ? `Nothing matches “${query}”.`
            : `${results.length} ${results.length === 1 ? "bag matches" : "bags match"} “${query}”.`}
        </p>
      ) : null}
      {results.length > 0 ? (
        <>
        <h2 className="visually-hidden">Results</h2>
        <ul className="product-grid" data-testid="search-results">
          {results.map((p, i) => (
            <li key={p.slug}>
              <ProductCard product={p} lazy={i >= 4} />
            </li>
          ))}
        </ul>
        </>
      ) : (
        <div className="search-ideas">
          <p>{query ? "Try a colour, a material or the kind of bag:" : "Search by colour, material, occasion or the kind of bag:"}</p>
          <ul>
            {IDEAS.map((idea) => (
              <li key={idea}>
                <Link to={`/search?q=${encodeURIComponent(idea)}`}>{idea}</Link>
              </li>
            ))}
          </ul>
          <p>
            Or <Link to="/collections/all">browse all bags</Link>.
          </p>
        </div>
      )}
    </div>
  );
}
