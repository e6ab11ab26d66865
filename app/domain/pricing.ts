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
import {
  addonUnitDiscount,
  isOfferActive,
  offerAppliesTo,
  offerTriggers,
  type BundleOffer,
} from "./bundle-offers";

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

/** Search spaces up to this size (trigger counts of "could be both" lines) are tried exhaustively. */
export const EXHAUSTIVE_LIMIT = 64;
/** Beyond that, branch and bound stops after this many flows (only contrived carts get there). */
export const FLOW_BUDGET = 1024;

// ---------------------------------------------------------------- costs

/**
 * A lexicographic cost: `main` is minus the cents saved, `tie` the tie-break
 * (see bestAssignment). Both are whole numbers well inside the safe-integer range.
 */
interface Cost {
  main: number;
  tie: number;
}

const ZERO: Cost = { main: 0, tie: 0 };

function cmp(a: Cost, b: Cost): number {
  return a.main - b.main || a.tie - b.tie;
}

// ---------------------------------------------------------------- min-cost flow

/** A small flow network in flat arrays (edge k and its reverse k ^ 1). */
class FlowGraph {
  private readonly head: Int32Array;
  private next: number[] = [];
  readonly to: number[] = [];
  readonly cap: number[] = [];
  private costMain: number[] = [];
  private costTie: number[] = [];

  constructor(readonly n: number) {
    this.head = new Int32Array(n).fill(-1);
  }

  /** Adds an edge and returns its index, to read its flow later. */
  addEdge(from: number, to: number, cap: number, main: number, tie: number): number {
    const k = this.to.length;
    this.push(from, to, cap, main, tie);
    this.push(to, from, 0, -main, -tie);
    return k;
  }

  private push(from: number, to: number, cap: number, main: number, tie: number) {
    this.next.push(this.head[from]!);
    this.head[from] = this.to.length;
    this.to.push(to);
    this.cap.push(cap);
    this.costMain.push(main);
    this.costTie.push(tie);
  }

  flowOn(edge: number): number {
    return this.cap[edge ^ 1]!;
  }

  /**
   * Successive shortest paths from s to t while the cheapest path has negative
   * cost, i.e. still saves something (or improves the tie-break). Shortest
   * paths by queue-based Bellman-Ford: the residual graph has negative edges
   * but, as an invariant of successive shortest paths, no negative cycles.
   */
  minCostFlow(s: number, t: number): Cost {
    const n = this.n;
    const distMain = new Float64Array(n);
    const distTie = new Float64Array(n);
    const reached = new Uint8Array(n);
    const inQueue = new Uint8Array(n);
    const prevEdge = new Int32Array(n);
    const queue = new Int32Array(n + 1);
    const total: Cost = { main: 0, tie: 0 };
    for (;;) {
      reached.fill(0);
      reached[s] = 1;
      distMain[s] = 0;
      distTie[s] = 0;
      let qHead = 0;
      let qTail = 0;
      queue[qTail++] = s;
      inQueue[s] = 1;
      let size = 1;
      while (size > 0) {
        const u = queue[qHead]!;
        qHead = qHead === n ? 0 : qHead + 1;
        size--;
        inQueue[u] = 0;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          if (this.cap[e]! <= 0) continue;
          const v = this.to[e]!;
          const m = distMain[u]! + this.costMain[e]!;
          const tie = distTie[u]! + this.costTie[e]!;
          if (!reached[v] || m < distMain[v]! || (m === distMain[v] && tie < distTie[v]!)) {
            reached[v] = 1;
            distMain[v] = m;
            distTie[v] = tie;
            prevEdge[v] = e;
            if (!inQueue[v]) {
              inQueue[v] = 1;
              queue[qTail] = v;
              qTail = qTail === n ? 0 : qTail + 1;
              size++;
            }
          }
        }
      }
      if (!reached[t] || cmp({ main: distMain[t]!, tie: distTie[t]! }, ZERO) >= 0) return total;
      let push = Infinity;
      for (let v = t; v !== s; v = this.to[prevEdge[v]! ^ 1]!) push = Math.min(push, this.cap[prevEdge[v]!]!);
      for (let v = t; v !== s; v = this.to[prevEdge[v]! ^ 1]!) {
        const e = prevEdge[v]!;
        this.cap[e]! -= push;
        this.cap[e ^ 1]! += push;
      }
      total.main += distMain[t]! * push;
      total.tie += distTie[t]! * push;
    }
  }
}

// ---------------------------------------------------------------- pricing

