// Totes: the big bags a micro bag clips onto.
import {
  arch,
  bodyPanel,
  coords,
  dRing,
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
  fold,
  rope,
  sheen,
  type Draw,
} from "../primitives";
import { canvasWeave, crocPattern, stripesPattern } from "../textures";

/** Vegetable-tanned leather, the natural colour canvas totes are trimmed with. */
const NATURAL_LEATHER = "#a8713f";

export const toteShopper: Draw = (ctx) => {
  const { w, h } = ctx;
  const ins = 0.05 * w;
  const tex = canvasWeave(ctx);
  const body = coords`M0 0H${w}L${w - ins} ${h - 10}Q${w - ins} ${h} ${w - ins - 10} ${h}H${ins + 10}Q${ins} ${h} ${ins} ${h - 10}Z`;
  const peak = -0.6 * h;
  const back = arch([0.31 * w, 8], [0.69 * w, 8], peak - 4, 0.15);
  const front = arch([0.27 * w, 16], [0.73 * w, 16], peak, 0.15);
  const svg =
    strap(ctx, back.d, 8, "#7d5330", false) +
    bodyPanel(ctx, body, tex) +
    // A turned hem at the top and the canvas's folded base.
    coords`<path d="M0 0H${w}L${w - 0.6} 14H0.6Z" fill="#000" fill-opacity=".1"/>` +
    stitching(ctx, coords`M6 12H${w - 6}M${ins + 8} ${h - 8}H${w - ins - 8}`) +
    fold(coords`M${ins + 6} ${h - 0.22 * h}H${w - ins - 6}`, 1.5) +
    strap(ctx, front.d, 9, NATURAL_LEATHER) +
    handleTab(ctx, 0.27 * w, 2, 18, 26, NATURAL_LEATHER) +
    handleTab(ctx, 0.73 * w, 2, 18, 26, NATURAL_LEATHER);
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6], detailAt: [0.27 * w, 20] };
};

