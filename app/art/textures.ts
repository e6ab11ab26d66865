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
