// Experiments: assignment, the form, figures net of refunds, the verdict's wording.
import { describe, expect, it } from "vitest";
import type { BundleOffer } from "~/domain/bundle-offers";
import {
  armFigures,
  assignArm,
  attributedVsIncremental,
  cartOutcomes,
  checkExperimentFits,
  compareWithControl,
  controlArm,
  keptOrder,
  offersForArm,
  parseExperimentForm,
  verdict,
  weeklyRevenuePerCart,
  type Experiment,
  type ExperimentArm,
  type ExperimentOrder,
} from "~/domain/experiments";
import { isInHoldout } from "~/domain/holdout";

const arm = (id: number, position: number, kind: ExperimentArm["kind"], share: number, discount: ExperimentArm["discount"] = null): ExperimentArm => ({
  id,
  position,
  label: String.fromCharCode(65 + position),
  kind,
  discount,
  shareBasisPoints: share,
});

const threeArms: Experiment = {
  id: 7,
  name: "10 % vs 15 % vs none",
  source: "staff",
  hashSalt: "7:",
  startsAt: 0,
  endsAt: null,
  arms: [arm(1, 0, "holdout", 2000), arm(2, 1, "discount", 4000, { type: "percent", percent: 10 }), arm(3, 2, "discount", 4000, { type: "percent", percent: 15 })],
};

describe("assignment", () => {
  it("is stable and respects the shares within half a point over 100,000 carts", () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const id = `cart-${i}-${(i * 2654435761) % 1000003}`;
      const a = assignArm(threeArms, id);
      expect(assignArm(threeArms, id).id).toBe(a.id);
      counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
    }
    expect(Math.abs(counts.get(1)! / 100_000 - 0.2)).toBeLessThan(0.005);
    expect(Math.abs(counts.get(2)! / 100_000 - 0.4)).toBeLessThan(0.005);
    expect(Math.abs(counts.get(3)! / 100_000 - 0.4)).toBeLessThan(0.005);
  });

  it("shuffles carts afresh for each experiment (the salt)", () => {
    const other = { ...threeArms, hashSalt: "8:" };
    let same = 0;
    for (let i = 0; i < 10_000; i++) if (assignArm(threeArms, `c${i}`).id === assignArm(other, `c${i}`).id) same++;
    // Independent splits agree on 0.2² + 0.4² + 0.4² = 36 % of carts, not all of them.
    expect(same / 10_000).toBeGreaterThan(0.33);
    expect(same / 10_000).toBeLessThan(0.39);
  });

  it("the experiment made from the old holdout puts every cart on its old side", () => {
    const legacy = { hashSalt: "", arms: [arm(1, 0, "holdout", 250), arm(2, 1, "offers", 9750)] };
    for (let i = 0; i < 20_000; i++) expect(assignArm(legacy, `legacy-${i}`).kind === "holdout").toBe(isInHoldout(`legacy-${i}`, 2.5));
  });

  it("compares with the holdout arm, or the first arm when there is none", () => {
    expect(controlArm(threeArms.arms).id).toBe(1);
    expect(controlArm([arm(5, 1, "discount", 5000), arm(4, 0, "offers", 5000)]).id).toBe(4);
  });

  it("a discount arm's discount replaces every offer's; other arms leave them alone", () => {
    const offers = [{ id: 1, discount: { type: "percent", percent: 20 } }] as unknown as BundleOffer[];
    expect(offersForArm(offers, threeArms.arms[2]!)[0]!.discount).toEqual({ type: "percent", percent: 15 });
    expect(offersForArm(offers, threeArms.arms[0]!)).toBe(offers);
    expect(offersForArm(offers, null)).toBe(offers);
  });
});

