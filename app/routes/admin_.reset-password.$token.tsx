// A one-time password reset link an owner made on the staff page. Outside the
// admin layout (the person is not signed in), hence "admin_". A used, expired,
// replaced or unknown link is a plain 410/404 page, never an error.
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useNavigation, useRouteError } from "@remix-run/react";
import { formFields, parseWith } from "~/web/forms";
import { MIN_PASSWORD_LENGTH, resetPasswordSchema } from "~/domain/staff";
import { checkPasswordResetLink, redeemPasswordResetLink } from "~/models/staff.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, LOGIN_PATH } from "~/utils/auth.server";
import { done, failure } from "~/web/responses.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = () => adminMeta("Choose a new password");

export const headers: HeadersFunction = () => ({ ...ADMIN_HEADERS, "Referrer-Policy": "no-referrer" });

function gone(status: 404 | 410, message: string): never {
  throw json({ message }, { status, headers: { ...ADMIN_HEADERS, "Referrer-Policy": "no-referrer" } });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const state = checkPasswordResetLink(params.token ?? "");
  if (!state.ok) gone(state.status, state.message);
  return json({ name: state.staff.name, email: state.staff.email }, { headers: ADMIN_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const before = checkPasswordResetLink(token);
  if (!before.ok) gone(before.status, before.message);
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, { _form: form.message });
  const input = parseWith(resetPasswordSchema, form.fields);
  if (!input.ok) return failure(400, input.message, input.fieldErrors);
  const redeemed = await redeemPasswordResetLink({ token, password: input.data.password });
  if (!redeemed.ok) gone(redeemed.status, redeemed.message);
  return done(LOGIN_PATH, "Your new password is set. Sign in with it.");
}

export default function ResetPasswordPage() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const field = (name: "password" | "passwordAgain", label: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
      />
      {errors[name] ? (
        <p className="field-error" id={`${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="wrap admin-sign-in">
      <section className="admin-card" aria-labelledby="reset-title">
        <p className="eyebrow">Tote &amp; Charm back office</p>
        <h1 id="reset-title">Choose a new password</h1>
        {result?.message ? (
          <p className="notice error" role="alert">
            {result.message}
          </p>
        ) : null}
        <Form method="post">
          {field("password", `New password (at least ${MIN_PASSWORD_LENGTH} characters)`)}
          {field("passwordAgain", "New password again")}
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Set my new password"}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message =
    isRouteErrorResponse(error) && typeof error.data?.message === "string" ? error.data.message : "Something went wrong. Please try again.";
  return (
    <div className="wrap admin-sign-in">
      <section className="admin-card" aria-labelledby="reset-gone-title">
        <h1 id="reset-gone-title">Password reset link</h1>
        <p>{message}</p>
        <p>
          <Link to={LOGIN_PATH}>Go to staff sign-in</Link>
        </p>
      </section>
    </div>
  );
}
