// The offer pages' flows: checking a submitted offer (the form schema, then
// that the products it names exist), saving it, and the bundle price preview
// for a tote and a micro bag from the live catalog.
import {
  bundleOfferInputSchemaFor,
  offerAppliesTo,
  offerFromRow,
  offerFormValues,
  type BundleOffer,
  type BundleOfferValues,
} from "~/domain/bundle-offers";
import { parseWith, type FieldErrors } from "~/web/forms";
import type { CatalogProduct, CatalogVariant } from "~/domain/catalog";
import { formatCents } from "~/domain/money";
import {
  generatedOfferName,
  missingProductErrors,
  offerNameProblem,
  previewBundle,
  productIdsToNames,
  productNamesToIds,
  type BundlePreview,
  type PreviewItem,
} from "~/domain/offer-admin";
import { getCatalog } from "~/models/catalog.server";
import { listOfferProducts, type OfferRow } from "~/models/offers.server";
import { shopTimeZone } from "~/utils/shop-time.server";

/** The form's field names, in order. */
export const OFFER_FIELDS = [
  "name",
  "triggerType",
  "triggerValue",
  "addonType",
  "addonValue",
  "discountType",
  "discountValue",
  "maxAddonsPerTrigger",
  "activeFrom",
  "activeUntil",
  "priority",
  "enabled",
] as const;

/** What a new offer's form starts with. */
export const NEW_OFFER_VALUES: Record<string, string> = {
  name: "",
  triggerType: "kind",
  triggerValue: "tote",
  addonType: "kind",
  addonValue: "micro",
  discountType: "percent",
  discountValue: "15",
  maxAddonsPerTrigger: "1",
  activeFrom: "",
  activeUntil: "",
  priority: "0",
  enabled: "on",
};

export type OfferCheck = { ok: true; values: BundleOfferValues } | { ok: false; message: string; fieldErrors: FieldErrors };

/** The offer fields of a form (others, like the preview's, are left out). */
export function offerFieldsOf(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of OFFER_FIELDS) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

/** Validate an offer form: every field, then that the products it names exist. */
/**
 * `savedName`: the name the offer has now (edits). A name typed anew is checked against the discount;
 * a kept one is not (nor for a price preview), so an old offer can still be edited.
 */
export function checkOffer(fields: Record<string, string>, options: { savedName?: string | null; preview?: boolean } = {}): OfferCheck {
  const products = listOfferProducts();
  // Products are picked by name; an empty name is made from the discount; a typed one must agree with it.
  const named = productNamesToIds(offerFieldsOf(fields), products);
  const nameGiven = (named.fields.name ?? "").trim() !== "";
  const parsed = parseWith(bundleOfferInputSchemaFor(shopTimeZone()), nameGiven ? named.fields : { ...named.fields, name: "-" });
  const fieldErrors: FieldErrors = { ...(parsed.ok ? {} : parsed.fieldErrors), ...named.fieldErrors };
  if (!parsed.ok || Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: Object.values(fieldErrors)[0] ?? (parsed.ok ? "Check the offer." : parsed.message), fieldErrors };
  }
  const known = new Set(products.map((p) => p.id));
  const missing = missingProductErrors(parsed.data, known);
  if (Object.keys(missing).length > 0) return { ok: false, message: Object.values(missing)[0]!, fieldErrors: missing };
  const values = parsed.data;
  if (!nameGiven) {
    values.name = generatedOfferName(values, new Map(products.map((p) => [p.id, p.name])));
  } else {
    const kept = options.preview === true || (options.savedName != null && options.savedName === values.name);
    const problem = kept ? null : offerNameProblem(values.name, values);
    if (problem) return { ok: false, message: problem, fieldErrors: { name: problem } };
  }
  return { ok: true, values };
}

/** A saved offer as the form shows it: products by name. */
export function formValuesOf(row: OfferRow): Record<string, string> {
  return productIdsToNames(offerFormValues(offerFromRow(row), shopTimeZone()), listOfferProducts());
}

// ---------------------------------------------------------------- preview

export interface PreviewOption {
  sku: string;
  label: string;
}

export interface PreviewOptions {
  totes: PreviewOption[];
  micros: PreviewOption[];
}

function option(p: CatalogProduct, v: CatalogVariant): PreviewOption {
  return { sku: v.sku, label: `${p.name}, ${v.colourName} (${formatCents(v.priceCents)})` };
}

/** Every tote and micro-bag colour in the shop, for the preview's selects. */
export function previewOptions(): PreviewOptions {
  const { products } = getCatalog();
  const byName = [...products].sort((a, b) => a.name.localeCompare(b.name));
  return {
    totes: byName.filter((p) => p.kind === "tote").flatMap((p) => p.variants.map((v) => option(p, v))),
    micros: byName.filter((p) => p.kind === "micro").flatMap((p) => p.variants.map((v) => option(p, v))),
  };
}

