// A product's photos (staff uploads shown after the colour's own picture):
// the forms that add, describe, move and delete them, and the order rule.
// Pure: no database, no Remix.
import { z } from "zod";

export const ALT_MAX = 200;
/** Files in one upload, and photos a product may have (a gallery, not an album). */
export const MAX_PHOTOS_PER_UPLOAD = 6;
export const MAX_PHOTOS_PER_PRODUCT = 12;

export const ALT_MISSING = "Describe the photo for shoppers who cannot see it (what it shows, e.g. “The tote on a shoulder, from the side”).";
export const ALT_TOO_LONG = `Keep the description to ${ALT_MAX} characters or fewer.`;
export const PHOTOS_MISSING = "Choose one or more photos to upload.";
export const TOO_MANY_FILES = `Upload at most ${MAX_PHOTOS_PER_UPLOAD} photos at a time.`;
export const NO_PHOTO = "That photo does not exist (any more).";

export function tooManyPhotos(has: number): string {
  return `A product has at most ${MAX_PHOTOS_PER_PRODUCT} photos; this one has ${has}. Delete one before adding another.`;
}

/** Alt text as staff typed it: spaces around and runs of white space (line breaks) become single spaces. */
export const altSchema = z
  .string({ error: ALT_MISSING })
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, ALT_MISSING).max(ALT_MAX, ALT_TOO_LONG));

const photoId = z
  .string({ error: "Choose a photo." })
  .regex(/^[1-9]\d{0,8}$/, "Choose a photo.")
  .transform(Number);

export const PHOTO_INTENTS = ["photo-alt", "photo-move", "photo-delete"] as const;
export type PhotoIntent = (typeof PHOTO_INTENTS)[number];

export function isPhotoIntent(value: unknown): value is PhotoIntent {
  return typeof value === "string" && (PHOTO_INTENTS as readonly string[]).includes(value);
}

export const photoActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("photo-alt"), photoId, alt: altSchema }),
    z.strictObject({ intent: z.literal("photo-move"), photoId, direction: z.enum(["earlier", "later"], { error: "Choose earlier or later." }) }),
    z.strictObject({ intent: z.literal("photo-delete"), photoId }),
  ],
  { error: "Choose what to change." },
);

export type PhotoAction = z.infer<typeof photoActionSchema>;

/** The ids in their new order after moving one a place earlier or later; null when it cannot move (already first or last, or absent). */
export function movedOrder(ids: readonly number[], id: number, direction: "earlier" | "later"): number[] | null {
  const at = ids.indexOf(id);
  const to = direction === "earlier" ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  const order = [...ids];
  order[at] = ids[to]!;
  order[to] = id;
  return order;
}

/**
 * The alt text each uploaded file gets: its own field ("alt-0", "alt-1" … in
 * the order of the files, filled in with JavaScript) or else the one shared
 * field ("alt"). Errors are keyed by the field to fix.
 */
export function altsForUpload(fields: Record<string, string>, fileCount: number): { ok: true; alts: string[] } | { ok: false; fieldErrors: Record<string, string> } {
  const alts: string[] = [];
  const fieldErrors: Record<string, string> = {};
  for (let i = 0; i < fileCount; i++) {
    const own = fields[`alt-${i}`];
    const name = own !== undefined && (own.trim() !== "" || !("alt" in fields)) ? `alt-${i}` : "alt";
    const parsed = altSchema.safeParse(fields[name] ?? "");
    if (parsed.success) alts.push(parsed.data);
    else fieldErrors[name] ??= parsed.error.issues[0]?.message ?? ALT_MISSING;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, alts };
}
