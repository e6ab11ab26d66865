// Micro bags: 5–10 cm bags that clip onto a tote's handle.
import {
  arch,
  bodyPanel,
  chain,
  coords,
  dRing,
  fluffyOutline,
  handleTab,
  panel,
  plate,
  ring,
  roundedRect,
  stitching,
  strap,
  stud,
  zip,
  zipPull,
  sheen,
  starPath,
  type Box,
  type Point,
  type Draw,
  type DrawingContext,
} from "../primitives";
import { crocPattern, furStrokes, glitterPattern, quiltPattern } from "../textures";

/** A duffle, optionally in a textured material (glitter). */
function duffle(ctx: DrawingContext, texture?: string) {
  const { w, h } = ctx;
  const r = 0.45 * h;
  const body = roundedRect(0, 0, w, h, r);
  const peak = -0.55 * h;
  const back = arch([0.33 * w, 6], [0.67 * w, 6], peak - 4, 0.15);
  const front = arch([0.29 * w, 12], [0.71 * w, 12], peak, 0.15);
  const svg =
    strap(ctx, back.d, 9, ctx.pal.deep, false) +
    bodyPanel(ctx, body, texture) +
    // Piped end panels.
    coords`<path d="M${0.15 * w} 3Q${0.08 * w} ${h / 2} ${0.15 * w} ${h - 3}M${0.85 * w} 3Q${0.92 * w} ${h / 2} ${0.85 * w} ${h - 3}" fill="none" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    stitching(ctx, coords`M${0.18 * w} 6Q${0.11 * w} ${h / 2} ${0.18 * w} ${h - 6}M${0.82 * w} 6Q${0.89 * w} ${h / 2} ${0.82 * w} ${h - 6}`) +
    zip(ctx, coords`M${0.2 * w} 10H${0.8 * w}`, 8) +
    zipPull(ctx, 0.78 * w, 12, 16) +
    strap(ctx, front.d, 10) +
    handleTab(ctx, 0.29 * w, 4, 18, 24) +
    handleTab(ctx, 0.71 * w, 4, 18, 24);
  return { svg, box: [0, peak - 8, w, h] as Box, hang: front.at(0.12), clip: [w / 2, peak - 6] as Point };
}

export const microDuffle: Draw = (ctx) => duffle(ctx);

/** The holiday duffle: the same shape in champagne glitter, with a star on its zip. */
export const microGlitterDuffle: Draw = (ctx) => {
  const drawn = duffle(ctx, glitterPattern(ctx));
  const { w, h } = ctx;
  const star = starPath(0.5 * w, 0.55 * h, 16, 0.45);
  return {
    ...drawn,
    svg: drawn.svg + `<path d="${star}" fill="${ctx.metal}" stroke="${ctx.metalLine}" stroke-width="1.5" stroke-linejoin="round"/>` + sheen(ctx, roundedRect(0, 0, w, h, 0.45 * h), 0.35),
    detailAt: [0.5 * w, 0.4 * h],
  };
};

export const microChain: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = quiltPattern(ctx, 26);
  const flapH = 0.62 * h;
  const body = roundedRect(0, 0, w, h, 10);
  const flap = coords`M0 10Q0 0 10 0H${w - 10}Q${w} 0 ${w} 10V${flapH - 18}Q${w} ${flapH} ${w - 18} ${flapH}H18Q0 ${flapH} 0 ${flapH - 18}Z`;
  const peak = -0.95 * h;
  const strapArch = arch([10, 8], [w - 10, 8], peak);
  const svg =
    chain(ctx, strapArch.d, 7) +
    bodyPanel(ctx, body, tex) +
    coords`<path d="${flap}" fill="${ctx.fill}"/><path d="${flap}" fill="url(#${ctx.id}${tex})" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    coords`<path d="M6 ${flapH + 2}H${w - 6}" stroke="#000" stroke-opacity=".18" stroke-width="4"/>` +
    plate(ctx, w / 2 - 17, flapH - 11, 34, 20, 5) +
    coords`<ellipse cx="${w / 2}" cy="${flapH - 1}" rx="7" ry="5" fill="${ctx.metalHi}" stroke="${ctx.metalLine}" stroke-width="1"/>` +
    ring(ctx, 10, 8, 5, 3) +
    ring(ctx, w - 10, 8, 5, 3);
  return { svg, box: [0, peak - 8, w, h], hang: strapArch.at(0.15), clip: [w / 2, peak - 5], detailAt: [w / 2, flapH - 6] };
};

