// Material textures as SVG patterns (registered in the drawing's defs) and strokes.
import { coords, type DrawingContext } from "./primitives";

// ------------------------------------------------------------------ textures

export function quiltPattern(ctx: DrawingContext, size: number) {
  ctx.defs.push(
    coords`<radialGradient id="${ctx.id}r"><stop offset="0" stop-color="#fff" stop-opacity=".22"/><stop offset="1" stop-color="#000" stop-opacity=".12"/></radialGradient>` +
      coords`<pattern id="${ctx.id}q" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="${size}" height="${size}" fill="url(#${ctx.id}r)"/><path d="M0 0H${size}M0 0V${size}" stroke="${ctx.pal.outline}" stroke-opacity=".55" stroke-width="1.4"/></pattern>`,
  );
  return "q";
}

export function crocPattern(ctx: DrawingContext) {
  ctx.defs.push(
    `<pattern id="${ctx.id}k" width="36" height="26" patternUnits="userSpaceOnUse"><g fill="#fff" fill-opacity=".07" stroke="${ctx.pal.deep}" stroke-opacity=".6" stroke-width="1.2">` +
      `<rect x="1" y="1" width="16" height="11" rx="4"/><rect x="19" y="1" width="16" height="11" rx="5"/><rect x="-8" y="14" width="16" height="11" rx="4"/><rect x="10" y="14" width="16" height="11" rx="5"/><rect x="28" y="14" width="16" height="11" rx="4"/></g></pattern>`,
  );
  return "k";
}

export function sequinPattern(ctx: DrawingContext) {
  const { pal } = ctx;
  ctx.defs.push(
    `<pattern id="${ctx.id}s" width="14" height="12" patternUnits="userSpaceOnUse"><g stroke="${pal.dark}" stroke-width=".6">` +
      `<circle r="5.4" fill="${pal.light}"/><circle cx="14" r="5.4" fill="${pal.light}"/><circle cx="7" cy="6" r="5.4" fill="${pal.base}"/><circle cy="12" r="5.4" fill="${pal.light}"/><circle cx="14" cy="12" r="5.4" fill="${pal.light}"/></g>` +
      `<g fill="#fff" fill-opacity=".85"><circle cx="5" cy="10" r="1.3"/><circle cx="12" cy="4" r=".9"/></g></pattern>`,
  );
  return "s";
}

/** Short fur strokes spread over an ellipse (a sunflower spiral: even, deterministic). */
export function furStrokes(cx: number, cy: number, rx: number, ry: number, count: number, len: number, offset: number): string {
  let d = "";
  for (let i = 0; i < count; i++) {
    const r = Math.sqrt((i + 0.5) / count) * 0.88;
    const a = (i + offset) * 2.39996;
    const x = cx + rx * r * Math.cos(a);
    const y = cy + ry * r * Math.sin(a);
    const dx = Math.cos(a) * len * (0.4 + r);
    const dy = Math.sin(a) * len * (0.4 + r) + len * 0.35;
    d += coords`M${x} ${y}q${dx * 0.2 + len * 0.25} ${dy * 0.5} ${dx} ${dy}`;
  }
  return d;
}

/** Canvas: a fine cross-weave of light and dark threads. */
export function canvasWeave(ctx: DrawingContext) {
  ctx.defs.push(
    `<pattern id="${ctx.id}w" width="6" height="6" patternUnits="userSpaceOnUse">` +
      `<path d="M0 1.5H6M0 4.5H6" stroke="#fff" stroke-opacity=".13" stroke-width="1.2"/>` +
      `<path d="M1.5 0V6M4.5 0V6" stroke="#000" stroke-opacity=".09" stroke-width="1.2"/></pattern>`,
  );
  return "w";
}

/** Deck-chair stripes across the body: a dark stripe on a pale bag, a cream one on a dark bag. */
export function stripesPattern(ctx: DrawingContext, height: number) {
  const stripe = ctx.pal.lum > 0.45 ? "#2a3a5e" : "#f3ede0";
  ctx.defs.push(
    coords`<pattern id="${ctx.id}t" width="${height * 2}" height="${height * 2}" patternUnits="userSpaceOnUse"><rect y="${height * 0.5}" width="${height * 2}" height="${height}" fill="${stripe}" fill-opacity=".92"/></pattern>`,
  );
  return "t";
}

/** Glitter: scattered specks in the metal and white, and a few four-point sparkles. */
export function glitterPattern(ctx: DrawingContext) {
  const speck = ctx.hw === "none" ? ctx.pal.light : ctx.metalHi;
  ctx.defs.push(
    `<pattern id="${ctx.id}gl" width="24" height="22" patternUnits="userSpaceOnUse">` +
      `<g fill="${speck}"><circle cx="3" cy="4" r="1.4"/><circle cx="15" cy="2" r="1"/><circle cx="9" cy="11" r="1.6"/><circle cx="20" cy="13" r="1.2"/><circle cx="4" cy="18" r="1"/><circle cx="14" cy="19" r="1.3"/></g>` +
      `<g fill="${ctx.pal.deep}" fill-opacity=".5"><circle cx="11" cy="5" r="1"/><circle cx="21" cy="6" r=".9"/><circle cx="2" cy="11" r=".9"/><circle cx="17" cy="9" r=".8"/><circle cx="9" cy="20" r="1"/></g>` +
      `<path d="M19 17l.9 2.1 2.1.9-2.1.9-.9 2.1-.9-2.1-2.1-.9 2.1-.9Z" fill="#fff"/></pattern>`,
  );
  return "gl";
}
