// Shapes the catalog into what product cards and pages show.
import { offerWording } from "./bundle-offers";
import { KIND_LABELS, colourSlug, type CatalogProduct } from "./catalog";
import { formatCents } from "./money";
import type { CharmSuggestion } from "./ranking";
import { SIZE_CLASS_LABELS } from "./size";

/**
 * A product as a card shows it. With `colours` (a colour filter, or the colour
 * a search matched: names lower-cased or URL slugs), the card shows the first
 * of those colours the product has (in stock first) and links to it.
 */
export function productCard(p: CatalogProduct, colours: readonly string[] = []) {
  const wanted = colours.length > 0 ? p.variants.filter((v) => colours.includes(v.colourName.toLowerCase()) || colours.includes(colourSlug(v.colourName))) : [];
  const chosen = wanted.find((v) => v.available > 0) ?? wanted[0];
  // Otherwise lead with the first colour that can be bought.
  const lead = chosen ?? p.variants.find((v) => v.available > 0) ?? p.variants[0]!;
  return {
    slug: p.slug,
    href: chosen ? `/products/${p.slug}?colour=${colourSlug(chosen.colourName)}` : `/products/${p.slug}`,
    name: p.name,
    imageUrl: lead.imageUrl,
    imageAlt: `${p.name} in ${lead.colourName}`,
    priceCents: lead.priceCents,
    compareAtCents: lead.compareAtCents,
    meta: `${p.material} · ${p.kind === "micro" ? SIZE_CLASS_LABELS.micro : KIND_LABELS[p.kind]}`,
    soldOut: p.available <= 0,
    isLimited: p.isLimited,
    swatches: p.variants.map((v) => ({ name: v.colourName, hex: v.colourHex })),
  };
}

/** A suggested charm as a card shows it. */
export function suggestionCard(s: CharmSuggestion) {
  return {
    productId: s.product.id,
    slug: s.product.slug,
    name: s.product.name,
    sku: s.variant.sku,
    colourName: s.variant.colourName,
    imageUrl: s.variant.imageUrl,
    reason: s.reason,
    fit: s.fit.reason,
    regularPriceCents: s.regularPriceCents,
    bundlePriceCents: s.bundlePriceCents,
    offerId: s.offer?.id ?? null,
    offerLabel: s.offer ? offerWording(s.offer) : null,
  };
}

export type SuggestionCardData = ReturnType<typeof suggestionCard>;

/**
 * The one-click button of a suggestion says what it adds: both bags and their
 * combined price while the tote is not in the cart ("Add both – $223.25"), the
 * charm alone and what it adds to the total once the tote (any colour) is
 * ("Add charm – $38.25"). Without a known price, the words alone.
 */
export function bundleButtonLabel(args: {
  toteInCart: boolean;
  totePriceCents: number | null;
  bundlePriceCents: number;
  addPriceCents: number | null;
  pricesStale: boolean;
}): string {
  if (!args.toteInCart) return args.totePriceCents !== null ? `Add both – ${formatCents(args.totePriceCents + args.bundlePriceCents)}` : "Add tote + charm";
  return args.addPriceCents !== null && !args.pricesStale ? `Add charm – ${formatCents(args.addPriceCents)}` : "Add charm";
}