export const microFur: Draw = (ctx) => {
  const { w, h } = ctx;
  const cx = w / 2;
  const cy = h / 2 + 4;
  const rx = w * 0.46;
  const ry = h * 0.44;
  const outline = fluffyOutline(cx, cy, rx, ry, 30, 0.09);
  const svg =
    coords`<path d="M${cx - 22} ${cy - ry + 6}V${-14}Q${cx} -26 ${cx + 22} -14V${cy - ry + 6}" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    ring(ctx, cx, -24, 10, 3.4) +
    bodyPanel(ctx, outline) +
    // A lighter tuft of fluff catching the light, then loose strands.
    `<path d="${fluffyOutline(cx - rx * 0.12, cy - ry * 0.14, rx * 0.62, ry * 0.58, 16, 0.14)}" fill="${ctx.pal.light}" fill-opacity=".45"/>` +
    `<path d="${furStrokes(cx, cy, rx, ry, 26, 11, 0)}" fill="none" stroke="${ctx.pal.light}" stroke-width="3" stroke-linecap="round"/>` +
    `<path d="${furStrokes(cx, cy + 4, rx, ry, 18, 9, 17)}" fill="none" stroke="${ctx.pal.dark}" stroke-width="2" stroke-linecap="round" stroke-opacity=".7"/>`;
  return { svg, box: [cx - rx * 1.1, -36, cx + rx * 1.1, cy + ry * 1.1], hang: [cx, -20], clip: [cx, -35] };
};

export const microBox: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = crocPattern(ctx);
  const lidH = 0.34 * h;
  const peak = -0.5 * h;
  const handle = arch([0.3 * w, 2], [0.7 * w, 2], peak, 0.15);
  const svg =
    strap(ctx, handle.d, 9) +
    ring(ctx, 0.3 * w, 0, 5, 3) +
    ring(ctx, 0.7 * w, 0, 5, 3) +
    bodyPanel(ctx, roundedRect(0, lidH - 4, w, h - lidH + 4, 9), tex) +
    bodyPanel(ctx, roundedRect(-3, 2, w + 6, lidH, 8), tex) +
    coords`<path d="M3 ${lidH + 5}H${w - 3}" stroke="#000" stroke-opacity=".2" stroke-width="4"/>` +
    stitching(ctx, coords`M6 8H${w - 6}M8 ${h - 7}H${w - 8}`) +
    plate(ctx, w / 2 - 12, lidH - 12, 24, 30, 6) +
    coords`<rect x="${w / 2 - 6}" y="${lidH - 1}" width="12" height="8" rx="2" fill="${ctx.metalHi}" stroke="${ctx.metalLine}" stroke-width="1"/>`;
  return { svg, box: [-3, peak - 8, w + 3, h], hang: handle.at(0.15), clip: [w / 2, peak - 6] };
};

export const microHeart: Draw = (ctx) => {
  const { w, h } = ctx;
  const X = (v: number) => v * w;
  const Y = (v: number) => v * h;
  const heart = coords`M${X(0.5)} ${Y(0.2)}C${X(0.42)} ${Y(0.02)} ${X(0.2)} ${Y(-0.02)} ${X(0.08)} ${Y(0.1)}C${X(-0.05)} ${Y(0.24)} ${X(-0.02)} ${Y(0.46)} ${X(0.12)} ${Y(0.6)}C${X(0.25)} ${Y(0.74)} ${X(0.42)} ${Y(0.84)} ${X(0.5)} ${Y(1)}C${X(0.58)} ${Y(0.84)} ${X(0.75)} ${Y(0.74)} ${X(0.88)} ${Y(0.6)}C${X(1.02)} ${Y(0.46)} ${X(1.05)} ${Y(0.24)} ${X(0.92)} ${Y(0.1)}C${X(0.8)} ${Y(-0.02)} ${X(0.58)} ${Y(0.02)} ${X(0.5)} ${Y(0.2)}Z`;
  const zipD = coords`M${X(0.1)} ${Y(0.3)}C${X(0.1)} ${Y(0.12)} ${X(0.36)} ${Y(0.08)} ${X(0.5)} ${Y(0.27)}C${X(0.64)} ${Y(0.08)} ${X(0.9)} ${Y(0.12)} ${X(0.9)} ${Y(0.3)}`;
  const svg =
    ring(ctx, X(0.5), Y(0.2) - 18, 11, 3.6) +
    bodyPanel(ctx, heart) +
    zip(ctx, zipD, 7) +
    zipPull(ctx, X(0.12), Y(0.31), 14) +
    coords`<path d="M${X(0.16)} ${Y(0.42)}Q${X(0.18)} ${Y(0.6)} ${X(0.36)} ${Y(0.74)}" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="7" stroke-linecap="round"/>` +
    coords`<circle cx="${X(0.7)}" cy="${Y(0.42)}" r="6" fill="#fff" fill-opacity=".5"/>`;
  return { svg, box: [X(-0.02), Y(0.2) - 31, X(1.02), h], hang: [X(0.5), Y(0.2) - 18], clip: [X(0.5), Y(0.2) - 30] };
};

export const microBucket: Draw = (ctx) => {
  const { w, h } = ctx;
  const neck = 0.2 * h;
  const body = coords`M${0.16 * w} ${neck}C${0.02 * w} ${0.35 * h} 0 ${0.6 * h} ${0.03 * w} ${h - 0.12 * w}Q${0.05 * w} ${h} ${0.2 * w} ${h}H${0.8 * w}Q${0.95 * w} ${h} ${0.97 * w} ${h - 0.12 * w}C${w} ${0.6 * h} ${0.98 * w} ${0.35 * h} ${0.84 * w} ${neck}Z`;
  let ruffle = coords`M${0.16 * w} ${neck}L${0.06 * w} ${0.05 * h}`;
  for (let i = 1; i <= 6; i++) ruffle += coords`Q${0.06 * w + (i - 0.5) * 0.147 * w} ${0.05 * h - 14} ${0.06 * w + i * 0.147 * w} ${0.05 * h}`;
  ruffle += coords`L${0.84 * w} ${neck}Z`;
  const gathers = [0.25, 0.4, 0.6, 0.75].map((t) => coords`M${t * w} ${neck - 2}L${(t - 0.5) * 1.3 * w + 0.5 * w} ${0.07 * h}`).join("");
  const peak = -0.18 * h;
  const loop = arch([0.22 * w, neck - 4], [0.78 * w, neck - 4], peak);
  const svg =
    strap(ctx, loop.d, 6, ctx.pal.dark, false) +
    panel(ctx, ruffle) +
    `<path d="${gathers}" stroke="${ctx.pal.outline}" stroke-opacity=".5" stroke-width="1.5"/>` +
    bodyPanel(ctx, body) +
    strap(ctx, coords`M${0.12 * w} ${neck + 4}Q${0.5 * w} ${neck + 18} ${0.88 * w} ${neck + 4}`, 4, ctx.pal.deep, false) +
    strap(ctx, coords`M${0.46 * w} ${neck + 14}q-14 40 -8 ${0.2 * h}M${0.54 * w} ${neck + 14}q12 34 8 ${0.17 * h}`, 3, ctx.pal.deep, false) +
    plate(ctx, 0.38 * w - 9, neck + 14 + 0.2 * h - 6, 18, 24, 8) +
    plate(ctx, 0.62 * w - 9, neck + 14 + 0.17 * h - 6, 18, 24, 8) +
    stitching(ctx, coords`M${0.08 * w} ${h - 0.1 * h}H${0.92 * w}`) +
    ring(ctx, 0.5 * w, peak - 4, 8, 3);
  return { svg, box: [0, peak - 13, w, h], hang: loop.at(0.15), clip: [0.5 * w, peak - 12], detailAt: [0.5 * w, neck + 30] };
};

export const microSaddle: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M${0.04 * w} 0H${0.96 * w}C${1.03 * w} ${0.45 * h} ${0.95 * w} ${h} ${0.56 * w} ${h}C${0.2 * w} ${h} ${-0.03 * w} ${0.62 * h} ${0.04 * w} 0Z`;
  const flap = coords`M${0.04 * w} 0H${0.96 * w}C${w} ${0.35 * h} ${0.92 * w} ${0.78 * h} ${0.6 * w} ${0.78 * h}C${0.25 * w} ${0.78 * h} ${0.03 * w} ${0.5 * h} ${0.04 * w} 0Z`;
  const peak = -0.5 * h;
  const loop = arch([0.07 * w, 2], [0.93 * w, 2], peak);
  const bx = 0.62 * w;
  const svg =
    strap(ctx, loop.d, 8) +
    bodyPanel(ctx, body) +
    panel(ctx, flap) +
    stitching(ctx, coords`M${0.09 * w} 6H${0.91 * w}C${0.94 * w} ${0.35 * h} ${0.86 * w} ${0.71 * h} ${0.6 * w} ${0.71 * h}C${0.3 * w} ${0.71 * h} ${0.08 * w} ${0.46 * h} ${0.09 * w} 6`) +
    // Strap tab with a buckle.
    panel(ctx, roundedRect(bx - 9, 0.35 * h, 18, 0.5 * h, 4), ctx.pal.dark) +
    (ctx.hw === "none" ? stitching(ctx, coords`M${bx - 12} ${0.56 * h}h24`, 2) : coords`<path d="${roundedRect(bx - 13, 0.5 * h, 26, 18, 3)}" fill="none" stroke="${ctx.metalLine}" stroke-width="6"/><path d="${roundedRect(bx - 13, 0.5 * h, 26, 18, 3)}" fill="none" stroke="${ctx.metal}" stroke-width="3.8"/>`) +
    coords`<path d="M${bx} ${0.5 * h + 2}V${0.5 * h + 16}" stroke="${ctx.metalMid}" stroke-width="2.4"/>` +
    dRing(ctx, 0.07 * w, 2, 7) +
    dRing(ctx, 0.93 * w, 2, 7);
  return { svg, box: [0, peak - 8, w, h], hang: loop.at(0.15), clip: [w / 2, peak - 6], detailAt: [bx, 0.55 * h] };
};