describe("the experiment form", () => {
  const now = Date.UTC(2026, 2, 1, 12);
  const good = {
    name: "Ten or fifteen",
    startsAt: "2026-03-02T00:00",
    endsAt: "2026-03-30T00:00",
    arm1Label: "No suggestions",
    arm1Kind: "holdout",
    arm1Share: "20",
    arm2Label: "10 % off",
    arm2Kind: "discount",
    arm2DiscountType: "percent",
    arm2DiscountValue: "10",
    arm2Share: "40",
    arm3Label: "$10 off",
    arm3Kind: "discount",
    arm3DiscountType: "fixed",
    arm3DiscountValue: "10",
    arm3Share: "40",
  };

  it("reads a good form", () => {
    const r = parseExperimentForm(good, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.startsAt).toBe(Date.UTC(2026, 2, 2));
    expect(r.input.arms.map((a) => [a.kind, a.discount, a.shareBasisPoints])).toEqual([
      ["holdout", null, 2000],
      ["discount", { type: "percent", percent: 10 }, 4000],
      ["discount", { type: "fixed", cents: 1000 }, 4000],
    ]);
  });

  it("refuses shares that do not add up to 100 %", () => {
    const r = parseExperimentForm({ ...good, arm3Share: "30" }, now);
    expect(r).toMatchObject({ ok: false, message: "The arms' shares add up to 90 %: they must add up to exactly 100 %." });
  });

  it("refuses an arm with neither offer settings nor a holdout", () => {
    const r = parseExperimentForm({ ...good, arm2Kind: "" }, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors.arm2Kind).toMatch(/choose "no suggestions" or its offer settings/);
    const r2 = parseExperimentForm({ ...good, arm2DiscountType: "" }, now);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.fieldErrors.arm2DiscountType).toMatch(/needs a discount/);
  });

  it("refuses one arm, five fields unknown to it, a stop before the start", () => {
    expect(parseExperimentForm({ name: "x", endsAt: "2026-03-30T00:00", arm1Kind: "holdout", arm1Share: "100" }, now)).toMatchObject({ ok: false, message: "An experiment needs 2 to 4 arms." });
    expect(parseExperimentForm({ ...good, priceCents: "1" }, now).ok).toBe(false);
    expect(parseExperimentForm({ ...good, endsAt: "2026-03-01T00:00" }, now)).toMatchObject({ ok: false, fieldErrors: { endsAt: "The stop must be after the start." } });
  });

  it("refuses dates that overlap another experiment's, open-ended ones included", () => {
    const input = { startsAt: 100, endsAt: 200 };
    expect(checkExperimentFits(input, [{ name: "Old", startsAt: 0, endsAt: 100 }])).toBeNull();
    expect(checkExperimentFits(input, [{ name: "Running", startsAt: 150, endsAt: 300 }])).toMatch(/overlap "Running"/);
    expect(checkExperimentFits(input, [{ name: "Holdout", startsAt: 0, endsAt: null }])).toMatch(/overlap "Holdout"/);
  });
});

const order = (over: Partial<ExperimentOrder> = {}): ExperimentOrder => ({
  cartId: "c1",
  status: "paid",
  createdAt: 10,
  goodsCents: 19000,
  refundedCents: 0,
  lines: [
    { productKind: "tote", productId: 1, quantity: 1, restockedQuantity: 0, lineTotalCents: 15000 },
    { productKind: "micro", productId: 9, quantity: 2, restockedQuantity: 0, lineTotalCents: 4000 },
  ],
  ...over,
});

describe("net of refunds", () => {
  it("keeps everything of an order not refunded", () => {
    expect(keptOrder(order())).toMatchObject({ keptCents: 19000, keptMicroCents: 4000, hasTote: true, hasMicro: true });
  });

  it("a micro bag refunded and put back no longer counts as bought", () => {
    const k = keptOrder(order({ status: "partially_refunded", refundedCents: 2000, lines: [order().lines[0]!, { ...order().lines[1]!, restockedQuantity: 1 }] }));
    expect(k).toMatchObject({ keptCents: 17000, keptMicroCents: 2000, hasMicro: true });
    const all = keptOrder(order({ status: "partially_refunded", refundedCents: 4000, lines: [order().lines[0]!, { ...order().lines[1]!, restockedQuantity: 2 }] }));
    expect(all).toMatchObject({ keptCents: 15000, keptMicroCents: 0, hasMicro: false });
  });

  it("an amount refunded without items comes off the goods; a full refund keeps nothing", () => {
    expect(keptOrder(order({ status: "partially_refunded", refundedCents: 500 })).keptCents).toBe(18500);
    expect(keptOrder(order({ status: "refunded", refundedCents: 19000 }))).toMatchObject({ keptCents: 0, hasTote: false });
    expect(keptOrder(order({ status: "pending" })).keptCents).toBe(0);
  });
});

