// Upsell experiments: the form staff fill in, which arm a cart is in, what an
// arm does to the bundle offers, and each arm's figures net of refunds, with
// intervals against the control arm. Pure: plain data in, plain data out.
// See docs/decisions/0009-experiments.md for the choices.
import { z } from "zod";
import type { BundleOffer } from "./bundle-offers";
import { dateTimeProblem, parseDateTimeLocal } from "./bundle-offers";
import type { FieldErrors } from "../web/forms";
import {
  meanInterval,
  proportionDifferenceInterval,
  sampleSizePerArmForMeans,
  summarize,
  welchInterval,
  type Interval,
  type Proportion,
  type SampleSummary,
} from "./experiment-stats";
import { fnv1a32 } from "./holdout";
import { formatCents } from "./money";
import { weekStartUtc } from "./upsell-metrics";

export type ArmKind = "holdout" | "offers" | "discount";
export type ArmDiscount = { type: "percent"; percent: number } | { type: "fixed"; cents: number };

export interface ExperimentArm {
  id: number;
  position: number;
  label: string;
  kind: ArmKind;
  /** Only for kind "discount". */
  discount: ArmDiscount | null;
  shareBasisPoints: number;
}

export interface Experiment {
  id: number;
  name: string;
  source: "staff" | "holdout_setting";
  hashSalt: string;
  startsAt: number;
  endsAt: number | null;
  arms: ExperimentArm[];
}

export const BASIS_POINTS = 10_000;
export const MIN_ARMS = 2;
export const MAX_ARMS = 4;
export const ARM_SLOTS = [1, 2, 3, 4] as const;

// ---------------------------------------------------------------- running and overlap

export function isRunning(e: Pick<Experiment, "startsAt" | "endsAt">, now: number): boolean {
  return e.startsAt <= now && (e.endsAt === null || now < e.endsAt);
}

/** Do [startsAt, endsAt) and the other's overlap? Null ends are open. */
export function periodsOverlap(a: Pick<Experiment, "startsAt" | "endsAt">, b: Pick<Experiment, "startsAt" | "endsAt">): boolean {
  const aEnd = a.endsAt ?? Number.POSITIVE_INFINITY;
  const bEnd = b.endsAt ?? Number.POSITIVE_INFINITY;
  return a.startsAt < bEnd && b.startsAt < aEnd;
}

// ---------------------------------------------------------------- assignment

/**
 * The cart's bucket (0–9999) in an experiment: FNV-1a of salt + cart id. New
 * experiments salt with their id, so a cart's side in one says nothing about
 * its side in the next; the one made from the old holdout setting has an empty
 * salt, which gives exactly the old holdout's buckets.
 */
export function experimentBucket(hashSalt: string, cartId: string): number {
  return fnv1a32(hashSalt + cartId) % BASIS_POINTS;
}

/** The arm whose share covers the bucket, arms taken in position order. */
export function armForBucket<A extends Pick<ExperimentArm, "position" | "shareBasisPoints">>(arms: readonly A[], bucket: number): A {
  const ordered = [...arms].sort((a, b) => a.position - b.position);
  let upTo = 0;
  for (const arm of ordered) {
    upTo += arm.shareBasisPoints;
    if (bucket < upTo) return arm;
  }
  return ordered[ordered.length - 1]!;
}

export function assignArm(experiment: Pick<Experiment, "hashSalt" | "arms">, cartId: string): ExperimentArm {
  return armForBucket(experiment.arms, experimentBucket(experiment.hashSalt, cartId));
}

/** The arm the figures compare the others with: the holdout if there is one, else the first arm. */
export function controlArm<A extends Pick<ExperimentArm, "kind" | "position">>(arms: readonly A[]): A {
  const ordered = [...arms].sort((a, b) => a.position - b.position);
  return ordered.find((a) => a.kind === "holdout") ?? ordered[0]!;
}

/** The bundle offers as a cart in this arm gets them: a discount arm's discount replaces every offer's. */
export function offersForArm(offers: BundleOffer[], arm: Pick<ExperimentArm, "kind" | "discount"> | null): BundleOffer[] {
  if (!arm || arm.kind !== "discount" || !arm.discount) return offers;
  const discount = arm.discount;
  return offers.map((o) => ({ ...o, discount }));
}

