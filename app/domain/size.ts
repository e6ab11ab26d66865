// Size classes come from a bag's longest dimension, the way boutiques label them.
export type SizeClass = "micro" | "mini" | "standard" | "oversized";

export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
  micro: "Micro (5–10 cm)",
  mini: "Mini (10–20 cm)",
  standard: "Standard (20–35 cm)",
  oversized: "Oversized (35 cm and up)",
};

export function longestDimensionCm(d: { widthCm: number; heightCm: number; depthCm: number }) {
  return Math.max(d.widthCm, d.heightCm, d.depthCm);
}

/** micro up to 10 cm, mini up to 20, standard up to 35, oversized beyond. */
export function sizeClassFor(d: { widthCm: number; heightCm: number; depthCm: number }): SizeClass {
  const longest = longestDimensionCm(d);
  if (longest <= 10) return "micro";
  if (longest <= 20) return "mini";
  if (longest <= 35) return "standard";
  return "oversized";
}

export function formatDimensions(d: { widthCm: number; heightCm: number; depthCm: number }) {
  const cm = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  return `${cm(d.widthCm)} × ${cm(d.heightCm)} × ${cm(d.depthCm)} cm`;
}
