// The product page's photo forms (admin.products.$id posts them here after
// checking products.edit): upload several photos at once, describe, move and
// delete one. Uploads are multipart to "?photos"; every file goes through
// preparePicture, a refused file is named in the message and the others are
// kept. Deleting is confirmed and carries a one-time form token.
import type { AppLoadContext } from "@remix-run/node";
import { parseWith } from "~/web/forms";
import { deleteQuestion } from "~/domain/confirmation";
import { IMAGE_TOO_BIG, MAX_IMAGE_BYTES } from "~/domain/images";
import { altsForUpload, MAX_PHOTOS_PER_UPLOAD, photoActionSchema, PHOTOS_MISSING, TOO_MANY_FILES } from "~/domain/product-photos";
import { addProductPhotos, deletePhoto, movePhoto, photoWithProduct, setPhotoAlt, type PhotoFailure } from "~/models/product-photos.server";
import { preparePicture } from "~/services/pictures.server";
import type { Actor } from "~/models/audit.server";
import { readMultipartForm } from "~/utils/multipart.server";
import { done, failure as sharedFailure, type Failure } from "~/web/responses.server";
import { alreadyDoneMessage, askToConfirm, isAlreadyDone, runOnce, TOKEN_MISSING } from "~/web/form-token.server";

/** What the product page shows when a photo form fails (the same shape as its other forms' failures). */
export type PhotoFormFailure = Failure<{ intent: string; variantId: null; photoId: number | null }>;

/** Upload forms post to the product's address with this query parameter. */
export const PHOTO_UPLOAD_PARAM = "photos";

export function isPhotoUpload(request: Request): boolean {
  return new URL(request.url).searchParams.has(PHOTO_UPLOAD_PARAM);
}

function failure(
  status: 400 | 404 | 409 | 413 | 415,
  message: string,
  context: { intent: string; photoId?: number | null; values?: Record<string, string> },
  fieldErrors: Record<string, string> = {},
) {
  const extra = { intent: context.intent.slice(0, 30), variantId: null, photoId: context.photoId ?? null };
  return sharedFailure(status, message, fieldErrors, context.values ?? {}, extra);
}

function fromModel(result: PhotoFailure, context: Parameters<typeof failure>[2]) {
  return failure(result.status, result.message, context);
}

/** A file's name as staff chose it, short enough for a message. */
function shownName(file: File): string {
  // Control characters (a line break in a name) would break the one-line message.
  const name = [...file.name].filter((c) => c >= " " && c !== "\u007f").join("").trim() || "(unnamed file)";
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const ALT_FIELD = /^alt(-[0-5])?$/;

/** Several photos in one multipart form: "photos" (files), "alt" for all or "alt-0" … for each, intent=photos. */
export async function uploadPhotos(request: Request, context: Pick<AppLoadContext, "multipartForm">, productId: number, actor: Actor) {
  const intent = "photos";
  const read = await readMultipartForm(request, context, {
    maxPartSize: MAX_IMAGE_BYTES,
    maxBodySize: MAX_IMAGE_BYTES * MAX_PHOTOS_PER_UPLOAD,
    tooLargeMessage: `${IMAGE_TOO_BIG} Several photos together may be up to ${(MAX_IMAGE_BYTES * MAX_PHOTOS_PER_UPLOAD) / 1024 / 1024} MB.`,
    maxParts: MAX_PHOTOS_PER_UPLOAD * 2 + 4,
  });
  if (!read.ok) return failure(read.status, read.message, { intent }, { photos: read.message });
  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [key, value] of read.form.entries()) {
    if (key === "photos" && typeof value !== "string") {
      // A file input left empty still sends an empty part.
      if (value.size > 0 || value.name !== "") files.push(value);
    } else if (typeof value === "string" && (key === "intent" || ALT_FIELD.test(key)) && !(key in fields)) fields[key] = value;
    else return failure(400, `Unexpected field "${key.slice(0, 40)}".`, { intent });
  }
  const values = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== "intent").map(([k, v]) => [k, v.slice(0, 400)]));
  if (fields.intent !== intent) return failure(400, "Choose what to change.", { intent, values });
  if (files.length === 0) return failure(400, PHOTOS_MISSING, { intent, values }, { photos: PHOTOS_MISSING });
  if (files.length > MAX_PHOTOS_PER_UPLOAD) return failure(400, TOO_MANY_FILES, { intent, values }, { photos: TOO_MANY_FILES });
  const alts = altsForUpload(fields, files.length);
  if (!alts.ok) return failure(400, Object.values(alts.fieldErrors)[0]!, { intent, values }, alts.fieldErrors);

  const accepted: { picture: Parameters<typeof addProductPhotos>[1][number]["picture"]; alt: string }[] = [];
  const refused: { name: string; message: string; status: 400 | 413 | 415 }[] = [];
  // One after the other: each decode takes the memory of a whole picture.
  for (const [i, file] of files.entries()) {
    const prepared = await preparePicture(new Uint8Array(await file.arrayBuffer()));
    if (prepared.ok) accepted.push({ picture: prepared.picture, alt: alts.alts[i]! });
    else refused.push({ name: shownName(file), message: prepared.message, status: prepared.status });
  }
  const refusals = refused.map((r) => `${r.name}: ${r.message}`).join(" ");
  if (accepted.length === 0) {
    const message = `Not added. ${refusals}`;
    return failure(refused[0]!.status, message, { intent, values }, { photos: message });
  }
  const result = addProductPhotos(productId, accepted, actor);
  if (!result.ok) return fromModel(result, { intent, values });
  const back = `/admin/products/${productId}#photos`;
  const added = result.added.length > 0 ? `Added ${plural(result.added.length, "photo")}.` : "No photo added.";
  const twice = result.duplicates > 0 ? ` ${plural(result.duplicates, "photo was", "photos were")} already among this product's photos.` : "";
  if (refused.length > 0) return done(back, `${added}${twice} Not added: ${refusals}`, "error");
  return done(back, `${added}${twice}`, result.added.length > 0 ? "success" : "info");
}

