// Your own account: change your password. Any signed-in staff member (the
// permission every role has, dashboard.view). Other sessions end; this one stays.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { formFields, parseWith } from "~/web/forms";
import { changePasswordSchema, MIN_PASSWORD_LENGTH, ROLE_LABELS } from "~/domain/staff";
import { changeOwnPassword } from "~/models/staff.server";
import { adminMeta } from "~/utils/admin-meta";
import { currentSessionToken, requirePermission } from "~/utils/auth.server";
import { done, failure, pendingNotice } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("Your account");

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "dashboard.view");
  const { notice, headers } = await pendingNotice(request);
  return json({ name: me.name, email: me.email, role: me.role, notice }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "dashboard.view");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message });
  const input = parseWith(changePasswordSchema, form.fields);
  if (!input.ok) return failure(400, input.message, input.fieldErrors);
  const result = await changeOwnPassword({
    staffId: me.id,
    currentPassword: input.data.currentPassword,
    newPassword: input.data.password,
    keepSessionToken: await currentSessionToken(request),
  });
  if (!result.ok) return failure(result.status, result.message, result.field ? { [result.field]: result.message } : {});
  const ended = result.sessionsEnded;
  return done("/admin/account", `Your password is changed.${ended > 0 ? ` Signed out ${ended} other session${ended === 1 ? "" : "s"}.` : ""}`);
}

export default function AccountPage() {
  const { name, email, role, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // A change that went through comes back as a redirect (no action data): the
  // page stays mounted, so empty the passwords it still holds. A refusal keeps them.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (navigation.state === "idle" && !result) form.current?.reset();
  }, [navigation.state, result]);
  const password = (id: "currentPassword" | "password" | "passwordAgain", label: string, hint?: string) => (
    <AdminField label={label} name={id} error={errors[id]} hint={hint}>
      <input
        id={id}
        name={id}
        type="password"
        required
        minLength={id === "currentPassword" ? undefined : MIN_PASSWORD_LENGTH}
        autoComplete={id === "currentPassword" ? "current-password" : "new-password"}
        {...fieldAria(id, errors[id], hint !== undefined)}
      />
    </AdminField>
  );
  return (
    <>
      <h1>Your account</h1>
      {notice ? (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.message}
        </p>
      ) : null}
      {result?.message ? (
        <p className="notice error" role="alert">
          {result.message}
        </p>
      ) : null}
      <p>
        {name} ({email}), {ROLE_LABELS[role]}
      </p>
      <section className="admin-panel" aria-labelledby="change-password-title">
        <h2 id="change-password-title">Change your password</h2>
        <Form method="post" className="admin-form" ref={form}>
          {password("currentPassword", "Current password")}
          {password("password", "New password", `At least ${MIN_PASSWORD_LENGTH} characters. Your other sessions will be signed out.`)}
          {password("passwordAgain", "New password again")}
          <button type="submit" className="button" disabled={busy}>
            Change password
          </button>
        </Form>
      </section>
    </>
  );
}
