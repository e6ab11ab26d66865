import { describe, expect, it } from "vitest";
import { toteFitNote } from "~/domain/fit";
import { SEED_PRODUCTS } from "../../db/seed-data";

const micros = SEED_PRODUCTS.filter((p) => p.kind === "micro").map((p) => ({
  slug: p.slug,
  name: p.name,
  kind: p.kind,
  attachment: p.attachment ?? null,
  available: p.variants.reduce((n, v) => n + v.stock, 0),
}));
const seeded = (slug: string) => {
  const p = SEED_PRODUCTS.find((s) => s.slug === slug)!;
  return { kind: p.kind, handleWidthCm: p.handleWidthCm ?? null, hasStrapRing: p.hasStrapRing ?? false, description: p.description };
};

describe("toteFitNote", () => {
  it("the striped beach tote: rope handles too thick for a clasp, and says plainly that no micro bag fits", () => {
    const note = toteFitNote(seeded("striped-canvas-beach-tote"), micros);
    expect(note).not.toBeNull();
    expect(note!.reason).toBe("These 4.5 cm rope handles are too thick for a clasp or a split ring, and there is no strap ring.");
    expect(note!.alternatives).toEqual([]);
    expect(note!.noneFit).toMatch(/None of our micro bags fit/);
  });

  it("handles a clasp cannot take but a chain loop wraps: offers the chain-loop micro bags in stock", () => {
    const note = toteFitNote({ kind: "tote", handleWidthCm: 3.5, hasStrapRing: false }, micros)!;
    expect(note.reason).toBe("These 3.5 cm handles are too thick for a clasp or a split ring, and there is no strap ring.");
    expect(note.noneFit).toBeNull();
    expect(note.alternatives.length).toBeGreaterThan(0);
    for (const alt of note.alternatives) {
      expect(micros.find((m) => m.slug === alt.slug)!.attachment).toBe("chain_loop");
      expect(alt.reason).toBe("Chain loop wraps the 3.5 cm handle");
    }
    const soldOut = micros.map((m) => (m.attachment === "chain_loop" ? { ...m, available: 0 } : m));
    expect(toteFitNote({ kind: "tote", handleWidthCm: 3.5, hasStrapRing: false }, soldOut)!.alternatives).toEqual([]);
  });

  it("no note where a clasp fits (every other seeded tote) or for a bag that is not a tote", () => {
    for (const p of SEED_PRODUCTS.filter((s) => s.kind === "tote" && s.slug !== "striped-canvas-beach-tote")) {
      expect(toteFitNote(seeded(p.slug), micros)).toBeNull();
    }
    expect(toteFitNote({ kind: "micro", handleWidthCm: null, hasStrapRing: false }, micros)).toBeNull();
  });
});
