import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Hardware } from "~/domain/catalog";
import { describeColour, hueDistance, metallicHint, parseHex, toneFamily } from "~/domain/colour";
import { pairingScore, type PairingCharm, type PairingTote } from "~/domain/pairing";
import { SEED_PRODUCTS } from "../../db/seed-data";

describe("colour", () => {
  it("parses hex codes", () => {
    expect(parseHex("#a4d233")).toEqual({ r: 164, g: 210, b: 51 });
    expect(parseHex("A4D233")).toEqual({ r: 164, g: 210, b: 51 });
    expect(parseHex("#fff")).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHex("#12345")).toBeNull();
    expect(parseHex("lime")).toBeNull();
  });

  it.each([
    ["Black", "#1b1b1d", "dark"],
    ["Navy", "#1f2b4a", "dark"],
    ["Forest", "#21432f", "dark"],
    ["Burgundy", "#5e1a26", "dark"],
    ["Cream", "#efe7d6", "neutral-light"],
    ["Ivory", "#f5efe0", "neutral-light"],
    ["White", "#fafafa", "neutral-light"],
    ["Cloud", "#f4f1ec", "neutral-light"],
    ["Stone", "#9a948a", "neutral-light"],
    ["Sage", "#9bab8c", "neutral-light"],
    ["Tan", "#b9855a", "earth"],
    ["Cognac", "#8a4b22", "earth"],
    ["Caramel", "#c08a5b", "earth"],
    ["Olive", "#5c6140", "earth"],
    ["Lime", "#a4d233", "bright"],
    ["Cherry", "#c8102e", "bright"],
    ["Cobalt", "#0047ab", "bright"],
    ["Orange", "#ff6a13", "bright"],
    ["Hot pink", "#ff3ea5", "bright"],
    ["Emerald", "#1f7a52", "bright"],
    ["Blush", "#f2c1c8", "pastel"],
    ["Lilac", "#c6b3e6", "pastel"],
    ["Mint", "#b7e4cf", "pastel"],
    ["Baby blue", "#b9d5f2", "pastel"],
    ["Bubblegum", "#f6a5c9", "pastel"],
    ["Sky", "#9cc7e8", "pastel"],
    ["Butter", "#f3dc8a", "pastel"],
    ["Gold", "#d4af37", "metallic"],
    ["Silver", "#c9ccd1", "metallic"],
    ["Rose gold", "#e0a494", "metallic"],
    ["Champagne", "#e8d3a2", "metallic"],
    ["Chrome", "#b8bcc2", "metallic"],
  ])("%s (%s) is %s", (colourName, hex, family) => {
    expect(toneFamily(hex, { colourName })).toBe(family);
  });

  it("needs a hint for metallics: the same hex without one is read by its colour", () => {
    expect(toneFamily("#c9ccd1", { colourName: "Pale grey" })).toBe("neutral-light");
    expect(toneFamily("#d4af37", { colourName: "Mustard" })).toBe("bright");
    expect(toneFamily("#e8d3a2", { colourName: "Sparkle", tags: ["charm", "metallic"] })).toBe("metallic");
    expect(metallicHint("Rose gold")).toBe("Rose gold");
    expect(metallicHint("Antique gold")).toBe("Gold");
    expect(metallicHint("Glitter", ["metallic"])).toBe("Glitter");
    expect(metallicHint("Black", ["charm"])).toBeNull();
  });

  it("names colours in plain words, from the name or else the hex", () => {
    expect(describeColour("#1b1b1d", { colourName: "Black" }).word).toBe("black");
    expect(describeColour("#21432f", { colourName: "Forest" }).word).toBe("forest green");
    expect(describeColour("#1f2b4a", { colourName: "Midnight" }).word).toBe("navy");
    expect(describeColour("#111111", { colourName: "Onyx" }).word).toBe("black");
    expect(describeColour("#efe7d6", { colourName: "Oat" }).word).toBe("cream");
    expect(describeColour("#fafafa", { colourName: "Snow" }).word).toBe("white");
    expect(describeColour("#9a948a", { colourName: "Pebble" }).word).toBe("stone");
    expect(describeColour("#b9855a", { colourName: "Saddle" }).word).toBe("tan");
    expect(describeColour("#8a4b22", { colourName: "Chestnut" }).word).toBe("cognac");
    expect(describeColour("#5e1a26", { colourName: "Merlot" }).word).toBe("burgundy");
    expect(describeColour("#a4d233", { colourName: "Zest" }).word).toBe("lime");
    expect(describeColour("#f2c1c8", { colourName: "Petal" }).word).toBe("pale red");
    expect(describeColour("#d4af37", { colourName: "Gold" }).word).toBe("gold");
  });

  it("measures hue distance round the wheel", () => {
    expect(hueDistance(350, 10)).toBe(20);
    expect(hueDistance(10, 350)).toBe(20);
    expect(hueDistance(0, 180)).toBe(180);
  });
});

