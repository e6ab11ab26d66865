// Totes: the big bags a micro bag clips onto.
import {
  arch,
  bodyPanel,
  chain,
  coord,
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
  type Draw,
  type DrawingContext,
} from "../primitives";
import { crocPattern, furStrokes, quiltPattern, sequinPattern } from "../textures";

export const toteShopper: Draw = (ctx) => {
  const { w, h } = ctx;
  const ins = 0.05 * w;
  const body = coords`M0 0H${w}L${w - ins} ${h - 10}Q${w - ins} ${h} ${w - ins - 10} ${h}H${ins + 10}Q${ins} ${h} ${ins} ${h - 10}Z`;
  const peak = -0.6 * h;
  const back = arch([0.31 * w, 8], [0.69 * w, 8], peak - 4, 0.15);
  const front = arch([0.27 * w, 16], [0.73 * w, 16], peak, 0.15);
  const svg =
    strap(ctx, back.d, 8, ctx.pal.deep, false) +
    bodyPanel(ctx, body) +
    stitching(ctx, coords`M6 12H${w - 6}M${ins + 8} ${h - 8}H${w - ins - 8}`) +
    strap(ctx, front.d, 9) +
    handleTab(ctx, 0.27 * w, 2, 18, 26) +
    handleTab(ctx, 0.73 * w, 2, 18, 26);
  return { svg, box: [0, peak - 8, w, h], hang: front.at(0.12), clip: [w / 2, peak - 6] };
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
  return { svg, box: [0, peak - 8, w, h + 0.02 * h], hang: front.at(0.1), clip: [w / 2, peak - 6] };
};
