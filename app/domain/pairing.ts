// How well a micro bag's colour goes with a tote's: a score from 0 to 1 and
// short reasons, best first. Deterministic rules, no taste model.
//
// Score = 0.85 × contrast rule (the table below, by tone family of charm and
//              tote; tone-on-tone pairs get 0.10)
//       + 0.07 × lightness difference (0–1)
//       + hardware: +0.06 when both have the same metal ("Gold hardware
//              matches"), −0.06 for mixed metals, 0 when either has none
// clamped to 0–1 and rounded to three decimals.
//
// The table says: a bright or pastel charm on a black, navy or cream tote
// scores high; metallics shine on dark; a charm of the tote's own family scores
// low, and lowest of all when it is tone-on-tone (same hue family, lightness
// within 0.15), which hides the charm.
import { describeColour, hueDistance, type ColourInfo, type ToneFamily } from "./colour";
import type { Hardware } from "./catalog";

export interface PairingCharm {
  colourHex: string;
  colourName: string;
  hardware: Hardware;
  /** The micro bag's product tags ("metallic" marks a metallic finish). */
  tags: readonly string[];
}

export interface PairingTote {
  colourHex: string;
  colourName: string;
  hardware: Hardware;
}

export interface PairingResult {
  /** 0–1. */
  score: number;
  /** Short and human, best first: "Pops against black", "Gold hardware matches". */
  reasons: string[];
}

type Rule = [score: number, reason: (charm: ColourInfo, tote: ColourInfo) => string];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const metalOf = (c: ColourInfo) => c.metal ?? cap(c.word);

/** CONTRAST[charm family][tote family]. */
const CONTRAST: Record<ToneFamily, Record<ToneFamily, Rule>> = {
  bright: {
    dark: [0.92, (_c, t) => `Pops against ${t.word}`],
    "neutral-light": [0.84, (_c, t) => `Bright against ${t.word}`],
    earth: [0.68, (_c, t) => `Bright against warm ${t.word}`],
    bright: [0.4, (_c, t) => `Bold mix with ${t.word}`],
    pastel: [0.55, (_c, t) => `Bright with soft ${t.word}`],
    metallic: [0.6, (_c, t) => `Bright against ${t.word}`],
  },
  pastel: {
    dark: [0.82, (_c, t) => `Soft pastel against ${t.word}`],
    "neutral-light": [0.78, (_c, t) => `Soft pastel on ${t.word}`],
    earth: [0.6, (_c, t) => `Soft pastel on warm ${t.word}`],
    bright: [0.45, (_c, t) => `Pastel with bold ${t.word}`],
    pastel: [0.35, (_c, t) => `Pastel on pastel ${t.word}`],
    metallic: [0.55, (_c, t) => `Soft pastel with ${t.word}`],
  },
  metallic: {
    dark: [0.88, (c, t) => `${metalOf(c)} shines against ${t.word}`],
    "neutral-light": [0.62, (c, t) => `${metalOf(c)} on ${t.word}`],
    earth: [0.72, (c, t) => `${metalOf(c)} glows on ${t.word}`],
    bright: [0.5, (c, t) => `${metalOf(c)} with bold ${t.word}`],
    pastel: [0.58, (c, t) => `${metalOf(c)} on soft ${t.word}`],
    metallic: [0.35, (c, t) => `${metalOf(c)} with ${t.word}`],
  },
  dark: {
    dark: [0.28, (_c, t) => `Dark on ${t.word}`],
    "neutral-light": [0.72, (_c, t) => `Crisp against ${t.word}`],
    earth: [0.5, (_c, t) => `Deep tone on ${t.word}`],
    bright: [0.6, (_c, t) => `Grounds the ${t.word}`],
    pastel: [0.64, (_c, t) => `Crisp against soft ${t.word}`],
    metallic: [0.55, (_c, t) => `Dark against ${t.word}`],
  },
  "neutral-light": {
    dark: [0.74, (c, t) => `${cap(c.word)} stands out on ${t.word}`],
    "neutral-light": [0.3, (c, t) => `Quiet ${c.word} on ${t.word}`],
    earth: [0.62, (_c, t) => `Light against ${t.word}`],
    bright: [0.55, (_c, t) => `Calm against ${t.word}`],
    pastel: [0.4, (_c, t) => `Soft on ${t.word}`],
    metallic: [0.45, (_c, t) => `Light with ${t.word}`],
  },
  earth: {
    dark: [0.48, (c, t) => `Warm ${c.word} on ${t.word}`],
    "neutral-light": [0.68, (c, t) => `Warm ${c.word} on ${t.word}`],
    earth: [0.35, (_c, t) => `Warm on warm ${t.word}`],
    bright: [0.5, (c, t) => `Warm ${c.word} with ${t.word}`],
    pastel: [0.52, (c, t) => `Warm ${c.word} with soft ${t.word}`],
    metallic: [0.55, (c, t) => `Warm ${c.word} with ${t.word}`],
  },
};

export const TONE_ON_TONE_SCORE = 0.1;

/** Same family, close hue (or both nearly colourless), close lightness. */
export function isToneOnTone(charm: ColourInfo, tote: ColourInfo): boolean {
  if (charm.family !== tote.family) return false;
  if (Math.abs(charm.hsl.l - tote.hsl.l) >= 0.15) return false;
  if (charm.family === "metallic") return charm.metal === tote.metal;
  const greyish = charm.chroma < 0.13 && tote.chroma < 0.13;
  return greyish || (charm.chroma >= 0.08 && tote.chroma >= 0.08 && hueDistance(charm.hsl.h, tote.hsl.h) < 30);
}

export function pairingScore(micro: PairingCharm, tote: PairingTote): PairingResult {
  const charm = describeColour(micro.colourHex, { colourName: micro.colourName, tags: micro.tags });
  const bag = describeColour(tote.colourHex, { colourName: tote.colourName });

  const weighted: { impact: number; text: string }[] = [];
  let base: number;
  if (isToneOnTone(charm, bag)) {
    base = TONE_ON_TONE_SCORE;
    weighted.push({ impact: 0.85 * (base - 0.5), text: `Tone-on-tone with ${bag.word}` });
  } else {
    const [score, reason] = CONTRAST[charm.family][bag.family];
    base = score;
    weighted.push({ impact: 0.85 * (base - 0.5), text: reason(charm, bag) });
  }

  let hardware = 0;
  if (micro.hardware !== "none" && tote.hardware !== "none") {
    if (micro.hardware === tote.hardware) {
      hardware = 0.06;
      weighted.push({ impact: hardware, text: `${cap(micro.hardware)} hardware matches` });
    } else {
      hardware = -0.06;
      weighted.push({ impact: hardware, text: `Mixed metals: ${micro.hardware} with ${tote.hardware}` });
    }
  }

  const contrast = 0.07 * Math.abs(charm.hsl.l - bag.hsl.l);
  const raw = 0.85 * base + contrast + hardware;
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
  // Stable sort: on equal impact the colour reason stays first.
  const reasons = weighted.sort((a, b) => b.impact - a.impact).map((r) => r.text);
  return { score, reasons };
}