export const microFrame: Draw = (ctx) => {
  const { w, h } = ctx;
  const top = 0.16 * h;
  const body = coords`M${0.06 * w} ${top}C${-0.06 * w} ${0.45 * h} ${-0.02 * w} ${h} ${0.5 * w} ${h}C${1.02 * w} ${h} ${1.06 * w} ${0.45 * h} ${0.94 * w} ${top}Z`;
  const frame = coords`M${0.05 * w} ${top + 2}Q${0.5 * w} ${top - 0.2 * h} ${0.95 * w} ${top + 2}`;
  const peak = -0.45 * h;
  const swag = arch([0.05 * w, top + 2], [0.95 * w, top + 2], peak);
  const ky = top - 0.1 * h;
  const svg =
    chain(ctx, swag.d, 5) +
    bodyPanel(ctx, body) +
    stitching(ctx, coords`M${0.08 * w} ${top + 14}C${0.02 * w} ${0.45 * h} ${0.04 * w} ${h - 8} ${0.5 * w} ${h - 8}C${0.96 * w} ${h - 8} ${0.98 * w} ${0.45 * h} ${0.92 * w} ${top + 14}`) +
    `<path d="${frame}" fill="none" stroke="${ctx.metalLine}" stroke-width="11" stroke-linecap="round"/><path d="${frame}" fill="none" stroke="${ctx.metal}" stroke-width="8.4" stroke-linecap="round"/>` +
    stud(ctx, 0.05 * w, top + 2, 7) +
    stud(ctx, 0.95 * w, top + 2, 7) +
    stud(ctx, 0.5 * w - 8, ky - 8, 9) +
    stud(ctx, 0.5 * w + 8, ky - 8, 9) +
    coords`<circle cx="${0.5 * w - 11}" cy="${ky - 11}" r="2.6" fill="#fff" fill-opacity=".7"/><circle cx="${0.5 * w + 5}" cy="${ky - 11}" r="2.6" fill="#fff" fill-opacity=".7"/>`;
  return { svg, box: [-0.03 * w, peak - 8, 1.03 * w, h], hang: swag.at(0.15), clip: [w / 2, peak - 6] };
};

