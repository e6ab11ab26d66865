// Which micro bags to suggest with a tote, and why. Pure: the caller brings the
// catalog, the offers and the co-purchase counts.
//
// A candidate must be a micro bag that fits the tote (see fit.ts), has a colour
// in stock, and is not excluded (e.g. already in the cart). Its colour is the
// in-stock variant that pairs best with the tote's colour (ties: catalog order).
//
// Score = w × coPurchase + (1 − w) × rules
//   rules      = 0.45 × pairing + 0.25 × material + 0.1 × price level + 0.2 × offer
//   coPurchase = n / (n + 2), n = paid orders with this tote and this micro bag
//   w          = 0.5 × N / (N + 10), N = all such orders for this tote: with no
//                data (cold start) the rules alone decide; the more orders the
//                shop has seen, the more they count, up to half the score
//   pairing    = pairingScore (0–1): colour contrast and hardware
//   offer      = the best active offer's saving as a share of the price, where
//                30% off or more counts fully
//   material   = 1 for the tote's own material, 0.7 for its family (fine
//                leather, vegan leather, fabric), else 0: a calfskin tote
//                suggests leather micro bags first
//   price level= how close the micro bag's price tier is to the tote's (1, 0.5, 0)
// Ties go to the lower product id, so the order is the same for the same data.
import {
  addonUnitDiscount,
  offerWording,
  isOfferActive,
  offerAppliesTo,
  offerTriggers,
  type BundleOffer,
  type OfferProduct,
} from "./bundle-offers";
import { KIND_LABELS, type CatalogProduct, type CatalogVariant } from "./catalog";
import { charmFits, type FitResult } from "./fit";
import { pairingScore, type PairingResult } from "./pairing";

export interface CharmSuggestion {
  product: CatalogProduct;
  /** The best-pairing colour that is in stock. */
  variant: CatalogVariant;
  fit: FitResult;
  pairing: PairingResult;
  /** The best active offer this tote triggers for this micro bag. */
  offer: BundleOffer | null;
  regularPriceCents: number;
  bundlePriceCents: number;
  score: number;
  /** The one line shown to shoppers. */
  reason: string;
}

export interface RankCharmsInput {
  tote: CatalogProduct;
  toteVariant: CatalogVariant;
  /** Micro bags (other kinds are ignored). */
  candidates: readonly CatalogProduct[];
  excludeProductIds: ReadonlySet<number>;
  /** Micro productId → paid orders that had it together with this tote product. */
  coPurchase: ReadonlyMap<number, number>;
  offers: readonly BundleOffer[];
  now: number;
  limit?: number;
}

export const CO_PURCHASE_K = 2;
export const CO_PURCHASE_MAX_WEIGHT = 0.5;
export const CO_PURCHASE_HALF_DATA = 10;
/** A saving of this share of the price or more counts fully. */
export const OFFER_SHARE_FULL = 0.3;
/** From this many orders together, the reason shown is "Often bought with…". */
export const OFTEN_BOUGHT_MIN = 3;

/**
 * The active offer that gives the biggest saving on one unit of `addon` at
 * `unitPriceCents` when bought with `trigger`; ties go to higher priority, then
 * lower id. Null when no active offer applies or it would save nothing.
 */
export function bestOfferFor(
  trigger: OfferProduct,
  addon: OfferProduct,
  unitPriceCents: number,
  offers: readonly BundleOffer[],
  now: number,
): { offer: BundleOffer; discountCents: number } | null {
  let best: { offer: BundleOffer; discountCents: number } | null = null;
  for (const offer of offers) {
    if (!isOfferActive(offer, now) || !offerTriggers(offer, trigger) || !offerAppliesTo(offer, addon)) continue;
    const discountCents = addonUnitDiscount(offer, unitPriceCents);
    if (discountCents <= 0) continue;
    if (
      best === null ||
      discountCents > best.discountCents ||
      (discountCents === best.discountCents &&
        (offer.priority > best.offer.priority || (offer.priority === best.offer.priority && offer.id < best.offer.id)))
    ) {
      best = { offer, discountCents };
    }
  }
  return best;
}