export function describeArm(arm: Pick<ExperimentArm, "kind" | "discount">): string {
  if (arm.kind === "holdout") return "No suggestions";
  if (arm.kind === "offers" || !arm.discount) return "Suggestions, offers as set";
  return arm.discount.type === "percent" ? `Suggestions, ${arm.discount.percent} % off` : `Suggestions, ${formatCents(arm.discount.cents)} off`;
}

// ---------------------------------------------------------------- the form

export interface ExperimentInput {
  name: string;
  startsAt: number;
  endsAt: number;
  arms: { position: number; label: string; kind: ArmKind; discount: ArmDiscount | null; shareBasisPoints: number }[];
}

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional().default("");

const formSchema = z.strictObject({
  intent: z.literal("create-experiment").optional(),
  name: z.string({ error: "Give the experiment a name." }).trim().min(1, "Give the experiment a name.").max(80, "At most 80 characters."),
  startsAt: text(20),
  endsAt: text(20),
  ...Object.fromEntries(
    ARM_SLOTS.flatMap((i) => [
      [`arm${i}Label`, text(40)],
      [`arm${i}Kind`, z.enum(["", "holdout", "offers", "discount"], { error: "Choose what this arm shows." }).optional().default("")],
      [`arm${i}DiscountType`, z.enum(["", "percent", "fixed"], { error: "Choose percent or amount off." }).optional().default("")],
      [`arm${i}DiscountValue`, text(12)],
      [`arm${i}Share`, text(8)],
    ]),
  ),
});

export type ExperimentFormResult = { ok: true; input: ExperimentInput } | { ok: false; message: string; fieldErrors: FieldErrors };

const SHARE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "33.34" (percent, two decimals at most) to basis points, or null. */
export function parseShare(text: string): number | null {
  const m = SHARE.exec(text.trim().replace(/\s*%$/, ""));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/**
 * Read and check the experiment form: a name, a start (empty: now) and a stop
 * after it, and two to four arms (a slot with nothing filled in is unused).
 * Each arm is a holdout, the offers as set, or a discount with its value; the
 * shares add up to exactly 100 %. Overlap with other experiments is checked
 * by checkExperimentFits, against the database's list.
 */
export function parseExperimentForm(fields: Record<string, string>, now: number, timeZone = "UTC"): ExperimentFormResult {
  const parsed = formSchema.safeParse(fields);
  const fail = (fieldErrors: FieldErrors): ExperimentFormResult => ({ ok: false, message: fieldErrors._form ?? Object.values(fieldErrors)[0]!, fieldErrors });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.code === "unrecognized_keys" ? "_form" : issue.path.length > 0 ? String(issue.path[0]) : "_form";
      errors[key] ??= issue.code === "unrecognized_keys" ? "Use the experiment form: it sent fields the shop does not know." : issue.message;
    }
    return fail(errors);
  }
  const f = parsed.data as Record<string, string>;
  const errors: FieldErrors = {};

  // Typed in the shop's time zone.
  const startsAt = f.startsAt === "" ? now : parseDateTimeLocal(f.startsAt!, timeZone);
  if (startsAt === null) errors.startsAt = dateTimeProblem(f.startsAt!, timeZone, "start", "2026-03-01T09:00");
  const endsAt = f.endsAt === "" ? null : parseDateTimeLocal(f.endsAt!, timeZone);
  if (f.endsAt === "") errors.endsAt = "Enter when the experiment stops.";
  else if (endsAt === null) errors.endsAt = dateTimeProblem(f.endsAt!, timeZone, "stop", "2026-03-29T09:00");
  else if (startsAt !== null && endsAt <= startsAt) errors.endsAt = "The stop must be after the start.";
  else if (endsAt <= now) errors.endsAt = "The stop must be in the future.";

  const arms: ExperimentInput["arms"] = [];
  for (const i of ARM_SLOTS) {
    const label = f[`arm${i}Label`]!;
    const kind = f[`arm${i}Kind`]!;
    const discountType = f[`arm${i}DiscountType`]!;
    const discountValue = f[`arm${i}DiscountValue`]!;
    const shareText = f[`arm${i}Share`]!;
    const used = label !== "" || kind !== "" || discountValue !== "" || shareText !== "";
    if (!used) continue;
    const name = label || `Arm ${String.fromCharCode(64 + i)}`;
    let discount: ArmDiscount | null = null;
    if (kind === "") errors[`arm${i}Kind`] = `${name}: choose "no suggestions" or its offer settings.`;
    else if (kind === "discount") {
      if (discountType === "percent") {
        const percent = /^\d{1,3}$/.test(discountValue) ? Number(discountValue) : Number.NaN;
        if (!(percent >= 1 && percent <= 100)) errors[`arm${i}DiscountValue`] = `${name}: enter a whole percentage from 1 to 100.`;
        else discount = { type: "percent", percent };
      } else if (discountType === "fixed") {
        const cents = /^\d{1,6}(\.\d{1,2})?$/.test(discountValue) ? Math.round(Number(discountValue) * 100) : Number.NaN;
        if (!(cents >= 1)) errors[`arm${i}DiscountValue`] = `${name}: enter the amount off, like 10 or 4.50.`;
        else discount = { type: "fixed", cents };
      } else {
        errors[`arm${i}DiscountType`] = `${name}: an arm with offer settings needs a discount (percent or amount off).`;
      }
    }
    const share = parseShare(shareText);
    if (share === null) errors[`arm${i}Share`] = `${name}: enter its share of carts as a percentage, like 50 or 33.34.`;
    else if (share === 0 || share > BASIS_POINTS) errors[`arm${i}Share`] = `${name}: its share must be more than 0 and at most 100 %.`;
    arms.push({ position: i - 1, label: name, kind: (kind || "offers") as ArmKind, discount, shareBasisPoints: share ?? 0 });
  }
  if (arms.length < MIN_ARMS || arms.length > MAX_ARMS) errors._form ??= `An experiment needs ${MIN_ARMS} to ${MAX_ARMS} arms.`;
  const total = arms.reduce((s, a) => s + a.shareBasisPoints, 0);
  if (arms.length >= MIN_ARMS && !Object.keys(errors).some((k) => k.endsWith("Share")) && total !== BASIS_POINTS) {
    errors._form ??= `The arms' shares add up to ${total / 100} %: they must add up to exactly 100 %.`;
  }
  if (Object.keys(errors).length > 0 || startsAt === null || endsAt === null) return fail(errors);
  return { ok: true, input: { name: f.name!, startsAt, endsAt, arms } };
}

