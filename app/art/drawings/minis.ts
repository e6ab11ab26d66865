// Mini bags, crossbodies and clutches.
import {
  arch,
  bodyPanel,
  chain,
  coords,
  dRing,
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
} from "../primitives";

export const miniTopHandle: Draw = (ctx) => {
  const { w, h } = ctx;
  const t = 0.09 * w;
  const body = coords`M${t} 0H${w - t}L${w} ${h - 10}Q${w} ${h} ${w - 10} ${h}H10Q0 ${h} 0 ${h - 10}Z`;
  const flapH = 0.56 * h;
  const flap = coords`M${t} 0H${w - t}L${w - t + (t * flapH) / h - 2} ${flapH - 10}Q${w - t + (t * flapH) / h - 2} ${flapH} ${w - t - 10} ${flapH}H${t + 10}Q${t - (t * flapH) / h + 2} ${flapH} ${t - (t * flapH) / h + 2} ${flapH - 10}Z`;
  const peak = -0.62 * h;
  const handle = arch([0.3 * w, -4], [0.7 * w, -4], peak, 0.15);
  const feet = ctx.hw === "none" ? "" : stud(ctx, 0.12 * w, h + 1, 4.5) + stud(ctx, 0.88 * w, h + 1, 4.5);
  const svg =
    feet +
    bodyPanel(ctx, body) +
    panel(ctx, flap) +
    stitching(ctx, coords`M${t + 6} 6H${w - t - 6}M${t} ${flapH - 6}H${w - t}`) +
    strap(ctx, handle.d, 9) +
    ring(ctx, 0.3 * w, -4, 6, 3) +
    ring(ctx, 0.7 * w, -4, 6, 3) +
    panel(ctx, roundedRect(0.3 * w - 8, -1, 16, 16, 3), ctx.pal.dark) +
    panel(ctx, roundedRect(0.7 * w - 8, -1, 16, 16, 3), ctx.pal.dark) +
    dRing(ctx, t + 2, 2, 6) +
    dRing(ctx, w - t - 2, 2, 6) +
    plate(ctx, w / 2 - 15, flapH - 10, 30, 20, 5) +
    coords`<circle cx="${w / 2}" cy="${flapH}" r="5" fill="${ctx.metalHi}" stroke="${ctx.metalLine}"/>`;
  return { svg, box: [0, peak - 8, w, h + 6], hang: handle.at(0.12), clip: [w / 2, peak - 6] };
};

export const miniCrossbody: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = roundedRect(0, 0, w, h, 16);
  const peak = -1.05 * h;
  const band = arch([5, 10], [w - 5, 10], peak);
  const pocketTop = 0.4 * h;
  const svg =
    strap(ctx, band.d, 7) +
    bodyPanel(ctx, body) +
    zip(ctx, coords`M16 12H${w - 16}`) +
    zipPull(ctx, 0.3 * w, 14, 14) +
    panel(ctx, coords`M8 ${pocketTop}Q${w / 2} ${pocketTop + 14} ${w - 8} ${pocketTop}V${h - 10}Q${w - 8} ${h - 6} ${w - 12} ${h - 6}H12Q8 ${h - 6} 8 ${h - 10}Z`) +
    stitching(ctx, coords`M14 ${pocketTop + 6}Q${w / 2} ${pocketTop + 19} ${w - 14} ${pocketTop + 6}`) +
    ring(ctx, 5, 10, 6, 3) +
    ring(ctx, w - 5, 10, 6, 3);
  return { svg, box: [-3, peak - 8, w + 3, h], hang: band.at(0.08), clip: [w / 2, peak - 6] };
};