export const microTote: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M-4 0H${w + 4}L${w - 6} ${h - 8}Q${w - 7} ${h} ${w - 16} ${h}H16Q7 ${h} 6 ${h - 8}Z`;
  const peak = -0.62 * h;
  const back = arch([0.32 * w, 8], [0.68 * w, 8], peak - 4, 0.12);
  const front = arch([0.27 * w, 18], [0.73 * w, 18], peak, 0.12);
  const svg =
    strap(ctx, back.d, 9, ctx.pal.deep, false) +
    bodyPanel(ctx, body) +
    coords`<path d="M-4 0H${w + 4}L${w + 2.4} 24H-2.4Z" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    stitching(ctx, coords`M4 19H${w - 4}`) +
    panel(ctx, roundedRect(w / 2 - 24, 0.5 * h, 48, 26, 4), ctx.pal.light) +
    stitching(ctx, roundedRect(w / 2 - 20, 0.5 * h + 4, 40, 18, 2), 1) +
    strap(ctx, front.d, 10) +
    handleTab(ctx, 0.27 * w, 6, 20, 28) +
    handleTab(ctx, 0.73 * w, 6, 20, 28);
  return { svg, box: [-4, peak - 8, w + 4, h], hang: front.at(0.12), clip: [w / 2, peak - 6], detailAt: [0.5 * w, 0.5 * h] };
};

