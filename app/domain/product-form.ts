// What the back office's product and variant forms may say: names, slugs,
// SKUs, sizes, fit, colours and prices typed as dollars. Pure: the products
// model checks uniqueness and writes.
import { z } from "zod";
import { ART_STYLES } from "~/art/bags";
import { PRODUCT_KINDS, type Attachment, type Hardware, type Occasion, type ProductKind } from "./catalog";
import { centsToDecimal, formatCents, parseDecimalToCents } from "./money";
import { longestDimensionCm } from "./size";

export const PRODUCT_STATUS_OPTIONS = ["draft", "active"] as const;
export const HARDWARE_OPTIONS = ["gold", "silver", "none"] as const satisfies readonly Hardware[];
export const ATTACHMENT_OPTIONS = ["lobster_clasp", "split_ring", "chain_loop"] as const satisfies readonly Attachment[];
export const OCCASION_OPTIONS = ["casual", "business", "evening"] as const satisfies readonly Occasion[];

export type ProductStatus = (typeof PRODUCT_STATUS_OPTIONS)[number];

export const STATUS_LABELS: Record<ProductStatus, string> = { draft: "Draft (hidden)", active: "Active (on sale)" };

export const MAX_DIMENSION_CM = 100;
export const MAX_HANDLE_WIDTH_CM = 10;
export const MAX_PRICE_CENTS = 10_000_000; // $100,000
export const MAX_TAGS = 12;
/** Micro bags are 5–10 cm charms. */
export const MAX_MICRO_CM = 10;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKU = /^[A-Z0-9][A-Z0-9-]*$/;
const TAG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const HEX = /^#[0-9a-f]{6}$/;

/** "Canvas Market Tote!" → "canvas-market-tote". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** "Everyday, Travel  Bag" → ["everyday", "travel-bag"]. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim().toLowerCase().replace(/\s+/g, "-"))
        .filter((t) => t !== ""),
    ),
  ];
}

export function formatCmInput(cm: number | null): string {
  return cm === null ? "" : String(Math.round(cm * 100) / 100);
}

const optionalText = z.string().optional();
const checkbox = z.string().optional();

export type ProductValues = {
  name: string;
  slug: string;
  kind: ProductKind;
  status: ProductStatus;
  description: string;
  material: string;
  widthCm: number;
  heightCm: number;
  depthCm: number;
  occasions: Occasion[];
  tags: string[];
  isKids: boolean;
  isLimited: boolean;
  attachment: Attachment | null;
  handleWidthCm: number | null;
  hasStrapRing: boolean;
  artStyle: string;
  featuredRank: number;
};

/** A centimetre size as typed: "12", "12.5", "0.75". Null if it is not a number. */
function parseCm(text: string): number | null {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  return Number(text);
}

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

/**
 * A product form. Field names are the form's; checkboxes send "on" when ticked
 * and nothing otherwise. A blank slug on a new product is made from the name.
 */
