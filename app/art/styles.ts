// The bag styles the shop can draw: one per product family, each with its
// nominal size (the art route draws a style at this size, so pictures share a scale).
import type { Hardware, ProductKind } from "~/domain/catalog";

export const ART_STYLES = [
  { id: "tote-shopper", label: "Shopper tote", kind: "tote", widthCm: 38, heightCm: 33 },
  { id: "tote-east-west", label: "East-west tote", kind: "tote", widthCm: 44, heightCm: 26 },
  { id: "tote-classic", label: "Classic structured tote", kind: "tote", widthCm: 34, heightCm: 28 },
  { id: "tote-bucket", label: "Bucket tote", kind: "tote", widthCm: 28, heightCm: 30 },
  { id: "tote-slouch", label: "Slouch tote", kind: "tote", widthCm: 36, heightCm: 30 },
  { id: "tote-beach", label: "Striped beach tote with rope handles", kind: "tote", widthCm: 50, heightCm: 38 },
  { id: "tote-croc", label: "Croc-embossed tote", kind: "tote", widthCm: 32, heightCm: 26 },
  { id: "tote-city", label: "City tote", kind: "tote", widthCm: 34, heightCm: 28 },
  { id: "tote-carryall", label: "Canvas carryall", kind: "tote", widthCm: 46, heightCm: 34 },
  { id: "micro-duffle", label: "Micro duffle", kind: "micro", widthCm: 9, heightCm: 5 },
  { id: "micro-chain", label: "Quilted micro flap with chain", kind: "micro", widthCm: 10, heightCm: 7 },
  { id: "micro-fur", label: "Faux fur micro pouch", kind: "micro", widthCm: 8, heightCm: 8 },
  { id: "micro-box", label: "Croc micro box", kind: "micro", widthCm: 7, heightCm: 5 },
  { id: "micro-heart", label: "Micro heart", kind: "micro", widthCm: 7, heightCm: 7 },
  { id: "micro-bucket", label: "Micro bucket", kind: "micro", widthCm: 6, heightCm: 8 },
  { id: "micro-saddle", label: "Micro saddle", kind: "micro", widthCm: 9, heightCm: 7 },
  { id: "micro-frame", label: "Kiss-lock micro frame", kind: "micro", widthCm: 7, heightCm: 6 },
  { id: "micro-tote", label: "Micro tote", kind: "micro", widthCm: 8, heightCm: 7 },
  { id: "micro-camera", label: "Micro camera bag", kind: "micro", widthCm: 8, heightCm: 6 },
  { id: "micro-flap", label: "Micro flap with chain", kind: "micro", widthCm: 10, heightCm: 7 },
  { id: "micro-barrel", label: "Micro barrel", kind: "micro", widthCm: 9, heightCm: 5 },
  { id: "micro-sphere", label: "Micro sphere", kind: "micro", widthCm: 6, heightCm: 6 },
  { id: "micro-glitter-duffle", label: "Glitter micro duffle", kind: "micro", widthCm: 9, heightCm: 5 },
  { id: "mini-top-handle", label: "Mini top-handle bag", kind: "mini", widthCm: 19, heightCm: 14 },
  { id: "mini-atelier", label: "Atelier mini", kind: "mini", widthCm: 17, heightCm: 13 },
  { id: "mini-crossbody", label: "Mini crossbody", kind: "crossbody", widthCm: 18, heightCm: 12 },
  { id: "clutch", label: "Envelope clutch", kind: "clutch", widthCm: 22, heightCm: 12 },
  { id: "kids-sparkle-clutch", label: "Sparkle clutch", kind: "clutch", widthCm: 16, heightCm: 10 },
  { id: "kids-cat", label: "Kitty handbag", kind: "mini", widthCm: 14, heightCm: 13 },
  { id: "kids-bunny", label: "Bunny crossbody", kind: "crossbody", widthCm: 15, heightCm: 12 },
] as const satisfies readonly { id: string; label: string; kind: ProductKind; widthCm: number; heightCm: number }[];

export type ArtStyle = (typeof ART_STYLES)[number]["id"];
export type ArtStyleInfo = (typeof ART_STYLES)[number];

const STYLE_INFO = new Map<string, ArtStyleInfo>(ART_STYLES.map((s) => [s.id, s]));

/** A style's label, kind and nominal size. */
export function styleInfo(style: ArtStyle): ArtStyleInfo {
  return STYLE_INFO.get(style)!;
}

export function isArtStyle(s: unknown): s is ArtStyle {
  return typeof s === "string" && STYLE_INFO.has(s);
}


/** "efe7d6-gold.svg" (front) or "efe7d6-gold-detail.svg" (close-up) → its parts; null unless the name is exactly canonical. */
export function parseArtFileName(file: string): { colourHex: string; hardware: Hardware; view: "front" | "detail" } | null {
  const m = /^([0-9a-f]{6})-(gold|silver|none)(-detail)?\.svg$/.exec(file);
  return m ? { colourHex: m[1]!, hardware: m[2] as Hardware, view: m[3] ? "detail" : "front" } : null;
}
