// Colours: a bag's palette from its one hex colour, the backdrop behind it,
// and the two metal finishes. Only six validated hex digits reach an SVG.
import type { Hardware } from "~/domain/catalog";

const HARDWARE = new Set<string>(["gold", "silver", "none"]);
const HEX = /^[0-9a-f]{6}$/;

export function isHardware(s: unknown): s is Hardware {
  return typeof s === "string" && HARDWARE.has(s);
}

/**
 * "#EFE7D6" or "efe7d6" → "efe7d6". Anything that is not exactly six hex digits
 * (after one optional leading '#') throws: only /^[0-9a-f]{6}$/ reaches the SVG.
 */
export function normaliseHex(colourHex: string): string {
  const hex = typeof colourHex === "string" ? colourHex.replace(/^#/, "").toLowerCase() : "";
  if (!HEX.test(hex)) throw new TypeError(`Invalid colour: expected 6 hex digits, got ${JSON.stringify(colourHex)}`);
  return hex;
}


export type RGB = [number, number, number];

export function parseRgb(hex: string): RGB {
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

export function toHex(c: RGB): string {
  return "#" + c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("");
}

export function mixColours(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export const WHITE: RGB = [255, 255, 255];
export const BLACK: RGB = [0, 0, 0];

export function luminance(c: RGB): number {
  const lin = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

export interface Palette {
  base: string;
  light: string;
  dark: string;
  deep: string;
  outline: string;
  stitch: string;
  blush: string;
  lum: number;
}

export function paletteFor(hex: string): Palette {
  const c = parseRgb(hex);
  const lum = luminance(c);
  return {
    base: "#" + hex,
    light: toHex(mixColours(c, WHITE, lum < 0.05 ? 0.2 : 0.3)),
    dark: toHex(mixColours(c, BLACK, lum > 0.6 ? 0.16 : 0.24)),
    deep: toHex(mixColours(c, BLACK, lum > 0.6 ? 0.34 : 0.48)),
    outline: toHex(mixColours(c, BLACK, lum > 0.6 ? 0.52 : 0.62)),
    stitch: lum < 0.3 ? toHex(mixColours(c, WHITE, 0.5)) : toHex(mixColours(c, BLACK, 0.36)),
    blush: toHex(mixColours(c, [240, 128, 150], 0.55)),
    lum,
  };
}

/** Backdrop: a soft neutral, a shade deeper behind pale bags so cream and white still read. */
export function backdropFor(lum: number): string {
  return lum > 0.7 ? "#e2dacd" : "#f4efe8";
}

export const METALS: Record<"gold" | "silver", [hi: string, mid: string, lo: string, line: string]> = {
  gold: ["#f8e6a0", "#c9a24a", "#8a6420", "#6b4e17"],
  silver: ["#f7f8fa", "#bfc4ca", "#7c828a", "#5a6068"],
};
