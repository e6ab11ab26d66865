// Which micro bags to offer with a tote, and recording that they were shown.
import type { BundleOffer } from "~/domain/bundle-offers";
import type { CatalogProduct, CatalogSnapshot, CatalogVariant } from "~/domain/catalog";
import { offersForArm } from "~/domain/experiments";
import { bestOfferFor, microPageOffers, rankCharms, type CharmSuggestion } from "~/domain/ranking";
import { isCountedRequest, isCountedVisitor } from "~/domain/visitors";
import { getCatalog } from "~/models/catalog.server";
import { coPurchaseCounts } from "~/models/co-purchase.server";
import { getOffers } from "~/models/offers.server";
import { recordAdd, recordImpressions, type Placement } from "~/models/suggestions.server";
import { cartArm, noteExposure, offersForCart } from "~/services/experiments.server";

/**
 * Carts in a holdout arm of the running experiment see no suggestions;
 * visitors without a cart always do (with the shop's offers as set).
 */
export function inHoldout(cartId: string | null, now = Date.now()): boolean {
  return cartArm(cartId, now)?.arm.kind === "holdout";
}

export function charmSuggestions(args: {
  tote: CatalogProduct;
  toteVariant: CatalogVariant;
  cartId: string | null;
  inCartProductIds: ReadonlySet<number>;
  limit?: number;
  now?: number;
  /** The snapshot the caller already holds (one catalog check per request). */
  catalog?: CatalogSnapshot;
  /** The shopper's request: a cart reaching suggestions is assigned to its arm (not bots). */
  request?: Request;
}): CharmSuggestion[] {
  const catalog = args.catalog ?? getCatalog();
  if (args.tote.kind !== "tote") return [];
  const now = args.now ?? Date.now();
  const placed = cartArm(args.cartId, now, catalog.version);
  // Recorded whether or not the arm shows suggestions: both sides are counted from the same moment.
  noteExposure(args.request, placed, args.cartId, now);
  if (placed?.arm.kind === "holdout") return [];
  const limit = args.limit ?? 4;
  const coPurchase = coPurchaseCounts(args.tote.id, now);
  const offers = offersForArm(getOffers(catalog.version), placed?.arm ?? null);

  if (rankings.version !== catalog.version || rankings.stockStateEpoch !== catalog.stockStateEpoch || rankings.entries.size >= MAX_RANKINGS) {
    rankings.version = catalog.version;
    rankings.stockStateEpoch = catalog.stockStateEpoch;
    rankings.entries.clear();
    rankingCounters.rebuilds += 1;
  }
  const key = `${placed?.arm.id ?? 0}:${args.toteVariant.id}:${limit}:${[...args.inCartProductIds].sort((a, b) => a - b).join(",")}`;
  const known = rankings.entries.get(key);
  if (known && known.coPurchase === coPurchase && now >= known.from && now < known.until) return known.suggestions;

  const suggestions = rankCharms({
    tote: args.tote,
    toteVariant: args.toteVariant,
    candidates: catalog.products.filter((p) => p.kind === "micro"),
    excludeProductIds: args.inCartProductIds,
    coPurchase,
    offers,
    now,
    limit,
  });
  rankings.entries.set(key, { coPurchase, from: now, until: nextOfferChange(offers, now), suggestions });
  return suggestions;
}

// Ranking every micro bag against a tote is the costliest part of a tote's
// page, and grows with the catalog. Its result changes only with the catalog
// (version: prices, offers, settings), a micro bag selling out or coming back
// (stockStateEpoch: a sale that leaves every bag's state as it was keeps
// them), the co-purchase counts (the same map until they are refreshed) or an
// offer starting or ending: kept until one of those moves. Callers must not
// change the suggestions.
const MAX_RANKINGS = 2000;
/** How often the rankings were thrown away (tests read it). */
export const rankingCounters = { rebuilds: 0 };
const rankings = {
  version: -1,
  stockStateEpoch: -1,
  entries: new Map<string, { coPurchase: ReadonlyMap<number, number>; from: number; until: number; suggestions: CharmSuggestion[] }>(),
};

