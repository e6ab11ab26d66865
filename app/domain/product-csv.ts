// Products and their colours as a CSV file: one row per colour (SKU), the
// product's columns repeated on each of its rows; a product with no colour yet
// is one row with the colour columns empty. The import reads the same columns,
// checks every row with the product and colour forms' own rules, and plans what
// would change against the shop: products are matched by web address name
// (slug), colours by SKU. Nothing is deleted by an import. Pure: no I/O.
import { readCsvTable, toCsv, undoDefuse, type LineProblem } from "./csv";
import { centsToDecimal } from "./money";
import { formatCmInput, OCCASION_OPTIONS, productInputSchema, variantInputSchema, type ProductValues, type VariantValues } from "./product-form";

export const PRODUCT_CSV_COLUMNS = [
  "slug",
  "name",
  "kind",
  "status",
  "description",
  "material",
  "width_cm",
  "height_cm",
  "depth_cm",
  "occasions",
  "tags",
  "is_kids",
  "is_limited",
  "attachment",
  "handle_width_cm",
  "has_strap_ring",
  "art_style",
  "featured_rank",
  "sku",
  "colour",
  "colour_hex",
  "hardware",
  "price",
  "compare_at",
  "position",
] as const;

const VARIANT_COLUMNS = PRODUCT_CSV_COLUMNS.slice(PRODUCT_CSV_COLUMNS.indexOf("sku"));

/** Most rows in one file. */
export const MAX_PRODUCT_ROWS = 5_000;

export type ExportProduct = ProductValues & { variants: VariantValues[] };

const yesNo = (b: boolean) => (b ? "yes" : "no");

/** The catalog as a CSV file (without the byte-order mark). */
export function productsCsv(list: readonly ExportProduct[]): string {
  const rows: (string | number)[][] = [];
  for (const p of list) {
    const product = [
      p.slug,
      p.name,
      p.kind,
      p.status,
      p.description,
      p.material,
      formatCmInput(p.widthCm),
      formatCmInput(p.heightCm),
      formatCmInput(p.depthCm),
      p.occasions.join(", "),
      p.tags.join(", "),
      yesNo(p.isKids),
      yesNo(p.isLimited),
      p.attachment ?? "",
      formatCmInput(p.handleWidthCm),
      yesNo(p.hasStrapRing),
      p.artStyle,
      p.featuredRank,
    ];
    if (p.variants.length === 0) rows.push([...product, ...VARIANT_COLUMNS.map(() => "")]);
    for (const v of p.variants) {
      rows.push([
        ...product,
        v.sku,
        v.colourName,
        v.colourHex,
        v.hardware,
        centsToDecimal(v.priceCents),
        v.compareAtCents === null ? "" : centsToDecimal(v.compareAtCents),
        v.position,
      ]);
    }
  }
  return toCsv([PRODUCT_CSV_COLUMNS, ...rows]);
}

export type ProductCsvRow = { line: number; product: ProductValues; variant: VariantValues | null };

function flag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "no" || t === "false" || t === "0" || t === "n") return false;
  if (t === "yes" || t === "true" || t === "1" || t === "y") return true;
  return null;
}

// The CSV's column names as the forms' field names, for their error messages.
const COLUMN_OF_FIELD: Record<string, string> = {
  widthCm: "width_cm",
  heightCm: "height_cm",
  depthCm: "depth_cm",
  isKids: "is_kids",
  isLimited: "is_limited",
  handleWidthCm: "handle_width_cm",
  hasStrapRing: "has_strap_ring",
  artStyle: "art_style",
  featuredRank: "featured_rank",
  colourName: "colour",
  colourHex: "colour_hex",
  compareAt: "compare_at",
};