/** photo-alt, photo-move and photo-delete (form fields without confirm and token, split off by the caller). */
export async function photoAction(productId: number, form: { fields: Record<string, string>; confirmed: boolean; token: string | null }, actor: Actor) {
  const intent = form.fields.intent ?? "";
  const parsed = parseWith(photoActionSchema, form.fields);
  const photoId = /^[1-9]\d{0,8}$/.test(form.fields.photoId ?? "") ? Number(form.fields.photoId) : null;
  const values: Record<string, string> = typeof form.fields.alt === "string" ? { alt: form.fields.alt.slice(0, 400) } : {};
  if (!parsed.ok) return failure(400, parsed.message, { intent, photoId, values }, parsed.fieldErrors);
  const back = `/admin/products/${productId}`;
  const input = parsed.data;
  switch (input.intent) {
    case "photo-alt": {
      const result = setPhotoAlt(productId, input.photoId, input.alt, actor);
      if (!result.ok) return fromModel(result, { intent, photoId, values });
      return done(`${back}#photo-${input.photoId}`, "Saved the photo's description.");
    }
    case "photo-move": {
      const result = movePhoto(productId, input.photoId, input.direction, actor);
      if (!result.ok) return fromModel(result, { intent, photoId });
      if (!result.moved) return done(`${back}#photo-${input.photoId}`, `That photo is already ${input.direction === "earlier" ? "first" : "last"}.`, "info");
      return done(`${back}#photo-${input.photoId}`, `Moved the photo to place ${result.place}.`);
    }
    case "photo-delete": {
      if (!form.token) return failure(400, TOKEN_MISSING, { intent, photoId }, { _form: TOKEN_MISSING });
      if (!form.confirmed) {
        const found = photoWithProduct(productId, input.photoId);
        if (!found) return failure(404, "That photo does not exist (any more).", { intent, photoId });
        const question = deleteQuestion(`photo ${found.place} of ${found.count} of ${found.productName} (“${found.photo.alt}”)`, "Shoppers no longer see it.");
        return askToConfirm({ kind: "photo-delete", ...question, yes: "Yes, delete the photo", fields: { ...form.fields, formToken: form.token } });
      }
      const once = { token: form.token, purpose: `photo-delete:${input.photoId}`, staffId: actor.staffId };
      const result = runOnce({ ...once, outcome: (r) => (r.ok ? "Deleted the photo." : "") }, () => deletePhoto(productId, input.photoId, actor));
      if (isAlreadyDone(result)) return done(`${back}#photos`, alreadyDoneMessage(result), "info");
      if (!result.ok) return fromModel(result, { intent, photoId });
      return done(`${back}#photos`, "Deleted the photo.");
    }
  }
}
