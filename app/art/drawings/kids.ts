// The kids' bags: sequins, a cat and a bunny.
import {
  arch,
  bodyPanel,
  chain,
  coords,
  fluffyOutline,
  panel,
  ring,
  roundedRect,
  stitching,
  strap,
  zip,
  type Draw,
  type DrawingContext,
} from "../primitives";
import { furStrokes, sequinPattern } from "../textures";

export const sparkleClutch: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = sequinPattern(ctx);
  const body = roundedRect(0, 0, w, h, 22);
  const s = 11;
  const sx = 0.82 * w;
  const sy = 44;
  let star = "";
  for (let i = 0; i < 10; i++) {
    const a = (i / 10) * Math.PI * 2 - Math.PI / 2;
    const r = i % 2 ? s * 0.45 : s;
    star += coords`${i ? "L" : "M"}${sx + r * Math.cos(a)} ${sy + r * Math.sin(a)}`;
  }
  const svg =
    // A wristlet loop hanging from the top corner.
    strap(ctx, coords`M22 12C-4 10 -18 ${h + 16} 2 ${h + 22}C18 ${h + 26} 20 ${h * 0.6} 30 16`, 6, ctx.pal.deep) +
    bodyPanel(ctx, body, tex) +
    zip(ctx, coords`M22 13H${w - 22}`, 8) +
    ring(ctx, sx, 20, 4, 2.4) +
    coords`<path d="M${sx} 24V${sy - s}" stroke="${ctx.metalLine}" stroke-width="2"/>` +
    `<path d="${star}Z" fill="${ctx.metal}" stroke="${ctx.metalLine}" stroke-width="1.2" stroke-linejoin="round"/>` +
    coords`<path d="M${0.2 * w} ${0.55 * h}l3 -8l3 8l8 3l-8 3l-3 8l-3 -8l-8 -3Z" fill="#fff" fill-opacity=".85"/>`;
  return { svg, box: [-12, -4, w, h + 28], hang: [w / 2, 4], clip: [w / 2, 0] };
};

/** Cat face and bunny face share eyes, nose and cheeks. */
export function face(ctx: DrawingContext, cx: number, cy: number, s: number, happy: boolean): string {
  const ink = ctx.pal.lum < 0.12 ? "#f4efe8" : "#2b2220";
  const eyes = happy
    ? coords`<path d="M${cx - s * 1.1} ${cy}q${s * 0.3} ${-s * 0.35} ${s * 0.6} 0M${cx + s * 0.5} ${cy}q${s * 0.3} ${-s * 0.35} ${s * 0.6} 0" fill="none" stroke="${ink}" stroke-width="3.4" stroke-linecap="round"/>`
    : coords`<circle cx="${cx - s * 0.75}" cy="${cy}" r="${s * 0.17}" fill="${ink}"/><circle cx="${cx + s * 0.75}" cy="${cy}" r="${s * 0.17}" fill="${ink}"/><circle cx="${cx - s * 0.7}" cy="${cy - s * 0.06}" r="${s * 0.06}" fill="#fff"/><circle cx="${cx + s * 0.8}" cy="${cy - s * 0.06}" r="${s * 0.06}" fill="#fff"/>`;
  return (
    eyes +
    coords`<ellipse cx="${cx - s * 1.15}" cy="${cy + s * 0.45}" rx="${s * 0.28}" ry="${s * 0.16}" fill="#f08096" fill-opacity=".45"/><ellipse cx="${cx + s * 1.15}" cy="${cy + s * 0.45}" rx="${s * 0.28}" ry="${s * 0.16}" fill="#f08096" fill-opacity=".45"/>` +
    coords`<path d="M${cx - s * 0.14} ${cy + s * 0.3}h${s * 0.28}l${-s * 0.14} ${s * 0.16}Z" fill="#e86f88" stroke="#e86f88" stroke-linejoin="round" stroke-width="2"/>` +
    coords`<path d="M${cx - s * 0.28} ${cy + s * 0.52}q${s * 0.14} ${s * 0.16} ${s * 0.28} 0q${s * 0.14} ${s * 0.16} ${s * 0.28} 0" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round"/>`
  );
}