/** Refuse an experiment whose dates overlap another's (only one runs at a time). */
export function checkExperimentFits(input: Pick<ExperimentInput, "startsAt" | "endsAt">, others: readonly Pick<Experiment, "name" | "startsAt" | "endsAt">[]): string | null {
  const clash = others.find((o) => periodsOverlap(input, o));
  return clash ? `Its dates overlap "${clash.name}": only one experiment runs at a time. Stop that one first or choose other dates.` : null;
}

// ---------------------------------------------------------------- figures, net of refunds

export interface AssignmentRecord {
  cartId: string;
  armId: number;
  assignedAt: number;
}

export interface ExperimentOrderLine {
  productKind: string;
  productId: number | null;
  quantity: number;
  /** Units refunded and put back: no longer bought. */
  restockedQuantity: number;
  lineTotalCents: number;
}

export interface ExperimentOrder {
  cartId: string;
  status: string;
  createdAt: number;
  /** The goods: subtotal less bundle discounts (shipping and tax are not the upsell's doing). */
  goodsCents: number;
  refundedCents: number;
  lines: ExperimentOrderLine[];
}

export interface AddRecord {
  cartId: string;
  microProductId: number;
  placement: string;
  createdAt: number;
}

/** Orders that were paid at some point; a fully refunded one counts, at nothing kept. */
export const PAID_STATUSES: readonly string[] = ["paid", "partially_refunded", "refunded"];

export interface KeptOrder {
  keptCents: number;
  keptMicroCents: number;
  hasTote: boolean;
  hasMicro: boolean;
  /** Micro bags kept, by product id, in cents. */
  microByProduct: Map<number, number>;
}

/**
 * What the shop kept of an order's goods. A fully refunded order kept nothing.
 * Otherwise each line keeps its units not refunded and put back, at what was
 * paid for them; and refunds come off the goods first (an amount refunded
 * without returning items lowers the order's value too), so the figure never
 * overstates what was kept.
 */