/** Families of materials that go together; a material not listed is its own family. */
export function materialFamily(material: string): string {
  const m = material.trim().toLowerCase();
  if (m.includes("vegan")) return "vegan leather";
  if (/calfskin|lambskin|leather|suede|nappa/.test(m)) return "leather";
  if (/canvas|satin|fur|cotton|linen|velvet|straw/.test(m)) return "fabric";
  return m;
}

/** 1 for the same material, 0.7 for the same family, else 0. */
export function materialScore(micro: string, tote: string): number {
  if (micro.trim().toLowerCase() === tote.trim().toLowerCase()) return 1;
  return materialFamily(micro) === materialFamily(tote) ? 0.7 : 0;
}

/** Price tiers (cents): a tote under $150 / $300 / above; a micro bag under $40 / $65 / above. */
function tier(cents: number, bounds: [number, number]): number {
  return cents < bounds[0] ? 0 : cents < bounds[1] ? 1 : 2;
}

/** 1 when the micro bag's price tier matches the tote's, 0.5 one tier apart, else 0. */
export function priceLevelScore(microCents: number, toteCents: number): number {
  const gap = Math.abs(tier(microCents, [4000, 6500]) - tier(toteCents, [15000, 30000]));
  return gap === 0 ? 1 : gap === 1 ? 0.5 : 0;
}

/**
 * The one line a suggestion shows: why it suits the tote, then its offer if it
 * has one ("Calfskin like your tote, 20% off").
 */
export function suggestionReason(args: {
  toteName: string;
  toteMaterial: string;
  microMaterial: string;
  coPurchaseCount: number;
  pairing: PairingResult;
  fitReason: string;
  offer: BundleOffer | null;
}): string {
  const { toteMaterial, microMaterial } = args;
  const why =
    args.coPurchaseCount >= OFTEN_BOUGHT_MIN
      ? `Often bought with the ${args.toteName}`
      : materialScore(microMaterial, toteMaterial) === 1 && materialFamily(toteMaterial) !== "fabric"
        ? `${microMaterial.trim()} like your tote`
        : materialScore(microMaterial, toteMaterial) > 0 && materialFamily(toteMaterial) === "leather"
          ? `${microMaterial.trim()} to go with your ${toteMaterial.trim().toLowerCase()} tote`
          : args.pairing.score >= 0.5 && args.pairing.reasons[0]
            ? args.pairing.reasons[0]
            : args.fitReason;
  return args.offer ? `${why}, ${offerWording(args.offer)}` : why;
}

