// Collections, filters and sorting over the catalog snapshot. Filters live in
// the URL (?colour=black&material=canvas&occasion=evening&min=50&max=200&sort=price-asc).
import type { CatalogProduct } from "./catalog";

export interface CollectionDefinition {
  handle: string;
  title: string;
  description: string;
  includes: (p: CatalogProduct) => boolean;
}

export const COLLECTIONS: CollectionDefinition[] = [
  {
    handle: "totes",
    title: "Totes",
    description: "Roomy everyday totes in canvas, vegan leather and calfskin — every one ready for a charm.",
    includes: (p) => p.kind === "tote",
  },
  {
    handle: "micro-bags",
    title: "Micro bags",
    description: "Charm-sized purses, 5 to 10 cm, that clip onto the handles of your tote.",
    includes: (p) => p.kind === "micro",
  },
  {
    handle: "mini-bags",
    title: "Mini bags",
    description: "Small top-handles, crossbodies and clutches for the essentials.",
    includes: (p) => !p.isKids && (p.kind === "mini" || p.kind === "crossbody" || p.kind === "clutch"),
  },
  {
    handle: "kids",
    title: "Kids",
    description: "Sparkly clutches and animal bags sized for small hands.",
    includes: (p) => p.isKids,
  },
  {
    handle: "all",
    title: "All bags",
    description: "Everything in the shop.",
    includes: () => true,
  },
];

export function findCollection(handle: string): CollectionDefinition | undefined {
  return COLLECTIONS.find((c) => c.handle === handle);
}

export const SORTS = {
  featured: "Featured",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  newest: "Newest",
} as const;
export type SortKey = keyof typeof SORTS;

export interface CollectionFilters {
  colours: string[];
  materials: string[];
  occasions: string[];
  minCents: number | null;
  maxCents: number | null;
  sort: SortKey;
}

const MAX_FILTER_VALUES = 20;

function listParam(params: URLSearchParams, name: string): string[] {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0 && v.length <= 40);
  return [...new Set(values)].slice(0, MAX_FILTER_VALUES);
}

function dollarsParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null || !/^\d{1,6}$/.test(raw.trim())) return null;
  return Number(raw.trim()) * 100;
}

/** Read filters from a URL; anything malformed is ignored rather than an error. */
export function parseFilters(params: URLSearchParams): CollectionFilters {
  const sort = params.get("sort");
  return {
    colours: listParam(params, "colour"),
    materials: listParam(params, "material"),
    occasions: listParam(params, "occasion"),
    minCents: dollarsParam(params, "min"),
    maxCents: dollarsParam(params, "max"),
    sort: sort && Object.hasOwn(SORTS, sort) ? (sort as SortKey) : "featured",
  };
}

export function filterProducts(products: CatalogProduct[], f: CollectionFilters): CatalogProduct[] {
  const matching = products.filter((p) => {
    if (f.materials.length > 0 && !f.materials.includes(p.material.toLowerCase())) return false;
    if (f.occasions.length > 0 && !p.occasions.some((o) => f.occasions.includes(o))) return false;
    // A product matches colour and price when one of its variants does.
    return p.variants.some(
      (v) =>
        (f.colours.length === 0 || f.colours.includes(v.colourName.toLowerCase())) &&
        (f.minCents === null || v.priceCents >= f.minCents) &&
        (f.maxCents === null || v.priceCents <= f.maxCents),
    );
  });
  return sortProducts(matching, f.sort);
}

export function sortProducts(products: CatalogProduct[], sort: SortKey): CatalogProduct[] {
  const sorted = [...products];
  switch (sort) {
    case "price-asc":
      return sorted.sort((a, b) => a.minPriceCents - b.minPriceCents || a.featuredRank - b.featuredRank || a.id - b.id);
    case "price-desc":
      return sorted.sort((a, b) => b.minPriceCents - a.minPriceCents || a.featuredRank - b.featuredRank || a.id - b.id);
    case "newest":
      return sorted.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    case "featured":
      return sorted.sort((a, b) => a.featuredRank - b.featuredRank || a.id - b.id);
  }
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

export interface FilterOptions {
  colours: (FilterOption & { hex: string })[];
  materials: FilterOption[];
  occasions: FilterOption[];
}

/** The choices a collection offers, counted over its products (before filtering). */
export function filterOptions(products: CatalogProduct[]): FilterOptions {
  const colours = new Map<string, FilterOption & { hex: string }>();
  const materials = new Map<string, FilterOption>();
  const occasions = new Map<string, FilterOption>();
  for (const p of products) {
    const seen = new Set<string>();
    for (const v of p.variants) {
      const key = v.colourName.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const option = colours.get(key) ?? { value: key, label: v.colourName, hex: v.colourHex, count: 0 };
      option.count += 1;
      colours.set(key, option);
    }
    const m = p.material.toLowerCase();
    const mo = materials.get(m) ?? { value: m, label: p.material, count: 0 };
    mo.count += 1;
    materials.set(m, mo);
    for (const o of p.occasions) {
      const oo = occasions.get(o) ?? { value: o, label: o[0]!.toUpperCase() + o.slice(1), count: 0 };
      oo.count += 1;
      occasions.set(o, oo);
    }
  }
  const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);
  return {
    colours: [...colours.values()].sort(byLabel),
    materials: [...materials.values()].sort(byLabel),
    occasions: [...occasions.values()].sort(byLabel),
  };
}

/** Build a collection URL query from filters (used for links that change one thing). */
export function filtersToSearch(f: CollectionFilters): string {
  const params = new URLSearchParams();
  for (const c of f.colours) params.append("colour", c);
  for (const m of f.materials) params.append("material", m);
  for (const o of f.occasions) params.append("occasion", o);
  if (f.minCents !== null) params.set("min", String(f.minCents / 100));
  if (f.maxCents !== null) params.set("max", String(f.maxCents / 100));
  if (f.sort !== "featured") params.set("sort", f.sort);
  const s = params.toString();
  return s ? `?${s}` : "";
}
