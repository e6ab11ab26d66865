// One product: its details, its colours (SKU, colour, hardware, prices,
// picture) and deletion. Every form posts here with an intent; a picture is
// uploaded as multipart/form-data. Changes reach the shop at once (the catalog
// cache follows catalog_version); orders keep the snapshot taken at checkout.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AdminField, AdminNotices, fieldAria } from "~/components/AdminField";
import { formatAdminTime } from "~/components/CatalogFields";
import { shopTimeZone } from "~/utils/shop-time.server";
import { Money } from "~/components/Money";
import { ProductFields, VariantFields } from "~/components/ProductForm";
import { formFields, parseWith } from "~/web/forms";
import { HARDWARE_LABELS } from "~/domain/catalog";
import { cardImageUrl, IMAGE_MISSING, IMAGE_TOO_BIG, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE } from "~/domain/images";
import {
  keptValues,
  PRODUCT_FIELDS,
  productActionSchema,
  productInputSchema,
  productToInput,
  STATUS_LABELS,
  VARIANT_FIELDS,
  variantInputSchema,
  variantToInput,
} from "~/domain/product-form";
import { SIZE_CLASS_LABELS, sizeClassFor } from "~/domain/size";
import {
  addVariant,
  deleteProduct,
  deleteVariant,
  getProductForEdit,
  setVariantImage,
  updateProduct,
  updateVariant,
  type ProductFailure,
} from "~/models/products.server";
import { preparePicture } from "~/services/pictures.server";
import { adminMeta } from "~/utils/admin-meta";
import { requirePermission } from "~/utils/auth.server";
import { done, failure as formFailure, notFound, pendingNotice } from "~/web/responses.server";
import { ConfirmStep } from "~/components/ConfirmStep";
import { deleteQuestion, splitConfirmation } from "~/domain/confirmation";
import { alreadyDoneMessage, askToConfirm, isAlreadyDone, newFormToken, runOnce, TOKEN_MISSING } from "~/web/form-token.server";
import { isMultipart, readMultipartForm } from "~/utils/multipart.server";
import { ProductPhotos } from "~/components/ProductPhotos";
import { isPhotoIntent } from "~/domain/product-photos";
import { listProductPhotos } from "~/models/product-photos.server";
import { isPhotoUpload, photoAction, uploadPhotos } from "~/services/product-photos.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "product" in data ? `Edit ${data.product.name}` : "Product");

function productIdOf(params: { id?: string }): number | null {
  const id = params.id ?? "";
  return /^[1-9]\d{0,8}$/.test(id) ? Number(id) : null;
}

const NOT_FOUND = "That product does not exist (any more).";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "products.view");
  const id = productIdOf(params);
  const product = id === null ? null : getProductForEdit(id);
  if (!product) throw notFound(NOT_FOUND);
  const { notice, headers } = await pendingNotice(request);
  return json(
    {
      notice,
      formToken: newFormToken(),
      product: {
        id: product.id,
        name: product.name,
        slug: product.slug,
        status: product.status,
        sizeClass: SIZE_CLASS_LABELS[sizeClassFor(product)],
        updatedAt: formatAdminTime(product.updatedAt, shopTimeZone()),
        canDelete: product.canDelete,
        hasOrders: product.hasOrders,
        input: productToInput(product),
      },
      variants: product.variants.map((v) => ({
        id: v.id,
        sku: v.sku,
        colourName: v.colourName,
        colourHex: v.colourHex,
        hardware: HARDWARE_LABELS[v.hardware],
        priceCents: v.priceCents,
        compareAtCents: v.compareAtCents,
        onHand: v.stockOnHand,
        held: v.stockHeld,
        imageUrl: v.imageUrl,
        usesIllustration: v.usesIllustration,
        // The only colour stays: a product is never left without one.
        canDelete: v.canDelete && product.variants.length > 1,
        onlyColour: product.variants.length <= 1,
        hasOrders: v.hasOrders,
        input: variantToInput(v),
      })),
      photos: listProductPhotos(product.id).map((p) => ({ id: p.id, url: p.imageUrl, alt: p.alt })),
    },
    { headers },
  );
}

function failure(
  status: 400 | 404 | 409 | 413 | 415,
  message: string,
  context: { intent?: string | null; variantId?: number | null; fields?: Record<string, string> },
  fieldErrors: Record<string, string> = {},
) {
  const values = keptValues(context.fields ?? {}, [...PRODUCT_FIELDS, ...VARIANT_FIELDS]);
  return formFailure(status, message, fieldErrors, values, { intent: context.intent?.slice(0, 30) ?? null, variantId: context.variantId ?? null });
}

function fromModel(result: ProductFailure, context: Parameters<typeof failure>[2]) {
  return failure(result.status, result.message, context, result.field ? { [result.field]: result.message } : {});
}