export const microCamera: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M0 ${0.25 * h}Q0 0 ${0.2 * w} 0H${0.8 * w}Q${w} 0 ${w} ${0.25 * h}V${h - 8}Q${w} ${h} ${w - 8} ${h}H8Q0 ${h} 0 ${h - 8}Z`;
  const pocketTop = 0.42 * h;
  const peak = -0.6 * h;
  const loop = arch([6, 0.2 * h], [w - 6, 0.2 * h], peak);
  const tx = 0.86 * w;
  const ty = 0.18 * h;
  const svg =
    chain(ctx, loop.d, 6) +
    bodyPanel(ctx, body) +
    zip(ctx, coords`M${0.12 * w} ${0.17 * h}Q${0.5 * w} ${0.1 * h} ${0.88 * w} ${0.17 * h}`, 7) +
    panel(ctx, coords`M10 ${pocketTop}H${w - 10}V${h - 10}Q${w - 10} ${h - 6} ${w - 14} ${h - 6}H14Q10 ${h - 6} 10 ${h - 10}Z`) +
    stitching(ctx, coords`M15 ${pocketTop + 6}H${w - 15}`) +
    ring(ctx, tx, ty + 4, 4, 2.4) +
    `<path d="${coords`M${tx - 5} ${ty + 9}h10l5 ${0.5 * h}h-20Z`}" fill="${ctx.pal.deep}" stroke="${ctx.pal.outline}" stroke-width="1.5"/>` +
    `<path d="${coords`M${tx - 3} ${ty + 18}l-3 ${0.45 * h - 9}M${tx} ${ty + 18}v${0.45 * h - 9}M${tx + 3} ${ty + 18}l3 ${0.45 * h - 9}`}" stroke="${ctx.pal.dark}" stroke-width="1.4"/>` +
    coords`<rect x="${tx - 6}" y="${ty + 9}" width="12" height="6" rx="2" fill="${ctx.metal}" stroke="${ctx.metalLine}"/>` +
    ring(ctx, 6, 0.2 * h, 6, 3) +
    ring(ctx, w - 6, 0.2 * h, 6, 3);
  return { svg, box: [0, peak - 8, w, ty + 9 + 0.5 * h > h ? ty + 9 + 0.5 * h : h], hang: loop.at(0.15), clip: [w / 2, peak - 5], detailAt: [0.72 * w, 0.45 * h] };
};

/** Smooth calfskin flap on a chain: a rounded flap with a turn-lock, no quilting. */
export const microFlap: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = roundedRect(0, 0, w, h, 8);
  const flapH = 0.72 * h;
  const flap = coords`M0 8Q0 0 8 0H${w - 8}Q${w} 0 ${w} 8V${flapH * 0.55}C${w} ${flapH} ${0.75 * w} ${flapH} ${0.5 * w} ${flapH}C${0.25 * w} ${flapH} 0 ${flapH} 0 ${flapH * 0.55}Z`;
  const peak = -0.9 * h;
  const strapArch = arch([8, 10], [w - 8, 10], peak);
  const lockY = flapH - 16;
  const svg =
    chain(ctx, strapArch.d, 6) +
    bodyPanel(ctx, body) +
    stitching(ctx, coords`M8 ${h - 8}H${w - 8}`) +
    coords`<path d="${flap}" fill="${ctx.fill}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    sheen(ctx, flap, 0.22) +
    stitching(ctx, coords`M7 9V${flapH * 0.52}C7 ${flapH - 7} ${0.25 * w} ${flapH - 7} ${0.5 * w} ${flapH - 7}C${0.75 * w} ${flapH - 7} ${w - 7} ${flapH - 7} ${w - 7} ${flapH * 0.52}V9`, 1.1) +
    coords`<path d="M4 ${flapH * 0.6 + 2}Q${0.5 * w} ${flapH + 12} ${w - 4} ${flapH * 0.6 + 2}" fill="none" stroke="#000" stroke-opacity=".15" stroke-width="4"/>` +
    plate(ctx, 0.5 * w - 16, lockY - 8, 32, 18, 8) +
    coords`<ellipse cx="${0.5 * w}" cy="${lockY + 1}" rx="9" ry="5" fill="${ctx.metalHi}" stroke="${ctx.metalLine}" stroke-width="1.2"/>` +
    coords`<rect x="${0.5 * w - 1.6}" y="${lockY - 4}" width="3.2" height="10" rx="1.4" fill="${ctx.metalLine}"/>` +
    ring(ctx, 8, 10, 5, 3) +
    ring(ctx, w - 8, 10, 5, 3);
  return { svg, box: [0, peak - 8, w, h], hang: strapArch.at(0.15), clip: [w / 2, peak - 5], detailAt: [0.5 * w, lockY] };
};

