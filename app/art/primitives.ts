// Named shape helpers every drawing is built from: numbers and paths, the
// drawing context (palette, paints, defs), and parts of a bag (panels,
// stitching, straps, rings, chains, zips, plates).
import type { Hardware } from "~/domain/catalog";
import { METALS, paletteFor, type Palette } from "./palette";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// ------------------------------------------------------------------ numbers & paths

/** Coordinates with at most one decimal: keeps the files small and stable. */
export function coord(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

/** Template tag: numbers are rounded, strings pass through. */
export function coords(strings: TemplateStringsArray, ...vals: (number | string)[]): string {
  let out = strings[0]!;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    out += (typeof v === "number" ? coord(v) : v) + strings[i + 1]!;
  }
  return out;
}

export type Point = [number, number];
export type Box = [x0: number, y0: number, x1: number, y1: number];

/** A point on the cubic a→b with both control points at height cy (an arch). */
export function archAt(a: Point, b: Point, cy: number, dx: number, u: number): Point {
  const v = 1 - u;
  const x = v * v * v * a[0] + 3 * v * v * u * (a[0] - dx) + 3 * v * u * u * (b[0] + dx) + u * u * u * b[0];
  const y = v * v * v * a[1] + 3 * v * v * u * cy + 3 * v * u * u * cy + u * u * u * b[1];
  return [x, y];
}

/** An arch from a up to roughly `peak` and down to b, with the control height that reaches it. */
export function arch(a: Point, b: Point, peak: number, flare = 0): { d: string; at: (u: number) => Point } {
  const base = (a[1] + b[1]) / 2;
  const cy = (peak - 0.25 * base) / 0.75;
  const dx = flare * (b[0] - a[0]);
  return {
    d: coords`M${a[0]} ${a[1]}C${a[0] - dx} ${cy} ${b[0] + dx} ${cy} ${b[0]} ${b[1]}`,
    at: (u) => archAt(a, b, cy, dx, u),
  };
}

export function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  return coords`M${x + r} ${y}H${x + w - r}Q${x + w} ${y} ${x + w} ${y + r}V${y + h - r}Q${x + w} ${y + h} ${x + w - r} ${y + h}H${x + r}Q${x} ${y + h} ${x} ${y + h - r}V${y + r}Q${x} ${y} ${x + r} ${y}Z`;
}

/** A bumpy closed outline around an ellipse: fur, fluff. Deterministic irregularity. */
export function fluffyOutline(cx: number, cy: number, rx: number, ry: number, bumps: number, depth: number): string {
  let d = "";
  for (let i = 0; i <= bumps; i++) {
    const a = (i / bumps) * Math.PI * 2 - Math.PI / 2;
    const x = cx + rx * Math.cos(a);
    const y = cy + ry * Math.sin(a);
    if (i === 0) {
      d += coords`M${x} ${y}`;
      continue;
    }
    const am = a - Math.PI / bumps;
    const k = 1 + depth * (0.7 + 0.3 * (((i * 37) % 7) / 6));
    d += coords`Q${cx + rx * k * Math.cos(am)} ${cy + ry * k * Math.sin(am)} ${x} ${y}`;
  }
  return d + "Z";
}

// ------------------------------------------------------------------ drawing context