/** Fields of a form minus the ones that say what to do. */
function without(fields: Record<string, string>, ...names: string[]) {
  const out = { ...fields };
  for (const n of names) delete out[n];
  return out;
}

const imageFormSchema = z.strictObject({
  intent: z.literal("image"),
  variantId: z.string().regex(/^[1-9]\d{0,8}$/, "Choose a colour.").transform(Number),
});

/** A picture upload: multipart, one file at most MAX_IMAGE_BYTES, decoded and re-encoded before anything is written. */
async function uploadImage(request: Request, context: AppLoadContext, productId: number, staffId: number) {
  const read = await readMultipartForm(request, context, { maxPartSize: MAX_IMAGE_BYTES, tooLargeMessage: IMAGE_TOO_BIG, maxParts: 4 });
  if (!read.ok) return failure(read.status, read.message, { intent: "image" }, { image: read.message });
  const fields: Record<string, string> = {};
  let file: Blob | null = null;
  for (const [key, value] of read.form.entries()) {
    if (key === "image" && typeof value !== "string") {
      if (file) return failure(400, "Upload one picture at a time.", { intent: "image" }, { image: "Upload one picture at a time." });
      file = value;
    } else if (typeof value === "string" && !(key in fields)) fields[key] = value;
    else return failure(400, `Unexpected field "${key.slice(0, 40)}".`, { intent: "image" });
  }
  const input = parseWith(imageFormSchema, fields);
  if (!input.ok) return failure(400, input.message, { intent: "image" }, input.fieldErrors);
  const variantId = input.data.variantId;
  if (!file || file.size === 0) return failure(400, IMAGE_MISSING, { intent: "image", variantId }, { image: IMAGE_MISSING });
  const prepared = await preparePicture(new Uint8Array(await file.arrayBuffer()));
  if (!prepared.ok) return failure(prepared.status, prepared.message, { intent: "image", variantId }, { image: prepared.message });
  const result = setVariantImage(productId, variantId, { picture: prepared.picture }, { staffId });
  if (!result.ok) return fromModel(result, { intent: "image", variantId });
  return done(`/admin/products/${productId}#variant-${variantId}`, `${result.variant.sku} now shows the uploaded picture.`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const me = await requirePermission(request, "products.edit");
  const actor = { staffId: me.id };
  const productId = productIdOf(params);
  if (productId === null) return failure(404, NOT_FOUND, {});
  if (isMultipart(request)) {
    return isPhotoUpload(request) ? uploadPhotos(request, context, productId, actor) : uploadImage(request, context, productId, me.id);
  }

  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, {}, { _form: form.message });
  // Deletes (a colour, its uploaded picture, the product) are confirmed first and carry a one-time token.
  const { confirmed, token, rest: fields } = splitConfirmation(form.fields);
  if (isPhotoIntent(fields.intent)) return photoAction(productId, { fields, confirmed, token }, actor);
  const which = parseWith(productActionSchema, fields);
  if (!which.ok) return failure(400, which.message, { intent: fields.intent, fields }, which.fieldErrors);
  const intent = which.data.intent;
  const back = `/admin/products/${productId}`;
  if (intent === "variant-delete" || intent === "image-illustration" || intent === "delete") {
    const variantId = "variantId" in which.data ? which.data.variantId : null;
    if (!token) return failure(400, TOKEN_MISSING, { intent, variantId }, { _form: TOKEN_MISSING });
    if (!confirmed) {
      const product = getProductForEdit(productId);
      if (!product) return failure(404, NOT_FOUND, {});
      const colour = product.variants.find((v) => v.id === variantId);
      if (intent !== "delete" && !colour) return failure(404, "That colour does not exist (any more).", { intent, variantId });
      const question =
        intent === "delete"
          ? deleteQuestion(`the product ${product.name} and its ${product.variants.length} colour${product.variants.length === 1 ? "" : "s"}`, "This can't be undone.")
          : intent === "variant-delete"
            ? deleteQuestion(`the colour ${colour!.colourName} (${colour!.sku}) of ${product.name}, with its picture`, "This can't be undone.")
            : { ...deleteQuestion(`the uploaded picture of ${product.name} in ${colour!.colourName} (${colour!.sku})`, "The colour shows its illustration instead."), yes: "Yes, delete the picture" };
      return askToConfirm({ kind: intent, ...question, fields: { ...fields, formToken: token } });
    }
  }

  switch (which.data.intent) {
    case "product": {
      const input = parseWith(productInputSchema, without(fields, "intent"));
      if (!input.ok) return failure(400, input.message, { intent, fields }, input.fieldErrors);
      const result = updateProduct(productId, input.data, actor);
      if (!result.ok) return fromModel(result, { intent, fields });
      const where = result.product.status === "active" ? "It shows in the shop as it is now." : "It is a draft, hidden from the shop.";
      return done(back, `Saved ${result.product.name}. ${where}`);
    }
    case "variant-create": {
      const input = parseWith(variantInputSchema, without(fields, "intent"));
      if (!input.ok) return failure(400, input.message, { intent, fields }, input.fieldErrors);
      const result = addVariant(productId, input.data, actor);
      if (!result.ok) return fromModel(result, { intent, fields });
      return done(`${back}#variant-${result.variant.id}`, `Added ${result.variant.colourName} (${result.variant.sku}). Add its stock on the stock page.`);
    }
    case "variant-update": {
      const variantId = which.data.variantId;
      const input = parseWith(variantInputSchema, without(fields, "intent", "variantId"));
      if (!input.ok) return failure(400, input.message, { intent, variantId, fields }, input.fieldErrors);
      const result = updateVariant(productId, variantId, input.data, actor);
      if (!result.ok) return fromModel(result, { intent, variantId, fields });
      return done(`${back}#variant-${variantId}`, `Saved ${result.variant.colourName} (${result.variant.sku}).`);
    }
    case "variant-delete": {
      const variantId = which.data.variantId;
      const once = { token: token!, purpose: `variant-delete:${variantId}`, staffId: me.id };
      const result = runOnce({ ...once, outcome: (r) => (r.ok ? `Deleted ${r.variant.colourName} (${r.variant.sku}).` : "") }, () => deleteVariant(productId, variantId, actor));
      if (isAlreadyDone(result)) return done(back, alreadyDoneMessage(result), "info");
      if (!result.ok) return fromModel(result, { intent, variantId });
      return done(back, `Deleted ${result.variant.colourName} (${result.variant.sku}).`);
    }
    case "image-illustration": {
      const variantId = which.data.variantId;
      const once = { token: token!, purpose: `picture-delete:${variantId}`, staffId: me.id };
      const result = runOnce({ ...once, outcome: (r) => (r.ok ? `${r.variant.sku} shows its illustration again.` : "") }, () =>
        setVariantImage(productId, variantId, "illustration", actor),
      );
      if (isAlreadyDone(result)) return done(`${back}#variant-${variantId}`, alreadyDoneMessage(result), "info");
      if (!result.ok) return fromModel(result, { intent, variantId });
      return done(`${back}#variant-${variantId}`, `${result.variant.sku} shows its illustration again.`);
    }
    case "delete": {
      const once = { token: token!, purpose: `product-delete:${productId}`, staffId: me.id };
      const result = runOnce({ ...once, outcome: (r) => (r.ok ? `Deleted ${r.product.name}.` : "") }, () => deleteProduct(productId, actor));
      if (isAlreadyDone(result)) return done("/admin/products", alreadyDoneMessage(result), "info");
      if (!result.ok) return fromModel(result, { intent });
      return done("/admin/products", `Deleted ${result.product.name}.`);
    }
  }
}