/** A barrel: a cylinder on its side, round end panels with piping, one short top handle. */
export const microBarrel: Draw = (ctx) => {
  const { w, h } = ctx;
  const endRx = 0.16 * w;
  const body = coords`M${endRx} 0H${w - endRx}V${h}H${endRx}Z`;
  const end = (cx: number) =>
    coords`<ellipse cx="${cx}" cy="${h / 2}" rx="${endRx}" ry="${h / 2}" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    coords`<ellipse cx="${cx}" cy="${h / 2}" rx="${endRx - 6}" ry="${h / 2 - 6}" fill="none" stroke="${ctx.pal.stitch}" stroke-width="1.2" stroke-dasharray="4 3"/>` +
    stud(ctx, cx, h / 2, 5);
  const peak = -0.7 * h;
  const handle = arch([0.36 * w, 4], [0.64 * w, 4], peak, 0.25);
  const svg =
    strap(ctx, handle.d, 9) +
    bodyPanel(ctx, body) +
    // The cylinder's roundness: light along the top third, shadow underneath.
    coords`<path d="M${endRx} ${0.22 * h}H${w - endRx}" stroke="#fff" stroke-opacity=".22" stroke-width="${0.12 * h}"/>` +
    zip(ctx, coords`M${endRx + 6} 8H${w - endRx - 6}`, 7) +
    zipPull(ctx, w - endRx - 14, 10, 14) +
    end(endRx) +
    end(w - endRx) +
    handleTab(ctx, 0.36 * w, 2, 16, 22) +
    handleTab(ctx, 0.64 * w, 2, 16, 22);
  return { svg, box: [0, peak - 8, w, h], hang: handle.at(0.15), clip: [w / 2, peak - 6], detailAt: [w - endRx, 0.45 * h] };
};

/** A mirrored sphere: a ball of metallic leather, a zip round its middle, a ring on top. */
export const microSphere: Draw = (ctx) => {
  const { w } = ctx;
  const r = 0.47 * w;
  const cx = w / 2;
  const cy = r + 4;
  ctx.defs.push(
    coords`<radialGradient id="${ctx.id}sp" cx=".36" cy=".3" r=".75"><stop offset="0" stop-color="#fff"/><stop offset=".22" stop-color="${ctx.pal.light}"/><stop offset=".6" stop-color="${ctx.pal.base}"/><stop offset=".85" stop-color="${ctx.pal.dark}"/><stop offset="1" stop-color="${ctx.pal.deep}"/></radialGradient>`,
  );
  const zipD = coords`M${cx - r + 2} ${cy - 6}Q${cx} ${cy + 0.42 * r} ${cx + r - 2} ${cy - 6}`;
  const svg =
    coords`<path d="M${cx - 10} ${cy - r + 6}V${cy - r - 12}Q${cx} ${cy - r - 20} ${cx + 10} ${cy - r - 12}V${cy - r + 6}" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    ring(ctx, cx, cy - r - 22, 9, 3.4) +
    coords`<circle cx="${cx}" cy="${cy}" r="${r}" fill="url(#${ctx.id}sp)" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    // Reflections: a window of light and the floor's dark band, as on a polished ball.
    coords`<path d="M${cx - 0.55 * r} ${cy - 0.5 * r}q${0.2 * r} ${-0.3 * r} ${0.5 * r} ${-0.32 * r}q${-0.12 * r} ${0.22 * r} ${-0.36 * r} ${0.44 * r}Z" fill="#fff" fill-opacity=".75"/>` +
    coords`<path d="M${cx - 0.9 * r} ${cy + 0.45 * r}Q${cx} ${cy + 0.78 * r} ${cx + 0.9 * r} ${cy + 0.45 * r}" fill="none" stroke="${ctx.pal.deep}" stroke-opacity=".45" stroke-width="${0.12 * r}" stroke-linecap="round"/>` +
    zip(ctx, zipD, 7) +
    zipPull(ctx, cx + 0.55 * r, cy + 0.02 * r, 16);
  return { svg, box: [0, cy - r - 33, w, cy + r + 2], hang: [cx, cy - r - 22], clip: [cx, cy - r - 32], detailAt: [cx + 0.3 * r, cy - 0.1 * r] };
};
