// A new bundle offer. "Save" posts it; "Preview price" (a GET of the same
// form) prices a chosen tote and micro bag with the values as typed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { OfferForm } from "~/components/OfferForm";
import { formFields } from "~/web/forms";
import { createOffer } from "~/models/offers.server";
import { checkOffer, offerFieldsOf, offerPage } from "~/services/offers-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("New offer");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "offers.edit");
  const page = offerPage(new URL(request.url), null);
  return json(page, { status: page.status, headers: ADMIN_HEADERS });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "offers.edit");
  const form = formFields(await request.formData());
  if (!form.ok) {
    return json({ message: form.message, errors: { _form: form.message }, values: {} as Record<string, string> }, { status: 400, headers: ADMIN_HEADERS });
  }
  const check = checkOffer(form.fields);
  if (!check.ok) {
    return json(
      { message: check.message, errors: check.fieldErrors, values: offerFieldsOf(form.fields) },
      { status: 400, headers: ADMIN_HEADERS },
    );
  }
  const offer = createOffer(check.values, { staffId: me.id });
  return done("/admin/offers", `${offer.name} is saved${offer.enabled ? " and on" : " (switched off)"}.`);
}

export default function NewOfferPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/offers">← Bundle offers</Link>
      </p>
      <h1>New bundle offer</h1>
      <AdminNotices error={result?.message ? `The offer was not saved: ${result.message}` : null} />
      <OfferForm
        key={result ? "sent" : "fresh"}
        values={result?.values ?? page.values}
        errors={result?.errors ?? page.errors}
        products={page.products}
        timeZone={page.timeZone}
        preview={page.preview}
        submitLabel="Save offer"
        busy={busy}
      />
    </>
  );
}
