// The shop's bag drawings, in one import. The parts live beside this file:
// styles.ts (which styles exist), palette.ts (colours and metal finishes),
// primitives.ts and textures.ts (named shape helpers), drawings/*.ts (one
// module per style family), scenes.ts (a bag, a close-up, a micro bag on a
// tote) and gallery.ts (a product's pictures). Pure string building: no DOM,
// no Remix, no database, and the same input always gives the same bytes.
export { ART_STYLES, isArtStyle, parseArtFileName, styleInfo, type ArtStyle, type ArtStyleInfo } from "./styles";
export { isHardware, normaliseHex } from "./palette";
export { escapeXml } from "./primitives";
export {
  ART_UNITS_WIDE,
  renderBagSvg,
  renderCharmOnToteSvg,
  type BagArtInput,
  type BagView,
  type CharmOnToteInput,
  type SizedBagArtInput,
} from "./scenes";