export const productInputSchema = z
  .strictObject({
    name: optionalText,
    slug: optionalText,
    kind: optionalText,
    status: optionalText,
    description: optionalText,
    material: optionalText,
    widthCm: optionalText,
    heightCm: optionalText,
    depthCm: optionalText,
    occasion_casual: checkbox,
    occasion_business: checkbox,
    occasion_evening: checkbox,
    tags: optionalText,
    isKids: checkbox,
    isLimited: checkbox,
    attachment: optionalText,
    handleWidthCm: optionalText,
    hasStrapRing: checkbox,
    artStyle: optionalText,
    featuredRank: optionalText,
  })
  .transform((raw, ctx): ProductValues => {
    const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
    const text = (v: string | undefined) => (v ?? "").trim();
    const ticked = (v: string | undefined) => v !== undefined && v !== "";

    const name = text(raw.name).replace(/\s+/g, " ");
    if (name === "") fail("name", "Give the product a name.");
    else if (name.length > 120) fail("name", "Keep the name to 120 characters or fewer.");

    const slug = text(raw.slug) || slugify(name);
    if (slug === "") fail("slug", "Enter a web address name, like canvas-market-tote.");
    else if (slug.length > 80) fail("slug", "Keep the web address name to 80 characters or fewer.");
    else if (!SLUG.test(slug)) fail("slug", "Use lowercase letters, digits and single hyphens between words, like canvas-market-tote.");

    const kind = text(raw.kind);
    if (!isOneOf(PRODUCT_KINDS, kind)) fail("kind", "Choose a kind of bag.");

    const status = text(raw.status) || "draft";
    if (!isOneOf(PRODUCT_STATUS_OPTIONS, status)) fail("status", "Choose draft or active.");

    const description = text(raw.description).replace(/\r\n?/g, "\n");
    if (description.length > 2000) fail("description", "Keep the description to 2,000 characters or fewer.");

    const material = text(raw.material).replace(/\s+/g, " ");
    if (material === "") fail("material", "Say what the bag is made of, like Canvas.");
    else if (material.length > 80) fail("material", "Keep the material to 80 characters or fewer.");

    const dimension = (field: "widthCm" | "heightCm" | "depthCm", label: string) => {
      const typed = text(raw[field]);
      const cm = parseCm(typed);
      if (typed === "") fail(field, `Enter the ${label} in centimetres.`);
      else if (cm === null || cm <= 0 || cm > MAX_DIMENSION_CM) fail(field, `The ${label} must be more than 0 and at most ${MAX_DIMENSION_CM} cm.`);
      return cm ?? 0;
    };
    const widthCm = dimension("widthCm", "width");
    const heightCm = dimension("heightCm", "height");
    const depthCm = dimension("depthCm", "depth");
    // The size class follows from the longest side; a micro bag is one by definition.
    if (kind === "micro" && widthCm > 0 && heightCm > 0 && depthCm > 0) {
      const longest = longestDimensionCm({ widthCm, heightCm, depthCm });
      if (longest > MAX_MICRO_CM) fail(widthCm === longest ? "widthCm" : heightCm === longest ? "heightCm" : "depthCm", `A micro bag measures at most ${MAX_MICRO_CM} cm on its longest side (this one is ${longest} cm).`);
    }

    const occasions = OCCASION_OPTIONS.filter((o) => ticked(raw[`occasion_${o}`]));

    const tags = splitTags(text(raw.tags));
    const badTag = tags.find((t) => !TAG.test(t));
    if (badTag !== undefined) fail("tags", `"${badTag.slice(0, 40)}" can't be a tag: use lowercase letters, digits and hyphens, separated by commas.`);
    else if (tags.length > MAX_TAGS) fail("tags", `Use at most ${MAX_TAGS} tags.`);

    const isMicro = kind === "micro";
    const attachmentText = text(raw.attachment);
    let attachment: Attachment | null = null;
    if (isMicro) {
      if (isOneOf(ATTACHMENT_OPTIONS, attachmentText)) attachment = attachmentText;
      else fail("attachment", "Choose how the micro bag clips on: lobster clasp, split ring or chain loop.");
    } else if (attachmentText !== "") {
      fail("attachment", "Only micro bags clip on; leave the attachment empty for this kind of bag.");
    }

    const handleText = text(raw.handleWidthCm);
    let handleWidthCm: number | null = null;
    if (handleText !== "") {
      const cm = parseCm(handleText);
      if (isMicro) fail("handleWidthCm", "Micro bags don't carry charms; leave the handle width empty.");
      else if (cm === null || cm <= 0 || cm > MAX_HANDLE_WIDTH_CM) fail("handleWidthCm", `The handle width must be more than 0 and at most ${MAX_HANDLE_WIDTH_CM} cm.`);
      else handleWidthCm = cm;
    }
    const hasStrapRing = ticked(raw.hasStrapRing);
    if (hasStrapRing && isMicro) fail("hasStrapRing", "Micro bags don't carry charms; untick the strap ring.");

    const artStyle = text(raw.artStyle);
    const style = ART_STYLES.find((s) => s.id === artStyle);
    if (!style) fail("artStyle", "Choose an illustration.");
    else if (isOneOf(PRODUCT_KINDS, kind) && style.kind !== kind) {
      fail("artStyle", `"${style.label}" draws a different kind of bag; choose one drawn as a ${kind === "micro" ? "micro bag" : kind}.`);
    }

    const rankText = text(raw.featuredRank);
    const featuredRank = rankText === "" ? 1000 : /^\d{1,6}$/.test(rankText) ? Number(rankText) : NaN;
    if (!(featuredRank >= 0 && featuredRank <= 999_999)) fail("featuredRank", "The featured rank must be a whole number from 0 (first) to 999999.");

    return {
      name,
      slug,
      kind: kind as ProductKind,
      status: status as ProductStatus,
      description,
      material,
      widthCm,
      heightCm,
      depthCm,
      occasions,
      tags,
      isKids: ticked(raw.isKids),
      isLimited: ticked(raw.isLimited),
      attachment,
      handleWidthCm: isMicro ? null : handleWidthCm,
      hasStrapRing: isMicro ? false : hasStrapRing,
      artStyle,
      featuredRank,
    };
  });