describe("figures per arm", () => {
  const arms = [arm(1, 0, "holdout", 5000), arm(2, 1, "offers", 5000)];
  it("counts carts, orders, conversion, attach, revenue per cart; orders before assignment or after the end do not count", () => {
    const assignments = [
      { cartId: "h1", armId: 1, assignedAt: 0 },
      { cartId: "h2", armId: 1, assignedAt: 0 },
      { cartId: "t1", armId: 2, assignedAt: 0 },
      { cartId: "t2", armId: 2, assignedAt: 20 },
    ];
    const orders = [
      order({ cartId: "h1", lines: [order().lines[0]!], goodsCents: 15000 }),
      order({ cartId: "t1" }),
      order({ cartId: "t2", createdAt: 10 }), // before its assignment
      order({ cartId: "t1", createdAt: 1000 }), // after the end
    ];
    const adds = [{ cartId: "t1", microProductId: 9, placement: "product_page", createdAt: 5 }];
    const outcomes = cartOutcomes(assignments, orders, adds, 500);
    const [h, t] = armFigures(arms, outcomes);
    expect(h).toMatchObject({ isControl: true, cartsAssigned: 2, orders: 1, conversion: { successes: 1, trials: 2, rate: 0.5 }, attach: { successes: 0, trials: 1 }, revenueCents: 15000 });
    expect(t).toMatchObject({ isControl: false, cartsAssigned: 2, orders: 1, microRevenueCents: 4000, attach: { successes: 1, trials: 1, rate: 1 }, revenueCents: 19000 });
    expect(t!.revenuePerCart).toEqual({ n: 2, mean: 9500, variance: 19000 ** 2 / 2 });
    const av = attributedVsIncremental(arms, outcomes);
    expect(av.attributedCents).toBe(4000);
    expect(av.attributedByPlacement).toEqual([{ placement: "product_page", cents: 4000 }]);
    expect(av.treatedCarts).toBe(2);
    expect(av.incremental!.estimate).toBeCloseTo((9500 - 7500) * 2, 6);
    const weeks = weeklyRevenuePerCart(arms, outcomes, 0, 7 * 86_400_000);
    expect(weeks.filter((w) => w.carts > 0).map((w) => [w.armId, w.carts, w.meanCents])).toEqual([
      [1, 2, 7500],
      [2, 2, 9500],
    ]);
  });

  it("compares each arm with the control and says how many carts are still needed", () => {
    const outcomes = [
      ...Array.from({ length: 40 }, (_, i) => ({ cartId: `h${i}`, armId: 1, assignedAt: 0 })),
      ...Array.from({ length: 40 }, (_, i) => ({ cartId: `t${i}`, armId: 2, assignedAt: 0 })),
    ];
    const orders = outcomes.map((a, i) => order({ cartId: a.cartId, goodsCents: a.armId === 1 ? 10000 + (i % 3) * 100 : 12000 + (i % 3) * 100, lines: [{ productKind: "tote", productId: 1, quantity: 1, restockedQuantity: 0, lineTotalCents: 20000 }] }));
    const [cmp] = compareWithControl(armFigures(arms, cartOutcomes(outcomes, orders, [], 500)));
    expect(Math.abs(cmp!.revenuePerCart!.estimate - 2000)).toBeLessThan(10);
    expect(cmp!.verdict.kind).toBe("adds");
    expect(cmp!.cartsStillNeeded).toBe(0);
  });
});

describe("verdict wording", () => {
  const base = { arm: "B", control: "A", armCarts: 30, controlCarts: 30 };
  it("says when there is not enough data: under 30 carts an arm, or no interval", () => {
    expect(verdict({ ...base, armCarts: 29, interval: { estimate: 1000, low: 500, high: 1500 } }).kind).toBe("not_enough_data");
    expect(verdict({ ...base, interval: null }).text).toMatch(/^Not enough data yet/);
  });
  it("adds or costs only when the whole interval is on one side of zero", () => {
    expect(verdict({ ...base, interval: { estimate: 795, low: 410, high: 1180 } }).text).toBe("B adds $4.10–$11.80 per cart compared with A.");
    expect(verdict({ ...base, interval: { estimate: -795, low: -1180, high: -410 } }).text).toBe("B costs $4.10–$11.80 per cart compared with A.");
    expect(verdict({ ...base, interval: { estimate: 500, low: 0, high: 1000 } }).text).toBe("B is ahead, but the interval still includes no difference.");
    expect(verdict({ ...base, interval: { estimate: -500, low: -1000, high: 0 } }).text).toBe("B is behind, but the interval still includes no difference.");
    expect(verdict({ ...base, interval: { estimate: 0, low: -10, high: 10 } }).kind).toBe("no_difference");
  });
});