export function rankCharms(input: RankCharmsInput): CharmSuggestion[] {
  const { tote, toteVariant, candidates, excludeProductIds, coPurchase, offers, now } = input;
  const limit = input.limit ?? 4;
  if (limit <= 0) return [];

  let totalData = 0;
  for (const n of coPurchase.values()) if (Number.isFinite(n) && n > 0) totalData += n;
  const coWeight = (CO_PURCHASE_MAX_WEIGHT * totalData) / (totalData + CO_PURCHASE_HALF_DATA);

  const toteColour = { colourHex: toteVariant.colourHex, colourName: toteVariant.colourName, hardware: toteVariant.hardware };
  const suggestions: CharmSuggestion[] = [];
  const seen = new Set<number>();
  for (const product of candidates) {
    if (product.kind !== "micro" || product.status !== "active" || product.id === tote.id) continue;
    if (excludeProductIds.has(product.id) || seen.has(product.id)) continue;
    seen.add(product.id);
    const fit = charmFits(product, tote);
    if (!fit.fits) continue;

    let variant: CatalogVariant | null = null;
    let pairing: PairingResult | null = null;
    for (const v of product.variants) {
      if (v.available <= 0) continue;
      const p = pairingScore({ colourHex: v.colourHex, colourName: v.colourName, hardware: v.hardware, tags: product.tags }, toteColour);
      if (pairing === null || p.score > pairing.score) {
        variant = v;
        pairing = p;
      }
    }
    if (variant === null || pairing === null) continue;

    const best = bestOfferFor(tote, product, variant.priceCents, offers, now);
    const discountCents = best?.discountCents ?? 0;
    const offerShare = variant.priceCents > 0 ? discountCents / variant.priceCents : 0;
    const offerScore = Math.min(1, offerShare / OFFER_SHARE_FULL);
    const count = Math.max(0, coPurchase.get(product.id) ?? 0);
    const co = count / (count + CO_PURCHASE_K);
    const material = materialScore(product.material, tote.material);
    const level = priceLevelScore(variant.priceCents, toteVariant.priceCents);
    const rules = 0.45 * pairing.score + 0.25 * material + 0.1 * level + 0.2 * offerScore;
    const score = Math.round((coWeight * co + (1 - coWeight) * rules) * 1e6) / 1e6;

    const reason = suggestionReason({
      toteName: tote.name,
      toteMaterial: tote.material,
      microMaterial: product.material,
      coPurchaseCount: count,
      pairing,
      fitReason: fit.reason,
      offer: best?.offer ?? null,
    });

    suggestions.push({
      product,
      variant,
      fit,
      pairing,
      offer: best?.offer ?? null,
      regularPriceCents: variant.priceCents,
      bundlePriceCents: variant.priceCents - discountCents,
      score,
      reason,
    });
  }

  suggestions.sort((a, b) => b.score - a.score || a.product.id - b.product.id);
  return suggestions.slice(0, limit);
}

export interface MicroPageOffers {
  /** The best active offer some tote gives this micro bag, or null. */
  offer: BundleOffer | null;
  /** Its saving on the micro bag's lowest price. */
  discountCents: number;
  /** E.g. "15% off with any tote", "20% off with the Calfskin Classic Tote"; null without an offer. */
  label: string | null;
  /** The totes this micro bag fits, in the order given. */
  fits: { product: CatalogProduct; reason: string }[];
}

/**
 * For a micro bag's own page: the best offer buying it with a tote would give,
 * described for shoppers, and the totes it clips onto. `totes` would normally
 * be the catalog's active totes in featured order.
 */
export function microPageOffers(
  micro: CatalogProduct,
  totes: readonly CatalogProduct[],
  offers: readonly BundleOffer[],
  now: number,
): MicroPageOffers {
  const bags = totes.filter((t) => t.id !== micro.id && t.kind !== "micro");
  const fits = bags
    .map((product) => ({ product, fit: charmFits(micro, product) }))
    .filter((x) => x.fit.fits)
    .map((x) => ({ product: x.product, reason: x.fit.reason }));

  let best: { offer: BundleOffer; discountCents: number } | null = null;
  for (const tote of bags) {
    const found = bestOfferFor(tote, micro, micro.minPriceCents, offers, now);
    if (
      found &&
      (best === null ||
        found.discountCents > best.discountCents ||
        (found.discountCents === best.discountCents &&
          (found.offer.priority > best.offer.priority ||
            (found.offer.priority === best.offer.priority && found.offer.id < best.offer.id))))
    ) {
      best = found;
    }
  }
  if (best === null) return { offer: null, discountCents: 0, label: null, fits };

  const offer = best.offer;
  const triggering = bags.filter((t) => offerTriggers(offer, t));
  let scope: string;
  if (offer.trigger.type === "kind") {
    scope = offer.trigger.kind === "tote" ? "any tote" : `any ${KIND_LABELS[offer.trigger.kind].toLowerCase()}`;
  } else if (triggering.length === 1) {
    scope = `the ${triggering[0]!.name}`;
  } else if (triggering.length === 2) {
    scope = `the ${triggering[0]!.name} or the ${triggering[1]!.name}`;
  } else {
    scope = "selected totes";
  }
  return { offer, discountCents: best.discountCents, label: `${offerWording(offer)} with ${scope}`, fits };
}