export function keptOrder(order: ExperimentOrder): KeptOrder {
  const empty: KeptOrder = { keptCents: 0, keptMicroCents: 0, hasTote: false, hasMicro: false, microByProduct: new Map() };
  if (!PAID_STATUSES.includes(order.status) || order.status === "refunded") return empty;
  let linesKept = 0;
  let microKept = 0;
  let hasTote = false;
  let hasMicro = false;
  const microByProduct = new Map<number, number>();
  for (const l of order.lines) {
    const units = Math.max(0, l.quantity - l.restockedQuantity);
    if (units === 0 || l.quantity <= 0) continue;
    const value = Math.round((l.lineTotalCents * units) / l.quantity);
    linesKept += value;
    if (l.productKind === "tote") hasTote = true;
    if (l.productKind === "micro") {
      hasMicro = true;
      microKept += value;
      if (l.productId !== null) microByProduct.set(l.productId, (microByProduct.get(l.productId) ?? 0) + value);
    }
  }
  const keptCents = Math.max(0, Math.min(linesKept, order.goodsCents - order.refundedCents));
  if (keptCents === 0) return empty;
  return { keptCents, keptMicroCents: Math.min(microKept, keptCents), hasTote, hasMicro, microByProduct };
}

export interface CartOutcome {
  cartId: string;
  armId: number;
  assignedAt: number;
  orders: number;
  keptCents: number;
  keptMicroCents: number;
  /** Kept micro bags that the cart had added from a suggestion, by the placement it was added from. */
  attributedByPlacement: Map<string, number>;
  toteOrders: number;
  toteOrdersWithMicro: number;
  orderValues: number[];
}

/**
 * Each assigned cart's orders: placed at or after its assignment and before
 * the experiment ended (`until`), net of refunds.
 */
export function cartOutcomes(assignments: readonly AssignmentRecord[], orders: readonly ExperimentOrder[], adds: readonly AddRecord[], until: number): CartOutcome[] {
  const ordersByCart = new Map<string, ExperimentOrder[]>();
  for (const o of orders) ordersByCart.set(o.cartId, [...(ordersByCart.get(o.cartId) ?? []), o]);
  const addsByCart = new Map<string, AddRecord[]>();
  for (const a of adds) addsByCart.set(a.cartId, [...(addsByCart.get(a.cartId) ?? []), a]);
  return assignments.map((a) => {
    const outcome: CartOutcome = {
      cartId: a.cartId,
      armId: a.armId,
      assignedAt: a.assignedAt,
      orders: 0,
      keptCents: 0,
      keptMicroCents: 0,
      attributedByPlacement: new Map(),
      toteOrders: 0,
      toteOrdersWithMicro: 0,
      orderValues: [],
    };
    const cartAdds = (addsByCart.get(a.cartId) ?? []).slice().sort((x, y) => x.createdAt - y.createdAt);
    for (const order of ordersByCart.get(a.cartId) ?? []) {
      if (order.createdAt < a.assignedAt || order.createdAt >= until) continue;
      const kept = keptOrder(order);
      if (kept.keptCents === 0) continue;
      outcome.orders++;
      outcome.keptCents += kept.keptCents;
      outcome.keptMicroCents += kept.keptMicroCents;
      outcome.orderValues.push(kept.keptCents);
      if (kept.hasTote) {
        outcome.toteOrders++;
        if (kept.hasMicro) outcome.toteOrdersWithMicro++;
      }
      for (const [productId, cents] of kept.microByProduct) {
        const add = cartAdds.find((x) => x.microProductId === productId && x.createdAt <= order.createdAt);
        if (add) outcome.attributedByPlacement.set(add.placement, (outcome.attributedByPlacement.get(add.placement) ?? 0) + cents);
      }
    }
    return outcome;
  });
}

const sumMap = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

export interface ArmFigures {
  armId: number;
  label: string;
  description: string;
  kind: ArmKind;
  isControl: boolean;
  cartsAssigned: number;
  orders: number;
  conversion: Proportion & { rate: number };
  averageOrder: SampleSummary;
  attach: Proportion & { rate: number };
  microRevenueCents: number;
  revenueCents: number;
  revenuePerCart: SampleSummary;
}