/** When the next offer starts or ends (what an offer-priced page shows changes then). */
export function nextOfferChange(offers: BundleOffer[], now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const offer of offers) {
    for (const at of [offer.activeFrom, offer.activeUntil]) if (at !== null && at > now && at < next) next = at;
  }
  return next;
}

/** For a micro bag's page: the offer totes give it, and the totes it fits. */
/** A micro bag page's offers, as this cart gets them (an experiment's discount arm changes them). */
export function offersForMicro(micro: CatalogProduct, now = Date.now(), catalog = getCatalog(), cartId: string | null = null) {
  const totes = catalog.products.filter((p) => p.kind === "tote");
  return microPageOffers(micro, totes, offersForCart(getOffers(catalog.version), cartId, now, catalog.version), now);
}

/**
 * "Add with a tote" on a micro bag's page: the first few totes this micro bag
 * fits, each in its first colour in stock, with what the two cost together
 * (the tote's offer taken off the micro bag's shown colour). The cart prices
 * the add again from the database.
 */
export function toteBundlesForMicro(
  micro: CatalogProduct,
  microVariant: CatalogVariant,
  limit = 3,
  now = Date.now(),
  catalog = getCatalog(),
  cartId: string | null = null,
) {
  if (micro.kind !== "micro" || microVariant.available <= 0) return [];
  const offers = offersForCart(getOffers(catalog.version), cartId, now, catalog.version);
  return offersForMicro(micro, now, catalog, cartId)
    .fits.map((f) => ({ tote: f.product, variant: f.product.variants.find((v) => v.available > 0) }))
    .filter((x): x is { tote: CatalogProduct; variant: CatalogVariant } => x.variant !== undefined)
    .slice(0, limit)
    .map(({ tote, variant }) => {
      const offer = bestOfferFor(tote, micro, microVariant.priceCents, offers, now);
      return {
        toteSku: variant.sku,
        toteName: `${variant.colourName} ${tote.name}`,
        toteSlug: tote.slug,
        totalCents: variant.priceCents + microVariant.priceCents - (offer?.discountCents ?? 0),
        regularCents: variant.priceCents + microVariant.priceCents,
      };
    });
}

/** Note that suggestions were shown (buffered; bots are not counted: see isCountedRequest). */
export function noteImpressions(
  request: Request,
  placement: Placement,
  toteProductId: number | null,
  shown: { productId: number; offerId: number | null }[],
  cartId: string | null,
  now = Date.now(),
) {
  noteImpressionsFor(request.headers.get("User-Agent") ?? "", placement, toteProductId, shown, cartId, now);
}

/** The same, from a visitor's User-Agent (a page sent from the page cache has no Request). */
export function noteImpressionsFor(
  userAgent: string,
  placement: Placement,
  toteProductId: number | null,
  shown: { productId: number; offerId: number | null }[],
  cartId: string | null,
  now = Date.now(),
) {
  if (shown.length === 0 || !isCountedVisitor(userAgent)) return;
  recordImpressions(
    shown.map((s) => ({ type: "impression", placement, offerId: s.offerId, toteProductId, microProductId: s.productId, cartId, createdAt: now })),
  );
}

/**
 * Note that a suggested charm was added, with the offer a tote gives it (as the
 * cart's arm has it). Not for bots: the same rule as impressions.
 */
export function noteAdd(args: { request: Request; placement: Placement; toteSku: string; charmSku: string; cartId: string; now?: number }) {
  if (!isCountedRequest(args.request)) return;
  const catalog = getCatalog();
  const toteVariant = catalog.variantsBySku.get(args.toteSku);
  const charmVariant = catalog.variantsBySku.get(args.charmSku);
  if (!toteVariant || !charmVariant) return;
  const tote = catalog.byId.get(toteVariant.productId)!;
  const charm = catalog.byId.get(charmVariant.productId)!;
  const now = args.now ?? Date.now();
  const offer = bestOfferFor(tote, charm, charmVariant.priceCents, offersForArm(getOffers(catalog.version), cartArm(args.cartId, now, catalog.version)?.arm ?? null), now);
  recordAdd({
    placement: args.placement,
    offerId: offer?.offer.id ?? null,
    toteProductId: tote.id,
    microProductId: charm.id,
    cartId: args.cartId,
    createdAt: now,
  });
}
