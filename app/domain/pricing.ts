// Bundle pricing: which add-on units get which offer's discount, chosen so the
// shopper saves the most. Pure: plain data in, plain data out.
//
// Rules. A discounted add-on unit is paired with its own trigger unit (a unit of
// a product the offer's trigger matches); one trigger unit discounts at most
// `maxAddonsPerTrigger` add-on units per offer (a tote can serve several offers
// at once, each up to its own limit); a unit is a trigger or a discounted
// add-on, never both; an add-on unit gets at most one discount; only offers
// active at `now` count.
//
// Algorithm. Which trigger unit an add-on unit is paired with does not change
// the amount saved (that depends only on the offer and the add-on's price), so
// once we know how many units of each line act as triggers (x_i) the problem is
// a transportation problem:
//
//     source ─(q_j − x_j)→ add-on line j ─(cost −discount_o(j))→ offer o ─(m_o · Σ_{i triggers o} x_i)→ sink
//
// solved exactly by min-cost flow with successive shortest paths (Bellman-Ford
// on the residual graph, which may hold negative edges), stopping as soon as the
// cheapest augmenting path no longer saves anything: the result is a maximum-
// discount flow, not a maximum flow. Costs are compared lexicographically:
// first the cents saved, then a tie-break summed over discounted units (the
// offer's rank by priority, then id; then the add-on line's rank by variant id),
// so among equally good assignments the one using higher-priority offers, then
// lower offer ids, then lower variant ids wins.
//
// Lines that only trigger use all their units as triggers (that costs nothing);
// lines that only take discounts use none. (Offers the cart cannot use, with no
// unit to trigger them or none to discount, are ignored first.) Only a line that
// could be both, say under "20% off a micro with a micro", needs a choice. Lines
// with the same signature (offers triggered, discount per offer) are
// interchangeable, so we merge them into classes and search over how many units
// of each class trigger, never more than it takes to cover every add-on unit.
// Up to EXHAUSTIVE_LIMIT combinations we try them all; beyond, coordinate ascent
// gives an incumbent and branch and bound (bound: the flow where every unit of
// the undecided classes may both trigger and take a discount) proves it optimal
// or improves it. The search stops at FLOW_BUDGET flows, which keeps the worst
// case polynomial; only contrived carts reach it, and then the result is the
// best found. Each flow has at most 30 add-on nodes, one node per usable offer
// and 300 units: microseconds for a typical cart, well under a millisecond for
// a full one.
//
// Finally the flow per (add-on line, offer) is split over the trigger lines of
// that offer in variant-id order (each holding x_i · m_o slots), which yields the
// bundle lines ("15% off Lime Micro Duffle with Black Canvas Market Tote") and the
// per-unit groups. Lines are processed in variant-id order, so the result never
// depends on the order of the input lines.
//
// Files: this one (the rules, the types, priceCart), pricing-search.ts (trigger
// counts: exhaustive, coordinate ascent, branch and bound), pricing-flow.ts (the
// flow network and its costs), pricing-result.ts (flow → bundle lines and groups).
import {
  addonUnitDiscount,
  isOfferActive,
  offerAppliesTo,
  offerTriggers,
  type BundleOffer,
} from "./bundle-offers";
import { buildResult } from "./pricing-result";
import { bestAssignment, pruneOffers, type LineInfo } from "./pricing-search";

export interface PricingLine {
  variantId: number;
  productId: number;
  quantity: number;
  /** Regular price of one unit. */
  unitPriceCents: number;
}

export interface PricingProduct {
  id: number;
  kind: string;
  tags: readonly string[];
  name: string;
}

export interface PricedUnitGroup {
  quantity: number;
  /** After discount. */
  unitPriceCents: number;
  discountPerUnitCents: number;
  offerId: number | null;
  triggerVariantId: number | null;
}

export interface PricedLine {
  variantId: number;
  productId: number;
  quantity: number;
  /** Regular price of one unit. */
  unitPriceCents: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  /** Units with the same treatment merged; quantities sum to `quantity`. Discounted groups first. */
  groups: PricedUnitGroup[];
  /** The offer that gives the largest discount on this line, for display. */
  offerId: number | null;
}

/** One per (offer, trigger line, add-on line): the cart's discount lines. */
export interface BundleApplication {
  offerId: number;
  offerName: string;
  triggerVariantId: number;
  addonVariantId: number;
  quantity: number;
  discountCents: number;
}

export interface PricedCart {
  /** Same order as the input. */
  lines: PricedLine[];
  /** Ordered by trigger variant id, add-on variant id, then offer id. */
  bundles: BundleApplication[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  itemCount: number;
}

export { EXHAUSTIVE_LIMIT, FLOW_BUDGET } from "./pricing-search";

function checkLine(line: PricingLine) {
  for (const key of ["variantId", "quantity", "unitPriceCents"] as const) {
    const v = line[key];
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`pricing: ${key} must be a whole number ≥ 0, got ${v}`);
  }
}

/**
 * Price a cart with the bundle offers active at `now`, giving the shopper the
 * largest total discount the rules allow. `products` needs an entry for each
 * line's productId (a line without one is priced plainly). Throws a RangeError
 * for a negative or fractional quantity or price, or a variant on two lines.
 */
export function priceCart(
  lines: readonly PricingLine[],
  products: ReadonlyMap<number, PricingProduct>,
  offers: readonly BundleOffer[],
  now: number,
): PricedCart {
  const seen = new Set<number>();
  for (const line of lines) {
    checkLine(line);
    if (seen.has(line.variantId)) throw new RangeError(`pricing: variant ${line.variantId} appears on two lines`);
    seen.add(line.variantId);
  }

  // Active offers in preference order: higher priority, then lower id.
  const active = offers
    .filter((o) => isOfferActive(o, now))
    .sort((a, b) => b.priority - a.priority || a.id - b.id);

  const sorted: LineInfo[] = lines
    .map((line, input) => {
      const product = products.get(line.productId);
      const triggers: number[] = [];
      const discounts = active.map(() => 0);
      if (product && line.quantity > 0) {
        active.forEach((offer, o) => {
          if (offerTriggers(offer, product)) triggers.push(o);
          if (offerAppliesTo(offer, product)) discounts[o] = addonUnitDiscount(offer, line.unitPriceCents);
        });
      }
      return {
        input,
        variantId: line.variantId,
        productId: line.productId,
        quantity: line.quantity,
        price: line.unitPriceCents,
        triggers,
        discounts,
        role: "none" as LineInfo["role"], // set by pruneOffers
        rank: -1,
      };
    })
    .sort((a, b) => a.variantId - b.variantId);
  pruneOffers(sorted, active.length);
  let rank = 0;
  for (const line of sorted) if (line.role !== "none") line.rank = rank++;

  const assignment = active.length > 0 ? bestAssignment(sorted, active) : null;
  return buildResult(lines, sorted, active, assignment);
}
