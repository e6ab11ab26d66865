// Flat SVG illustrations of every bag style, tinted per variant colour and
// hardware finish. Pure string building: no DOM, no Remix, no database, and the
// same input always gives the same bytes (the art route caches them forever).
//
// Every style draws into its own local frame: the bag's front panel spans
// x 0..W (W = 200 units) and y 0..h, where h follows the bag's real height to
// width ratio. Handles, straps, ears and rings may reach outside that panel
// (mostly above it, at negative y); each drawing reports its bounding box, the
// point a charm hangs from ("hang") and the point it is held by ("clip"). One
// unit is therefore widthCm / 200 cm, which is what lets the charm preview put
// a micro bag on a tote to scale with a plain scale() transform.
import type { Hardware, ProductKind } from "~/domain/catalog";

export const ART_STYLES = [
  { id: "tote-shopper", label: "Shopper tote", kind: "tote", widthCm: 38, heightCm: 33 },
  { id: "tote-east-west", label: "East-west tote", kind: "tote", widthCm: 44, heightCm: 26 },
  { id: "tote-classic", label: "Classic structured tote", kind: "tote", widthCm: 34, heightCm: 28 },
  { id: "tote-bucket", label: "Bucket tote", kind: "tote", widthCm: 28, heightCm: 30 },
  { id: "micro-duffle", label: "Micro duffle", kind: "micro", widthCm: 9, heightCm: 5 },
  { id: "micro-chain", label: "Quilted micro flap with chain", kind: "micro", widthCm: 10, heightCm: 7 },
  { id: "micro-fur", label: "Faux fur micro pouch", kind: "micro", widthCm: 8, heightCm: 8 },
  { id: "micro-box", label: "Croc micro box", kind: "micro", widthCm: 7, heightCm: 5 },
  { id: "micro-heart", label: "Micro heart", kind: "micro", widthCm: 7, heightCm: 7 },
  { id: "micro-bucket", label: "Micro bucket", kind: "micro", widthCm: 6, heightCm: 8 },
  { id: "micro-saddle", label: "Micro saddle", kind: "micro", widthCm: 9, heightCm: 7 },
  { id: "micro-frame", label: "Kiss-lock micro frame", kind: "micro", widthCm: 7, heightCm: 6 },
  { id: "micro-tote", label: "Micro tote", kind: "micro", widthCm: 8, heightCm: 7 },
  { id: "micro-camera", label: "Micro camera bag", kind: "micro", widthCm: 8, heightCm: 6 },
  { id: "mini-top-handle", label: "Mini top-handle bag", kind: "mini", widthCm: 19, heightCm: 14 },
  { id: "mini-crossbody", label: "Mini crossbody", kind: "crossbody", widthCm: 18, heightCm: 12 },
  { id: "clutch", label: "Envelope clutch", kind: "clutch", widthCm: 22, heightCm: 12 },
  { id: "kids-sparkle-clutch", label: "Sparkle clutch", kind: "clutch", widthCm: 16, heightCm: 10 },
  { id: "kids-cat", label: "Kitty handbag", kind: "mini", widthCm: 14, heightCm: 13 },
  { id: "kids-bunny", label: "Bunny crossbody", kind: "crossbody", widthCm: 15, heightCm: 12 },
] as const satisfies readonly { id: string; label: string; kind: ProductKind; widthCm: number; heightCm: number }[];

export type ArtStyle = (typeof ART_STYLES)[number]["id"];
export type ArtStyleInfo = (typeof ART_STYLES)[number];

const STYLE_INFO = new Map<string, ArtStyleInfo>(ART_STYLES.map((s) => [s.id, s]));
const HARDWARE = new Set<string>(["gold", "silver", "none"]);
const HEX = /^[0-9a-f]{6}$/;

export function isArtStyle(s: unknown): s is ArtStyle {
  return typeof s === "string" && STYLE_INFO.has(s);
}

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