const charm = (colourName: string, colourHex: string, hardware: Hardware = "none", tags: string[] = ["charm"]): PairingCharm => ({
  colourName,
  colourHex,
  hardware,
  tags,
});
const tote = (colourName: string, colourHex: string, hardware: Hardware = "none"): PairingTote => ({ colourName, colourHex, hardware });

const BLACK_TOTE = tote("Black", "#1b1b1d");
const NAVY_TOTE = tote("Navy", "#1f2b4a");
const CREAM_TOTE = tote("Cream", "#efe7d6");
const TAN_TOTE = tote("Tan", "#b9855a");
const LIME = charm("Lime", "#a4d233");
const BLUSH = charm("Blush", "#f2c1c8");
const GOLD = charm("Gold", "#d4af37", "gold", ["charm", "metallic"]);

describe("pairingScore", () => {
  it("a bright charm pops against black, navy and cream", () => {
    const onBlack = pairingScore(LIME, BLACK_TOTE);
    expect(onBlack.reasons).toEqual(["Pops against black"]);
    expect(onBlack.score).toBeGreaterThan(0.8);
    expect(pairingScore(LIME, NAVY_TOTE).reasons[0]).toBe("Pops against navy");
    expect(pairingScore(LIME, CREAM_TOTE).reasons[0]).toBe("Bright against cream");
    expect(pairingScore(LIME, CREAM_TOTE).score).toBeGreaterThan(0.7);
  });

  it("a pastel charm is soft on cream and stands out on black", () => {
    expect(pairingScore(BLUSH, CREAM_TOTE).reasons).toEqual(["Soft pastel on cream"]);
    expect(pairingScore(BLUSH, CREAM_TOTE).score).toBeGreaterThan(0.65);
    expect(pairingScore(BLUSH, BLACK_TOTE).score).toBeGreaterThan(0.7);
  });

  it("metallics shine on dark totes", () => {
    const gold = pairingScore(GOLD, BLACK_TOTE);
    expect(gold.reasons[0]).toBe("Gold shines against black");
    expect(gold.score).toBeGreaterThan(pairingScore(GOLD, CREAM_TOTE).score);
    const silver = pairingScore(charm("Silver", "#c9ccd1", "silver"), NAVY_TOTE);
    expect(silver.reasons[0]).toBe("Silver shines against navy");
  });

  it("prefers matching hardware and marks mixed metals down", () => {
    const goldTote = tote("Black", "#1b1b1d", "gold");
    const silverTote = tote("Black", "#1b1b1d", "silver");
    const goldLime = { ...LIME, hardware: "gold" as const };
    const matched = pairingScore(goldLime, goldTote);
    const mixed = pairingScore(goldLime, silverTote);
    const plain = pairingScore(goldLime, BLACK_TOTE);
    expect(matched.reasons).toEqual(["Pops against black", "Gold hardware matches"]);
    expect(mixed.reasons).toEqual(["Pops against black", "Mixed metals: gold with silver"]);
    expect(matched.score).toBeGreaterThan(plain.score);
    expect(plain.score).toBeGreaterThan(mixed.score);
  });

  it("scores tone-on-tone lowest", () => {
    const blackOnBlack = pairingScore(charm("Black", "#1b1b1d", "gold"), tote("Black", "#1b1b1d", "gold"));
    expect(blackOnBlack.reasons).toEqual(["Gold hardware matches", "Tone-on-tone with black"]);
    const tanOnTan = pairingScore(charm("Tan", "#b9855a"), TAN_TOTE);
    expect(tanOnTan.reasons).toEqual(["Tone-on-tone with tan"]);
    const creamOnCream = pairingScore(charm("Cream", "#efe7d6"), CREAM_TOTE);
    for (const low of [blackOnBlack, tanOnTan, creamOnCream]) {
      expect(low.score).toBeLessThan(0.25);
      expect(low.score).toBeLessThan(pairingScore(LIME, BLACK_TOTE).score);
      expect(low.score).toBeLessThan(pairingScore(BLUSH, CREAM_TOTE).score);
    }
    // Same family but a different hue is not tone-on-tone: cognac on olive.
    expect(pairingScore(charm("Cognac", "#8a4b22"), tote("Olive", "#5c6140")).reasons[0]).toBe("Warm on warm olive");
  });

  it("orders the seed micro colours on a black tote: bright and metallic, pastel, light, warm, black last", () => {
    const micros = SEED_PRODUCTS.filter((p) => p.kind === "micro").flatMap((p) =>
      p.variants.map((v) => ({
        name: v.colourName,
        family: toneFamily(v.colourHex, { colourName: v.colourName, tags: p.tags ?? [] }),
        ...pairingScore(charm(v.colourName, v.colourHex, v.hardware, p.tags ?? []), BLACK_TOTE),
      })),
    );
    micros.sort((a, b) => b.score - a.score);
    const brightOrMetal = micros.filter((m) => m.family === "bright" || m.family === "metallic");
    expect(brightOrMetal.length).toBeGreaterThan(8);
    // Every bright or metallic colour beats every pastel, which beats every neutral, earth or dark one.
    expect(micros.slice(0, brightOrMetal.length).every((m) => m.family === "bright" || m.family === "metallic")).toBe(true);
    const rank = (f: string) => (f === "bright" || f === "metallic" ? 0 : f === "pastel" ? 1 : f === "neutral-light" ? 2 : 3);
    for (let k = 1; k < micros.length; k++) expect(rank(micros[k - 1]!.family)).toBeLessThanOrEqual(rank(micros[k]!.family));
    expect(micros.find((m) => m.name === "Lime")!.reasons).toEqual(["Pops against black"]);
    expect(micros.slice(-5).every((m) => m.name === "Black")).toBe(true);
  });

  it("is a deterministic score in 0..1 with at least one reason", () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
    const hardware = fc.constantFrom<Hardware>("gold", "silver", "none");
    const name = fc.constantFrom("Black", "Gold", "Moss", "Silver", "Rose gold", "Cream", "Berry");
    fc.assert(
      fc.property(hex, name, hardware, fc.boolean(), hex, name, hardware, (ch, cn, chw, metallic, th, tn, thw) => {
        const c = charm(cn, ch, chw, metallic ? ["charm", "metallic"] : ["charm"]);
        const t = tote(tn, th, thw);
        const a = pairingScore(c, t);
        expect(a).toEqual(pairingScore(c, t));
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(1);
        expect(a.reasons.length).toBeGreaterThan(0);
        for (const r of a.reasons) expect(r).toMatch(/^[A-Z][^.]*$/);
        // Matching hardware never scores below mixed metals.
        if (chw !== "none") {
          const same = pairingScore(c, tote(tn, th, chw));
          const other = pairingScore(c, tote(tn, th, chw === "gold" ? "silver" : "gold"));
          expect(same.score).toBeGreaterThan(other.score);
        }
      }),
      { numRuns: 500 },
    );
  });
});
