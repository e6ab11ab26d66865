// One shipping method: edit it. Orders already paid keep the name and amount
// they were charged; new checkouts use the change at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { ShippingMethodForm } from "~/components/ShippingMethodForm";
import { formFields } from "~/web/forms";
import { shippingFormValues } from "~/domain/shipping";
import { getShippingMethod, updateShippingMethod } from "~/models/shipping.server";
import { checkShippingForm, FORM_COUNTRIES, typedValues } from "~/services/shipping-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, notFound, pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "name" in data ? `Shipping: ${data.name}` : "Shipping method");

const NOT_FOUND = "That shipping method does not exist.";

/** The :id as a number, or a thrown 404. */
function methodIdOf(param: string | undefined): number {
  if (!param || !/^[1-9]\d{0,8}$/.test(param)) throw notFound(NOT_FOUND);
  return Number(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "shipping.edit");
  const method = getShippingMethod(methodIdOf(params.id));
  if (!method) throw notFound(NOT_FOUND);
  const { notice, headers } = await pendingNotice(request);
  return json({ id: method.id, name: method.name, values: shippingFormValues(method), countries: FORM_COUNTRIES, notice }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "shipping.edit");
  const id = methodIdOf(params.id);
  const form = formFields(await request.formData());
  if (!form.ok) return json({ message: form.message, fieldErrors: { _form: form.message }, values: {} as Record<string, string> }, { status: 400, headers: ADMIN_HEADERS });
  if (!getShippingMethod(id)) throw notFound(NOT_FOUND);
  const { intent, ...fields } = form.fields;
  if (intent !== "save") {
    return json({ message: "Reload the page and try again.", fieldErrors: { _form: "Reload the page and try again." }, values: typedValues(fields) }, { status: 400, headers: ADMIN_HEADERS });
  }
  const check = checkShippingForm(fields);
  if (!check.ok) return json({ message: check.message, fieldErrors: check.fieldErrors, values: typedValues(fields) }, { status: 400, headers: ADMIN_HEADERS });
  const result = updateShippingMethod(id, check.values, { staffId: me.id });
  if (!result.ok) throw notFound(NOT_FOUND);
  return done(`/admin/shipping/${id}`, `${result.method.name} is saved. New checkouts use it from now on.`);
}

export default function EditShippingMethodPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/shipping">← Shipping</Link>
      </p>
      <h1>{page.name}</h1>
      <AdminNotices notice={page.notice} error={result ? `The changes were not saved: ${result.message}` : null} />
      <ShippingMethodForm
        key={result ? "sent" : `saved-${page.id}`}
        values={result?.values && Object.keys(result.values).length > 0 ? result.values : page.values}
        errors={result?.fieldErrors ?? {}}
        countries={page.countries}
        intent="save"
        submitLabel="Save changes"
        busy={busy}
      />
    </>
  );
}