export interface DrawingContext {
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

export interface Drawn {
  svg: string;
  box: Box;
  /** Where a charm hangs from (totes): on the front handle near its base. */
  hang: Point;
  /** Where this bag is held (charms): the top of its ring, loop or handle. */
  clip: Point;
  /** The close-up's square (local units), when the drawing knows its best part. */
  detail?: Box;
  /** Or just the close-up's centre. */
  detailAt?: Point;
}

export function makeContext(id: string, w: number, h: number, hex: string, hw: Hardware): DrawingContext {
  const pal = paletteFor(hex);
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

export function baseDefs(ctx: DrawingContext): string {
  const { pal } = ctx;
  const m = ctx.hw === "none" ? [pal.light, pal.dark, pal.deep] : METALS[ctx.hw];
  return (
    `<linearGradient id="${ctx.id}b"><stop offset="0" stop-color="${pal.light}"/><stop offset=".45" stop-color="${pal.base}"/><stop offset="1" stop-color="${pal.dark}"/></linearGradient>` +
    `<linearGradient id="${ctx.id}v" x2="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".16"/><stop offset=".4" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".2"/></linearGradient>` +
    `<linearGradient id="${ctx.id}m" x2="1" y2="1"><stop offset="0" stop-color="${m[0]}"/><stop offset=".5" stop-color="${m[1]}"/><stop offset="1" stop-color="${m[2]}"/></linearGradient>` +
    ctx.defs.join("")
  );
}

// ------------------------------------------------------------------ drawing primitives

/** A body panel: gradient fill, darkened outline. */
export function panel(ctx: DrawingContext, d: string, fill = ctx.fill): string {
  return `<path d="${d}" fill="${fill}" stroke="${ctx.pal.outline}" stroke-width="2" stroke-linejoin="round"/>`;
}

/** The main body: panel plus a top-light / bottom-shadow overlay (a long outline is written once and reused). */
export function bodyPanel(ctx: DrawingContext, d: string, texture?: string): string {
  const layers = [ctx.fill, ...(texture ? [`url(#${ctx.id}${texture})`] : []), ctx.shade];
  const last = layers.length - 1;
  const outline = `stroke="${ctx.pal.outline}" stroke-width="2" stroke-linejoin="round"`;
  if (d.length < 160) return layers.map((fill, i) => `<path d="${d}" fill="${fill}"${i === last ? " " + outline : ""}/>`).join("");
  const ref = `${ctx.id}o${ctx.uses++}`;
  ctx.defs.push(`<path id="${ref}" d="${d}"/>`);
  return layers.map((fill, i) => `<use href="#${ref}" fill="${fill}"${i === last ? " " + outline : ""}/>`).join("");
}

export function stitching(ctx: DrawingContext, d: string, width = 1.3): string {
  return `<path d="${d}" fill="none" stroke="${ctx.pal.stitch}" stroke-width="${width}" stroke-dasharray="4 3" stroke-linecap="round"/>`;
}

/** A leather strap or rolled handle along a path. */
export function strap(ctx: DrawingContext, d: string, width: number, colour = ctx.pal.dark, stitched = true): string {
  return (
    `<path d="${d}" fill="none" stroke="${ctx.pal.outline}" stroke-width="${coord(width + 3)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${coord(width)}" stroke-linecap="round"/>` +
    (stitched && width >= 6 ? stitching(ctx, d, 1) : `<path d="${d}" fill="none" stroke="#fff" stroke-opacity=".18" stroke-width="${coord(width / 3)}"/>`)
  );
}

export function ring(ctx: DrawingContext, cx: number, cy: number, r: number, sw = 3.5): string {
  return coords`<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${ctx.metalLine}" stroke-width="${sw + 1.6}"/><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${ctx.metal}" stroke-width="${sw}"/>`;
}

export function stud(ctx: DrawingContext, cx: number, cy: number, r: number): string {
  return coords`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${ctx.metal}" stroke="${ctx.metalLine}" stroke-width="1"/>`;
}

/** A metal plate (clasp, lock, buckle); with no hardware a stitched leather tab. */
export function plate(ctx: DrawingContext, x: number, y: number, w: number, h: number, r: number): string {
  const d = roundedRect(x, y, w, h, r);
  return `<path d="${d}" fill="${ctx.metal}" stroke="${ctx.metalLine}" stroke-width="1.2"/>`;
}

/** A D-ring standing on a point, opening upward. */
export function dRing(ctx: DrawingContext, x: number, y: number, s: number): string {
  const d = coords`M${x - s} ${y}H${x + s}Q${x + s} ${y - 1.6 * s} ${x} ${y - 1.6 * s}Q${x - s} ${y - 1.6 * s} ${x - s} ${y}Z`;
  return (
    `<path d="${d}" fill="none" stroke="${ctx.metalLine}" stroke-width="${coord(s * 0.55 + 1.6)}" stroke-linejoin="round"/>` +
    `<path d="${d}" fill="none" stroke="${ctx.metal}" stroke-width="${coord(s * 0.55)}" stroke-linejoin="round"/>`
  );
}

/** A chain along a path: capsule links with dark holes; a leather cord with no hardware. */
export function chain(ctx: DrawingContext, d: string, sw = 6): string {
  if (ctx.hw === "none") return strap(ctx, d, sw, ctx.pal.dark, false);
  const link = sw * 1.9;
  const dash = coords`${link} ${sw * 0.9}`;
  const hole = coords`${link - sw * 0.35} ${sw * 1.25}`;
  return (
    `<g fill="none" stroke-linecap="round">` +
    coords`<path d="${d}" stroke="${ctx.metalLine}" stroke-width="${sw + 1.8}" stroke-dasharray="${dash}"/>` +
    coords`<path d="${d}" stroke="${ctx.metalMid}" stroke-width="${sw}" stroke-dasharray="${dash}"/>` +
    coords`<path d="${d}" stroke="${ctx.metalLine}" stroke-width="${sw * 0.32}" stroke-dasharray="${hole}" stroke-dashoffset="${-sw * 0.17}"/>` +
    coords`<path d="${d}" stroke="${ctx.metalHi}" stroke-width="${sw * 0.9}" stroke-opacity=".55" stroke-dasharray="${coords`${sw * 0.5} ${link + sw * 0.4}`}" stroke-dashoffset="${-sw * 0.2}"/>` +
    `</g>`
  );
}

/** A zip: dark tape with metal teeth. */
export function zip(ctx: DrawingContext, d: string, width = 7): string {
  return (
    `<path d="${d}" fill="none" stroke="${ctx.pal.deep}" stroke-width="${coord(width)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${ctx.hw === "none" ? ctx.pal.stitch : ctx.metalMid}" stroke-width="${coord(width * 0.5)}" stroke-dasharray="1.6 1.4"/>`
  );
}

/** A zip pull hanging from (x, y). */
export function zipPull(ctx: DrawingContext, x: number, y: number, s: number): string {
  return (
    plate(ctx, x - s * 0.35, y - s * 0.2, s * 0.7, s * 0.55, s * 0.15) +
    coords`<path d="M${x - s * 0.3} ${y + s * 0.3}h${s * 0.6}l${-s * 0.1} ${s * 1.1}h${-s * 0.4}Z" fill="${ctx.metal}" stroke="${ctx.metalLine}" stroke-width="1"/>`
  );
}

/** Ground shadow (a flattened ellipse) under a bag. */
export function groundShadow(cx: number, cy: number, rx: number, ry: number): string {
  return coords`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" fill-opacity=".13"/>`;
}

export type Draw = (ctx: DrawingContext) => Drawn;

/** Leather tab with rivets (or a stitched box with no hardware) where a handle meets the body. */
export function handleTab(ctx: DrawingContext, x: number, y: number, w: number, h: number, colour = ctx.pal.dark): string {
  let out = panel(ctx, roundedRect(x - w / 2, y, w, h, 3), colour);
  if (ctx.hw === "none") out += stitching(ctx, coords`M${x - w / 2 + 3} ${y + 3}h${w - 6}v${h - 6}h${-w + 6}ZM${x - w / 2 + 3} ${y + 3}l${w - 6} ${h - 6}`, 1);
  else out += stud(ctx, x, y + h * 0.3, 2.6) + stud(ctx, x, y + h * 0.72, 2.6);
  return out;
}

/** A twisted cotton rope along a path (beach tote handles): natural colour, diagonal twists. */
export function rope(ctx: DrawingContext, d: string, width: number): string {
  return (
    `<path d="${d}" fill="none" stroke="#8c7a5c" stroke-width="${coord(width + 2.6)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="#e6d7b4" stroke-width="${coord(width)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="#b59d72" stroke-width="${coord(width)}" stroke-dasharray="${coord(width * 0.28)} ${coord(width * 0.45)}"/>` +
    `<path d="${d}" fill="none" stroke="#fff" stroke-opacity=".35" stroke-width="${coord(width * 0.25)}" stroke-dasharray="${coord(width * 0.3)} ${coord(width * 0.43)}"/>`
  );
}

/** A soft fold or crease: a shadow line with a highlight beside it. */
export function fold(d: string, width = 2): string {
  return (
    `<path d="${d}" fill="none" stroke="#000" stroke-opacity=".18" stroke-width="${coord(width)}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="#fff" stroke-opacity=".16" stroke-width="${coord(width * 0.8)}" stroke-linecap="round" transform="translate(2 1)"/>`
  );
}

/** A glossy sheen across a panel (patent, croc, metallic): a soft diagonal band of light. */
export function sheen(ctx: DrawingContext, d: string, strength = 0.3): string {
  ctx.defs.push(
    `<linearGradient id="${ctx.id}h" x2="1" y2="1"><stop offset=".18" stop-color="#fff" stop-opacity="0"/><stop offset=".32" stop-color="#fff" stop-opacity="${strength}"/><stop offset=".46" stop-color="#fff" stop-opacity="0"/></linearGradient>`,
  );
  return `<path d="${d}" fill="url(#${ctx.id}h)"/>`;
}

/** A five-point star of outer radius r (inner radius r × ratio). */
export function starPath(cx: number, cy: number, r: number, ratio = 0.45): string {
  let d = "";
  for (let i = 0; i < 10; i++) {
    const a = (i / 10) * Math.PI * 2 - Math.PI / 2;
    const radius = i % 2 ? r * ratio : r;
    d += coords`${i ? "L" : "M"}${cx + radius * Math.cos(a)} ${cy + radius * Math.sin(a)}`;
  }
  return d + "Z";
}
