// Colours as shoppers talk about them: a tone family and a plain word, read
// from a hex code (HSL and chroma), with an optional hint for metallics.
//
// Families, tried in this order:
// - metallic: only from a hint (a "metallic" tag, or a name such as Gold,
//   Silver, Champagne, Chrome, Rose gold): shine cannot be read from a hex.
// - earth:    warm browns and olives: hue 15°–75°, chroma 0.10–0.50,
//             lightness 0.28–0.65 (tan, cognac, caramel, olive).
// - dark:     lightness under 0.30, or under 0.40 with little colour (black,
//             navy, forest, burgundy, charcoal).
// - neutral-light: little colour (chroma ≤ 0.13) and lightness from 0.40
//             (cream, ivory, white, stone, sage, light grey).
// - pastel:   light (≥ 0.70) with some colour (chroma < 0.45): blush, mint…
// - bright:   strong colour (chroma ≥ 0.30): lime, cherry, cobalt, emerald…
// - anything left (muted mid tones) is pastel when light (≥ 0.50), else dark.

export type ToneFamily = "dark" | "neutral-light" | "earth" | "bright" | "pastel" | "metallic";

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Hsl {
  /** 0–360 degrees. */
  h: number;
  /** 0–1. */
  s: number;
  /** 0–1. */
  l: number;
}

export interface ColourInfo {
  hex: string;
  hsl: Hsl;
  /** max − min of the RGB channels, 0–1: how much colour there is. */
  chroma: number;
  family: ToneFamily;
  /** A plain word for the colour: "black", "navy", "cream", "tan", "lime"… */
  word: string;
  /** For metallics: the metal as shoppers say it ("Gold", "Rose gold"); else null. */
  metal: string | null;
}

/** "#a4d233", "a4d233" or "#ad3" → channels 0–255; null if not a colour. */
export function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  let digits = m[1]!;
  if (digits.length === 3) digits = digits.replace(/./g, (d) => d + d);
  return {
    r: parseInt(digits.slice(0, 2), 16),
    g: parseInt(digits.slice(2, 4), 16),
    b: parseInt(digits.slice(4, 6), 16),
  };
}

export function rgbToHsl({ r, g, b }: Rgb): Hsl & { chroma: number } {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const chroma = max - min;
  const l = (max + min) / 2;
  const s = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (chroma > 0) {
    if (max === R) h = ((G - B) / chroma) % 6;
    else if (max === G) h = (B - R) / chroma + 2;
    else h = (R - G) / chroma + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  return { h, s, l, chroma };
}

const METAL_NAMES: [RegExp, string][] = [
  [/rose[\s-]*gold/i, "Rose gold"],
  [/champagne/i, "Champagne"],
  [/gold/i, "Gold"],
  [/silver/i, "Silver"],
  [/chrome/i, "Chrome"],
  [/bronze/i, "Bronze"],
  [/copper/i, "Copper"],
  [/pewter/i, "Pewter"],
  [/platinum/i, "Platinum"],
];

/**
 * The metal a colour is, from its name or a "metallic" tag; null if it does
 * not read as metallic.
 */
export function metallicHint(colourName: string, tags: readonly string[] = []): string | null {
  for (const [pattern, metal] of METAL_NAMES) if (pattern.test(colourName)) return metal;
  if (tags.some((t) => t.toLowerCase() === "metallic")) return colourName.trim() || "Metallic";
  return null;
}

function familyFromHsl(h: number, l: number, chroma: number): Exclude<ToneFamily, "metallic"> {
  if (h >= 15 && h <= 75 && chroma >= 0.1 && chroma <= 0.5 && l >= 0.28 && l <= 0.65) return "earth";
  if (l < 0.3 || (l < 0.4 && chroma < 0.2)) return "dark";
  if (chroma <= 0.13 && l >= 0.4) return "neutral-light";
  if (l >= 0.7 && chroma < 0.45) return "pastel";
  if (chroma >= 0.3) return "bright";
  return l >= 0.5 ? "pastel" : "dark";
}

function hueWord(h: number): string {
  if (h < 15 || h >= 345) return "red";
  if (h < 40) return "orange";
  if (h < 65) return "yellow";
  if (h < 90) return "lime";
  if (h < 165) return "green";
  if (h < 195) return "teal";
  if (h < 250) return "blue";
  if (h < 290) return "purple";
  return "pink";
}

// Colour names that are already plain words, and how to say them.
const PLAIN_WORDS: Record<string, string> = {
  black: "black",
  white: "white",
  cream: "cream",
  ivory: "ivory",
  stone: "stone",
  grey: "grey",
  gray: "grey",
  navy: "navy",
  tan: "tan",
  cognac: "cognac",
  brown: "brown",
  caramel: "caramel",
  camel: "camel",
  olive: "olive",
  sage: "sage",
  khaki: "khaki",
  burgundy: "burgundy",
  forest: "forest green",
  red: "red",
  pink: "pink",
  blue: "blue",
  green: "green",
  yellow: "yellow",
  orange: "orange",
  purple: "purple",
  lime: "lime",
};

function derivedWord(family: ToneFamily, { h, l }: Hsl, chroma: number): string {
  switch (family) {
    case "dark":
      if (chroma < 0.08) return "black";
      if (h >= 195 && h < 260) return "navy";
      if (h >= 75 && h < 195) return "dark green";
      if (h >= 290 || h < 20) return "burgundy";
      return "dark brown";
    case "neutral-light":
      if (l >= 0.93 && chroma < 0.05) return "white";
      if (chroma >= 0.05 && h >= 20 && h <= 65) return l >= 0.8 ? "cream" : "stone";
      return l >= 0.75 ? "light grey" : "grey";
    case "earth":
      if (h >= 50) return "olive";
      return l >= 0.45 ? "tan" : "cognac";
    case "pastel":
      return `pale ${hueWord(h)}`;
    default:
      return hueWord(h);
  }
}

/**
 * Everything the pairing rules need about one colour. `hint` carries the
 * colour's name and the product's tags, which is how metallics are known.
 */
export function describeColour(hex: string, hint: { colourName?: string; tags?: readonly string[] } = {}): ColourInfo {
  const rgb = parseHex(hex) ?? { r: 128, g: 128, b: 128 };
  const { h, s, l, chroma } = rgbToHsl(rgb);
  const hsl = { h, s, l };
  const name = (hint.colourName ?? "").trim();
  const metal = metallicHint(name, hint.tags ?? []);
  const family: ToneFamily = metal !== null ? "metallic" : familyFromHsl(h, l, chroma);
  const plain = PLAIN_WORDS[name.toLowerCase()];
  const word = metal !== null ? metal.toLowerCase() : (plain ?? derivedWord(family, hsl, chroma));
  return { hex, hsl, chroma, family, word, metal };
}

/** The tone family of a colour; see the rules at the top of this file. */
export function toneFamily(hex: string, hint: { colourName?: string; tags?: readonly string[] } = {}): ToneFamily {
  return describeColour(hex, hint).family;
}

/** Smallest angle between two hues, 0–180 degrees. */
export function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
