// Bundle pricing's result (see pricing.ts): the chosen flow turned into priced
// lines, per-unit groups and bundle lines.
import type { BundleOffer } from "./bundle-offers";
import type { BundleApplication, PricedCart, PricedLine, PricedUnitGroup, PricingLine } from "./pricing";
import type { Assignment, LineInfo } from "./pricing-search";

export function buildResult(
  input: readonly PricingLine[],
  lines: LineInfo[],
  active: readonly BundleOffer[],
  assignment: Assignment | null,
): PricedCart {
  // Discounted units per sorted line, as (offer, trigger line, quantity).
  const pairs: { offer: number; trigger: number; addon: number; quantity: number }[] = [];
  if (assignment) {
    active.forEach((offer, o) => {
      const slots = lines.map((line, i) =>
        line.triggers.includes(o) ? assignment.triggerUnits[i]! * offer.maxAddonsPerTrigger : 0,
      );
      lines.forEach((_, j) => {
        let need = assignment.flow[j]![o]!;
        // Prefer another line as the trigger, then units of the same line.
        const order = [...lines.keys()].filter((i) => i !== j).concat([j]);
        for (const i of order) {
          if (need === 0) break;
          const take = Math.min(need, slots[i]!);
          if (take === 0) continue;
          slots[i]! -= take;
          need -= take;
          pairs.push({ offer: o, trigger: i, addon: j, quantity: take });
        }
        if (need > 0) throw new Error("pricing: trigger capacity exceeded (bug)");
      });
    });
  }

  const bundles: BundleApplication[] = pairs
    .map((p) => {
      const offer = active[p.offer]!;
      const addon = lines[p.addon]!;
      return {
        offerId: offer.id,
        offerName: offer.name,
        triggerVariantId: lines[p.trigger]!.variantId,
        addonVariantId: addon.variantId,
        quantity: p.quantity,
        discountCents: p.quantity * addon.discounts[p.offer]!,
      };
    })
    .sort((a, b) => a.triggerVariantId - b.triggerVariantId || a.addonVariantId - b.addonVariantId || a.offerId - b.offerId);

  const priced = new Array<PricedLine>(input.length);
  lines.forEach((line, j) => {
    const groups: PricedUnitGroup[] = [];
    const perOffer = new Map<number, number>();
    let discounted = 0;
    let discountCents = 0;
    for (const p of pairs) {
      if (p.addon !== j) continue;
      const offer = active[p.offer]!;
      const d = line.discounts[p.offer]!;
      groups.push({
        quantity: p.quantity,
        unitPriceCents: line.price - d,
        discountPerUnitCents: d,
        offerId: offer.id,
        triggerVariantId: lines[p.trigger]!.variantId,
      });
      discounted += p.quantity;
      discountCents += p.quantity * d;
      perOffer.set(p.offer, (perOffer.get(p.offer) ?? 0) + p.quantity * d);
    }
    groups.sort(
      (a, b) =>
        b.discountPerUnitCents - a.discountPerUnitCents ||
        a.offerId! - b.offerId! ||
        a.triggerVariantId! - b.triggerVariantId!,
    );
    if (line.quantity - discounted > 0) {
      groups.push({
        quantity: line.quantity - discounted,
        unitPriceCents: line.price,
        discountPerUnitCents: 0,
        offerId: null,
        triggerVariantId: null,
      });
    }
    // The offer with the largest discount on the line; ties by offer preference
    // (the order of `active`).
    let lineOffer: number | null = null;
    let lineOfferCents = 0;
    for (const [o, cents] of [...perOffer].sort((a, b) => a[0] - b[0])) {
      if (cents > lineOfferCents) {
        lineOffer = o;
        lineOfferCents = cents;
      }
    }
    const subtotalCents = line.quantity * line.price;
    priced[line.input] = {
      variantId: line.variantId,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceCents: line.price,
      subtotalCents,
      discountCents,
      totalCents: subtotalCents - discountCents,
      groups,
      offerId: lineOffer === null ? null : active[lineOffer]!.id,
    };
  });

  const subtotalCents = priced.reduce((sum, l) => sum + l.subtotalCents, 0);
  const discountCents = priced.reduce((sum, l) => sum + l.discountCents, 0);
  return {
    lines: priced,
    bundles,
    subtotalCents,
    discountCents,
    totalCents: subtotalCents - discountCents,
    itemCount: priced.reduce((sum, l) => sum + l.quantity, 0),
  };
}