export interface ArmComparison {
  armId: number;
  label: string;
  revenuePerCart: Interval | null;
  conversion: Interval | null;
  averageOrder: Interval | null;
  attach: Interval | null;
  verdict: Verdict;
  /** Carts still needed in each arm to detect the chosen lift in revenue per cart; null if it cannot be worked out yet. */
  cartsStillNeeded: number | null;
}

const rate = (p: Proportion) => ({ ...p, rate: p.trials > 0 ? p.successes / p.trials : 0 });

export function armFigures(arms: readonly ExperimentArm[], outcomes: readonly CartOutcome[]): ArmFigures[] {
  const control = arms.length > 0 ? controlArm(arms) : null;
  return [...arms]
    .sort((a, b) => a.position - b.position)
    .map((arm) => {
      const carts = outcomes.filter((o) => o.armId === arm.id);
      return {
        armId: arm.id,
        label: arm.label,
        description: describeArm(arm),
        kind: arm.kind,
        isControl: control?.id === arm.id,
        cartsAssigned: carts.length,
        orders: carts.reduce((s, c) => s + c.orders, 0),
        conversion: rate({ successes: carts.filter((c) => c.orders > 0).length, trials: carts.length }),
        averageOrder: summarize(carts.flatMap((c) => c.orderValues)),
        attach: rate({ successes: carts.reduce((s, c) => s + c.toteOrdersWithMicro, 0), trials: carts.reduce((s, c) => s + c.toteOrders, 0) }),
        microRevenueCents: carts.reduce((s, c) => s + c.keptMicroCents, 0),
        revenueCents: carts.reduce((s, c) => s + c.keptCents, 0),
        revenuePerCart: summarize(carts.map((c) => c.keptCents)),
      };
    });
}

/** Below this many carts in an arm, no verdict: the interval would mean little. */
export const MIN_CARTS_FOR_VERDICT = 30;

export function compareWithControl(figures: readonly ArmFigures[], liftForSampleSize = 0.05): ArmComparison[] {
  const control = figures.find((f) => f.isControl);
  if (!control) return [];
  return figures
    .filter((f) => !f.isControl)
    .map((arm) => {
      const revenue = welchInterval(arm.revenuePerCart, control.revenuePerCart);
      const delta = liftForSampleSize * control.revenuePerCart.mean;
      const needed =
        control.revenuePerCart.n >= 2 && arm.revenuePerCart.n >= 2 && delta > 0
          ? sampleSizePerArmForMeans(Math.sqrt(control.revenuePerCart.variance), Math.sqrt(arm.revenuePerCart.variance), delta)
          : null;
      return {
        armId: arm.armId,
        label: arm.label,
        revenuePerCart: revenue,
        conversion: proportionDifferenceInterval(arm.conversion, control.conversion),
        averageOrder: welchInterval(arm.averageOrder, control.averageOrder),
        attach: proportionDifferenceInterval(arm.attach, control.attach),
        verdict: verdict({ arm: arm.label, control: control.label, interval: revenue, armCarts: arm.cartsAssigned, controlCarts: control.cartsAssigned }),
        cartsStillNeeded: needed === null || !Number.isFinite(needed) ? null : Math.max(0, needed - Math.min(arm.cartsAssigned, control.cartsAssigned)),
      };
    });
}

// ---------------------------------------------------------------- verdict

export type VerdictKind = "not_enough_data" | "adds" | "costs" | "ahead_unsure" | "behind_unsure" | "no_difference";
export interface Verdict {
  kind: VerdictKind;
  text: string;
}

/** A cents amount as dollars, rounded to whole cents ("$4.10"; "−$1.20" below zero). */
function money(cents: number): string {
  const rounded = Math.round(cents);
  return rounded < 0 ? `−${formatCents(-rounded)}` : formatCents(rounded);
}

/**
 * Plain words for one arm's revenue per cart against the control's. The
 * interval decides: wholly above 0 "adds", wholly below "costs", otherwise the
 * difference may be chance, whichever side the estimate is on.
 */
