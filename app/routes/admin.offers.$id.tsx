// One bundle offer: edit every setting, see the bundle price of a chosen tote
// and micro bag as saved and with the changes typed. Saving changes the
// storefront's prices at once (the catalog version moves with the offer).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNotices } from "~/components/AdminField";
import { OfferForm } from "~/components/OfferForm";
import { formFields } from "~/web/forms";
import { getOfferRow, updateOffer } from "~/models/offers.server";
import { checkOffer, offerFieldsOf, offerPage } from "~/services/offers-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, notFound, pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(data && "name" in data ? `Offer: ${data.name}` : "Offer");

const NOT_FOUND = "That offer does not exist.";

/** The :id as a number, or a thrown 404. */
function offerIdOf(param: string | undefined): number {
  if (!param || !/^\d{1,9}$/.test(param)) throw notFound(NOT_FOUND);
  return Number(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "offers.view");
  const row = getOfferRow(offerIdOf(params.id));
  if (!row) throw notFound(NOT_FOUND);
  const { notice, headers } = await pendingNotice(request);
  const page = offerPage(new URL(request.url), row);
  return json({ ...page, id: row.id, name: row.name, notice }, { status: page.status, headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requirePermission(request, "offers.edit");
  const id = offerIdOf(params.id);
  const form = formFields(await request.formData());
  if (!form.ok) {
    return json({ message: form.message, errors: { _form: form.message }, values: {} as Record<string, string> }, { status: 400, headers: ADMIN_HEADERS });
  }
  const saved = getOfferRow(id);
  if (!saved) throw notFound(NOT_FOUND);
  const check = checkOffer(form.fields, { savedName: saved.name });
  if (!check.ok) {
    return json({ message: check.message, errors: check.fieldErrors, values: offerFieldsOf(form.fields) }, { status: 400, headers: ADMIN_HEADERS });
  }
  const result = updateOffer(id, check.values, { staffId: me.id });
  if (!result.ok) throw notFound(NOT_FOUND);
  return done(`/admin/offers/${id}`, `${result.offer.name} is saved. The shop's prices use it from now on.`);
}

export default function EditOfferPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/offers">← Bundle offers</Link>
      </p>
      <h1>{page.name}</h1>
      <AdminNotices notice={page.notice} error={result?.message ? `The changes were not saved: ${result.message}` : null} />
      <OfferForm
        key={result ? "sent" : `saved-${page.id}`}
        values={result?.values && Object.keys(result.values).length > 0 ? result.values : page.values}
        errors={result?.errors ?? page.errors}
        products={page.products}
        timeZone={page.timeZone}
        preview={page.preview}
        submitLabel="Save changes"
        busy={busy}
      />
    </>
  );
}