export default function EditProductPage() {
  const { notice, product, variants, photos, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirm = actionData && actionData.ok ? actionData.confirm : null;
  const result = actionData && !actionData.ok ? actionData : null;
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const isFor = (intent: string, variantId: number | null = null) => failed !== null && failed.intent === intent && failed.variantId === variantId;
  const productErrors = isFor("product") ? failed!.fieldErrors : {};
  const productValues = isFor("product") ? failed!.values : product.input;
  const newErrors = isFor("variant-create") ? failed!.fieldErrors : {};
  const newValues = isFor("variant-create") ? failed!.values : { hardware: "gold", position: String(variants.length) };

  return (
    <>
      <p className="admin-back">
        <Link to="/admin/products">← All products</Link>
      </p>
      <div className="admin-head">
        <h1>{product.name}</h1>
        <span className={`admin-flag ${product.status}`}>{STATUS_LABELS[product.status]}</span>
      </div>
      <p className="admin-lede">
        {product.status === "active" && variants.length > 0 ? (
          <a href={`/products/${product.slug}`} target="_blank" rel="noreferrer">
            View in the shop
          </a>
        ) : (
          <span className="admin-muted">{variants.length === 0 ? "Hidden from the shop until it has a colour." : "Hidden from the shop (draft)."}</span>
        )}{" "}
        · <span className="admin-muted">Last saved {product.updatedAt}</span>
      </p>
      <AdminNotices notice={notice} />
      {confirm ? <ConfirmStep request={confirm} cancelTo={`/admin/products/${product.id}`} busy={busy} /> : null}
      {failed ? (
        <p className="notice error" role="alert" data-testid="form-error">
          {failed.message}
        </p>
      ) : null}

      <section className="admin-panel admin-wide-panel" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="product" />
          <ProductFields values={productValues} errors={productErrors} sizeClass={product.sizeClass} />
          <button type="submit" className="button" disabled={busy}>
            Save details
          </button>
        </Form>
      </section>

      <h2>Colours</h2>
      {variants.map((v) => {
        const errors = isFor("variant-update", v.id) ? failed!.fieldErrors : {};
        const values = isFor("variant-update", v.id) ? failed!.values : v.input;
        const imageError = isFor("image", v.id) ? (failed!.fieldErrors.image ?? failed!.message) : undefined;
        const deleteError = isFor("variant-delete", v.id) ? failed!.message : undefined;
        return (
          <section key={v.id} id={`variant-${v.id}`} className="admin-variant" aria-labelledby={`variant-${v.id}-title`} data-testid="variant" data-sku={v.sku}>
            <div className="admin-variant-head">
              <img className="admin-thumb" src={cardImageUrl(v.imageUrl)} alt="" width={96} height={96} />
              <h3 id={`variant-${v.id}-title`}>
                <span className="admin-swatch" style={{ background: v.colourHex }} aria-hidden="true" /> {v.colourName} <code>{v.sku}</code>
              </h3>
              <span>
                <Money cents={v.priceCents} /> · {v.hardware} ·{" "}
                <Link to={`/admin/stock/${encodeURIComponent(v.sku)}`}>
                  {v.onHand} on hand{v.held > 0 ? `, ${v.held} held` : ""}
                </Link>
              </span>
            </div>
            <Form method="post" className="admin-form">
              <input type="hidden" name="intent" value="variant-update" />
              <input type="hidden" name="variantId" value={v.id} />
              <VariantFields idPrefix={`v${v.id}`} values={values} errors={errors} />
              <button type="submit" className="button secondary" disabled={busy}>
                Save colour
              </button>
            </Form>
            <div className="admin-row-forms">
              <Form method="post" encType="multipart/form-data" className="admin-inline-form">
                <input type="hidden" name="intent" value="image" />
                <input type="hidden" name="variantId" value={v.id} />
                <AdminField
                  label="Picture"
                  name={`v${v.id}-image`}
                  error={imageError}
                  hint={`A photo as PNG, JPEG or WebP: at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB and ${MAX_IMAGE_SIDE} pixels per side. It is shown square (whole, on a clear background), without its camera and location data.`}
                >
                  <input
                    id={`v${v.id}-image`}
                    name="image"
                    type="file"
                    required
                    accept="image/png,image/jpeg,image/webp"
                    {...fieldAria(`v${v.id}-image`, imageError, true)}
                  />
                </AdminField>
                <button type="submit" className="button small secondary" disabled={busy}>
                  Upload picture
                </button>
              </Form>
              {!v.usesIllustration ? (
                <Form method="post" className="admin-inline-form">
                  <input type="hidden" name="intent" value="image-illustration" />
                  <input type="hidden" name="formToken" value={formToken} />
                  <input type="hidden" name="variantId" value={v.id} />
                  <button type="submit" className="button small secondary" disabled={busy}>
                    Use the illustration
                  </button>
                </Form>
              ) : null}
              {v.canDelete ? (
                <Form method="post" className="admin-inline-form">
                  <input type="hidden" name="intent" value="variant-delete" />
                  <input type="hidden" name="formToken" value={formToken} />
                  <input type="hidden" name="variantId" value={v.id} />
                  <button type="submit" className="button small danger" disabled={busy}>
                    Delete {v.colourName}
                  </button>
                </Form>
              ) : (
                <p className="admin-muted">
                  {v.onlyColour
                    ? "The only colour, so it stays (a product needs one; delete the product instead)."
                    : v.hasOrders
                      ? "Ordered before, so it stays (set the product to draft to hide it)."
                      : "Has stock, so it can't be deleted."}
                </p>
              )}
              {deleteError ? (
                <p className="field-error" role="alert">
                  {deleteError}
                </p>
              ) : null}
            </div>
          </section>
        );
      })}

      <ProductPhotos productId={product.id} photos={photos} formToken={formToken} failed={failed} busy={busy} />

      <section className="admin-panel" aria-labelledby="add-colour-title">
        <h2 id="add-colour-title">Add a colour</h2>
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="variant-create" />
          <VariantFields idPrefix="add" values={newValues} errors={newErrors} />
          <button type="submit" className="button secondary" disabled={busy}>
            Add colour
          </button>
        </Form>
      </section>

      <section className="admin-panel admin-danger" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete product</h2>
        {product.canDelete ? (
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="formToken" value={formToken} />
            <button type="submit" className="button danger" disabled={busy}>
              Delete {product.name}
            </button>
          </Form>
        ) : (
          <p className="admin-muted">
            {product.hasOrders
              ? "This product has orders, so it can't be deleted. Set it to draft to take it off the shop."
              : "Colours with stock can't be deleted: set their stock to 0 first, or set the product to draft."}
          </p>
        )}
      </section>
    </>
  );
}