export function verdict(args: { arm: string; control: string; interval: Interval | null; armCarts: number; controlCarts: number }): Verdict {
  const { arm, interval } = args;
  if (interval === null || args.armCarts < MIN_CARTS_FOR_VERDICT || args.controlCarts < MIN_CARTS_FOR_VERDICT) {
    return {
      kind: "not_enough_data",
      text: `Not enough data yet: ${arm} has ${args.armCarts} carts and ${args.control} ${args.controlCarts}; a verdict needs at least ${MIN_CARTS_FOR_VERDICT} in each, with some sales.`,
    };
  }
  if (interval.low > 0) return { kind: "adds", text: `${arm} adds ${money(interval.low)}–${money(interval.high)} per cart compared with ${args.control}.` };
  if (interval.high < 0) return { kind: "costs", text: `${arm} costs ${money(-interval.high)}–${money(-interval.low)} per cart compared with ${args.control}.` };
  if (interval.estimate > 0) return { kind: "ahead_unsure", text: `${arm} is ahead, but the interval still includes no difference.` };
  if (interval.estimate < 0) return { kind: "behind_unsure", text: `${arm} is behind, but the interval still includes no difference.` };
  return { kind: "no_difference", text: `No difference between ${arm} and ${args.control} so far.` };
}

// ---------------------------------------------------------------- attributed vs incremental

export interface AttributedVsIncremental {
  treatedCarts: number;
  /** Kept micro bags carts added from a suggestion, total over treated carts. */
  attributed: Interval | null;
  attributedCents: number;
  /** By the placement the micro bag was added from (new placements simply appear). */
  attributedByPlacement: { placement: string; cents: number }[];
  /** (revenue per treated cart − per holdout cart) × treated carts; null without a holdout arm. */
  incremental: Interval | null;
  explanation: string;
}

export const ATTRIBUTION_EXPLANATION =
  "Attributed revenue counts every suggested micro bag bought, including ones shoppers would have bought anyway; incremental revenue is what carts shown suggestions spent beyond held-out carts, so only it measures what the suggestions added.";

export function attributedVsIncremental(arms: readonly ExperimentArm[], outcomes: readonly CartOutcome[]): AttributedVsIncremental {
  const holdoutIds = new Set(arms.filter((a) => a.kind === "holdout").map((a) => a.id));
  const treated = outcomes.filter((o) => !holdoutIds.has(o.armId));
  const held = outcomes.filter((o) => holdoutIds.has(o.armId));
  const n = treated.length;
  const scale = (i: Interval | null): Interval | null => (i ? { estimate: i.estimate * n, low: i.low * n, high: i.high * n } : null);
  const byPlacement = new Map<string, number>();
  for (const o of treated) for (const [p, cents] of o.attributedByPlacement) byPlacement.set(p, (byPlacement.get(p) ?? 0) + cents);
  return {
    treatedCarts: n,
    attributed: scale(meanInterval(summarize(treated.map((o) => sumMap(o.attributedByPlacement))))),
    attributedCents: sumMap(byPlacement),
    attributedByPlacement: [...byPlacement].map(([placement, cents]) => ({ placement, cents })).sort((a, b) => b.cents - a.cents || a.placement.localeCompare(b.placement)),
    incremental: holdoutIds.size === 0 ? null : scale(welchInterval(summarize(treated.map((o) => o.keptCents)), summarize(held.map((o) => o.keptCents)))),
    explanation: ATTRIBUTION_EXPLANATION,
  };
}

// ---------------------------------------------------------------- weekly

export interface WeeklyArmPoint {
  weekStart: number;
  armId: number;
  carts: number;
  /** Mean kept revenue per cart assigned that week, with its 95 % interval (null under two carts). */
  revenuePerCart: Interval | null;
  meanCents: number;
}

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** Revenue per cart by the week carts were assigned, per arm, every week of [from, to) listed. */
export function weeklyRevenuePerCart(arms: readonly ExperimentArm[], outcomes: readonly CartOutcome[], from: number, to: number): WeeklyArmPoint[] {
  if (!(to > from)) return [];
  const points: WeeklyArmPoint[] = [];
  for (let week = weekStartUtc(from); week < to; week += WEEK) {
    for (const arm of [...arms].sort((a, b) => a.position - b.position)) {
      const values = outcomes.filter((o) => o.armId === arm.id && weekStartUtc(o.assignedAt) === week).map((o) => o.keptCents);
      const s = summarize(values);
      points.push({ weekStart: week, armId: arm.id, carts: s.n, revenuePerCart: meanInterval(s), meanCents: s.mean });
    }
  }
  return points;
}