interface LineInfo {
  /** Index in the input. */
  input: number;
  variantId: number;
  productId: number;
  quantity: number;
  price: number;
  /** Indexes into `active` of offers this line triggers (and that it can use). */
  triggers: number[];
  /** Per active offer: discount of one unit as an add-on (0 = not an add-on of it). */
  discounts: number[];
  role: "none" | "trigger" | "addon" | "both";
  /** Position among the lines that take part in some active offer, by variant id. */
  rank: number;
}

interface Assignment {
  cost: Cost;
  /** Units of each line (by sorted index) acting as triggers. */
  triggerUnits: number[];
  /** flow[j][o]: units of line j discounted by offer o. */
  flow: number[][];
}

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

/**
 * The best flow when line i has `triggerUnits[i]` trigger units and
 * `addonUnits[i]` units that may take a discount (normally quantity − triggers;
 * more in the relaxation used as an upper bound).
 */
function solveFlow(
  lines: LineInfo[],
  active: readonly BundleOffer[],
  tie: (offer: number, lineRank: number) => number,
  triggerUnits: number[],
  addonUnits: number[],
): Assignment {
  const offerCount = active.length;
  // Trigger capacity per offer.
  const capacity = active.map(() => 0);
  lines.forEach((line, i) => {
    const x = triggerUnits[i]!;
    if (x > 0) for (const o of line.triggers) capacity[o]! += x * active[o]!.maxAddonsPerTrigger;
  });
  const addonLines: number[] = [];
  lines.forEach((line, i) => {
    if ((line.role === "addon" || line.role === "both") && addonUnits[i]! > 0) addonLines.push(i);
  });

  const flow = lines.map(() => active.map(() => 0));
  if (addonLines.length === 0 || capacity.every((c) => c === 0)) return { cost: ZERO, triggerUnits, flow };

  // Nodes: 0 source, 1..A add-on lines, A+1..A+O offers, A+O+1 sink.
  const A = addonLines.length;
  const source = 0;
  const sink = A + offerCount + 1;
  const graph = new FlowGraph(sink + 1);
  const handles: { line: number; offer: number; edge: number }[] = [];
  addonLines.forEach((i, k) => {
    const line = lines[i]!;
    const units = addonUnits[i]!;
    graph.addEdge(source, 1 + k, units, 0, 0);
    for (let o = 0; o < offerCount; o++) {
      const d = line.discounts[o]!;
      if (d <= 0 || capacity[o]! <= 0) continue;
      handles.push({ line: i, offer: o, edge: graph.addEdge(1 + k, 1 + A + o, units, -d, tie(o, line.rank)) });
    }
  });
  for (let o = 0; o < offerCount; o++) {
    if (capacity[o]! > 0) graph.addEdge(1 + A + o, sink, capacity[o]!, 0, 0);
  }
  const cost = graph.minCostFlow(source, sink);
  for (const h of handles) flow[h.line]![h.offer] = graph.flowOn(h.edge);
  return { cost, triggerUnits, flow };
}

/**
 * Drop, for every line, the offers it cannot take part in: an offer counts only
 * if the cart has a unit to trigger it and another unit to discount. Roles are
 * then recomputed, so that a tote that could be an add-on of an offer with no
 * trigger in the cart is just a trigger, which keeps the search small.
 */
function pruneOffers(lines: LineInfo[], offerCount: number) {
  for (let o = 0; o < offerCount; o++) {
    const triggerLines = lines.filter((l) => l.triggers.includes(o));
    const addonLines = lines.filter((l) => l.discounts[o]! > 0);
    const usable = triggerLines.some((t) => addonLines.some((a) => a !== t || t.quantity >= 2));
    if (usable) continue;
    for (const line of lines) {
      line.triggers = line.triggers.filter((x) => x !== o);
      line.discounts[o] = 0;
    }
  }
  for (const line of lines) {
    const isAddon = line.discounts.some((d) => d > 0);
    const isTrigger = line.triggers.length > 0;
    line.role = isTrigger ? (isAddon ? "both" : "trigger") : isAddon ? "addon" : "none";
  }
}