function sameProduct(a: ProductValues, b: ProductValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Read a product file. Every row is checked; the problems come back by line
 * with the rows that did read.
 */
export function parseProductCsv(text: string): { ok: true; rows: ProductCsvRow[] } | { ok: false; problems: LineProblem[]; rows: ProductCsvRow[] } {
  const table = readCsvTable(text, {
    required: ["slug", "name", "kind", "material", "width_cm", "height_cm", "depth_cm", "art_style"],
    optional: PRODUCT_CSV_COLUMNS.filter((c) => !["slug", "name", "kind", "material", "width_cm", "height_cm", "depth_cm", "art_style"].includes(c)),
    emptyMessage: "The file is empty: it needs a header row (the product download's columns) and one row per colour.",
    noRowsMessage: "The file has a header but no products.",
    columnsHint: "Use the columns of the product download.",
  });
  if (!table.ok && table.rows.length === 0) return { ok: false, problems: table.problems, rows: [] };
  const problems: LineProblem[] = table.ok ? [] : [...table.problems];
  if (table.rows.length > MAX_PRODUCT_ROWS) {
    return { ok: false, problems: [{ line: table.rows[MAX_PRODUCT_ROWS]!.line, message: `The file has more than ${MAX_PRODUCT_ROWS.toLocaleString("en-US")} rows: split it.` }], rows: [] };
  }

  const rows: ProductCsvRow[] = [];
  const firstOfSlug = new Map<string, { line: number; product: ProductValues }>();
  const lineOfSku = new Map<string, number>();
  for (const record of table.rows) {
    const at = `Line ${record.line}`;
    const cell = (name: string) => undoDefuse(record.cells[name] ?? "");
    const say = (message: string) => problems.push({ line: record.line, message: `${at}: ${message}` });
    const before = problems.length;

    const fields: Record<string, string> = {
      name: cell("name"),
      slug: cell("slug"),
      kind: cell("kind"),
      status: cell("status"),
      description: cell("description"),
      material: cell("material"),
      widthCm: cell("width_cm"),
      heightCm: cell("height_cm"),
      depthCm: cell("depth_cm"),
      tags: cell("tags"),
      attachment: cell("attachment"),
      handleWidthCm: cell("handle_width_cm"),
      artStyle: cell("art_style"),
      featuredRank: cell("featured_rank"),
    };
    for (const column of ["is_kids", "is_limited", "has_strap_ring"] as const) {
      const value = flag(cell(column));
      if (value === null) say(`${column} must be yes or no, not "${cell(column).slice(0, 20)}".`);
      else if (value) fields[column === "is_kids" ? "isKids" : column === "is_limited" ? "isLimited" : "hasStrapRing"] = "on";
    }
    for (const o of cell("occasions").split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== "")) {
      if ((OCCASION_OPTIONS as readonly string[]).includes(o)) fields[`occasion_${o}`] = "on";
      else say(`"${o.slice(0, 30)}" is not an occasion: use ${OCCASION_OPTIONS.join(", ")}.`);
    }
    if (cell("slug").trim() === "") say("the slug (web address name) is missing.");
    const product = productInputSchema.safeParse(fields);
    if (!product.success) {
      for (const issue of product.error.issues) {
        const field = String(issue.path[0] ?? "");
        say(`${COLUMN_OF_FIELD[field] ?? field.replace(/^occasion_.*/, "occasions")}: ${issue.message}`);
      }
    }

    const variantCells = VARIANT_COLUMNS.map(cell);
    let variant: VariantValues | null = null;
    if (variantCells.some((c) => c.trim() !== "")) {
      const parsed = variantInputSchema.safeParse({
        sku: cell("sku"),
        colourName: cell("colour"),
        colourHex: cell("colour_hex"),
        hardware: cell("hardware"),
        price: cell("price"),
        compareAt: cell("compare_at"),
        position: cell("position"),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "");
          say(`${COLUMN_OF_FIELD[field] ?? field}: ${issue.message}`);
        }
      } else {
        variant = parsed.data;
        const seen = lineOfSku.get(variant.sku);
        if (seen !== undefined) say(`${variant.sku} is already on line ${seen}.`);
        else lineOfSku.set(variant.sku, record.line);
      }
    }

    if (product.success) {
      const first = firstOfSlug.get(product.data.slug);
      if (!first) firstOfSlug.set(product.data.slug, { line: record.line, product: product.data });
      else if (!sameProduct(first.product, product.data)) {
        say(`the product columns for ${product.data.slug} differ from line ${first.line}: repeat them exactly on every row of a product.`);
      }
    }
    if (problems.length === before && product.success) rows.push({ line: record.line, product: product.data, variant });
  }
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems, rows } : { ok: true, rows };
}

// ------------------------------------------------------------------ plan

export type ShopProduct = { id: number; values: ProductValues };
export type ShopVariant = { id: number; productId: number; productName: string; values: VariantValues };

export type PlannedProduct = {
  line: number;
  slug: string;
  name: string;
  /** null: a new product. */
  id: number | null;
  values: ProductValues;
  change: "new" | "changed" | "same";
  changedFields: string[];
};

export type PlannedVariant = {
  line: number;
  slug: string;
  sku: string;
  colourName: string;
  /** null: a new colour. */
  id: number | null;
  values: VariantValues;
  change: "new" | "changed" | "same";
  changedFields: string[];
};

export type ProductImportPlan = { products: PlannedProduct[]; variants: PlannedVariant[] };

function changedKeys<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * What a parsed file would do to the shop: products matched by slug, colours
 * by SKU. A SKU another product already uses is a problem (the file would move
 * a colour, and its orders and stock, to a different product).
 */
export function planProductImport(
  rows: readonly ProductCsvRow[],
  shop: { productsBySlug: ReadonlyMap<string, ShopProduct>; variantsBySku: ReadonlyMap<string, ShopVariant> },
): { ok: true; plan: ProductImportPlan } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const products: PlannedProduct[] = [];
  const variants: PlannedVariant[] = [];
  const planned = new Set<string>();
  for (const row of rows) {
    const existing = shop.productsBySlug.get(row.product.slug);
    if (!planned.has(row.product.slug)) {
      planned.add(row.product.slug);
      const changedFields = existing ? changedKeys(existing.values, row.product) : [];
      products.push({
        line: row.line,
        slug: row.product.slug,
        name: row.product.name,
        id: existing?.id ?? null,
        values: row.product,
        change: !existing ? "new" : changedFields.length > 0 ? "changed" : "same",
        changedFields,
      });
    }
    if (!row.variant) continue;
    const current = shop.variantsBySku.get(row.variant.sku);
    if (current && (!existing || current.productId !== existing.id)) {
      problems.push({
        line: row.line,
        message: `Line ${row.line}: ${row.variant.sku} is a colour of ${current.productName}, not of ${row.product.slug}. A SKU stays with its product.`,
      });
      continue;
    }
    const changedFields = current ? changedKeys(current.values, row.variant) : [];
    variants.push({
      line: row.line,
      slug: row.product.slug,
      sku: row.variant.sku,
      colourName: row.variant.colourName,
      id: current?.id ?? null,
      values: row.variant,
      change: !current ? "new" : changedFields.length > 0 ? "changed" : "same",
      changedFields,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: { products, variants } };
}

/** How many products and colours a plan adds and changes. */
export function planCounts(plan: ProductImportPlan) {
  const n = (list: { change: string }[], change: string) => list.filter((x) => x.change === change).length;
  return {
    newProducts: n(plan.products, "new"),
    changedProducts: n(plan.products, "changed"),
    newVariants: n(plan.variants, "new"),
    changedVariants: n(plan.variants, "changed"),
    unchanged: n(plan.products, "same") + n(plan.variants, "same"),
  };
}
