// Scenes: a drawing placed on a canvas. The front view (one bag on a soft
// backdrop, every style drawn to one common scale), the close-up (a crop of
// the same drawing), and a micro bag clipped to a tote, to scale.
//
// Every style draws into its own local frame: the bag's front panel spans
// x 0..W (W = 200 units) and y 0..h, where h follows the bag's real height to
// width ratio. Handles, straps, ears and rings may reach outside that panel
// (mostly above it, at negative y); each drawing reports its bounding box, the
// point a charm hangs from ("hang") and the point it is held by ("clip"). One
// unit is therefore widthCm / 200 cm, which is what lets the charm preview put
// a micro bag on a tote to scale with a plain scale() transform.
import type { Hardware } from "~/domain/catalog";
import { DRAWINGS } from "./drawings";
import { backdropFor, isHardware, METALS, normaliseHex, paletteFor, type Palette } from "./palette";
import { baseDefs, coord, coords, escapeXml, groundShadow, makeContext, type Box, type Drawn, type Point } from "./primitives";
import { isArtStyle, styleInfo, type ArtStyleInfo } from "./styles";

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
  const info = styleInfo(input.style);
  const wCm = widthCm ?? info.widthCm;
  const hCm = heightCm ?? info.heightCm;
  if (!(wCm > 0 && hCm > 0 && Number.isFinite(wCm) && Number.isFinite(hCm) && wCm <= 500 && hCm <= 500)) {
    throw new RangeError(`Invalid dimensions: ${wCm} × ${hCm} cm`);
  }
  const w = ART_UNITS_WIDE;
  // Keep the drawings sane for odd proportions: between 3:1 wide and 1:2 tall.
  const h = w * Math.min(2, Math.max(1 / 3, hCm / wCm));
  const ctx = makeContext(role + hashId(`${input.style}|${hex}|${input.hardware}|${coord(h)}`), w, h, hex, input.hardware);
  const drawn = DRAWINGS[input.style](ctx);
  return { info, hex, hardware: input.hardware, drawn, defs: baseDefs(ctx) };
}

function describe(prep: Prepared): string {
  const finish = prep.hardware === "none" ? "no hardware" : `${prep.hardware} hardware`;
  return `${prep.info.label} in #${prep.hex} with ${finish}`;
}

/** The views a bag is drawn in on its own. */
export type BagView = "front" | "detail";

const CANVAS = 400;
/** Where every bag stands in the front view, so sizes compare across pictures. */
const FLOOR_Y = 340;
const TOP_ROOM = 26;
const SIDE_ROOM = 30;
/** Front-panel width in canvas units of the widest bag the shop draws (50 cm). */
const PANEL_AT_WIDEST = 272;

/**
 * Canvas units per local unit for a bag of this width in the front view. Sizes
 * follow the width to the power 0.4: a 9 cm micro bag is drawn a little over
 * half as wide as a 34 cm tote, small enough to read as small, big enough to see.
 */
function frontScale(widthCm: number): number {
  return (PANEL_AT_WIDEST * (Math.min(widthCm, 50) / 50) ** 0.4) / ART_UNITS_WIDE;
}

function svgDocument(prep: Prepared, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CANVAS} ${CANVAS}" width="${CANVAS}" height="${CANVAS}" role="img">` +
    `<title>${escapeXml(describe(prep))}</title>` +
    `<defs>${prep.defs}</defs>` +
    `<rect width="${CANVAS}" height="${CANVAS}" fill="${backdropFor(paletteFor(prep.hex).lum)}"/>` +
    body +
    `</svg>`
  );
}

/**
 * A complete standalone SVG document: one bag on a soft backdrop. "front":
 * the whole bag standing on a common floor, drawn to the shop's common scale;
 * "detail": a close-up of its hardware and material.
 */
export function renderBagSvg(input: BagArtInput, view: BagView = "front"): string {
  const prep = prepare(input, view === "front" ? "a" : "d");
  const { drawn } = prep;
  if (view === "detail") {
    const [x0, y0, x1, y1] = detailBox(drawn);
    const s = CANVAS / Math.max(x1 - x0, y1 - y0);
    const tx = CANVAS / 2 - ((x0 + x1) / 2) * s;
    const ty = CANVAS / 2 - ((y0 + y1) / 2) * s;
    return svgDocument(prep, coords`<g transform="translate(${tx} ${ty}) scale(${s.toFixed(4)})" stroke-linejoin="round">${drawn.svg}</g>`);
  }
  const [x0, y0, x1, y1] = drawn.box;
  const s = Math.min(frontScale(prep.info.widthCm), (CANVAS - 2 * SIDE_ROOM) / (x1 - x0), (FLOOR_Y - TOP_ROOM) / (y1 - y0));
  const tx = CANVAS / 2 - ((x0 + x1) / 2) * s;
  const ty = FLOOR_Y - y1 * s;
  return svgDocument(
    prep,
    groundShadow(CANVAS / 2, FLOOR_Y + 4, ((x1 - x0) * s) / 2.1, 3 + 6 * Math.min(1, s)) +
      coords`<g transform="translate(${tx} ${ty}) scale(${s.toFixed(4)})" stroke-linejoin="round">${drawn.svg}</g>`,
  );
}