/** "efe7d6-gold.svg" → { colourHex, hardware }; null unless the name is exactly canonical. */
export function parseArtFileName(file: string): { colourHex: string; hardware: Hardware } | null {
  const m = /^([0-9a-f]{6})-(gold|silver|none)\.svg$/.exec(file);
  return m ? { colourHex: m[1]!, hardware: m[2] as Hardware } : null;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// ------------------------------------------------------------------ numbers & paths

/** Coordinates with at most one decimal: keeps the files small and stable. */
function f(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

/** Template tag: numbers are rounded, strings pass through. */
function p(strings: TemplateStringsArray, ...vals: (number | string)[]): string {
  let out = strings[0]!;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    out += (typeof v === "number" ? f(v) : v) + strings[i + 1]!;
  }
  return out;
}

type Pt = [number, number];
type Box = [x0: number, y0: number, x1: number, y1: number];

/** A point on the cubic a→b with both control points at height cy (an arch). */
function archAt(a: Pt, b: Pt, cy: number, dx: number, u: number): Pt {
  const v = 1 - u;
  const x = v * v * v * a[0] + 3 * v * v * u * (a[0] - dx) + 3 * v * u * u * (b[0] + dx) + u * u * u * b[0];
  const y = v * v * v * a[1] + 3 * v * v * u * cy + 3 * v * u * u * cy + u * u * u * b[1];
  return [x, y];
}

/** An arch from a up to roughly `peak` and down to b, with the control height that reaches it. */
function arch(a: Pt, b: Pt, peak: number, flare = 0): { d: string; at: (u: number) => Pt } {
  const base = (a[1] + b[1]) / 2;
  const cy = (peak - 0.25 * base) / 0.75;
  const dx = flare * (b[0] - a[0]);
  return {
    d: p`M${a[0]} ${a[1]}C${a[0] - dx} ${cy} ${b[0] + dx} ${cy} ${b[0]} ${b[1]}`,
    at: (u) => archAt(a, b, cy, dx, u),
  };
}

function rr(x: number, y: number, w: number, h: number, r: number): string {
  return p`M${x + r} ${y}H${x + w - r}Q${x + w} ${y} ${x + w} ${y + r}V${y + h - r}Q${x + w} ${y + h} ${x + w - r} ${y + h}H${x + r}Q${x} ${y + h} ${x} ${y + h - r}V${y + r}Q${x} ${y} ${x + r} ${y}Z`;
}

/** A bumpy closed outline around an ellipse: fur, fluff. Deterministic irregularity. */
function fluff(cx: number, cy: number, rx: number, ry: number, bumps: number, depth: number): string {
  let d = "";
  for (let i = 0; i <= bumps; i++) {
    const a = (i / bumps) * Math.PI * 2 - Math.PI / 2;
    const x = cx + rx * Math.cos(a);
    const y = cy + ry * Math.sin(a);
    if (i === 0) {
      d += p`M${x} ${y}`;
      continue;
    }
    const am = a - Math.PI / bumps;
    const k = 1 + depth * (0.7 + 0.3 * (((i * 37) % 7) / 6));
    d += p`Q${cx + rx * k * Math.cos(am)} ${cy + ry * k * Math.sin(am)} ${x} ${y}`;
  }
  return d + "Z";
}

// ------------------------------------------------------------------ colour

type RGB = [number, number, number];

function rgb(hex: string): RGB {
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

function hexOf(c: RGB): string {
  return "#" + c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("");
}

function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

const WHITE: RGB = [255, 255, 255];
const BLACK: RGB = [0, 0, 0];

function luminance(c: RGB): number {
  const lin = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

interface Palette {
  base: string;
  light: string;
  dark: string;
  deep: string;
  outline: string;
  stitch: string;
  blush: string;
  lum: number;
}

function palette(hex: string): Palette {
  const c = rgb(hex);
  const lum = luminance(c);
  return {
    base: "#" + hex,
    light: hexOf(mix(c, WHITE, lum < 0.05 ? 0.2 : 0.3)),
    dark: hexOf(mix(c, BLACK, lum > 0.6 ? 0.16 : 0.24)),
    deep: hexOf(mix(c, BLACK, lum > 0.6 ? 0.34 : 0.48)),
    outline: hexOf(mix(c, BLACK, lum > 0.6 ? 0.52 : 0.62)),
    stitch: lum < 0.3 ? hexOf(mix(c, WHITE, 0.5)) : hexOf(mix(c, BLACK, 0.36)),
    blush: hexOf(mix(c, [240, 128, 150], 0.55)),
    lum,
  };
}

/** Backdrop: a soft neutral, a shade deeper behind pale bags so cream and white still read. */
function backdrop(lum: number): string {
  return lum > 0.7 ? "#e2dacd" : "#f4efe8";
}

const METALS: Record<"gold" | "silver", [hi: string, mid: string, lo: string, line: string]> = {
  gold: ["#f8e6a0", "#c9a24a", "#8a6420", "#6b4e17"],
  silver: ["#f7f8fa", "#bfc4ca", "#7c828a", "#5a6068"],
};

// ------------------------------------------------------------------ drawing context

interface Ctx {
  w: number;
  h: number;
  hw: Hardware;
  pal: Palette;
  /** Unique prefix for gradient and pattern ids. */
  id: string;
  /** Body paint (horizontal gradient through the base colour). */
  fill: string;
  /** Vertical light/shadow overlay paint. */
  shade: string;
  /** Hardware paint: a metal gradient, or self-coloured leather with no hardware. */
  metal: string;
  metalMid: string;
  metalHi: string;
  metalLine: string;
  /** Extra <defs> content the style asked for (patterns, reused outlines). */
  defs: string[];
  uses: number;
}

interface Drawn {
  svg: string;
  box: Box;
  /** Where a charm hangs from (totes): on the front handle near its base. */
  hang: Pt;
  /** Where this bag is held (charms): the top of its ring, loop or handle. */
  clip: Pt;
}

function makeCtx(id: string, w: number, h: number, hex: string, hw: Hardware): Ctx {
  const pal = palette(hex);
  const m = hw === "none" ? null : METALS[hw];
  return {
    w,
    h,
    hw,
    pal,
    id,
    fill: `url(#${id}b)`,
    shade: `url(#${id}v)`,
    metal: `url(#${id}m)`,
    metalMid: m ? m[1] : pal.dark,
    metalHi: m ? m[0] : pal.light,
    metalLine: m ? m[3] : pal.outline,
    defs: [],
    uses: 0,
  };
}

function baseDefs(c: Ctx): string {
  const { pal } = c;
  const m = c.hw === "none" ? [pal.light, pal.dark, pal.deep] : METALS[c.hw];
  return (
    `<linearGradient id="${c.id}b"><stop offset="0" stop-color="${pal.light}"/><stop offset=".45" stop-color="${pal.base}"/><stop offset="1" stop-color="${pal.dark}"/></linearGradient>` +
    `<linearGradient id="${c.id}v" x2="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".16"/><stop offset=".4" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".2"/></linearGradient>` +
    `<linearGradient id="${c.id}m" x2="1" y2="1"><stop offset="0" stop-color="${m[0]}"/><stop offset=".5" stop-color="${m[1]}"/><stop offset="1" stop-color="${m[2]}"/></linearGradient>` +
    c.defs.join("")
  );
}

// ------------------------------------------------------------------ drawing primitives

/** A body panel: gradient fill, darkened outline. */
function panel(c: Ctx, d: string, fill = c.fill): string {
  return `<path d="${d}" fill="${fill}" stroke="${c.pal.outline}" stroke-width="2" stroke-linejoin="round"/>`;
}

/** The main body: panel plus a top-light / bottom-shadow overlay (a long outline is written once and reused). */
function bodyPanel(c: Ctx, d: string, texture?: string): string {
  const layers = [c.fill, ...(texture ? [`url(#${c.id}${texture})`] : []), c.shade];
  const last = layers.length - 1;
  const outline = `stroke="${c.pal.outline}" stroke-width="2" stroke-linejoin="round"`;
  if (d.length < 160) return layers.map((fill, i) => `<path d="${d}" fill="${fill}"${i === last ? " " + outline : ""}/>`).join("");
  const ref = `${c.id}o${c.uses++}`;
  c.defs.push(`<path id="${ref}" d="${d}"/>`);
  return layers.map((fill, i) => `<use href="#${ref}" fill="${fill}"${i === last ? " " + outline : ""}/>`).join("");
}

function stitch(c: Ctx, d: string, width = 1.3): string {
  return `<path d="${d}" fill="none" stroke="${c.pal.stitch}" stroke-width="${width}" stroke-dasharray="4 3" stroke-linecap="round"/>`;
}

/** A leather strap or rolled handle along a path. */
function strap(c: Ctx, d: string, width: number, colour = c.pal.dark, stitched = true): string {
  return (
    `<path d="${d}" fill="none" stroke="${c.pal.outline}" stroke-width="${f(width + 3)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${f(width)}" stroke-linecap="round"/>` +
    (stitched && width >= 6 ? stitch(c, d, 1) : `<path d="${d}" fill="none" stroke="#fff" stroke-opacity=".18" stroke-width="${f(width / 3)}"/>`)
  );
}

function ring(c: Ctx, cx: number, cy: number, r: number, sw = 3.5): string {
  return p`<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${c.metalLine}" stroke-width="${sw + 1.6}"/><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${c.metal}" stroke-width="${sw}"/>`;
}

function stud(c: Ctx, cx: number, cy: number, r: number): string {
  return p`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${c.metal}" stroke="${c.metalLine}" stroke-width="1"/>`;
}

/** A metal plate (clasp, lock, buckle); with no hardware a stitched leather tab. */
function plate(c: Ctx, x: number, y: number, w: number, h: number, r: number): string {
  const d = rr(x, y, w, h, r);
  return `<path d="${d}" fill="${c.metal}" stroke="${c.metalLine}" stroke-width="1.2"/>`;
}

/** A D-ring standing on a point, opening upward. */
function dRing(c: Ctx, x: number, y: number, s: number): string {
  const d = p`M${x - s} ${y}H${x + s}Q${x + s} ${y - 1.6 * s} ${x} ${y - 1.6 * s}Q${x - s} ${y - 1.6 * s} ${x - s} ${y}Z`;
  return (
    `<path d="${d}" fill="none" stroke="${c.metalLine}" stroke-width="${f(s * 0.55 + 1.6)}" stroke-linejoin="round"/>` +
    `<path d="${d}" fill="none" stroke="${c.metal}" stroke-width="${f(s * 0.55)}" stroke-linejoin="round"/>`
  );
}

/** A chain along a path: capsule links with dark holes; a leather cord with no hardware. */
function chain(c: Ctx, d: string, sw = 6): string {
  if (c.hw === "none") return strap(c, d, sw, c.pal.dark, false);
  const link = sw * 1.9;
  const dash = p`${link} ${sw * 0.9}`;
  const hole = p`${link - sw * 0.35} ${sw * 1.25}`;
  return (
    `<g fill="none" stroke-linecap="round">` +
    p`<path d="${d}" stroke="${c.metalLine}" stroke-width="${sw + 1.8}" stroke-dasharray="${dash}"/>` +
    p`<path d="${d}" stroke="${c.metalMid}" stroke-width="${sw}" stroke-dasharray="${dash}"/>` +
    p`<path d="${d}" stroke="${c.metalLine}" stroke-width="${sw * 0.32}" stroke-dasharray="${hole}" stroke-dashoffset="${-sw * 0.17}"/>` +
    p`<path d="${d}" stroke="${c.metalHi}" stroke-width="${sw * 0.9}" stroke-opacity=".55" stroke-dasharray="${p`${sw * 0.5} ${link + sw * 0.4}`}" stroke-dashoffset="${-sw * 0.2}"/>` +
    `</g>`
  );
}

/** A zip: dark tape with metal teeth. */
function zip(c: Ctx, d: string, width = 7): string {
  return (
    `<path d="${d}" fill="none" stroke="${c.pal.deep}" stroke-width="${f(width)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${c.hw === "none" ? c.pal.stitch : c.metalMid}" stroke-width="${f(width * 0.5)}" stroke-dasharray="1.6 1.4"/>`
  );
}

/** A zip pull hanging from (x, y). */
function zipPull(c: Ctx, x: number, y: number, s: number): string {
  return (
    plate(c, x - s * 0.35, y - s * 0.2, s * 0.7, s * 0.55, s * 0.15) +
    p`<path d="M${x - s * 0.3} ${y + s * 0.3}h${s * 0.6}l${-s * 0.1} ${s * 1.1}h${-s * 0.4}Z" fill="${c.metal}" stroke="${c.metalLine}" stroke-width="1"/>`
  );
}

/** Ground shadow (a flattened ellipse) under a bag. */
function groundShadow(cx: number, cy: number, rx: number, ry: number): string {
  return p`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" fill-opacity=".13"/>`;
}

// ------------------------------------------------------------------ textures

function quiltPattern(c: Ctx, size: number) {
  c.defs.push(
    p`<radialGradient id="${c.id}r"><stop offset="0" stop-color="#fff" stop-opacity=".22"/><stop offset="1" stop-color="#000" stop-opacity=".12"/></radialGradient>` +
      p`<pattern id="${c.id}q" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="${size}" height="${size}" fill="url(#${c.id}r)"/><path d="M0 0H${size}M0 0V${size}" stroke="${c.pal.outline}" stroke-opacity=".55" stroke-width="1.4"/></pattern>`,
  );
  return "q";
}

function crocPattern(c: Ctx) {
  c.defs.push(
    `<pattern id="${c.id}k" width="36" height="26" patternUnits="userSpaceOnUse"><g fill="#fff" fill-opacity=".07" stroke="${c.pal.deep}" stroke-opacity=".6" stroke-width="1.2">` +
      `<rect x="1" y="1" width="16" height="11" rx="4"/><rect x="19" y="1" width="16" height="11" rx="5"/><rect x="-8" y="14" width="16" height="11" rx="4"/><rect x="10" y="14" width="16" height="11" rx="5"/><rect x="28" y="14" width="16" height="11" rx="4"/></g></pattern>`,
  );
  return "k";
}

function sequinPattern(c: Ctx) {
  const { pal } = c;
  c.defs.push(
    `<pattern id="${c.id}s" width="14" height="12" patternUnits="userSpaceOnUse"><g stroke="${pal.dark}" stroke-width=".6">` +
      `<circle r="5.4" fill="${pal.light}"/><circle cx="14" r="5.4" fill="${pal.light}"/><circle cx="7" cy="6" r="5.4" fill="${pal.base}"/><circle cy="12" r="5.4" fill="${pal.light}"/><circle cx="14" cy="12" r="5.4" fill="${pal.light}"/></g>` +
      `<g fill="#fff" fill-opacity=".85"><circle cx="5" cy="10" r="1.3"/><circle cx="12" cy="4" r=".9"/></g></pattern>`,
  );
  return "s";
}

/** Short fur strokes spread over an ellipse (a sunflower spiral: even, deterministic). */
function furStrokes(cx: number, cy: number, rx: number, ry: number, count: number, len: number, offset: number): string {
  let d = "";
  for (let i = 0; i < count; i++) {
    const r = Math.sqrt((i + 0.5) / count) * 0.88;
    const a = (i + offset) * 2.39996;
    const x = cx + rx * r * Math.cos(a);
    const y = cy + ry * r * Math.sin(a);
    const dx = Math.cos(a) * len * (0.4 + r);
    const dy = Math.sin(a) * len * (0.4 + r) + len * 0.35;
    d += p`M${x} ${y}q${dx * 0.2 + len * 0.25} ${dy * 0.5} ${dx} ${dy}`;
  }
  return d;
}

// ------------------------------------------------------------------ styles

type Draw = (c: Ctx) => Drawn;

/** Leather tab with rivets (or a stitched box with no hardware) where a handle meets the body. */
function handleTab(c: Ctx, x: number, y: number, w: number, h: number): string {
  let out = panel(c, rr(x - w / 2, y, w, h, 3), c.pal.dark);
  if (c.hw === "none") out += stitch(c, p`M${x - w / 2 + 3} ${y + 3}h${w - 6}v${h - 6}h${-w + 6}ZM${x - w / 2 + 3} ${y + 3}l${w - 6} ${h - 6}`, 1);
  else out += stud(c, x, y + h * 0.3, 2.6) + stud(c, x, y + h * 0.72, 2.6);
  return out;
}

const toteShopper: Draw = (c) => {
  const { w, h } = c;
  const ins = 0.05 * w;
  const body = p`M0 0H${w}L${w - ins} ${h - 10}Q${w - ins} ${h} ${w - ins - 10} ${h}H${ins + 10}Q${ins} ${h} ${ins} ${h - 10}Z`;
  const peak = -0.6 * h;
  const back = arch([0.31 * w, 8], [0.69 * w, 8], peak - 4, 0.15);
  const front = arch([0.27 * w, 16], [0.73 * w, 16], peak, 0.15);
  const svg =
    strap(c, back.d, 8, c.pal.deep, false) +
    bodyPanel(c, body) +
    stitch(c, p`M6 12H${w - 6}M${ins + 8} ${h - 8}H${w - ins - 8}`) +
    strap(c, front.d, 9) +
    handleTab(c, 0.27 * w, 2, 18, 26) +
    handleTab(c, 0.73 * w, 2, 18, 26);
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
};

const toteEastWest: Draw = (c) => {
  const { w, h } = c;
  const body = p`M6 0H${w - 6}Q${w} 0 ${w} 6V${h - 0.2 * h}Q${w} ${h} ${w - 0.2 * h} ${h}H${0.2 * h}Q0 ${h} 0 ${h - 0.2 * h}V6Q0 0 6 0Z`;
  const peak = -0.62 * h;
  const back = arch([0.33 * w, 6], [0.67 * w, 6], peak - 4, 0.2);
  const front = arch([0.3 * w, 14], [0.7 * w, 14], peak, 0.2);
  const ringY = 0.28 * h;
  const svg =
    strap(c, back.d, 7, c.pal.deep, false) +
    // Side D-ring for a charm, on a small tab.
    panel(c, rr(w - 8, ringY - 6, 16, 12, 3), c.pal.dark) +
    p`<g transform="rotate(90 ${w + 9} ${ringY})">${dRing(c, w + 9, ringY + 2, 7)}</g>` +
    bodyPanel(c, body) +
    zip(c, p`M14 9H${w - 14}`) +
    zipPull(c, w - 18, 11, 12) +
    stitch(c, p`M12 18V${h - 12}M${w - 12} 18V${h - 12}M${0.2 * h} ${h - 7}H${w - 0.2 * h}`) +
    strap(c, front.d, 8) +
    handleTab(c, 0.3 * w, 4, 16, 22) +
    handleTab(c, 0.7 * w, 4, 16, 22);
  return { svg, box: [0, peak - 8, w + 19, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
};

const toteClassic: Draw = (c) => {
  const { w, h } = c;
  const t = 0.08 * w;
  const body = p`M${t} 0H${w - t}L${w} ${h - 8}Q${w} ${h} ${w - 8} ${h}H8Q0 ${h} 0 ${h - 8}Z`;
  const peak = -0.62 * h;
  const back = arch([0.34 * w, -2], [0.66 * w, -2], peak - 4, 0.12);
  const front = arch([0.3 * w, -8], [0.7 * w, -8], peak, 0.12);
  const gusset = `<path d="${p`M${t} 0L${0.17 * w} 2L${0.1 * w} ${h}H0ZM${w - t} 0L${0.83 * w} 2L${0.9 * w} ${h}H${w}Z`}" fill="#000" fill-opacity=".12"/>`;
  const feet = c.hw === "none" ? "" : stud(c, 0.14 * w, h + 1, 5) + stud(c, 0.86 * w, h + 1, 5);
  const svg =
    strap(c, back.d, 7, c.pal.deep, false) +
    feet +
    bodyPanel(c, body) +
    gusset +
    stitch(c, p`M${t + 4} 8H${w - t - 4}M10 ${h - 8}H${w - 10}`) +
    panel(c, rr(0.3 * w - 7, -2, 14, 24, 3), c.pal.dark) +
    panel(c, rr(0.7 * w - 7, -2, 14, 24, 3), c.pal.dark) +
    dRing(c, 0.3 * w, 0, 8) +
    dRing(c, 0.7 * w, 0, 8) +
    strap(c, front.d, 7) +
    plate(c, w / 2 - 11, 0.1 * h, 22, 14, 4) +
    stud(c, w / 2, 0.1 * h + 7, 3);
  return { svg, box: [0, peak - 8, w, h + 6], hang: [0.3 * w, -9], clip: [w / 2, peak - 6] };
};

const toteBucket: Draw = (c) => {
  const { w, h } = c;
  const ry = 0.09 * w;
  const body = p`M0 ${ry}L${0.06 * w} ${h - 0.16 * h}Q${0.5 * w} ${h + 0.05 * h} ${0.94 * w} ${h - 0.16 * h}L${w} ${ry}A${w / 2} ${ry} 0 0 1 0 ${ry}Z`;
  const peak = -0.45 * h;
  const back = arch([0.14 * w, ry], [0.86 * w, ry], peak - 6);
  const front = arch([0.1 * w, ry + 14], [0.9 * w, ry + 14], peak);
  let grommets = "";
  for (let i = 1; i < 6; i++) {
    const a = (i / 6) * Math.PI;
    grommets += stud(c, w / 2 + (w / 2 - 8) * Math.cos(a), ry + 14 + (ry - 2) * Math.sin(a), 3.6);
  }
  const cord = p`M8 ${ry + 14}A${w / 2 - 8} ${ry - 2} 0 0 0 ${w - 8} ${ry + 14}`;
  const tails = p`M${w / 2 - 4} ${2 * ry + 12}q-10 30 -4 ${0.3 * h}M${w / 2 + 4} ${2 * ry + 12}q8 26 6 ${0.26 * h}`;
  const svg =
    strap(c, back.d, 6, c.pal.deep, false) +
    p`<ellipse cx="${w / 2}" cy="${ry}" rx="${w / 2}" ry="${ry}" fill="${c.pal.deep}" stroke="${c.pal.outline}" stroke-width="2"/>` +
    bodyPanel(c, body) +
    stitch(c, p`M${0.09 * w} ${h - 0.2 * h}Q${0.5 * w} ${h - 0.02 * h} ${0.91 * w} ${h - 0.2 * h}`) +
    strap(c, cord, 3, c.pal.dark, false) +
    grommets +
    strap(c, tails, 3, c.pal.dark, false) +
    stud(c, w / 2 - 8, 2 * ry + 12 + 0.3 * h, 5) +
    stud(c, w / 2 + 10, 2 * ry + 12 + 0.26 * h, 5) +
    strap(c, front.d, 6, c.pal.dark, false) +
    ring(c, 0.1 * w, ry + 16, 5, 2.6) +
    ring(c, 0.9 * w, ry + 16, 5, 2.6);
  return { svg, box: [0, peak - 8, w, h + 0.02 * h], hang: front.at(0.1), clip: [w / 2, peak - 6] };
};

const microDuffle: Draw = (c) => {
  const { w, h } = c;
  const r = 0.45 * h;
  const body = rr(0, 0, w, h, r);
  const peak = -0.55 * h;
  const back = arch([0.33 * w, 6], [0.67 * w, 6], peak - 4, 0.15);
  const front = arch([0.29 * w, 12], [0.71 * w, 12], peak, 0.15);
  const svg =
    strap(c, back.d, 9, c.pal.deep, false) +
    bodyPanel(c, body) +
    // Piped end panels.
    p`<path d="M${0.15 * w} 3Q${0.08 * w} ${h / 2} ${0.15 * w} ${h - 3}M${0.85 * w} 3Q${0.92 * w} ${h / 2} ${0.85 * w} ${h - 3}" fill="none" stroke="${c.pal.outline}" stroke-width="2"/>` +
    stitch(c, p`M${0.18 * w} 6Q${0.11 * w} ${h / 2} ${0.18 * w} ${h - 6}M${0.82 * w} 6Q${0.89 * w} ${h / 2} ${0.82 * w} ${h - 6}`) +
    zip(c, p`M${0.2 * w} 10H${0.8 * w}`, 8) +
    zipPull(c, 0.78 * w, 12, 16) +
    strap(c, front.d, 10) +
    handleTab(c, 0.29 * w, 4, 18, 24) +
    handleTab(c, 0.71 * w, 4, 18, 24);
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
};

const microChain: Draw = (c) => {
  const { w, h } = c;
  const tex = quiltPattern(c, 26);
  const flapH = 0.62 * h;
  const body = rr(0, 0, w, h, 10);
  const flap = p`M0 10Q0 0 10 0H${w - 10}Q${w} 0 ${w} 10V${flapH - 18}Q${w} ${flapH} ${w - 18} ${flapH}H18Q0 ${flapH} 0 ${flapH - 18}Z`;
  const peak = -0.95 * h;
  const strapArch = arch([10, 8], [w - 10, 8], peak);
  const svg =
    chain(c, strapArch.d, 7) +
    bodyPanel(c, body, tex) +
    p`<path d="${flap}" fill="${c.fill}"/><path d="${flap}" fill="url(#${c.id}${tex})" stroke="${c.pal.outline}" stroke-width="2"/>` +
    p`<path d="M6 ${flapH + 2}H${w - 6}" stroke="#000" stroke-opacity=".18" stroke-width="4"/>` +
    plate(c, w / 2 - 17, flapH - 11, 34, 20, 5) +
    p`<ellipse cx="${w / 2}" cy="${flapH - 1}" rx="7" ry="5" fill="${c.metalHi}" stroke="${c.metalLine}" stroke-width="1"/>` +
    ring(c, 10, 8, 5, 3) +
    ring(c, w - 10, 8, 5, 3);
  return { svg, box: [0, peak - 8, w, h], hang: strapArch.at(0.15), clip: [w / 2, peak - 5] };
};

const microFur: Draw = (c) => {
  const { w, h } = c;
  const cx = w / 2;
  const cy = h / 2 + 4;
  const rx = w * 0.46;
  const ry = h * 0.44;
  const outline = fluff(cx, cy, rx, ry, 30, 0.09);
  const svg =
    p`<path d="M${cx - 22} ${cy - ry + 6}V${-14}Q${cx} -26 ${cx + 22} -14V${cy - ry + 6}" fill="${c.pal.dark}" stroke="${c.pal.outline}" stroke-width="2"/>` +
    ring(c, cx, -24, 10, 3.4) +
    bodyPanel(c, outline) +
    // A lighter tuft of fluff catching the light, then loose strands.
    `<path d="${fluff(cx - rx * 0.12, cy - ry * 0.14, rx * 0.62, ry * 0.58, 16, 0.14)}" fill="${c.pal.light}" fill-opacity=".45"/>` +
    `<path d="${furStrokes(cx, cy, rx, ry, 26, 11, 0)}" fill="none" stroke="${c.pal.light}" stroke-width="3" stroke-linecap="round"/>` +
    `<path d="${furStrokes(cx, cy + 4, rx, ry, 18, 9, 17)}" fill="none" stroke="${c.pal.dark}" stroke-width="2" stroke-linecap="round" stroke-opacity=".7"/>`;
  return { svg, box: [cx - rx * 1.1, -36, cx + rx * 1.1, cy + ry * 1.1], hang: [cx, -20], clip: [cx, -35] };
};

const microBox: Draw = (c) => {
  const { w, h } = c;
  const tex = crocPattern(c);
  const lidH = 0.34 * h;
  const peak = -0.5 * h;
  const handle = arch([0.3 * w, 2], [0.7 * w, 2], peak, 0.15);
  const svg =
    strap(c, handle.d, 9) +
    ring(c, 0.3 * w, 0, 5, 3) +
    ring(c, 0.7 * w, 0, 5, 3) +
    bodyPanel(c, rr(0, lidH - 4, w, h - lidH + 4, 9), tex) +
    bodyPanel(c, rr(-3, 2, w + 6, lidH, 8), tex) +
    p`<path d="M3 ${lidH + 5}H${w - 3}" stroke="#000" stroke-opacity=".2" stroke-width="4"/>` +
    stitch(c, p`M6 8H${w - 6}M8 ${h - 7}H${w - 8}`) +
    plate(c, w / 2 - 12, lidH - 12, 24, 30, 6) +
    p`<rect x="${w / 2 - 6}" y="${lidH - 1}" width="12" height="8" rx="2" fill="${c.metalHi}" stroke="${c.metalLine}" stroke-width="1"/>`;
  return { svg, box: [-3, peak - 8, w + 3, h], hang: handle.at(0.15), clip: [w / 2, peak - 6] };
};

const microHeart: Draw = (c) => {
  const { w, h } = c;
  const X = (v: number) => v * w;
  const Y = (v: number) => v * h;
  const heart = p`M${X(0.5)} ${Y(0.2)}C${X(0.42)} ${Y(0.02)} ${X(0.2)} ${Y(-0.02)} ${X(0.08)} ${Y(0.1)}C${X(-0.05)} ${Y(0.24)} ${X(-0.02)} ${Y(0.46)} ${X(0.12)} ${Y(0.6)}C${X(0.25)} ${Y(0.74)} ${X(0.42)} ${Y(0.84)} ${X(0.5)} ${Y(1)}C${X(0.58)} ${Y(0.84)} ${X(0.75)} ${Y(0.74)} ${X(0.88)} ${Y(0.6)}C${X(1.02)} ${Y(0.46)} ${X(1.05)} ${Y(0.24)} ${X(0.92)} ${Y(0.1)}C${X(0.8)} ${Y(-0.02)} ${X(0.58)} ${Y(0.02)} ${X(0.5)} ${Y(0.2)}Z`;
  const zipD = p`M${X(0.1)} ${Y(0.3)}C${X(0.1)} ${Y(0.12)} ${X(0.36)} ${Y(0.08)} ${X(0.5)} ${Y(0.27)}C${X(0.64)} ${Y(0.08)} ${X(0.9)} ${Y(0.12)} ${X(0.9)} ${Y(0.3)}`;
  const svg =
    ring(c, X(0.5), Y(0.2) - 18, 11, 3.6) +
    bodyPanel(c, heart) +
    zip(c, zipD, 7) +
    zipPull(c, X(0.12), Y(0.31), 14) +
    p`<path d="M${X(0.16)} ${Y(0.42)}Q${X(0.18)} ${Y(0.6)} ${X(0.36)} ${Y(0.74)}" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="7" stroke-linecap="round"/>` +
    p`<circle cx="${X(0.7)}" cy="${Y(0.42)}" r="6" fill="#fff" fill-opacity=".5"/>`;
  return { svg, box: [X(-0.02), Y(0.2) - 31, X(1.02), h], hang: [X(0.5), Y(0.2) - 18], clip: [X(0.5), Y(0.2) - 30] };
};

const microBucket: Draw = (c) => {
  const { w, h } = c;
  const neck = 0.2 * h;
  const body = p`M${0.16 * w} ${neck}C${0.02 * w} ${0.35 * h} 0 ${0.6 * h} ${0.03 * w} ${h - 0.12 * w}Q${0.05 * w} ${h} ${0.2 * w} ${h}H${0.8 * w}Q${0.95 * w} ${h} ${0.97 * w} ${h - 0.12 * w}C${w} ${0.6 * h} ${0.98 * w} ${0.35 * h} ${0.84 * w} ${neck}Z`;
  let ruffle = p`M${0.16 * w} ${neck}L${0.06 * w} ${0.05 * h}`;
  for (let i = 1; i <= 6; i++) ruffle += p`Q${0.06 * w + (i - 0.5) * 0.147 * w} ${0.05 * h - 14} ${0.06 * w + i * 0.147 * w} ${0.05 * h}`;
  ruffle += p`L${0.84 * w} ${neck}Z`;
  const gathers = [0.25, 0.4, 0.6, 0.75].map((t) => p`M${t * w} ${neck - 2}L${(t - 0.5) * 1.3 * w + 0.5 * w} ${0.07 * h}`).join("");
  const peak = -0.18 * h;
  const loop = arch([0.22 * w, neck - 4], [0.78 * w, neck - 4], peak);
  const svg =
    strap(c, loop.d, 6, c.pal.dark, false) +
    panel(c, ruffle) +
    `<path d="${gathers}" stroke="${c.pal.outline}" stroke-opacity=".5" stroke-width="1.5"/>` +
    bodyPanel(c, body) +
    strap(c, p`M${0.12 * w} ${neck + 4}Q${0.5 * w} ${neck + 18} ${0.88 * w} ${neck + 4}`, 4, c.pal.deep, false) +
    strap(c, p`M${0.46 * w} ${neck + 14}q-14 40 -8 ${0.2 * h}M${0.54 * w} ${neck + 14}q12 34 8 ${0.17 * h}`, 3, c.pal.deep, false) +
    plate(c, 0.38 * w - 9, neck + 14 + 0.2 * h - 6, 18, 24, 8) +
    plate(c, 0.62 * w - 9, neck + 14 + 0.17 * h - 6, 18, 24, 8) +
    stitch(c, p`M${0.08 * w} ${h - 0.1 * h}H${0.92 * w}`) +
    ring(c, 0.5 * w, peak - 4, 8, 3);
  return { svg, box: [0, peak - 13, w, h], hang: loop.at(0.15), clip: [0.5 * w, peak - 12] };
};

const microSaddle: Draw = (c) => {
  const { w, h } = c;
  const body = p`M${0.04 * w} 0H${0.96 * w}C${1.03 * w} ${0.45 * h} ${0.95 * w} ${h} ${0.56 * w} ${h}C${0.2 * w} ${h} ${-0.03 * w} ${0.62 * h} ${0.04 * w} 0Z`;
  const flap = p`M${0.04 * w} 0H${0.96 * w}C${w} ${0.35 * h} ${0.92 * w} ${0.78 * h} ${0.6 * w} ${0.78 * h}C${0.25 * w} ${0.78 * h} ${0.03 * w} ${0.5 * h} ${0.04 * w} 0Z`;
  const peak = -0.5 * h;
  const loop = arch([0.07 * w, 2], [0.93 * w, 2], peak);
  const bx = 0.62 * w;
  const svg =
    strap(c, loop.d, 8) +
    bodyPanel(c, body) +
    panel(c, flap) +
    stitch(c, p`M${0.09 * w} 6H${0.91 * w}C${0.94 * w} ${0.35 * h} ${0.86 * w} ${0.71 * h} ${0.6 * w} ${0.71 * h}C${0.3 * w} ${0.71 * h} ${0.08 * w} ${0.46 * h} ${0.09 * w} 6`) +
    // Strap tab with a buckle.
    panel(c, rr(bx - 9, 0.35 * h, 18, 0.5 * h, 4), c.pal.dark) +
    (c.hw === "none" ? stitch(c, p`M${bx - 12} ${0.56 * h}h24`, 2) : p`<path d="${rr(bx - 13, 0.5 * h, 26, 18, 3)}" fill="none" stroke="${c.metalLine}" stroke-width="6"/><path d="${rr(bx - 13, 0.5 * h, 26, 18, 3)}" fill="none" stroke="${c.metal}" stroke-width="3.8"/>`) +
    p`<path d="M${bx} ${0.5 * h + 2}V${0.5 * h + 16}" stroke="${c.metalMid}" stroke-width="2.4"/>` +
    dRing(c, 0.07 * w, 2, 7) +
    dRing(c, 0.93 * w, 2, 7);
  return { svg, box: [0, peak - 8, w, h], hang: loop.at(0.15), clip: [w / 2, peak - 6] };
};

const microFrame: Draw = (c) => {
  const { w, h } = c;
  const top = 0.16 * h;
  const body = p`M${0.06 * w} ${top}C${-0.06 * w} ${0.45 * h} ${-0.02 * w} ${h} ${0.5 * w} ${h}C${1.02 * w} ${h} ${1.06 * w} ${0.45 * h} ${0.94 * w} ${top}Z`;
  const frame = p`M${0.05 * w} ${top + 2}Q${0.5 * w} ${top - 0.2 * h} ${0.95 * w} ${top + 2}`;
  const peak = -0.45 * h;
  const swag = arch([0.05 * w, top + 2], [0.95 * w, top + 2], peak);
  const ky = top - 0.1 * h;
  const svg =
    chain(c, swag.d, 5) +
    bodyPanel(c, body) +
    stitch(c, p`M${0.08 * w} ${top + 14}C${0.02 * w} ${0.45 * h} ${0.04 * w} ${h - 8} ${0.5 * w} ${h - 8}C${0.96 * w} ${h - 8} ${0.98 * w} ${0.45 * h} ${0.92 * w} ${top + 14}`) +
    `<path d="${frame}" fill="none" stroke="${c.metalLine}" stroke-width="11" stroke-linecap="round"/><path d="${frame}" fill="none" stroke="${c.metal}" stroke-width="8.4" stroke-linecap="round"/>` +
    stud(c, 0.05 * w, top + 2, 7) +
    stud(c, 0.95 * w, top + 2, 7) +
    stud(c, 0.5 * w - 8, ky - 8, 9) +
    stud(c, 0.5 * w + 8, ky - 8, 9) +
    p`<circle cx="${0.5 * w - 11}" cy="${ky - 11}" r="2.6" fill="#fff" fill-opacity=".7"/><circle cx="${0.5 * w + 5}" cy="${ky - 11}" r="2.6" fill="#fff" fill-opacity=".7"/>`;
  return { svg, box: [-0.03 * w, peak - 8, 1.03 * w, h], hang: swag.at(0.15), clip: [w / 2, peak - 6] };
};

const microTote: Draw = (c) => {
  const { w, h } = c;
  const body = p`M-4 0H${w + 4}L${w - 6} ${h - 8}Q${w - 7} ${h} ${w - 16} ${h}H16Q7 ${h} 6 ${h - 8}Z`;
  const peak = -0.62 * h;
  const back = arch([0.32 * w, 8], [0.68 * w, 8], peak - 4, 0.12);
  const front = arch([0.27 * w, 18], [0.73 * w, 18], peak, 0.12);
  const svg =
    strap(c, back.d, 9, c.pal.deep, false) +
    bodyPanel(c, body) +
    p`<path d="M-4 0H${w + 4}L${w + 2.4} 24H-2.4Z" fill="${c.pal.dark}" stroke="${c.pal.outline}" stroke-width="2"/>` +
    stitch(c, p`M4 19H${w - 4}`) +
    panel(c, rr(w / 2 - 24, 0.5 * h, 48, 26, 4), c.pal.light) +
    stitch(c, rr(w / 2 - 20, 0.5 * h + 4, 40, 18, 2), 1) +
    strap(c, front.d, 10) +
    handleTab(c, 0.27 * w, 6, 20, 28) +
    handleTab(c, 0.73 * w, 6, 20, 28);
  return { svg, box: [-4, peak - 8, w + 4, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
};

const microCamera: Draw = (c) => {
  const { w, h } = c;
  const body = p`M0 ${0.25 * h}Q0 0 ${0.2 * w} 0H${0.8 * w}Q${w} 0 ${w} ${0.25 * h}V${h - 8}Q${w} ${h} ${w - 8} ${h}H8Q0 ${h} 0 ${h - 8}Z`;
  const pocketTop = 0.42 * h;
  const peak = -0.6 * h;
  const loop = arch([6, 0.2 * h], [w - 6, 0.2 * h], peak);
  const tx = 0.86 * w;
  const ty = 0.18 * h;
  const svg =
    chain(c, loop.d, 6) +
    bodyPanel(c, body) +
    zip(c, p`M${0.12 * w} ${0.17 * h}Q${0.5 * w} ${0.1 * h} ${0.88 * w} ${0.17 * h}`, 7) +
    panel(c, p`M10 ${pocketTop}H${w - 10}V${h - 10}Q${w - 10} ${h - 6} ${w - 14} ${h - 6}H14Q10 ${h - 6} 10 ${h - 10}Z`) +
    stitch(c, p`M15 ${pocketTop + 6}H${w - 15}`) +
    ring(c, tx, ty + 4, 4, 2.4) +
    `<path d="${p`M${tx - 5} ${ty + 9}h10l5 ${0.5 * h}h-20Z`}" fill="${c.pal.deep}" stroke="${c.pal.outline}" stroke-width="1.5"/>` +
    `<path d="${p`M${tx - 3} ${ty + 18}l-3 ${0.45 * h - 9}M${tx} ${ty + 18}v${0.45 * h - 9}M${tx + 3} ${ty + 18}l3 ${0.45 * h - 9}`}" stroke="${c.pal.dark}" stroke-width="1.4"/>` +
    p`<rect x="${tx - 6}" y="${ty + 9}" width="12" height="6" rx="2" fill="${c.metal}" stroke="${c.metalLine}"/>` +
    ring(c, 6, 0.2 * h, 6, 3) +
    ring(c, w - 6, 0.2 * h, 6, 3);
  return { svg, box: [0, peak - 8, w, ty + 9 + 0.5 * h > h ? ty + 9 + 0.5 * h : h], hang: loop.at(0.15), clip: [w / 2, peak - 5] };
};

const miniTopHandle: Draw = (c) => {
  const { w, h } = c;
  const t = 0.09 * w;
  const body = p`M${t} 0H${w - t}L${w} ${h - 10}Q${w} ${h} ${w - 10} ${h}H10Q0 ${h} 0 ${h - 10}Z`;
  const flapH = 0.56 * h;
  const flap = p`M${t} 0H${w - t}L${w - t + (t * flapH) / h - 2} ${flapH - 10}Q${w - t + (t * flapH) / h - 2} ${flapH} ${w - t - 10} ${flapH}H${t + 10}Q${t - (t * flapH) / h + 2} ${flapH} ${t - (t * flapH) / h + 2} ${flapH - 10}Z`;
  const peak = -0.62 * h;
  const handle = arch([0.3 * w, -4], [0.7 * w, -4], peak, 0.15);
  const feet = c.hw === "none" ? "" : stud(c, 0.12 * w, h + 1, 4.5) + stud(c, 0.88 * w, h + 1, 4.5);
  const svg =
    feet +
    bodyPanel(c, body) +
    panel(c, flap) +
    stitch(c, p`M${t + 6} 6H${w - t - 6}M${t} ${flapH - 6}H${w - t}`) +
    strap(c, handle.d, 9) +
    ring(c, 0.3 * w, -4, 6, 3) +
    ring(c, 0.7 * w, -4, 6, 3) +
    panel(c, rr(0.3 * w - 8, -1, 16, 16, 3), c.pal.dark) +
    panel(c, rr(0.7 * w - 8, -1, 16, 16, 3), c.pal.dark) +
    dRing(c, t + 2, 2, 6) +
    dRing(c, w - t - 2, 2, 6) +
    plate(c, w / 2 - 15, flapH - 10, 30, 20, 5) +
    p`<circle cx="${w / 2}" cy="${flapH}" r="5" fill="${c.metalHi}" stroke="${c.metalLine}"/>`;
  return { svg, box: [0, peak - 8, w, h + 6], hang: handle.at(0.12), clip: [w / 2, peak - 6] };
};

const miniCrossbody: Draw = (c) => {
  const { w, h } = c;
  const body = rr(0, 0, w, h, 16);
  const peak = -1.05 * h;
  const band = arch([5, 10], [w - 5, 10], peak);
  const pocketTop = 0.4 * h;
  const svg =
    strap(c, band.d, 7) +
    bodyPanel(c, body) +
    zip(c, p`M16 12H${w - 16}`) +
    zipPull(c, 0.3 * w, 14, 14) +
    panel(c, p`M8 ${pocketTop}Q${w / 2} ${pocketTop + 14} ${w - 8} ${pocketTop}V${h - 10}Q${w - 8} ${h - 6} ${w - 12} ${h - 6}H12Q8 ${h - 6} 8 ${h - 10}Z`) +
    stitch(c, p`M14 ${pocketTop + 6}Q${w / 2} ${pocketTop + 19} ${w - 14} ${pocketTop + 6}`) +
    ring(c, 5, 10, 6, 3) +
    ring(c, w - 5, 10, 6, 3);
  return { svg, box: [-3, peak - 8, w + 3, h], hang: band.at(0.08), clip: [w / 2, peak - 6] };
};

const clutch: Draw = (c) => {
  const { w, h } = c;
  const body = rr(0, 0, w, h, 7);
  const tip = 0.62 * h;
  const flap = p`M2 4Q2 0 8 0H${w - 8}Q${w - 2} 0 ${w - 2} 4L${w / 2 + 10} ${tip - 4}Q${w / 2} ${tip + 3} ${w / 2 - 10} ${tip - 4}Z`;
  c.defs.push(
    `<linearGradient id="${c.id}g" x2="1" y2=".5"><stop offset=".15" stop-color="#fff" stop-opacity="0"/><stop offset=".3" stop-color="#fff" stop-opacity=".28"/><stop offset=".42" stop-color="#fff" stop-opacity="0"/><stop offset=".7" stop-color="#fff" stop-opacity=".16"/><stop offset=".8" stop-color="#fff" stop-opacity="0"/></linearGradient>`,
  );
  const svg =
    chain(c, p`M${w - 10} 8C${w + 30} -10 ${w + 36} ${h * 0.6} ${w - 6} ${h * 0.45}`, 5) +
    bodyPanel(c, body) +
    `<path d="${body}" fill="url(#${c.id}g)"/>` +
    `<path d="${flap}" fill="${c.fill}" stroke="${c.pal.outline}" stroke-width="2" stroke-linejoin="round"/><path d="${flap}" fill="url(#${c.id}g)"/>` +
    stitch(c, p`M10 6H${w - 10}`) +
    plate(c, w / 2 - 12, tip - 8, 24, 12, 6);
  return { svg, box: [0, -6, w + 26, h], hang: [w / 2, 2], clip: [w / 2, 0] };
};

const sparkleClutch: Draw = (c) => {
  const { w, h } = c;
  const tex = sequinPattern(c);
  const body = rr(0, 0, w, h, 22);
  const s = 11;
  const sx = 0.82 * w;
  const sy = 44;
  let star = "";
  for (let i = 0; i < 10; i++) {
    const a = (i / 10) * Math.PI * 2 - Math.PI / 2;
    const r = i % 2 ? s * 0.45 : s;
    star += p`${i ? "L" : "M"}${sx + r * Math.cos(a)} ${sy + r * Math.sin(a)}`;
  }
  const svg =
    // A wristlet loop hanging from the top corner.
    strap(c, p`M22 12C-4 10 -18 ${h + 16} 2 ${h + 22}C18 ${h + 26} 20 ${h * 0.6} 30 16`, 6, c.pal.deep) +
    bodyPanel(c, body, tex) +
    zip(c, p`M22 13H${w - 22}`, 8) +
    ring(c, sx, 20, 4, 2.4) +
    p`<path d="M${sx} 24V${sy - s}" stroke="${c.metalLine}" stroke-width="2"/>` +
    `<path d="${star}Z" fill="${c.metal}" stroke="${c.metalLine}" stroke-width="1.2" stroke-linejoin="round"/>` +
    p`<path d="M${0.2 * w} ${0.55 * h}l3 -8l3 8l8 3l-8 3l-3 8l-3 -8l-8 -3Z" fill="#fff" fill-opacity=".85"/>`;
  return { svg, box: [-12, -4, w, h + 28], hang: [w / 2, 4], clip: [w / 2, 0] };
};

/** Cat face and bunny face share eyes, nose and cheeks. */
function face(c: Ctx, cx: number, cy: number, s: number, happy: boolean): string {
  const ink = c.pal.lum < 0.12 ? "#f4efe8" : "#2b2220";
  const eyes = happy
    ? p`<path d="M${cx - s * 1.1} ${cy}q${s * 0.3} ${-s * 0.35} ${s * 0.6} 0M${cx + s * 0.5} ${cy}q${s * 0.3} ${-s * 0.35} ${s * 0.6} 0" fill="none" stroke="${ink}" stroke-width="3.4" stroke-linecap="round"/>`
    : p`<circle cx="${cx - s * 0.75}" cy="${cy}" r="${s * 0.17}" fill="${ink}"/><circle cx="${cx + s * 0.75}" cy="${cy}" r="${s * 0.17}" fill="${ink}"/><circle cx="${cx - s * 0.7}" cy="${cy - s * 0.06}" r="${s * 0.06}" fill="#fff"/><circle cx="${cx + s * 0.8}" cy="${cy - s * 0.06}" r="${s * 0.06}" fill="#fff"/>`;
  return (
    eyes +
    p`<ellipse cx="${cx - s * 1.15}" cy="${cy + s * 0.45}" rx="${s * 0.28}" ry="${s * 0.16}" fill="#f08096" fill-opacity=".45"/><ellipse cx="${cx + s * 1.15}" cy="${cy + s * 0.45}" rx="${s * 0.28}" ry="${s * 0.16}" fill="#f08096" fill-opacity=".45"/>` +
    p`<path d="M${cx - s * 0.14} ${cy + s * 0.3}h${s * 0.28}l${-s * 0.14} ${s * 0.16}Z" fill="#e86f88" stroke="#e86f88" stroke-linejoin="round" stroke-width="2"/>` +
    p`<path d="M${cx - s * 0.28} ${cy + s * 0.52}q${s * 0.14} ${s * 0.16} ${s * 0.28} 0q${s * 0.14} ${s * 0.16} ${s * 0.28} 0" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round"/>`
  );
}

const kidsCat: Draw = (c) => {
  const { w, h } = c;
  const cx = w / 2;
  const cy = h * 0.56;
  const rx = w * 0.47;
  const ry = h * 0.42;
  const ear = (s: number) =>
    p`M${cx + s * rx * 0.9} ${cy - ry * 0.35}L${cx + s * rx * 0.78} ${cy - ry * 1.32}L${cx + s * rx * 0.22} ${cy - ry * 0.86}Z`;
  const inner = (s: number) =>
    p`M${cx + s * rx * 0.72} ${cy - ry * 0.6}L${cx + s * rx * 0.72} ${cy - ry * 1.08}L${cx + s * rx * 0.38} ${cy - ry * 0.82}Z`;
  const peak = -0.1 * h;
  const handle = arch([cx - rx * 0.4, cy - ry * 0.8], [cx + rx * 0.4, cy - ry * 0.8], peak, 0.2);
  const wy = cy + ry * 0.12;
  const whiskers = p`M${cx - rx * 0.45} ${wy}l${-rx * 0.65} ${-10}M${cx - rx * 0.45} ${wy + 8}l${-rx * 0.68} 4M${cx - rx * 0.45} ${wy + 16}l${-rx * 0.62} 18M${cx + rx * 0.45} ${wy}l${rx * 0.65} ${-10}M${cx + rx * 0.45} ${wy + 8}l${rx * 0.68} 4M${cx + rx * 0.45} ${wy + 16}l${rx * 0.62} 18`;
  const svg =
    (c.hw === "none" ? strap(c, handle.d, 9) : chain(c, handle.d, 7)) +
    panel(c, ear(-1) + ear(1), c.pal.dark) +
    `<path d="${inner(-1) + inner(1)}" fill="#f4b6c2" stroke="#e58fa3" stroke-width="1.5" stroke-linejoin="round"/>` +
    bodyPanel(c, fluff(cx, cy, rx, ry, 34, 0.05)) +
    `<path d="${furStrokes(cx, cy, rx, ry, 22, 9, 3)}" fill="none" stroke="${c.pal.light}" stroke-width="2" stroke-linecap="round"/>` +
    p`<ellipse cx="${cx}" cy="${cy + ry * 0.3}" rx="${rx * 0.42}" ry="${ry * 0.3}" fill="#fff" fill-opacity=".25"/>` +
    face(c, cx, cy, rx * 0.38, true) +
    `<path d="${whiskers}" fill="none" stroke="${c.pal.lum < 0.12 ? "#f4efe8" : "#4a3b36"}" stroke-width="1.8" stroke-linecap="round"/>`;
  return { svg, box: [cx - rx * 1.14, peak - 8, cx + rx * 1.14, cy + ry * 1.08], hang: handle.at(0.15), clip: [cx, peak - 6] };
};

const kidsBunny: Draw = (c) => {
  const { w, h } = c;
  const cx = w / 2;
  const cy = h * 0.55;
  const rx = w * 0.46;
  const ry = h * 0.45;
  const earL = p`<ellipse cx="${cx - rx * 0.38}" cy="${cy - ry * 1.55}" rx="${rx * 0.2}" ry="${ry * 0.75}" transform="rotate(-12 ${cx - rx * 0.38} ${cy - ry * 0.9})"`;
  const earR = p`<ellipse cx="${cx + rx * 0.42}" cy="${cy - ry * 1.45}" rx="${rx * 0.2}" ry="${ry * 0.72}" transform="rotate(24 ${cx + rx * 0.42} ${cy - ry * 0.9})"`;
  const inL = p`<ellipse cx="${cx - rx * 0.38}" cy="${cy - ry * 1.5}" rx="${rx * 0.09}" ry="${ry * 0.55}" transform="rotate(-12 ${cx - rx * 0.38} ${cy - ry * 0.9})"`;
  const inR = p`<ellipse cx="${cx + rx * 0.42}" cy="${cy - ry * 1.4}" rx="${rx * 0.09}" ry="${ry * 0.52}" transform="rotate(24 ${cx + rx * 0.42} ${cy - ry * 0.9})"`;
  const peak = -0.85 * h;
  const band = arch([cx - rx * 0.98, cy - 4], [cx + rx * 0.98, cy - 4], peak);
  const body = p`M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
  const svg =
    strap(c, band.d, 7) +
    `<g fill="${c.fill}" stroke="${c.pal.outline}" stroke-width="2">${earL}/>${earR}/></g>` +
    `<g fill="#f4b6c2">${inL}/>${inR}/></g>` +
    bodyPanel(c, body) +
    face(c, cx, cy + ry * 0.05, rx * 0.36, false) +
    stitch(c, p`M${cx - rx * 0.8} ${cy + ry * 0.55}Q${cx} ${cy + ry * 0.85} ${cx + rx * 0.8} ${cy + ry * 0.55}`) +
    ring(c, band.at(0)[0], cy - 4, 6, 3) +
    ring(c, band.at(1)[0], cy - 4, 6, 3) +
    p`<circle cx="${cx + rx * 0.62}" cy="${cy + ry * 0.62}" r="${rx * 0.12}" fill="#fff" stroke="${c.pal.outline}" stroke-opacity=".4"/>`;
  return { svg, box: [cx - rx - 3, peak - 8, cx + rx + 3, cy + ry + 1], hang: band.at(0.1), clip: [cx, peak - 6] };
};

const DRAW: Record<ArtStyle, Draw> = {
  "tote-shopper": toteShopper,
  "tote-east-west": toteEastWest,
  "tote-classic": toteClassic,
  "tote-bucket": toteBucket,
  "micro-duffle": microDuffle,
  "micro-chain": microChain,
  "micro-fur": microFur,
  "micro-box": microBox,
  "micro-heart": microHeart,
  "micro-bucket": microBucket,
  "micro-saddle": microSaddle,
  "micro-frame": microFrame,
  "micro-tote": microTote,
  "micro-camera": microCamera,
  "mini-top-handle": miniTopHandle,
  "mini-crossbody": miniCrossbody,
  clutch,
  "kids-sparkle-clutch": sparkleClutch,
  "kids-cat": kidsCat,
  "kids-bunny": kidsBunny,
};

// ------------------------------------------------------------------ public API

export interface BagArtInput {
  style: string;
  /** Six hex digits; one leading '#' and upper case are tolerated and normalised. */
  colourHex: string;
  hardware: string;
}

export interface SizedBagArtInput extends BagArtInput {
  widthCm: number;
  heightCm: number;
}

/** Local units per bag: the front panel is always this wide. */
export const ART_UNITS_WIDE = 200;

function hashId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).slice(0, 5);
}

interface Prepared {
  info: ArtStyleInfo;
  hex: string;
  hardware: Hardware;
  drawn: Drawn;
  defs: string;
}

function prepare(input: BagArtInput, role: string, widthCm?: number, heightCm?: number): Prepared {
  if (!isArtStyle(input.style)) throw new TypeError(`Unknown bag art style: ${JSON.stringify(input.style)}`);
  if (!isHardware(input.hardware)) throw new TypeError(`Unknown hardware: ${JSON.stringify(input.hardware)}`);
  const hex = normaliseHex(input.colourHex);
  const info = STYLE_INFO.get(input.style)!;
  const wCm = widthCm ?? info.widthCm;
  const hCm = heightCm ?? info.heightCm;
  if (!(wCm > 0 && hCm > 0 && Number.isFinite(wCm) && Number.isFinite(hCm) && wCm <= 500 && hCm <= 500)) {
    throw new RangeError(`Invalid dimensions: ${wCm} × ${hCm} cm`);
  }
  const w = ART_UNITS_WIDE;
  // Keep the drawings sane for odd proportions: between 3:1 wide and 1:2 tall.
  const h = w * Math.min(2, Math.max(1 / 3, hCm / wCm));
  const ctx = makeCtx(role + hashId(`${input.style}|${hex}|${input.hardware}|${f(h)}`), w, h, hex, input.hardware);
  const drawn = DRAW[input.style](ctx);
  return { info, hex, hardware: input.hardware, drawn, defs: baseDefs(ctx) };
}

function describe(prep: Prepared): string {
  const finish = prep.hardware === "none" ? "no hardware" : `${prep.hardware} hardware`;
  return `${prep.info.label} in #${prep.hex} with ${finish}`;
}

/** A complete standalone SVG document: one bag, centred on a soft backdrop. */
export function renderBagSvg(input: BagArtInput): string {
  const prep = prepare(input, "a");
  const { drawn } = prep;
  const [x0, y0, x1, y1] = drawn.box;
  const size = 400;
  const room = 304;
  const s = Math.min(room / (x1 - x0), room / (y1 - y0));
  const tx = size / 2 - ((x0 + x1) / 2) * s;
  const ty = size / 2 - 6 - ((y0 + y1) / 2) * s;
  const floor = ty + y1 * s;
  const title = escapeXml(describe(prep));
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">` +
    `<title>${title}</title>` +
    `<defs>${prep.defs}</defs>` +
    `<rect width="${size}" height="${size}" fill="${backdrop(palette(prep.hex).lum)}"/>` +
    groundShadow(size / 2, floor + 4, ((x1 - x0) * s) / 2.1, 9) +
    p`<g transform="translate(${tx} ${ty}) scale(${s.toFixed(4)})" stroke-linejoin="round">${drawn.svg}</g>` +
    `</svg>`
  );
}

export interface CharmOnToteInput {
  tote: SizedBagArtInput;
  charm: SizedBagArtInput;
  label?: string;
}

/** Centimetres of lobster clasp plus chain between the tote's handle and the charm. */
const CLASP_CM = 2.4;
const LINK_CM = 2.2;

function lobsterClasp(x: number, y: number, s: number, hw: Hardware, pal: Palette, metal: string): string {
  // s = clasp height in canvas units. Top hooks the handle; a jump ring below.
  const m = hw === "none" ? null : METALS[hw];
  const line = m ? m[3] : pal.outline;
  const body = p`M${x} ${y}C${x + s * 0.42} ${y} ${x + s * 0.38} ${y + s * 0.75} ${x + s * 0.08} ${y + s * 0.8}H${x - s * 0.08}C${x - s * 0.38} ${y + s * 0.75} ${x - s * 0.42} ${y} ${x} ${y}Z`;
  return (
    `<path d="${body}" fill="${metal}" stroke="${line}" stroke-width="${f(Math.max(0.6, s * 0.05))}"/>` +
    p`<path d="M${x - s * 0.08} ${y + s * 0.2}Q${x - s * 0.02} ${y + s * 0.5} ${x - s * 0.06} ${y + s * 0.7}" fill="none" stroke="${line}" stroke-width="${Math.max(0.5, s * 0.05)}"/>` +
    p`<circle cx="${x}" cy="${y + s * 0.9}" r="${s * 0.11}" fill="none" stroke="${line}" stroke-width="${Math.max(0.6, s * 0.07)}"/>`
  );
}

/**
 * The micro bag clipped to the tote's handle, to scale: both bags are drawn by
 * the same style functions as renderBagSvg, each scaled so that its front panel
 * is widthCm × (pixels per cm) wide. An inline <svg> element (no XML prolog).
 */
export function renderCharmOnToteSvg(input: CharmOnToteInput): string {
  const tote = prepare(input.tote, "t", input.tote.widthCm, input.tote.heightCm);
  const charm = prepare(input.charm, "c", input.charm.widthCm, input.charm.heightCm);

  // Work at 1 unit = 1 cm first (tote panel from x=0), then fit the whole scene.
  const st = input.tote.widthCm / ART_UNITS_WIDE;
  const sc = input.charm.widthCm / ART_UNITS_WIDE;
  const hang: Pt = [tote.drawn.hang[0] * st, tote.drawn.hang[1] * st];
  const claspTop: Pt = [hang[0], hang[1] - CLASP_CM * 0.3];
  const clipAt: Pt = [hang[0], claspTop[1] + CLASP_CM + LINK_CM];
  const charmOrigin: Pt = [clipAt[0] - charm.drawn.clip[0] * sc, clipAt[1] - charm.drawn.clip[1] * sc];

  const tb = tote.drawn.box;
  const cb = charm.drawn.box;
  const x0 = Math.min(tb[0] * st, charmOrigin[0] + cb[0] * sc);
  const y0 = Math.min(tb[1] * st, claspTop[1]);
  const x1 = Math.max(tb[2] * st, charmOrigin[0] + cb[2] * sc);
  const y1 = Math.max(tb[3] * st, charmOrigin[1] + cb[3] * sc);

  const size = 400;
  const room = 330;
  const k = Math.min(room / (x1 - x0), room / (y1 - y0)); // canvas units per cm
  const ox = size / 2 - ((x0 + x1) / 2) * k;
  const oy = size / 2 - 8 - ((y0 + y1) / 2) * k;
  const X = (v: number) => ox + v * k;
  const Y = (v: number) => oy + v * k;

  const toteScale = st * k;
  const charmScale = sc * k;
  const charmPal = palette(charm.hex);
  // The charm's own hardware finish dresses the clasp and chain.
  const charmMetal = charm.hardware === "none" ? null : METALS[charm.hardware];
  const claspPaint = charmMetal ? charmMetal[1] : charmPal.dark;
  const claspS = CLASP_CM * k;
  const linkTop = Y(claspTop[1] + CLASP_CM);
  const linkBottom = Y(clipAt[1]);
  const linkR = Math.max(1.2, 0.28 * k);
  let links = "";
  const line = charmMetal ? charmMetal[3] : charmPal.outline;
  const n = Math.max(2, Math.round((linkBottom - linkTop) / (linkR * 2.6)));
  for (let i = 0; i < n; i++) {
    const cy = linkTop + ((i + 0.5) * (linkBottom - linkTop)) / n;
    links +=
      i % 2
        ? p`<rect x="${X(hang[0]) - linkR * 0.22}" y="${cy - linkR * 1.3}" width="${linkR * 0.44}" height="${linkR * 2.6}" rx="${linkR * 0.22}" fill="${claspPaint}" stroke="${line}" stroke-width=".6"/>`
        : p`<ellipse cx="${X(hang[0])}" cy="${cy}" rx="${linkR * 0.8}" ry="${linkR * 1.3}" fill="none" stroke="${line}" stroke-width="${linkR * 0.55}"/><ellipse cx="${X(hang[0])}" cy="${cy}" rx="${linkR * 0.8}" ry="${linkR * 1.3}" fill="none" stroke="${claspPaint}" stroke-width="${linkR * 0.35}"/>`;
  }

  const label = input.label ?? `${charm.info.label} clipped to a ${tote.info.label.toLowerCase()}, to scale`;
  const titleId = `p${hashId(`${label}|${tote.defs}|${charm.defs}`)}`;
  const totePanelBottom = Y(tote.drawn.box[3] * st);
  const toteCx = X(((tb[0] + tb[2]) / 2) * st);
  const charmCx = X(charmOrigin[0] + ((cb[0] + cb[2]) / 2) * sc);
  const charmCy = Y(charmOrigin[1] + ((cb[1] + cb[3]) / 2) * sc);

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-labelledby="${titleId}">` +
    `<title id="${titleId}">${escapeXml(label)}</title>` +
    `<defs>${tote.defs}${charm.defs}</defs>` +
    `<rect width="${size}" height="${size}" rx="16" fill="${backdrop(palette(tote.hex).lum)}"/>` +
    groundShadow(toteCx, totePanelBottom + 4, ((tb[2] - tb[0]) * toteScale) / 2.1, 8) +
    p`<g data-part="tote" transform="translate(${X(0)} ${Y(0)}) scale(${toteScale.toFixed(4)})" stroke-linejoin="round">${tote.drawn.svg}</g>` +
    // The charm's soft shadow on the tote's front.
    p`<ellipse cx="${charmCx + 4}" cy="${charmCy + 7}" rx="${((cb[2] - cb[0]) * charmScale) / 2.5}" ry="${((cb[3] - cb[1]) * charmScale) / 3}" fill="#000" fill-opacity=".1"/>` +
    links +
    p`<g data-part="charm" transform="translate(${X(charmOrigin[0])} ${Y(charmOrigin[1])}) scale(${charmScale.toFixed(4)})" stroke-linejoin="round">${charm.drawn.svg}</g>` +
    lobsterClasp(X(claspTop[0]), Y(claspTop[1]), claspS, charm.hardware, charmPal, claspPaint) +
    `</svg>`
  );
}
