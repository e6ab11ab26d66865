// Staff sign-in. Outside the admin layout (whose loader needs a signed-in
// member), hence the "admin_" file name; the URL is still /admin/login.
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formFields, parseWith } from "~/web/forms";
import { safeReturnPath } from "~/domain/safe-redirect";
import { SIGN_IN_BUSY, SIGN_IN_FAILED, signInSchema, signInThrottledMessage } from "~/domain/staff";
import { signInStaff } from "~/services/staff-sign-in.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, getSignedInStaff } from "~/utils/auth.server";
import { failure as formFailure, pendingNotice } from "~/web/responses.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = () => adminMeta("Sign in");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers(ADMIN_HEADERS);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("returnTo"), "/admin");
  if (await getSignedInStaff(request)) throw redirect("/admin", { headers: ADMIN_HEADERS });
  // E.g. "Your new password is set" after a reset link.
  const { notice, headers } = await pendingNotice(request);
  return json({ returnTo, ...(notice ? { notice } : {}) }, { headers });
}

function failure(
  status: 400 | 401 | 429 | 503,
  message: string,
  email: string,
  options: { fieldErrors?: Record<string, string>; retryAfterSeconds?: number } = {},
) {
  const headers = new Headers(ADMIN_HEADERS);
  if (options.retryAfterSeconds !== undefined) headers.set("Retry-After", String(options.retryAfterSeconds));
  return formFailure(status, message, options.fieldErrors ?? {}, {}, { email: email.slice(0, 254) }, headers);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const fields = formFields(await request.formData());
  if (!fields.ok) return failure(400, fields.message, "");
  const typedEmail = fields.fields.email ?? "";
  const input = parseWith(signInSchema, fields.fields);
  if (!input.ok) return failure(400, input.message, typedEmail, { fieldErrors: input.fieldErrors });
  const returnTo = safeReturnPath(input.data.returnTo, "/admin");

  const outcome = await signInStaff({
    request,
    email: input.data.email,
    password: input.data.password,
    clientAddress: context.clientAddress ?? "unknown",
  });
  switch (outcome.kind) {
    case "signed-in": {
      const headers = new Headers(ADMIN_HEADERS);
      headers.set("Set-Cookie", outcome.cookie);
      return redirect(returnTo, { status: 303, headers });
    }
    case "refused":
      return failure(401, SIGN_IN_FAILED, typedEmail);
    case "throttled":
      return failure(429, signInThrottledMessage(outcome.retryAfterSeconds), typedEmail, { retryAfterSeconds: outcome.retryAfterSeconds });
    case "busy":
      return failure(503, SIGN_IN_BUSY, typedEmail, { retryAfterSeconds: outcome.retryAfterSeconds });
  }
}

export default function SignInPage() {
  const data = useLoaderData<typeof loader>();
  const returnTo = data.returnTo;
  const notice = "notice" in data ? data.notice : null;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.fieldErrors ?? {};

  return (
    <div className="wrap admin-sign-in">
      <section className="admin-card" aria-labelledby="sign-in-title">
        <p className="eyebrow">Tote &amp; Charm back office</p>
        <h1 id="sign-in-title">Staff sign-in</h1>
        {notice && !result ? (
          <p className={`notice ${notice.kind}`} role="status">
            {notice.message}
          </p>
        ) : null}
        {result?.message ? (
          <p className="notice error" role="alert" id="sign-in-error">
            {result.message}
          </p>
        ) : null}
        <Form method="post" aria-describedby={result?.message ? "sign-in-error" : undefined}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              required
              maxLength={254}
              defaultValue={result?.email ?? ""}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
            />
            {errors.email ? (
              <p className="field-error" id="email-error">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "password-error" : undefined}
            />
            {errors.password ? (
              <p className="field-error" id="password-error">
                {errors.password}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
      </section>
    </div>
  );
}