/** The square a close-up shows: the drawing's own choice, or the upper middle of the front panel. */
function detailBox(drawn: Drawn): Box {
  if (drawn.detail) return drawn.detail;
  const [cx, cy] = drawn.detailAt ?? [ART_UNITS_WIDE / 2, 0.4 * drawn.box[3]];
  const half = 0.3 * ART_UNITS_WIDE;
  return [cx - half, cy - half, cx + half, cy + half];
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
  const body = coords`M${x} ${y}C${x + s * 0.42} ${y} ${x + s * 0.38} ${y + s * 0.75} ${x + s * 0.08} ${y + s * 0.8}H${x - s * 0.08}C${x - s * 0.38} ${y + s * 0.75} ${x - s * 0.42} ${y} ${x} ${y}Z`;
  return (
    `<path d="${body}" fill="${metal}" stroke="${line}" stroke-width="${coord(Math.max(0.6, s * 0.05))}"/>` +
    coords`<path d="M${x - s * 0.08} ${y + s * 0.2}Q${x - s * 0.02} ${y + s * 0.5} ${x - s * 0.06} ${y + s * 0.7}" fill="none" stroke="${line}" stroke-width="${Math.max(0.5, s * 0.05)}"/>` +
    coords`<circle cx="${x}" cy="${y + s * 0.9}" r="${s * 0.11}" fill="none" stroke="${line}" stroke-width="${Math.max(0.6, s * 0.07)}"/>`
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
  const hang: Point = [tote.drawn.hang[0] * st, tote.drawn.hang[1] * st];
  const claspTop: Point = [hang[0], hang[1] - CLASP_CM * 0.3];
  const clipAt: Point = [hang[0], claspTop[1] + CLASP_CM + LINK_CM];
  const charmOrigin: Point = [clipAt[0] - charm.drawn.clip[0] * sc, clipAt[1] - charm.drawn.clip[1] * sc];

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
  const toCanvasX = (v: number) => ox + v * k;
  const toCanvasY = (v: number) => oy + v * k;

  const toteScale = st * k;
  const charmScale = sc * k;
  const charmPal = paletteFor(charm.hex);
  // The charm's own hardware finish dresses the clasp and chain.
  const charmMetal = charm.hardware === "none" ? null : METALS[charm.hardware];
  const claspPaint = charmMetal ? charmMetal[1] : charmPal.dark;
  const claspS = CLASP_CM * k;
  const linkTop = toCanvasY(claspTop[1] + CLASP_CM);
  const linkBottom = toCanvasY(clipAt[1]);
  const linkR = Math.max(1.2, 0.28 * k);
  let links = "";
  const line = charmMetal ? charmMetal[3] : charmPal.outline;
  const n = Math.max(2, Math.round((linkBottom - linkTop) / (linkR * 2.6)));
  for (let i = 0; i < n; i++) {
    const cy = linkTop + ((i + 0.5) * (linkBottom - linkTop)) / n;
    links +=
      i % 2
        ? coords`<rect x="${toCanvasX(hang[0]) - linkR * 0.22}" y="${cy - linkR * 1.3}" width="${linkR * 0.44}" height="${linkR * 2.6}" rx="${linkR * 0.22}" fill="${claspPaint}" stroke="${line}" stroke-width=".6"/>`
        : coords`<ellipse cx="${toCanvasX(hang[0])}" cy="${cy}" rx="${linkR * 0.8}" ry="${linkR * 1.3}" fill="none" stroke="${line}" stroke-width="${linkR * 0.55}"/><ellipse cx="${toCanvasX(hang[0])}" cy="${cy}" rx="${linkR * 0.8}" ry="${linkR * 1.3}" fill="none" stroke="${claspPaint}" stroke-width="${linkR * 0.35}"/>`;
  }

  const label = input.label ?? `${charm.info.label} clipped to a ${tote.info.label.toLowerCase()}, to scale`;
  const titleId = `p${hashId(`${label}|${tote.defs}|${charm.defs}`)}`;
  const totePanelBottom = toCanvasY(tote.drawn.box[3] * st);
  const toteCx = toCanvasX(((tb[0] + tb[2]) / 2) * st);
  const charmCx = toCanvasX(charmOrigin[0] + ((cb[0] + cb[2]) / 2) * sc);
  const charmCy = toCanvasY(charmOrigin[1] + ((cb[1] + cb[3]) / 2) * sc);

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="${titleId}">` +
    `<title id="${titleId}">${escapeXml(label)}</title>` +
    `<defs>${tote.defs}${charm.defs}</defs>` +
    `<rect width="${size}" height="${size}" rx="16" fill="${backdropFor(paletteFor(tote.hex).lum)}"/>` +
    groundShadow(toteCx, totePanelBottom + 4, ((tb[2] - tb[0]) * toteScale) / 2.1, 8) +
    coords`<g data-part="tote" transform="translate(${toCanvasX(0)} ${toCanvasY(0)}) scale(${toteScale.toFixed(4)})" stroke-linejoin="round">${tote.drawn.svg}</g>` +
    // The charm's soft shadow on the tote's front.
    coords`<ellipse cx="${charmCx + 4}" cy="${charmCy + 7}" rx="${((cb[2] - cb[0]) * charmScale) / 2.5}" ry="${((cb[3] - cb[1]) * charmScale) / 3}" fill="#000" fill-opacity=".1"/>` +
    links +
    coords`<g data-part="charm" transform="translate(${toCanvasX(charmOrigin[0])} ${toCanvasY(charmOrigin[1])}) scale(${charmScale.toFixed(4)})" stroke-linejoin="round">${charm.drawn.svg}</g>` +
    lobsterClasp(toCanvasX(claspTop[0]), toCanvasY(claspTop[1]), claspS, charm.hardware, charmPal, claspPaint) +
    `</svg>`
  );
}