function item(sku: string, kind: "tote" | "micro"): PreviewItem | null {
  const catalog = getCatalog();
  const v = catalog.variantsBySku.get(sku);
  const p = v ? catalog.byId.get(v.productId) : undefined;
  if (!v || !p || p.kind !== kind) return null;
  return { variantId: v.id, product: { id: p.id, kind: p.kind, tags: p.tags, name: p.name }, unitPriceCents: v.priceCents };
}

export type PreviewPick =
  | { ok: true; tote: string; micro: string; toteItem: PreviewItem; microItem: PreviewItem }
  | { ok: false; fieldErrors: FieldErrors; tote: string; micro: string };

const SKU = /^[A-Z0-9-]{1,64}$/;

/**
 * The tote and micro bag to preview: the ones asked for, or by default the
 * first tote and the first micro bag the offer discounts (else the first one).
 */
export function pickPreviewPair(query: { tote?: string | null; micro?: string | null }, offer: BundleOffer | null): PreviewPick {
  const options = previewOptions();
  const catalog = getCatalog();
  const toteSku = query.tote?.trim() || options.totes[0]?.sku || "";
  let microSku = query.micro?.trim() || "";
  if (microSku === "") {
    const applies = (sku: string) => offer !== null && offerAppliesTo(offer, catalog.byId.get(catalog.variantsBySku.get(sku)!.productId)!);
    microSku = options.micros.find((m) => applies(m.sku))?.sku ?? options.micros[0]?.sku ?? "";
  }
  const errors: FieldErrors = {};
  const toteItem = SKU.test(toteSku) ? item(toteSku, "tote") : null;
  const microItem = SKU.test(microSku) ? item(microSku, "micro") : null;
  if (!toteItem) errors.tote = "Choose one of the shop's totes.";
  if (!microItem) errors.micro = "Choose one of the shop's micro bags.";
  if (!toteItem || !microItem) return { ok: false, fieldErrors: errors, tote: toteSku.slice(0, 64), micro: microSku.slice(0, 64) };
  return { ok: true, tote: toteSku, micro: microSku, toteItem, microItem };
}

export function previewPrice(pick: Extract<PreviewPick, { ok: true }>, offer: BundleOffer, now = Date.now()): BundlePreview {
  return previewBundle(pick.toteItem, pick.microItem, offer, now);
}

/** An offer from form values, as the preview prices it (not saved). */
export function draftOffer(values: BundleOfferValues, id = 0): BundleOffer {
  return offerFromRow({ id, ...values });
}

// ---------------------------------------------------------------- the page

export interface OfferPage {
  /** 400 when the values sent for a preview or the pair chosen could not be used. */
  status: 200 | 400;
  values: Record<string, string>;
  errors: FieldErrors;
  products: ReturnType<typeof listOfferProducts>;
  /** SHOP_TIMEZONE: the start and end are typed and shown in it. */
  timeZone: string;
  preview: {
    totes: PreviewOption[];
    micros: PreviewOption[];
    tote: string;
    micro: string;
    errors: FieldErrors;
    saved: BundlePreview | null;
    draft: BundlePreview | null;
    draftProblem: string | null;
  };
}

/**
 * What the new and edit pages show for a GET: the form's values (as saved, or
 * as sent with "Preview price") and the preview of the chosen pair priced with
 * the saved offer and, when values were sent, with those.
 */
export function offerPage(url: URL, saved: OfferRow | null, now = Date.now()): OfferPage {
  const params = url.searchParams;
  const sent: Record<string, string> = {};
  for (const key of OFFER_FIELDS) {
    const value = params.get(key);
    if (value !== null) sent[key] = value.slice(0, 1000);
  }
  const isDraft = Object.keys(sent).length > 0;
  const savedOffer = saved ? offerFromRow(saved) : null;
  let values = saved ? formValuesOf(saved) : NEW_OFFER_VALUES;
  let errors: FieldErrors = {};
  let draft: BundleOffer | null = null;
  let draftProblem: string | null = null;
  if (isDraft) {
    values = sent;
    const check = checkOffer(sent, { preview: true });
    if (check.ok) draft = draftOffer(check.values, saved?.id ?? 0);
    else {
      errors = check.fieldErrors;
      draftProblem = "Fix the offer's details above to see the price with them.";
    }
  }
  const pick = pickPreviewPair({ tote: params.get("tote"), micro: params.get("micro") }, draft ?? savedOffer);
  const options = previewOptions();
  const preview: OfferPage["preview"] = {
    ...options,
    tote: pick.tote,
    micro: pick.micro,
    errors: pick.ok ? {} : pick.fieldErrors,
    saved: pick.ok && savedOffer ? previewPrice(pick, savedOffer, now) : null,
    draft: pick.ok && draft ? previewPrice(pick, draft, now) : null,
    draftProblem,
  };
  const bad = !pick.ok || Object.keys(errors).length > 0;
  return { status: bad ? 400 : 200, values, errors, products: listOfferProducts(), preview, timeZone: shopTimeZone() };
}