function bestAssignment(lines: LineInfo[], active: readonly BundleOffer[]): Assignment {
  // Tie-break per discounted unit: the offer's preference rank (priority, then
  // id), then the add-on line's rank (variant id). W makes any difference in
  // offer ranks outweigh all line ranks of a whole assignment.
  const taking = lines.filter((l) => l.role !== "none");
  const W = taking.length * taking.reduce((sum, l) => sum + l.quantity, 0) + 1;
  const tie = (offer: number, lineRank: number) => offer * W + lineRank;
  const base = lines.map((l) => (l.role === "trigger" ? l.quantity : 0));
  const quantities = lines.map((l) => l.quantity);

  // Classes of interchangeable "could be both" lines, in variant-id order.
  const classMap = new Map<string, number[]>();
  lines.forEach((line, i) => {
    if (line.role !== "both") return;
    const key = `${line.triggers.join(",")}|${line.discounts.join(",")}`;
    const list = classMap.get(key);
    if (list) list.push(i);
    else classMap.set(key, [i]);
  });
  const classes = [...classMap.values()];
  const exact = (triggerUnits: number[]) =>
    solveFlow(lines, active, tie, triggerUnits, quantities.map((q, i) => q - triggerUnits[i]!));
  if (classes.length === 0) return exact(base);

  // A class never needs more trigger units than it takes to cover, on its own,
  // every add-on unit of each offer it triggers: beyond that, a unit is worth
  // more as a possible add-on.
  const addonUnitsPerOffer = active.map((_, o) =>
    lines.reduce((sum, l) => sum + (l.discounts[o]! > 0 ? l.quantity : 0), 0),
  );
  const ranges = classes.map((g) => {
    const total = g.reduce((sum, i) => sum + lines[i]!.quantity, 0);
    const needed = Math.max(
      ...lines[g[0]!]!.triggers.map((o) => Math.ceil(addonUnitsPerOffer[o]! / active[o]!.maxAddonsPerTrigger)),
    );
    return Math.min(total, needed);
  });

  // Trigger units per line for given class counts (undefined = relaxed: every
  // unit both triggers and may take a discount, an upper bound). A class's
  // triggers go to its highest variant ids first, so the lower ones stay
  // available as add-ons (the tie-break order).
  const layout = (counts: (number | undefined)[]): { triggerUnits: number[]; addonUnits: number[] } => {
    const triggerUnits = base.slice();
    const addonUnits = quantities.map((q, i) => q - base[i]!);
    classes.forEach((g, c) => {
      const count = counts[c];
      if (count === undefined) {
        for (const i of g) triggerUnits[i] = lines[i]!.quantity;
        return;
      }
      let left = count;
      for (let k = g.length - 1; k >= 0; k--) {
        const i = g[k]!;
        const take = Math.min(left, lines[i]!.quantity);
        triggerUnits[i] = take;
        addonUnits[i] = lines[i]!.quantity - take;
        left -= take;
      }
    });
    return { triggerUnits, addonUnits };
  };
  let flows = 0;
  const evaluate = (counts: (number | undefined)[]) => {
    flows++;
    const { triggerUnits, addonUnits } = layout(counts);
    return solveFlow(lines, active, tie, triggerUnits, addonUnits);
  };

  let best: Assignment | null = null;
  let bestCounts: number[] = [];
  const consider = (counts: number[]): boolean => {
    const candidate = evaluate(counts);
    if (best === null || cmp(candidate.cost, best.cost) < 0) {
      best = candidate;
      bestCounts = counts.slice();
      return true;
    }
    return false;
  };

  const space = ranges.reduce((p, r) => p * (r + 1), 1);
  if (space <= EXHAUSTIVE_LIMIT) {
    // Small: try every combination, in mixed-radix order from "none trigger".
    const counts = ranges.map(() => 0);
    for (;;) {
      consider(counts);
      let c = 0;
      while (c < counts.length && counts[c] === ranges[c]) counts[c++] = 0;
      if (c === counts.length) break;
      counts[c]! += 1;
    }
    return best!;
  }

  // Larger: a good incumbent by coordinate ascent (each pass tries every count
  // of each class in turn, keeping strict improvements), then branch and bound
  // over the classes with the relaxation above as the bound, which proves the
  // incumbent optimal or finds better. Both stop at FLOW_BUDGET flows, so the
  // work stays polynomial; only then may the result fall short of the optimum.
  consider(ranges.map(() => 0));
  consider(ranges.slice());
  for (let pass = 0; pass < 20 && flows < FLOW_BUDGET; pass++) {
    let improved = false;
    for (let c = 0; c < classes.length; c++) {
      for (let value = 0; value <= ranges[c]! && flows < FLOW_BUDGET; value++) {
        if (value === bestCounts[c]) continue;
        const counts = bestCounts.slice();
        counts[c] = value;
        if (consider(counts)) improved = true;
      }
    }
    if (!improved) break;
  }
  const counts: (number | undefined)[] = ranges.map(() => undefined);
  const branch = (c: number) => {
    if (flows >= FLOW_BUDGET) return;
    if (c === classes.length) {
      consider(counts as number[]);
      return;
    }
    if (cmp(evaluate(counts).cost, best!.cost) >= 0) return;
    for (let value = 0; value <= ranges[c]! && flows < FLOW_BUDGET; value++) {
      counts[c] = value;
      branch(c + 1);
    }
    counts[c] = undefined;
  };
  branch(0);
  return best!;
}

function buildResult(
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
