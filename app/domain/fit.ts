// Will this micro bag clip onto that bag? Pure rules from the product data.
//
// A micro bag hangs by its attachment; a bigger bag offers its handles (of a
// given width) and maybe a strap ring:
//
// - Lobster clasp: clips onto a strap ring, or around a handle up to 2.5 cm wide.
// - Split ring:     threads onto a strap ring, or around a handle up to 1.5 cm.
// - Chain loop:     wraps any handle up to 4 cm, or loops through a strap ring.
//
// Where both work, the reason names the neater one: the strap ring for clasps
// and rings, the handle for a chain loop. A micro bag without an attachment fits
// nothing, and a micro bag is not something to hang another one on.
import type { Attachment } from "./catalog";

export interface FitResult {
  fits: boolean;
  /** One short sentence for shoppers, e.g. "Lobster clasp fits the 2.2 cm handle". */
  reason: string;
}

/** Widest handle each attachment goes around, in centimetres. */
export const MAX_HANDLE_WIDTH_CM: Record<Attachment, number> = {
  lobster_clasp: 2.5,
  split_ring: 1.5,
  chain_loop: 4,
};

const NAMES: Record<Attachment, string> = {
  lobster_clasp: "lobster clasp",
  split_ring: "split ring",
  chain_loop: "chain loop",
};

const RING_REASONS: Record<Attachment, string> = {
  lobster_clasp: "Clips onto the strap ring",
  split_ring: "Threads onto the strap ring",
  chain_loop: "Loops through the strap ring",
};

/** "2.2", "3", "1.25": a width as people write it. */
export function formatCm(cm: number): string {
  return String(Math.round(cm * 100) / 100);
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function charmFits(
  micro: { attachment: Attachment | null },
  tote: { handleWidthCm: number | null; hasStrapRing: boolean; kind: string },
): FitResult {
  const attachment = micro.attachment;
  if (attachment === null) return { fits: false, reason: "Has no clasp to clip on with" };
  if (tote.kind === "micro") return { fits: false, reason: "Too small to carry a charm" };

  const name = NAMES[attachment];
  const width = tote.handleWidthCm;
  const handleFits = width !== null && width > 0 && width <= MAX_HANDLE_WIDTH_CM[attachment];
  const handleReason =
    attachment === "chain_loop"
      ? `Chain loop wraps the ${formatCm(width ?? 0)} cm handle`
      : `${capitalise(name)} fits the ${formatCm(width ?? 0)} cm handle`;

  if (attachment === "chain_loop" && handleFits) return { fits: true, reason: handleReason };
  if (tote.hasStrapRing) return { fits: true, reason: RING_REASONS[attachment] };
  if (handleFits) return { fits: true, reason: handleReason };
  if (width === null || width <= 0) return { fits: false, reason: `Nothing to hang a ${name} on` };
  return { fits: false, reason: `Handles too wide for a ${name}` };
}

export interface ToteFitNote {
  /** Why no clasp fits, e.g. "These 4.5 cm rope handles are too thick for a clasp or a split ring." */
  reason: string;
  /** The micro bags that still fit (by another attachment), in the order given. */
  alternatives: { slug: string; name: string; reason: string }[];
  /** Said plainly when no micro bag fits at all. */
  noneFit: string | null;
}

/**
 * For a tote no lobster clasp fits: why, and the micro bags that would still
 * fit (a chain loop round wide handles, say), or plainly that none do. Null
 * when a clasp fits: the usual suggestions speak for that tote.
 */
export function toteFitNote(
  tote: { handleWidthCm: number | null; hasStrapRing: boolean; kind: string; description?: string },
  micros: { slug: string; name: string; kind: string; attachment: Attachment | null; available: number }[],
  limit = 4,
): ToteFitNote | null {
  if (tote.kind !== "tote") return null;
  if (charmFits({ attachment: "lobster_clasp" }, tote).fits) return null;
  const width = tote.handleWidthCm;
  const handles = /\brope\b/i.test(tote.description ?? "") ? "rope handles" : "handles";
  const reason =
    width === null || width <= 0
      ? "This bag has no handles or strap ring to clip a charm onto."
      : `These ${formatCm(width)} cm ${handles} are too thick for a clasp or a split ring, and there is no strap ring.`;
  const alternatives = micros
    .filter((m) => m.kind === "micro" && m.available > 0)
    .map((m) => ({ m, fit: charmFits(m, tote) }))
    .filter((x) => x.fit.fits)
    .slice(0, limit)
    .map(({ m, fit }) => ({ slug: m.slug, name: m.name, reason: fit.reason }));
  return {
    reason,
    alternatives,
    noneFit: alternatives.length === 0 ? "None of our micro bags fit this tote, so we don't suggest one." : null,
  };
}
