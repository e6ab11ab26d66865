// Bundle pricing's search (see pricing.ts): how many units of each line act as
// triggers, each choice priced by one min-cost flow.
import type { BundleOffer } from "./bundle-offers";
import { cmp, FlowGraph, ZERO, type Cost } from "./pricing-flow";

/** Search spaces up to this size (trigger counts of "could be both" lines) are tried exhaustively. */
export const EXHAUSTIVE_LIMIT = 64;
/** Beyond that, branch and bound stops after this many flows (only contrived carts get there). */
export const FLOW_BUDGET = 1024;

export interface LineInfo {
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

export interface Assignment {
  cost: Cost;
  /** Units of each line (by sorted index) acting as triggers. */
  triggerUnits: number[];
  /** flow[j][o]: units of line j discounted by offer o. */
  flow: number[][];
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
export function pruneOffers(lines: LineInfo[], offerCount: number) {
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

export function bestAssignment(lines: LineInfo[], active: readonly BundleOffer[]): Assignment {
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