export const toteEastWest: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M6 0H${w - 6}Q${w} 0 ${w} 6V${h - 0.2 * h}Q${w} ${h} ${w - 0.2 * h} ${h}H${0.2 * h}Q0 ${h} 0 ${h - 0.2 * h}V6Q0 0 6 0Z`;
  const peak = -0.62 * h;
  const back = arch([0.33 * w, 6], [0.67 * w, 6], peak - 4, 0.2);
  const front = arch([0.3 * w, 14], [0.7 * w, 14], peak, 0.2);
  const ringY = 0.28 * h;
  const svg =
    strap(ctx, back.d, 7, ctx.pal.deep, false) +
    // Side D-ring for a charm, on a small tab.
    panel(ctx, roundedRect(w - 8, ringY - 6, 16, 12, 3), ctx.pal.dark) +
    coords`<g transform="rotate(90 ${w + 9} ${ringY})">${dRing(ctx, w + 9, ringY + 2, 7)}</g>` +
    bodyPanel(ctx, body) +
    zip(ctx, coords`M14 9H${w - 14}`) +
    zipPull(ctx, w - 18, 11, 12) +
    stitching(ctx, coords`M12 18V${h - 12}M${w - 12} 18V${h - 12}M${0.2 * h} ${h - 7}H${w - 0.2 * h}`) +
    strap(ctx, front.d, 8) +
    handleTab(ctx, 0.3 * w, 4, 16, 22) +
    handleTab(ctx, 0.7 * w, 4, 16, 22);
  return { svg, box: [0, peak - 8, w + 19, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
};

export const toteClassic: Draw = (ctx) => {
  const { w, h } = ctx;
  const t = 0.08 * w;
  const body = coords`M${t} 0H${w - t}L${w} ${h - 8}Q${w} ${h} ${w - 8} ${h}H8Q0 ${h} 0 ${h - 8}Z`;
  const peak = -0.62 * h;
  const back = arch([0.34 * w, -2], [0.66 * w, -2], peak - 4, 0.12);
  const front = arch([0.3 * w, -8], [0.7 * w, -8], peak, 0.12);
  const gusset = `<path d="${coords`M${t} 0L${0.17 * w} 2L${0.1 * w} ${h}H0ZM${w - t} 0L${0.83 * w} 2L${0.9 * w} ${h}H${w}Z`}" fill="#000" fill-opacity=".12"/>`;
  const feet = ctx.hw === "none" ? "" : stud(ctx, 0.14 * w, h + 1, 5) + stud(ctx, 0.86 * w, h + 1, 5);
  const svg =
    strap(ctx, back.d, 7, ctx.pal.deep, false) +
    feet +
    bodyPanel(ctx, body) +
    gusset +
    stitching(ctx, coords`M${t + 4} 8H${w - t - 4}M10 ${h - 8}H${w - 10}`) +
    panel(ctx, roundedRect(0.3 * w - 7, -2, 14, 24, 3), ctx.pal.dark) +
    panel(ctx, roundedRect(0.7 * w - 7, -2, 14, 24, 3), ctx.pal.dark) +
    dRing(ctx, 0.3 * w, 0, 8) +
    dRing(ctx, 0.7 * w, 0, 8) +
    strap(ctx, front.d, 7) +
    plate(ctx, w / 2 - 11, 0.1 * h, 22, 14, 4) +
    stud(ctx, w / 2, 0.1 * h + 7, 3);
  return { svg, box: [0, peak - 8, w, h + 6], hang: [0.3 * w, -9], clip: [w / 2, peak - 6] };
};

export const toteBucket: Draw = (ctx) => {
  const { w, h } = ctx;
  const ry = 0.09 * w;
  const body = coords`M0 ${ry}L${0.06 * w} ${h - 0.16 * h}Q${0.5 * w} ${h + 0.05 * h} ${0.94 * w} ${h - 0.16 * h}L${w} ${ry}A${w / 2} ${ry} 0 0 1 0 ${ry}Z`;
  const peak = -0.45 * h;
  const back = arch([0.14 * w, ry], [0.86 * w, ry], peak - 6);
  const front = arch([0.1 * w, ry + 14], [0.9 * w, ry + 14], peak);
  let grommets = "";
  for (let i = 1; i < 6; i++) {
    const a = (i / 6) * Math.PI;
    grommets += stud(ctx, w / 2 + (w / 2 - 8) * Math.cos(a), ry + 14 + (ry - 2) * Math.sin(a), 3.6);
  }
  const cord = coords`M8 ${ry + 14}A${w / 2 - 8} ${ry - 2} 0 0 0 ${w - 8} ${ry + 14}`;
  const tails = coords`M${w / 2 - 4} ${2 * ry + 12}q-10 30 -4 ${0.3 * h}M${w / 2 + 4} ${2 * ry + 12}q8 26 6 ${0.26 * h}`;
  const svg =
    strap(ctx, back.d, 6, ctx.pal.deep, false) +
    coords`<ellipse cx="${w / 2}" cy="${ry}" rx="${w / 2}" ry="${ry}" fill="${ctx.pal.deep}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    bodyPanel(ctx, body) +
    stitching(ctx, coords`M${0.09 * w} ${h - 0.2 * h}Q${0.5 * w} ${h - 0.02 * h} ${0.91 * w} ${h - 0.2 * h}`) +
    strap(ctx, cord, 3, ctx.pal.dark, false) +
    grommets +
    strap(ctx, tails, 3, ctx.pal.dark, false) +
    stud(ctx, w / 2 - 8, 2 * ry + 12 + 0.3 * h, 5) +
    stud(ctx, w / 2 + 10, 2 * ry + 12 + 0.26 * h, 5) +
    strap(ctx, front.d, 6, ctx.pal.dark, false) +
    ring(ctx, 0.1 * w, ry + 16, 5, 2.6) +
    ring(ctx, 0.9 * w, ry + 16, 5, 2.6);
  return { svg, box: [0, peak - 8, w, h + 0.02 * h], hang: front.at(0.1), clip: [w / 2, peak - 6], detailAt: [0.5 * w, ry + 40] };
};

