import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Attachment } from "~/domain/catalog";
import { charmFits, formatCm } from "~/domain/fit";
import { SEED_PRODUCTS } from "../../db/seed-data";

const tote = (handleWidthCm: number | null, hasStrapRing = false, kind = "tote") => ({ handleWidthCm, hasStrapRing, kind });
const clasp = { attachment: "lobster_clasp" as const };
const ring = { attachment: "split_ring" as const };
const chain = { attachment: "chain_loop" as const };

describe("charmFits", () => {
  it("lobster clasp: a strap ring, or a handle up to 2.5 cm", () => {
    expect(charmFits(clasp, tote(3, true))).toEqual({ fits: true, reason: "Clips onto the strap ring" });
    expect(charmFits(clasp, tote(2.2))).toEqual({ fits: true, reason: "Lobster clasp fits the 2.2 cm handle" });
    expect(charmFits(clasp, tote(2.5))).toEqual({ fits: true, reason: "Lobster clasp fits the 2.5 cm handle" });
    expect(charmFits(clasp, tote(2.6))).toEqual({ fits: false, reason: "Handles too wide for a lobster clasp" });
    expect(charmFits(clasp, tote(4.5))).toEqual({ fits: false, reason: "Handles too wide for a lobster clasp" });
  });

  it("split ring: a strap ring, or a handle up to 1.5 cm", () => {
    expect(charmFits(ring, tote(2.2, true))).toEqual({ fits: true, reason: "Threads onto the strap ring" });
    expect(charmFits(ring, tote(1.5))).toEqual({ fits: true, reason: "Split ring fits the 1.5 cm handle" });
    expect(charmFits(ring, tote(1.2))).toEqual({ fits: true, reason: "Split ring fits the 1.2 cm handle" });
    expect(charmFits(ring, tote(1.8))).toEqual({ fits: false, reason: "Handles too wide for a split ring" });
    expect(charmFits(ring, tote(2.5))).toEqual({ fits: false, reason: "Handles too wide for a split ring" });
  });

  it("chain loop: any handle up to 4 cm, or a strap ring", () => {
    expect(charmFits(chain, tote(3))).toEqual({ fits: true, reason: "Chain loop wraps the 3 cm handle" });
    expect(charmFits(chain, tote(4))).toEqual({ fits: true, reason: "Chain loop wraps the 4 cm handle" });
    expect(charmFits(chain, tote(2, true))).toEqual({ fits: true, reason: "Chain loop wraps the 2 cm handle" });
    expect(charmFits(chain, tote(4.5, true))).toEqual({ fits: true, reason: "Loops through the strap ring" });
    expect(charmFits(chain, tote(4.5))).toEqual({ fits: false, reason: "Handles too wide for a chain loop" });
  });

  it("needs something to hang on", () => {
    expect(charmFits(clasp, tote(null))).toEqual({ fits: false, reason: "Nothing to hang a lobster clasp on" });
    expect(charmFits(chain, tote(null, true))).toEqual({ fits: true, reason: "Loops through the strap ring" });
  });

  it("a micro bag without an attachment fits nothing, and nothing hangs on a micro bag", () => {
    expect(charmFits({ attachment: null }, tote(2, true))).toEqual({ fits: false, reason: "Has no clasp to clip on with" });
    expect(charmFits(clasp, tote(1, true, "micro")).fits).toBe(false);
  });

  it("formats widths as people write them", () => {
    expect(formatCm(2.2)).toBe("2.2");
    expect(formatCm(3)).toBe("3");
    expect(formatCm(1.25)).toBe("1.25");
  });

  it("agrees with the seed catalog: rope beach-tote handles take no charm, the city tote's strap rings take any", () => {
    const beach = SEED_PRODUCTS.find((p) => p.slug === "striped-canvas-beach-tote")!;
    const t = tote(beach.handleWidthCm ?? null, beach.hasStrapRing ?? false);
    for (const attachment of ["lobster_clasp", "split_ring", "chain_loop"] as Attachment[]) {
      expect(charmFits({ attachment }, t).fits).toBe(false);
    }
    const city = SEED_PRODUCTS.find((p) => p.slug === "vegan-leather-city-tote")!;
    expect(charmFits(ring, tote(city.handleWidthCm!, city.hasStrapRing!))).toEqual({ fits: true, reason: "Threads onto the strap ring" });
    const market = SEED_PRODUCTS.find((p) => p.slug === "canvas-market-tote")!;
    expect(charmFits(ring, tote(market.handleWidthCm!, market.hasStrapRing!)).fits).toBe(false);
    expect(charmFits(clasp, tote(market.handleWidthCm!, market.hasStrapRing!)).fits).toBe(true);
  });

  it("a strap ring never hurts, a narrower handle never hurts, and a chain loop fits wherever a clasp does", () => {
    const width = fc.option(fc.double({ min: 0.1, max: 8, noNaN: true }), { nil: null });
    const attachment = fc.constantFrom<Attachment>("lobster_clasp", "split_ring", "chain_loop");
    fc.assert(
      fc.property(attachment, width, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (a, w, ringed, shrink) => {
        const base = charmFits({ attachment: a }, tote(w, ringed));
        expect(base.reason.length).toBeGreaterThan(0);
        if (base.fits) {
          expect(charmFits({ attachment: a }, tote(w, true)).fits).toBe(true);
          if (w !== null) expect(charmFits({ attachment: a }, tote(w * shrink || w, ringed)).fits).toBe(true);
        }
        if (charmFits(clasp, tote(w, ringed)).fits) expect(charmFits(chain, tote(w, ringed)).fits).toBe(true);
        if (charmFits(ring, tote(w, ringed)).fits) expect(charmFits(clasp, tote(w, ringed)).fits).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