export type VariantValues = {
  sku: string;
  colourName: string;
  colourHex: string;
  hardware: Hardware;
  priceCents: number;
  compareAtCents: number | null;
  position: number;
};

/**
 * Dollars as typed ("45", "45.00", "12.5", "$1,200.50") to whole cents, by
 * string arithmetic (never floats), or null. Thousands separators must sit in
 * threes ("1,2,00" is refused); more than two decimals is refused, not rounded.
 */
export function parseDollars(text: string): number | null {
  const amount = text.trim().replace(/^\$\s*/, "");
  if (amount.includes(",") && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(amount)) return null;
  return parseDecimalToCents(amount);
}

/** A variant (colour) form. Prices are dollars; stock is not part of it. */
export const variantInputSchema = z
  .strictObject({
    sku: optionalText,
    colourName: optionalText,
    colourHex: optionalText,
    hardware: optionalText,
    price: optionalText,
    compareAt: optionalText,
    position: optionalText,
  })
  .transform((raw, ctx): VariantValues => {
    const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: raw });
    const text = (v: string | undefined) => (v ?? "").trim();

    const sku = text(raw.sku).toUpperCase();
    if (sku === "") fail("sku", "Enter a SKU, like TOT-CMK-BLACK.");
    else if (sku.length > 64) fail("sku", "Keep the SKU to 64 characters or fewer.");
    else if (!SKU.test(sku)) fail("sku", "Use capital letters A–Z, digits and hyphens, starting with a letter or digit, like TOT-CMK-BLACK.");
    // These name back-office pages under /admin/stock/.
    else if (RESERVED_SKUS.has(sku)) fail("sku", `${sku} is reserved by the back office; add a prefix, like TOT-${sku}.`);

    const colourName = text(raw.colourName).replace(/\s+/g, " ");
    if (colourName === "") fail("colourName", "Name the colour, like Black.");
    else if (colourName.length > 40) fail("colourName", "Keep the colour name to 40 characters or fewer.");

    const colourHex = text(raw.colourHex).toLowerCase();
    if (!HEX.test(colourHex)) fail("colourHex", "Enter the colour as # and six hex digits, like #1b1b1d.");

    const hardware = text(raw.hardware);
    if (!isOneOf(HARDWARE_OPTIONS, hardware)) fail("hardware", "Choose gold, silver or no hardware.");

    const priceText = text(raw.price);
    const priceCents = parseDollars(priceText);
    if (priceText === "") fail("price", "Enter a price in dollars, like 45 or 45.00.");
    else if (/^-/.test(priceText.replace(/^\$\s*/, ""))) fail("price", "The price can't be negative.");
    else if (priceCents === null) fail("price", "Enter the price in dollars, like 45 or 45.00.");
    else if (priceCents <= 0) fail("price", "The price must be more than $0.");
    else if (priceCents > MAX_PRICE_CENTS) fail("price", `The price can be at most ${formatCents(MAX_PRICE_CENTS)}.`);

    const compareText = text(raw.compareAt);
    let compareAtCents: number | null = null;
    if (compareText !== "") {
      const cents = parseDollars(compareText);
      if (/^-/.test(compareText.replace(/^\$\s*/, ""))) fail("compareAt", "The compare-at price can't be negative.");
      else if (cents === null) fail("compareAt", "Enter the compare-at price in dollars, like 60 or 60.00, or leave it empty.");
      else if (cents > MAX_PRICE_CENTS) fail("compareAt", `The compare-at price can be at most ${formatCents(MAX_PRICE_CENTS)}.`);
      else if (priceCents !== null && priceCents > 0 && cents <= priceCents) {
        fail("compareAt", `The compare-at price must be above the price (${formatCents(priceCents)}), or left empty.`);
      } else compareAtCents = cents;
    }

    const positionText = text(raw.position);
    const position = positionText === "" ? 0 : /^\d{1,4}$/.test(positionText) ? Number(positionText) : NaN;
    if (!(position >= 0 && position <= 9999)) fail("position", "The position must be a whole number from 0 (first) to 9999.");

    return {
      sku,
      colourName,
      colourHex,
      hardware: hardware as Hardware,
      priceCents: priceCents ?? 0,
      compareAtCents,
      position,
    };
  });

