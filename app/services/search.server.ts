// The search index lives in memory beside the catalog snapshot and is rebuilt
// only when the snapshot's version moves (any product, variant or offer change).
import { buildSearch, searchProducts, suggestProducts, type SearchHit, type ShopSearch } from "~/domain/search";
import { getCatalog } from "~/models/catalog.server";

let current: ShopSearch | null = null;

function shopSearch(): ShopSearch {
  const catalog = getCatalog();
  if (!current || current.catalog !== catalog) current = buildSearch(catalog);
  return current;
}

export function searchCatalog(query: string): SearchHit[] {
  return searchProducts(shopSearch(), query);
}

export function suggestCatalog(query: string): SearchHit[] {
  return suggestProducts(shopSearch(), query);
}
