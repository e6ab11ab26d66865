// A new product, with its first colour (a product without colours is not
// shown in the shop). It starts as a draft unless staff choose active; stock
// comes in through the stock page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ProductFields, VariantFields } from "~/components/ProductForm";
import { formFields, parseWith } from "~/web/forms";
import {
  keptValues,
  pickFields,
  PRODUCT_FIELDS,
  productInputSchema,
  VARIANT_FIELDS,
  variantInputSchema,
} from "~/domain/product-form";
import { createProduct } from "~/models/products.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, failure } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("New product");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "products.edit");
  return json({}, { headers: ADMIN_HEADERS });
}

const KNOWN = new Set<string>([...PRODUCT_FIELDS, ...VARIANT_FIELDS]);
const typed = (fields: Record<string, string>) => keptValues(fields, [...KNOWN]);

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "products.edit");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message });
  const fields = form.fields;
  const unknown = Object.keys(fields).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) {
    const message = `Unexpected field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ")}.`;
    return failure(400, message, { _form: message }, typed(fields));
  }
  const product = parseWith(productInputSchema, pickFields(fields, PRODUCT_FIELDS));
  const variant = parseWith(variantInputSchema, pickFields(fields, VARIANT_FIELDS));
  if (!product.ok || !variant.ok) {
    const fieldErrors = { ...(variant.ok ? {} : variant.fieldErrors), ...(product.ok ? {} : product.fieldErrors) };
    const count = Object.keys(fieldErrors).length;
    return failure(400, `Please fix ${count === 1 ? "the field" : `the ${count} fields`} marked below.`, fieldErrors, typed(fields));
  }
  const result = createProduct(product.data, { staffId: me.id }, Date.now(), variant.data);
  if (!result.ok) return failure(result.status === 409 ? 409 : 400, result.message, result.field ? { [result.field]: result.message } : {}, typed(fields));
  const shown = result.product.status === "active" ? "It is on sale in the shop now" : "It is a draft: set it to active to show it in the shop";
  return done(`/admin/products/${result.product.id}`, `Created ${result.product.name} with ${result.variant?.sku}. ${shown}; add stock on the stock page.`);
}

export default function NewProductPage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const values = result && !result.ok ? result.values : { status: "draft", position: "0", featuredRank: "1000" };
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/products">← All products</Link>
      </p>
      <h1>New product</h1>
      {result && !result.ok ? (
        <p className="notice error" role="alert" data-testid="form-error">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="admin-form">
        <ProductFields values={values} errors={errors} />
        <fieldset>
          <legend>First colour</legend>
          <VariantFields idPrefix="new" values={values} errors={errors} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          Create product
        </button>
      </Form>
    </>
  );
}
