// The product page's photos section in the back office: the product's photos
// in gallery order (each with its description, moves and delete), and a form
// uploading one or several at once. Every form is a plain POST; with
// JavaScript, choosing several files offers one description field per file.
import { useState } from "react";
import { Form } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { cardImageUrl, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE } from "~/domain/images";
import { ALT_MAX, MAX_PHOTOS_PER_PRODUCT, MAX_PHOTOS_PER_UPLOAD } from "~/domain/product-photos";

type Photo = { id: number; url: string; alt: string };
type Failed = { intent: string | null; message: string; fieldErrors: Record<string, string>; values: Record<string, string>; photoId?: number | null } | null;

const ALT_HINT = `What the photo shows, for shoppers who cannot see it (at most ${ALT_MAX} characters), e.g. “The tote worn on the shoulder, side view”.`;

export function ProductPhotos({ productId, photos, formToken, failed, busy }: { productId: number; photos: Photo[]; formToken: string; failed: Failed; busy: boolean }) {
  const uploadFailed = failed?.intent === "photos" ? failed : null;
  const full = photos.length >= MAX_PHOTOS_PER_PRODUCT;
  return (
    <section id="photos" className="admin-panel admin-wide-panel admin-photos" aria-labelledby="photos-title" data-testid="photos">
      <h2 id="photos-title">Photos</h2>
      <p className="admin-muted">
        Shown on the product page after the chosen colour&apos;s own picture, in this order, for every colour.
      </p>
      {photos.length === 0 ? (
        <p className="admin-muted">No photos yet.</p>
      ) : (
        <ol className="admin-photo-list">
          {photos.map((photo, i) => {
            const mine = failed && failed.photoId === photo.id ? failed : null;
            const altError = mine?.intent === "photo-alt" ? (mine.fieldErrors.alt ?? mine.message) : undefined;
            const otherError = mine && mine.intent !== "photo-alt" ? mine.message : undefined;
            const id = `photo-${photo.id}-alt`;
            return (
              <li key={photo.id} id={`photo-${photo.id}`} className="admin-photo" data-testid="photo" data-photo-id={photo.id}>
                <img className="admin-thumb" src={cardImageUrl(photo.url)} alt="" width={96} height={96} loading="lazy" />
                <div className="admin-photo-body">
                  <Form method="post" className="admin-inline-form admin-photo-alt">
                    <input type="hidden" name="intent" value="photo-alt" />
                    <input type="hidden" name="photoId" value={photo.id} />
                    <AdminField label={`Photo ${i + 1}: description`} name={id} error={altError}>
                      <input
                        id={id}
                        name="alt"
                        type="text"
                        required
                        maxLength={ALT_MAX}
                        defaultValue={altError ? (mine!.values.alt ?? photo.alt) : photo.alt}
                        {...fieldAria(id, altError)}
                      />
                    </AdminField>
                    <button type="submit" className="button small secondary" disabled={busy}>
                      Save description
                    </button>
                  </Form>
                  <div className="admin-row-forms">
                    {i > 0 ? (
                      <Form method="post" className="admin-inline-form">
                        <input type="hidden" name="intent" value="photo-move" />
                        <input type="hidden" name="photoId" value={photo.id} />
                        <input type="hidden" name="direction" value="earlier" />
                        <button type="submit" className="button small secondary" disabled={busy} aria-label={`Move photo ${i + 1} earlier`}>
                          ↑ Earlier
                        </button>
                      </Form>
                    ) : null}
                    {i < photos.length - 1 ? (
                      <Form method="post" className="admin-inline-form">
                        <input type="hidden" name="intent" value="photo-move" />
                        <input type="hidden" name="photoId" value={photo.id} />
                        <input type="hidden" name="direction" value="later" />
                        <button type="submit" className="button small secondary" disabled={busy} aria-label={`Move photo ${i + 1} later`}>
                          ↓ Later
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" className="admin-inline-form">
                      <input type="hidden" name="intent" value="photo-delete" />
                      <input type="hidden" name="formToken" value={formToken} />
                      <input type="hidden" name="photoId" value={photo.id} />
                      <button type="submit" className="button small danger" disabled={busy} aria-label={`Delete photo ${i + 1}`}>
                        Delete
                      </button>
                    </Form>
                  </div>
                  {otherError ? (
                    <p className="field-error" role="alert">
                      {otherError}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {full ? (
        <p className="admin-muted">This product has {MAX_PHOTOS_PER_PRODUCT} photos, the most it can have: delete one to add another.</p>
      ) : (
        <UploadPhotos productId={productId} failed={uploadFailed} busy={busy} />
      )}
    </section>
  );
}

function UploadPhotos({ productId, failed, busy }: { productId: number; failed: Failed; busy: boolean }) {
  // With JavaScript: the chosen files' names, one description field each.
  const [chosen, setChosen] = useState<string[]>([]);
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  const filesError = errors.photos ?? (failed && Object.keys(errors).length === 0 ? failed.message : undefined);
  const perFile = chosen.length > 1;
  return (
    <Form method="post" action={`/admin/products/${productId}?photos`} encType="multipart/form-data" className="admin-form admin-photo-upload">
      <h3>Add photos</h3>
      <input type="hidden" name="intent" value="photos" />
      <AdminField
        label="Photos"
        name="photos-files"
        error={filesError}
        hint={`Up to ${MAX_PHOTOS_PER_UPLOAD} at once, each a PNG, JPEG or WebP of at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB and ${MAX_IMAGE_SIDE} pixels per side. Shown square, without camera and location data.`}
      >
        <input
          id="photos-files"
          name="photos"
          type="file"
          multiple
          required
          accept="image/png,image/jpeg,image/webp"
          onChange={(event) => setChosen(Array.from(event.currentTarget.files ?? []).map((f) => f.name))}
          {...fieldAria("photos-files", filesError, true)}
        />
      </AdminField>
      {perFile ? (
        chosen.map((name, i) => (
          <AdminField key={`${i}-${name}`} label={`Description of ${name}`} name={`photos-alt-${i}`} error={errors[`alt-${i}`]}>
            <input id={`photos-alt-${i}`} name={`alt-${i}`} type="text" required maxLength={ALT_MAX} {...fieldAria(`photos-alt-${i}`, errors[`alt-${i}`])} />
          </AdminField>
        ))
      ) : (
        <AdminField label="Photo description" name="photos-alt" error={errors.alt} hint={`${ALT_HINT} With several files, each gets this description: change each one above afterwards.`}>
          <input id="photos-alt" name="alt" type="text" required maxLength={ALT_MAX} defaultValue={values.alt ?? ""} {...fieldAria("photos-alt", errors.alt, true)} />
        </AdminField>
      )}
      <button type="submit" className="button secondary" disabled={busy}>
        Upload photos
      </button>
    </Form>
  );
}