/** Lambskin hobo: a crescent that sags in the middle, gathered into rings at the ends, one wide strap. */
export const toteSlouch: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M${0.1 * w} ${0.04 * h}Q${0.5 * w} ${0.3 * h} ${0.9 * w} ${0.04 * h}C${1.1 * w} ${0.3 * h} ${1.06 * w} ${0.82 * h} ${0.78 * w} ${h}Q${0.5 * w} ${1.06 * h} ${0.22 * w} ${h}C${-0.06 * w} ${0.82 * h} ${-0.1 * w} ${0.3 * h} ${0.1 * w} ${0.04 * h}Z`;
  const peak = -0.55 * h;
  const handle = arch([0.1 * w, -0.06 * h], [0.9 * w, -0.06 * h], peak, 0.08);
  const gather = (x: number, dir: number) =>
    coords`<path d="M${x - 10 * dir} ${0.06 * h}L${x} ${-0.04 * h}L${x + 10 * dir} ${0.06 * h}Z" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="2"/>`;
  const svg =
    strap(ctx, handle.d, 12, ctx.pal.dark) +
    bodyPanel(ctx, body) +
    // The soft folds a slouch takes when set down.
    fold(coords`M${0.14 * w} ${0.1 * h}Q${0.3 * w} ${0.5 * h} ${0.26 * w} ${0.9 * h}`) +
    fold(coords`M${0.86 * w} ${0.1 * h}Q${0.72 * w} ${0.48 * h} ${0.76 * w} ${0.88 * h}`) +
    fold(coords`M${0.4 * w} ${0.24 * h}Q${0.46 * w} ${0.5 * h} ${0.42 * w} ${0.7 * h}`, 1.5) +
    fold(coords`M${0.6 * w} ${0.24 * h}Q${0.56 * w} ${0.46 * h} ${0.6 * w} ${0.66 * h}`, 1.5) +
    coords`<path d="M${0.14 * w} ${0.09 * h}Q${0.5 * w} ${0.32 * h} ${0.86 * w} ${0.09 * h}" fill="none" stroke="#000" stroke-opacity=".22" stroke-width="3"/>` +
    gather(0.1 * w, 1) +
    gather(0.9 * w, -1) +
    ring(ctx, 0.1 * w, -0.06 * h, 9, 4) +
    ring(ctx, 0.9 * w, -0.06 * h, 9, 4);
  return { svg, box: [-0.04 * w, peak - 10, 1.04 * w, 1.03 * h], hang: handle.at(0.08), clip: [w / 2, peak - 8], detailAt: [0.14 * w, 0.05 * h] };
};

/** Striped canvas beach tote: wide, deck-chair stripes, braided rope handles knotted through eyelets. */
export const toteBeach: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = stripesPattern(ctx, 0.085 * h);
  const body = coords`M-6 0H${w + 6}L${w - 4} ${h - 10}Q${w - 5} ${h} ${w - 14} ${h}H14Q5 ${h} 4 ${h - 10}Z`;
  const peak = -0.5 * h;
  const back = arch([0.3 * w, 14], [0.7 * w, 14], peak - 4, 0.2);
  const front = arch([0.24 * w, 22], [0.76 * w, 22], peak, 0.2);
  const eyelet = (x: number) =>
    coords`<circle cx="${x}" cy="22" r="8" fill="${ctx.pal.deep}" stroke="${ctx.pal.outline}" stroke-width="2.5"/>` +
    coords`<circle cx="${x}" cy="${34}" r="8.5" fill="#e6d7b4" stroke="#8c7a5c" stroke-width="2"/>` +
    coords`<path d="M${x - 5} ${31}q5 5 10 0M${x - 3} ${37}q3 3 6 0" fill="none" stroke="#b59d72" stroke-width="1.6"/>`;
  const svg =
    rope(ctx, back.d, 10) +
    bodyPanel(ctx, body, tex) +
    coords`<path d="M-6 0H${w + 6}L${w + 4.8} 12H-4.8Z" fill="${ctx.pal.deep}" fill-opacity=".85"/>` +
    stitching(ctx, coords`M-2 14H${w + 2}`) +
    fold(coords`M${0.5 * w} ${0.2 * h}Q${0.52 * w} ${0.6 * h} ${0.5 * w} ${0.95 * h}`, 1.2) +
    rope(ctx, front.d, 12) +
    eyelet(0.24 * w) +
    eyelet(0.76 * w);
  return { svg, box: [-6, peak - 10, w + 6, h], hang: front.at(0.15), clip: [w / 2, peak - 8], detailAt: [0.26 * w, 18] };
};

/** Croc-embossed structured tote: glossy scales, rolled handles on gold rings, a padlock on a leather tab. */
export const toteCroc: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = crocPattern(ctx);
  const t = 0.06 * w;
  const body = coords`M${t} 0H${w - t}L${w} ${h - 8}Q${w} ${h} ${w - 8} ${h}H8Q0 ${h} 0 ${h - 8}Z`;
  const peak = -0.56 * h;
  const back = arch([0.33 * w, 0], [0.67 * w, 0], peak - 4, 0.12);
  const front = arch([0.28 * w, -6], [0.72 * w, -6], peak, 0.12);
  const lockX = 0.5 * w;
  const svg =
    strap(ctx, back.d, 8, ctx.pal.deep, false) +
    bodyPanel(ctx, body, tex) +
    sheen(ctx, body, 0.32) +
    coords`<path d="M${t} 0H${w - t}L${w - t + 1.2} 16H${t - 1.2}Z" fill="${ctx.pal.dark}" stroke="${ctx.pal.outline}" stroke-width="1.5"/>` +
    stitching(ctx, coords`M${t + 4} 11H${w - t - 4}`) +
    strap(ctx, front.d, 8, ctx.pal.dark, false) +
    ring(ctx, 0.28 * w, -2, 6, 3.2) +
    ring(ctx, 0.72 * w, -2, 6, 3.2) +
    // Padlock on a short tab: the classic croc tote's signature.
    panel(ctx, roundedRect(lockX - 7, 12, 14, 0.26 * h, 4), ctx.pal.dark) +
    coords`<path d="M${lockX - 7} ${0.26 * h + 16}a7 8 0 0 1 14 0" fill="none" stroke="${ctx.metalLine}" stroke-width="5"/><path d="M${lockX - 7} ${0.26 * h + 16}a7 8 0 0 1 14 0" fill="none" stroke="${ctx.metal}" stroke-width="3"/>` +
    plate(ctx, lockX - 11, 0.26 * h + 16, 22, 20, 5) +
    coords`<circle cx="${lockX}" cy="${0.26 * h + 25}" r="2.4" fill="${ctx.metalLine}"/>`;
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6], detail: [0.3 * w, 0, 0.7 * w, 0.4 * w] };
};

/** Vegan leather city tote: flat edge-painted handles, snap-in side gussets, a front slip pocket. */
export const toteCity: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = roundedRect(0, 0, w, h, 6);
  const peak = -0.72 * h;
  const back = arch([0.36 * w, 2], [0.64 * w, 2], peak - 4, 0.05);
  const front = arch([0.24 * w, 4], [0.76 * w, 4], peak, 0.05);
  const gusset = coords`M0 0L${0.09 * w} ${0.2 * h}L0 ${0.4 * h}ZM${w} 0L${0.91 * w} ${0.2 * h}L${w} ${0.4 * h}Z`;
  const flatStrap = (d: string) =>
    `<path d="${d}" fill="none" stroke="${ctx.pal.outline}" stroke-width="11" stroke-linecap="butt"/>` +
    `<path d="${d}" fill="none" stroke="${ctx.pal.base}" stroke-width="8" stroke-linecap="butt"/>` +
    stitching(ctx, d, 1);
  const svg =
    flatStrap(back.d) +
    bodyPanel(ctx, body) +
    `<path d="${gusset}" fill="${ctx.pal.deep}" stroke="${ctx.pal.outline}" stroke-width="1.5" stroke-linejoin="round"/>` +
    (ctx.hw === "none" ? "" : stud(ctx, 0.05 * w, 0.2 * h, 3.5) + stud(ctx, 0.95 * w, 0.2 * h, 3.5)) +
    panel(ctx, coords`M${0.16 * w} ${0.42 * h}H${0.84 * w}V${h - 12}Q${0.84 * w} ${h - 8} ${0.8 * w} ${h - 8}H${0.2 * w}Q${0.16 * w} ${h - 8} ${0.16 * w} ${h - 12}Z`) +
    stitching(ctx, coords`M${0.18 * w} ${0.42 * h + 5}H${0.82 * w}M8 6H${w - 8}`) +
    coords`<rect x="${0.5 * w - 14}" y="${0.42 * h + 14}" width="28" height="10" rx="2" fill="#000" fill-opacity=".14"/>` +
    flatStrap(front.d) +
    panel(ctx, roundedRect(0.24 * w - 8, -2, 16, 22, 3), ctx.pal.dark) +
    panel(ctx, roundedRect(0.76 * w - 8, -2, 16, 22, 3), ctx.pal.dark) +
    stud(ctx, 0.24 * w, 12, 2.8) +
    stud(ctx, 0.76 * w, 12, 2.8);
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.1), clip: [w / 2, peak - 6], detailAt: [0.18 * w, 0.16 * h] };
};

/** Weekend canvas carryall: wide canvas body, natural-leather base and corners, zip top, long shoulder strap. */
export const toteCarryall: Draw = (ctx) => {
  const { w, h } = ctx;
  const tex = canvasWeave(ctx);
  const body = roundedRect(0, 0, w, h, 14);
  const peak = -0.55 * h;
  const shoulder = arch([0.06 * w, 0.12 * h], [0.94 * w, 0.12 * h], -1.05 * h, 0.02);
  const back = arch([0.34 * w, 6], [0.66 * w, 6], peak - 4, 0.15);
  const front = arch([0.3 * w, 14], [0.7 * w, 14], peak, 0.15);
  const base = coords`M0 ${0.7 * h}H${w}V${h - 14}Q${w} ${h} ${w - 14} ${h}H14Q0 ${h} 0 ${h - 14}Z`;
  const corner = (x: number, dir: number) =>
    coords`<path d="M${x} 14Q${x} 0 ${x + 14 * dir} 0H${x + 30 * dir}L${x} ${30}Z" fill="${NATURAL_LEATHER}" stroke="${ctx.pal.outline}" stroke-width="1.5"/>`;
  const svg =
    strap(ctx, shoulder.d, 6, "#7d5330", false) +
    strap(ctx, back.d, 8, "#7d5330", false) +
    bodyPanel(ctx, body, tex) +
    `<path d="${base}" fill="${NATURAL_LEATHER}" stroke="${ctx.pal.outline}" stroke-width="2"/>` +
    stitching(ctx, coords`M6 ${0.7 * h + 5}H${w - 6}`) +
    corner(0, 1) +
    corner(w, -1) +
    zip(ctx, coords`M24 9H${w - 24}`) +
    zipPull(ctx, w - 30, 11, 12) +
    ring(ctx, 0.06 * w, 0.12 * h, 6, 3) +
    ring(ctx, 0.94 * w, 0.12 * h, 6, 3) +
    strap(ctx, front.d, 9, NATURAL_LEATHER) +
    handleTab(ctx, 0.3 * w, 4, 16, 24, NATURAL_LEATHER) +
    handleTab(ctx, 0.7 * w, 4, 16, 24, NATURAL_LEATHER);
  return { svg, box: [0, -1.05 * h - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6], detailAt: [0.2 * w, 0.1 * h] };
};