/** A product as its form fields, for the edit page. */
export function productToInput(p: {
  name: string;
  slug: string;
  kind: string;
  status: string;
  description: string;
  material: string;
  widthCm: number;
  heightCm: number;
  depthCm: number;
  occasions: readonly string[];
  tags: readonly string[];
  isKids: boolean;
  isLimited: boolean;
  attachment: string | null;
  handleWidthCm: number | null;
  hasStrapRing: boolean;
  artStyle: string;
  featuredRank: number;
}): Record<string, string> {
  const out: Record<string, string> = {
    name: p.name,
    slug: p.slug,
    kind: p.kind,
    status: p.status,
    description: p.description,
    material: p.material,
    widthCm: formatCmInput(p.widthCm),
    heightCm: formatCmInput(p.heightCm),
    depthCm: formatCmInput(p.depthCm),
    tags: p.tags.join(", "),
    attachment: p.attachment ?? "",
    handleWidthCm: formatCmInput(p.handleWidthCm),
    artStyle: p.artStyle,
    featuredRank: String(p.featuredRank),
  };
  for (const o of p.occasions) out[`occasion_${o}`] = "on";
  if (p.isKids) out.isKids = "on";
  if (p.isLimited) out.isLimited = "on";
  if (p.hasStrapRing) out.hasStrapRing = "on";
  return out;
}

/** A variant as its form fields: prices back in dollars ("45.00"). */
export function variantToInput(v: {
  sku: string;
  colourName: string;
  colourHex: string;
  hardware: string;
  priceCents: number;
  compareAtCents: number | null;
  position: number;
}): Record<string, string> {
  return {
    sku: v.sku,
    colourName: v.colourName,
    colourHex: v.colourHex,
    hardware: v.hardware,
    price: centsToDecimal(v.priceCents),
    compareAt: v.compareAtCents === null ? "" : centsToDecimal(v.compareAtCents),
    position: String(v.position),
  };
}

/** The product list's filters from its URL. */
export const productFiltersSchema = z.strictObject({
  q: z.string().max(100, "Keep the search to 100 characters or fewer.").optional(),
  status: z.enum(PRODUCT_STATUS_OPTIONS, { error: "Choose draft or active." }).optional(),
});

const id = (label: string) =>
  z
    .string({ error: `Choose a ${label}.` })
    .regex(/^[1-9]\d{0,8}$/, `Choose a ${label}.`)
    .transform(Number);

/** What a post to a product's edit page asks for (the rest of the fields go to the product or variant schema). */
export const productActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("product") }),
    z.object({ intent: z.literal("variant-create") }),
    z.object({ intent: z.literal("variant-update"), variantId: id("colour") }),
    z.strictObject({ intent: z.literal("variant-delete"), variantId: id("colour") }),
    z.strictObject({ intent: z.literal("image-illustration"), variantId: id("colour") }),
    z.strictObject({ intent: z.literal("delete") }),
  ],
  { error: "Choose what to change." },
);

/** The form fields of a product and of a colour, to split one posted form into the two. */
export const PRODUCT_FIELDS = [
  "name",
  "slug",
  "kind",
  "status",
  "description",
  "material",
  "widthCm",
  "heightCm",
  "depthCm",
  "occasion_casual",
  "occasion_business",
  "occasion_evening",
  "tags",
  "isKids",
  "isLimited",
  "attachment",
  "handleWidthCm",
  "hasStrapRing",
  "artStyle",
  "featuredRank",
] as const;
/** SKUs that would open a stock page instead of the SKU's own (/admin/stock/<sku>). */
export const RESERVED_SKUS = new Set(["EXPORT", "IMPORT", "LEDGER"]);

export const VARIANT_FIELDS = ["sku", "colourName", "colourHex", "hardware", "price", "compareAt", "position"] as const;

/** The named fields of a form (and the rest, which a strict schema will refuse). */
export function pickFields(fields: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (fields[name] !== undefined) out[name] = fields[name]!;
  return out;
}

/** What a form sends back to be shown again: only known fields, each cut to a sane length. */
export function keptValues(fields: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (fields[name] !== undefined) out[name] = fields[name]!.slice(0, 2100);
  return out;
}
