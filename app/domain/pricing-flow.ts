// The min-cost flow under bundle pricing (see pricing.ts for the rules and the
// algorithm): lexicographic costs and a small flow network in flat arrays.

// ---------------------------------------------------------------- costs

/**
 * A lexicographic cost: `main` is minus the cents saved, `tie` the tie-break
 * (see bestAssignment). Both are whole numbers well inside the safe-integer range.
 */
export interface Cost {
  main: number;
  tie: number;
}

export const ZERO: Cost = { main: 0, tie: 0 };

export function cmp(a: Cost, b: Cost): number {
  return a.main - b.main || a.tie - b.tie;
}

// ---------------------------------------------------------------- min-cost flow

/** A small flow network in flat arrays (edge k and its reverse k ^ 1). */
export class FlowGraph {
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
