// Shop search: a MiniSearch index over the catalog snapshot (names, colours,
// materials, kinds, occasions, tags). Pure: the service builds one per catalog
// version and keeps it in memory.
import MiniSearch, { type SearchResult } from "minisearch";
import { KIND_LABELS, colourSlug, type CatalogProduct, type CatalogSnapshot } from "./catalog";

/** Longer queries are cut here; nobody types more into a shop's search box. */
export const MAX_QUERY_LENGTH = 100;
const MAX_TERMS = 8;

// Words shoppers use for each kind, beyond its label.
const KIND_WORDS: Record<CatalogProduct["kind"], string> = {
  tote: "tote totes bag shopper",
  micro: "micro bag charm charms mini purse clip",
  mini: "mini bag top handle",
  crossbody: "crossbody cross body bag strap",
  clutch: "clutch evening bag",
};

interface SearchDocument {
  id: number;
  name: string;
  colours: string;
  material: string;
  kind: string;
  occasions: string;
  tags: string;
}

export interface ShopSearch {
  version: number;
  index: MiniSearch<SearchDocument>;
  catalog: CatalogSnapshot;
}

/** The search index for one catalog snapshot (active products only, as the snapshot holds). */
export function buildSearch(catalog: CatalogSnapshot): ShopSearch {
  const index = new MiniSearch<SearchDocument>({
    fields: ["name", "colours", "material", "kind", "occasions", "tags"],
    storeFields: [],
    // Folds accents and case, so "Crème" finds cream-ish spellings and "TOTE" finds totes.
    processTerm: (term) => {
      const folded = term.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
      return folded.length > 0 ? folded : null;
    },
  });
  index.addAll(
    catalog.products.map((p) => ({
      id: p.id,
      name: p.name,
      colours: [...new Set(p.variants.map((v) => v.colourName))].join(" "),
      material: p.material,
      kind: `${KIND_LABELS[p.kind]} ${KIND_WORDS[p.kind]}${p.isKids ? " kids children" : ""}`,
      occasions: p.occasions.join(" "),
      tags: p.tags.join(" "),
    })),
  );
  return { version: catalog.version, index, catalog };
}

/**
 * What was typed, made safe to search and show: control and invisible format
 * characters removed, whitespace collapsed, NFC, cut to MAX_QUERY_LENGTH.
 */
export function normaliseQuery(raw: string | null | undefined): string {
  if (!raw) return "";
  return raw
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .trim();
}

// Typos: one edit in a 3-letter word, two in 4–7 letters ("lmie" → lime is two
// edits: MiniSearch counts a swap as two), then a quarter of the length.
function fuzziness(term: string): number {
  if (term.length < 3) return 0;
  if (term.length < 4) return 1;
  if (term.length <= 7) return 2;
  return Math.min(3, Math.round(term.length * 0.25));
}

const BOOST = { name: 3, colours: 2.5, material: 2, kind: 2, occasions: 1, tags: 1 };

export interface SearchHit {
  product: CatalogProduct;
  score: number;
  /** The colour a hit matched, when one did: cards show and link that colour. */
  colour: string | null;
}

/** Products matching every word (or, when none does, any word), best first. */
export function searchProducts(search: ShopSearch, rawQuery: string, limit = 48): SearchHit[] {
  const query = normaliseQuery(rawQuery);
  if (query.length === 0) return [];
  const terms = query.split(" ").slice(0, MAX_TERMS).join(" ");
  const prefix = (term: string) => term.length >= 3;
  // Typo tolerance only when the words as typed find nothing: "lime" should not also bring olive.
  const attempts = [
    { boost: BOOST, prefix, combineWith: "AND" },
    { boost: BOOST, prefix, fuzzy: fuzziness, maxFuzzy: 3, combineWith: "AND" },
    { boost: BOOST, prefix, fuzzy: fuzziness, maxFuzzy: 3, combineWith: "OR" },
  ] as const;
  let results: SearchResult[] = [];
  for (const options of attempts) {
    results = search.index.search(terms, options);
    if (results.length > 0) break;
  }
  const hits: SearchHit[] = [];
  for (const r of results.slice(0, limit)) {
    const product = search.catalog.byId.get(r.id as number);
    if (!product) continue;
    hits.push({ product, score: r.score, colour: matchedColour(product, r) });
  }
  return hits;
}

function matchedColour(product: CatalogProduct, result: SearchResult): string | null {
  const words = new Set(
    Object.entries(result.match)
      .filter(([, fields]) => fields.includes("colours"))
      .map(([word]) => word),
  );
  if (words.size === 0) return null;
  const variant = product.variants.find((v) => v.colourName.toLowerCase().split(/\s+/).some((w) => words.has(w)));
  return variant ? colourSlug(variant.colourName) : null;
}

/** Up to `limit` suggestions for a search box as someone types. */
export function suggestProducts(search: ShopSearch, rawQuery: string, limit = 6): SearchHit[] {
  const query = normaliseQuery(rawQuery);
  if (query.length < 2) return [];
  return searchProducts(search, query, limit);
}