export const clutch: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = roundedRect(0, 0, w, h, 7);
  const tip = 0.62 * h;
  const flap = coords`M2 4Q2 0 8 0H${w - 8}Q${w - 2} 0 ${w - 2} 4L${w / 2 + 10} ${tip - 4}Q${w / 2} ${tip + 3} ${w / 2 - 10} ${tip - 4}Z`;
  ctx.defs.push(
    `<linearGradient id="${ctx.id}g" x2="1" y2=".5"><stop offset=".15" stop-color="#fff" stop-opacity="0"/><stop offset=".3" stop-color="#fff" stop-opacity=".28"/><stop offset=".42" stop-color="#fff" stop-opacity="0"/><stop offset=".7" stop-color="#fff" stop-opacity=".16"/><stop offset=".8" stop-color="#fff" stop-opacity="0"/></linearGradient>`,
  );
  const svg =
    chain(ctx, coords`M${w - 10} 8C${w + 30} -10 ${w + 36} ${h * 0.6} ${w - 6} ${h * 0.45}`, 5) +
    bodyPanel(ctx, body) +
    `<path d="${body}" fill="url(#${ctx.id}g)"/>` +
    `<path d="${flap}" fill="${ctx.fill}" stroke="${ctx.pal.outline}" stroke-width="2" stroke-linejoin="round"/><path d="${flap}" fill="url(#${ctx.id}g)"/>` +
    stitching(ctx, coords`M10 6H${w - 10}`) +
    plate(ctx, w / 2 - 12, tip - 8, 24, 12, 6);
  return { svg, box: [0, -6, w + 26, h], hang: [w / 2, 2], clip: [w / 2, 0] };
};

/** The numbered atelier mini: a trapeze in soft lambskin, pleats gathered under a bar clasp, a rigid top handle and a numbered tag. */
export const miniAtelier: Draw = (ctx) => {
  const { w, h } = ctx;
  const body = coords`M${0.14 * w} 0H${0.86 * w}Q${0.95 * w} 0 ${0.97 * w} ${0.12 * h}L${w} ${h - 10}Q${w} ${h} ${w - 10} ${h}H10Q0 ${h} 0 ${h - 10}L${0.03 * w} ${0.12 * h}Q${0.05 * w} 0 ${0.14 * w} 0Z`;
  const peak = -0.6 * h;
  const handle = arch([0.26 * w, -2], [0.74 * w, -2], peak, 0.3);
  const clasp = 0.2 * h;
  let pleats = "";
  for (const t of [-0.3, -0.18, -0.06, 0.06, 0.18, 0.3]) pleats += coords`M${0.5 * w + t * 0.3 * w} ${clasp + 8}Q${0.5 * w + t * 0.8 * w} ${0.6 * h} ${0.5 * w + t * 1.3 * w} ${h - 6}`;
  const tagX = 0.74 * w + 10;
  const ink = ctx.pal.lum > 0.4 ? "#3a2e26" : "#f4efe8";
  const svg =
    strap(ctx, handle.d, 10, ctx.pal.base) +
    bodyPanel(ctx, body) +
    `<path d="${pleats}" fill="none" stroke="#000" stroke-opacity=".16" stroke-width="2.2" stroke-linecap="round"/>` +
    stitching(ctx, coords`M${0.12 * w} 7H${0.88 * w}M10 ${h - 7}H${w - 10}`) +
    plate(ctx, 0.5 * w - 26, clasp - 6, 52, 14, 7) +
    coords`<path d="M${0.5 * w - 18} ${clasp + 1}H${0.5 * w + 18}" stroke="${ctx.metalHi}" stroke-width="2" stroke-linecap="round"/>` +
    ring(ctx, 0.26 * w, -2, 6, 3) +
    ring(ctx, 0.74 * w, -2, 6, 3) +
    // The numbered leather tag on its own little ring.
    coords`<path d="M${0.74 * w + 3} 2L${tagX} 14" stroke="${ctx.metalLine}" stroke-width="2"/>` +
    panel(ctx, roundedRect(tagX - 13, 12, 26, 34, 6), ctx.pal.dark) +
    stud(ctx, tagX, 18, 2.4) +
    coords`<text x="${tagX}" y="37" text-anchor="middle" font-family="Georgia,serif" font-size="12" font-style="italic" fill="${ink}">N°7</text>`;
  return { svg, box: [0, peak - 8, w, h], hang: handle.at(0.12), clip: [w / 2, peak - 6], detailAt: [0.6 * w, 0.12 * h] };
};