export const kidsCat: Draw = (ctx) => {
  const { w, h } = ctx;
  const cx = w / 2;
  const cy = h * 0.56;
  const rx = w * 0.47;
  const ry = h * 0.42;
  const ear = (s: number) =>
    coords`M${cx + s * rx * 0.9} ${cy - ry * 0.35}L${cx + s * rx * 0.78} ${cy - ry * 1.32}L${cx + s * rx * 0.22} ${cy - ry * 0.86}Z`;
  const inner = (s: number) =>
    coords`M${cx + s * rx * 0.72} ${cy - ry * 0.6}L${cx + s * rx * 0.72} ${cy - ry * 1.08}L${cx + s * rx * 0.38} ${cy - ry * 0.82}Z`;
  const peak = -0.1 * h;
  const handle = arch([cx - rx * 0.4, cy - ry * 0.8], [cx + rx * 0.4, cy - ry * 0.8], peak, 0.2);
  const wy = cy + ry * 0.12;
  const whiskers = coords`M${cx - rx * 0.45} ${wy}l${-rx * 0.65} ${-10}M${cx - rx * 0.45} ${wy + 8}l${-rx * 0.68} 4M${cx - rx * 0.45} ${wy + 16}l${-rx * 0.62} 18M${cx + rx * 0.45} ${wy}l${rx * 0.65} ${-10}M${cx + rx * 0.45} ${wy + 8}l${rx * 0.68} 4M${cx + rx * 0.45} ${wy + 16}l${rx * 0.62} 18`;
  const svg =
    (ctx.hw === "none" ? strap(ctx, handle.d, 9) : chain(ctx, handle.d, 7)) +
    panel(ctx, ear(-1) + ear(1), ctx.pal.dark) +
    `<path d="${inner(-1) + inner(1)}" fill="#f4b6c2" stroke="#e58fa3" stroke-width="1.5" stroke-linejoin="round"/>` +
    bodyPanel(ctx, fluffyOutline(cx, cy, rx, ry, 34, 0.05)) +
    `<path d="${furStrokes(cx, cy, rx, ry, 22, 9, 3)}" fill="none" stroke="${ctx.pal.light}" stroke-width="2" stroke-linecap="round"/>` +
    coords`<ellipse cx="${cx}" cy="${cy + ry * 0.3}" rx="${rx * 0.42}" ry="${ry * 0.3}" fill="#fff" fill-opacity=".25"/>` +
    face(ctx, cx, cy, rx * 0.38, true) +
    `<path d="${whiskers}" fill="none" stroke="${ctx.pal.lum < 0.12 ? "#f4efe8" : "#4a3b36"}" stroke-width="1.8" stroke-linecap="round"/>`;
  return { svg, box: [cx - rx * 1.14, peak - 8, cx + rx * 1.14, cy + ry * 1.08], hang: handle.at(0.15), clip: [cx, peak - 6] };
};

export const kidsBunny: Draw = (ctx) => {
  const { w, h } = ctx;
  const cx = w / 2;
  const cy = h * 0.55;
  const rx = w * 0.46;
  const ry = h * 0.45;
  const earL = coords`<ellipse cx="${cx - rx * 0.38}" cy="${cy - ry * 1.55}" rx="${rx * 0.2}" ry="${ry * 0.75}" transform="rotate(-12 ${cx - rx * 0.38} ${cy - ry * 0.9})"`;
  const earR = coords`<ellipse cx="${cx + rx * 0.42}" cy="${cy - ry * 1.45}" rx="${rx * 0.2}" ry="${ry * 0.72}" transform="rotate(24 ${cx + rx * 0.42} ${cy - ry * 0.9})"`;
  const inL = coords`<ellipse cx="${cx - rx * 0.38}" cy="${cy - ry * 1.5}" rx="${rx * 0.09}" ry="${ry * 0.55}" transform="rotate(-12 ${cx - rx * 0.38} ${cy - ry * 0.9})"`;
  const inR = coords`<ellipse cx="${cx + rx * 0.42}" cy="${cy - ry * 1.4}" rx="${rx * 0.09}" ry="${ry * 0.52}" transform="rotate(24 ${cx + rx * 0.42} ${cy - ry * 0.9})"`;
  const peak = -0.85 * h;
  const band = arch([cx - rx * 0.98, cy - 4], [cx + rx * 0.98, cy - 4], peak);
  const body = coords`M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
  const svg =
    strap(ctx, band.d, 7) +
    `<g fill="${ctx.fill}" stroke="${ctx.pal.outline}" stroke-width="2">${earL}/>${earR}/></g>` +
    `<g fill="#f4b6c2">${inL}/>${inR}/></g>` +
    bodyPanel(ctx, body) +
    face(ctx, cx, cy + ry * 0.05, rx * 0.36, false) +
    stitching(ctx, coords`M${cx - rx * 0.8} ${cy + ry * 0.55}Q${cx} ${cy + ry * 0.85} ${cx + rx * 0.8} ${cy + ry * 0.55}`) +
    ring(ctx, band.at(0)[0], cy - 4, 6, 3) +
    ring(ctx, band.at(1)[0], cy - 4, 6, 3) +
    coords`<circle cx="${cx + rx * 0.62}" cy="${cy + ry * 0.62}" r="${rx * 0.12}" fill="#fff" stroke="${ctx.pal.outline}" stroke-opacity=".4"/>`;
  return { svg, box: [cx - rx - 3, peak - 8, cx + rx + 3, cy + ry + 1], hang: band.at(0.1), clip: [cx, peak - 6] };
};
