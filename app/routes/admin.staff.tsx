// Staff accounts (owners only): add someone, change a role, disable or enable
// an account, make a one-time password reset link. Every change is in the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { formFields, parseWith } from "~/web/forms";
import { MIN_PASSWORD_LENGTH, ROLE_LABELS, STAFF_ROLE_OPTIONS, staffChangeSchema, type StaffRole } from "~/domain/staff";
import {
  changeStaffRole,
  createPasswordResetLink,
  createStaff,
  getStaff,
  listStaff,
  setStaffDisabled,
  type StaffResult,
} from "~/models/staff.server";
import { ConfirmStep } from "~/components/ConfirmStep";
import { splitConfirmation } from "~/domain/confirmation";
import { askToConfirm } from "~/web/form-token.server";
import { Money } from "~/components/Money";
import { getSupportRefundLimitCents, setSupportRefundLimitCents } from "~/models/settings.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, LOGIN_PATH, requirePermission, signOut } from "~/utils/auth.server";
import { done, failure as formFailure, pendingNotice } from "~/web/responses.server";
import { shopDay } from "~/domain/shop-time";
import { shopTimeZone } from "~/utils/shop-time.server";
import { env } from "~/utils/env.server";

/** Owners only: the admin route tests check that staff get a 403 here. */
export const handle = { ownerOnly: true };

export const meta: MetaFunction = () => adminMeta("Staff");

function isoDate(ms: number) {
  return shopDay(ms, shopTimeZone());
}

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "staff.manage");
  const { notice, headers } = await pendingNotice(request);
  const members = listStaff().map((m) => ({
    id: m.id,
    name: m.name,
    email: m.email,
    role: m.role,
    disabledOn: m.disabledAt === null ? null : isoDate(m.disabledAt),
    addedOn: isoDate(m.createdAt),
  }));
  return json({ me: me.id, members, notice, refundLimitCents: getSupportRefundLimitCents() }, { headers });
}

function failure(
  status: 400 | 404 | 409,
  message: string,
  fields: Record<string, string>,
  fieldErrors: Record<string, string> = {},
) {
  const values = { email: (fields.email ?? "").slice(0, 254), name: (fields.name ?? "").slice(0, 80), role: fields.role ?? "manager" };
  return formFailure(status, message, fieldErrors, values, { intent: fields.intent?.slice(0, 20) ?? null, staffId: fields.staffId?.slice(0, 12) ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "staff.manage");
  const form = formFields(await request.formData());
  if (!form.ok) return failure(400, form.message, {}, { _form: form.message });
  // Disabling an account (removing someone) is confirmed first; disabling twice changes nothing.
  const { confirmed, rest } = splitConfirmation(form.fields);
  const input = parseWith(staffChangeSchema, rest);
  if (!input.ok) return failure(400, input.message, rest, input.fieldErrors);
  const actor = { staffId: me.id };
  const change = input.data;
  if (change.intent === "disable" && !confirmed) {
    const member = getStaff(change.staffId);
    if (!member) return failure(404, "That staff member does not exist.", rest);
    const who = member.id === me.id ? "your own account (you will be signed out)" : `${member.name}'s account (${member.email}) and sign them out now`;
    return askToConfirm({ kind: "staff-disable", question: `Disable ${who}?`, yes: "Yes, disable", fields: rest });
  }

  if (change.intent === "reset-link") {
    const member = getStaff(change.staffId);
    if (!member) return failure(404, "That staff member does not exist.", rest);
    if (!confirmed) {
      return askToConfirm({
        kind: "staff-reset-link",
        question: `Make a password reset link for ${member.name} (${member.email})? It works once, for 24 hours; earlier links for them stop working. Their password stays until they use it.`,
        yes: "Yes, make the link",
        fields: rest,
      });
    }
    const made = createPasswordResetLink({ staffId: member.id, actor });
    if (!made.ok) return failure(made.status, made.message, rest);
    // Shown once, in this answer only: the token is not stored.
    const origin = env().publicUrl ?? new URL(request.url).origin;
    return json(
      {
        ok: true as const,
        confirm: null,
        resetLink: { name: made.staff.name, email: made.staff.email, url: `${origin}/admin/reset-password/${made.token}` },
      },
      { headers: ADMIN_HEADERS },
    );
  }

  if (change.intent === "refund-limit") {
    setSupportRefundLimitCents(change.refundLimit, actor);
    return done("/admin/staff", `Support staff may now refund up to $${(change.refundLimit / 100).toFixed(2)} at a time.`);
  }

  let result: StaffResult | Awaited<ReturnType<typeof createStaff>>;
  switch (change.intent) {
    case "create":
      result = await createStaff(change, actor);
      break;
    case "change-role":
      result = changeStaffRole({ staffId: change.staffId, role: change.role, actor });
      break;
    case "disable":
    case "enable":
      result = setStaffDisabled({ staffId: change.staffId, disabled: change.intent === "disable", actor });
      break;
  }
  if (!result.ok) {
    return failure(result.status, result.message, form.fields, result.field ? { [result.field]: result.message } : {});
  }

  const member = result.staff;
  const role = ROLE_LABELS[member.role].toLowerCase();
  switch (change.intent) {
    case "create":
      return done("/admin/staff", `Added ${member.name} (${member.email}) as ${role}.`);
    case "change-role":
      // An owner who made themselves staff can no longer see this page.
      return done(member.id === me.id ? "/admin" : "/admin/staff", `${member.name} is now ${role === "owner" ? "an owner" : role}.`);
    case "disable":
      if (member.id === me.id) return redirect(LOGIN_PATH, { status: 303, headers: { ...ADMIN_HEADERS, "Set-Cookie": await signOut(request) } });
      return done("/admin/staff", `Disabled ${member.name}'s account and signed them out.`);
    case "enable":
      return done("/admin/staff", `Enabled ${member.name}'s account.`);
  }
}

export default function StaffPage() {
  const { me, members, notice, refundLimitCents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirm = actionData && actionData.ok ? actionData.confirm : null;
  const resetLink = actionData && actionData.ok && "resetLink" in actionData ? actionData.resetLink : null;
  const result = actionData && !actionData.ok ? actionData : null;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const createErrors = result?.intent === "create" ? result.fieldErrors : {};
  const values = result?.intent === "create" ? result.values : { email: "", name: "", role: "manager" };

  return (
    <>
      <h1>Staff</h1>
      {notice ? (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.message}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="notice error" role="alert">
          {result.message}
        </p>
      ) : null}

      {confirm ? <ConfirmStep request={confirm} cancelTo="/admin/staff" busy={busy} /> : null}

      {resetLink ? (
        <section className="admin-panel" aria-labelledby="reset-link-title" data-testid="reset-link">
          <h2 id="reset-link-title">Password reset link for {resetLink.name}</h2>
          <p>
            Give this link to {resetLink.name} ({resetLink.email}) yourself. It works once, for 24 hours, and is shown only now: copy it
            before leaving this page.
          </p>
          <p>
            <label htmlFor="reset-link-url">Link</label>{" "}
            <input id="reset-link-url" readOnly value={resetLink.url} size={60} style={{ maxWidth: "100%" }} data-testid="reset-link-url" />
          </p>
        </section>
      ) : null}

      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption className="visually-hidden">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="staff-row" className={m.disabledOn ? "is-disabled" : undefined}>
                <th scope="row">
                  {m.name}
                  {m.id === me ? <span className="admin-muted"> (you)</span> : null}
                </th>
                <td>{m.email}</td>
                <td>
                  <Form method="post" className="admin-inline-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="staffId" value={m.id} />
                    <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                      Role for {m.name}
                    </label>
                    <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                      {STAFF_ROLE_OPTIONS.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button small secondary" disabled={busy}>
                      Change role<span className="visually-hidden"> for {m.name}</span>
                    </button>
                  </Form>
                </td>
                <td>
                  <Form method="post" className="admin-inline-form">
                    <input type="hidden" name="intent" value={m.disabledOn ? "enable" : "disable"} />
                    <input type="hidden" name="staffId" value={m.id} />
                    <span className={m.disabledOn ? "admin-status off" : "admin-status on"}>
                      {m.disabledOn ? `Disabled ${m.disabledOn}` : "Active"}
                    </span>
                    <button type="submit" className="button small secondary" disabled={busy}>
                      {m.disabledOn ? "Enable" : "Disable"}
                      <span className="visually-hidden"> {m.name}</span>
                    </button>
                  </Form>
                  {m.disabledOn ? null : (
                    <Form method="post" className="admin-inline-form">
                      <input type="hidden" name="intent" value="reset-link" />
                      <input type="hidden" name="staffId" value={m.id} />
                      <button type="submit" className="button small secondary" disabled={busy}>
                        Make a password reset link<span className="visually-hidden"> for {m.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="admin-panel" aria-labelledby="new-staff-title">
        <h2 id="new-staff-title">Add a staff member</h2>
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="create" />
          <AdminField label="Name" name="name" error={createErrors.name}>
            <input id="name" name="name" required maxLength={80} autoComplete="off" defaultValue={values.name} {...fieldAria("name", createErrors.name)} />
          </AdminField>
          <AdminField label="Email" name="email" error={createErrors.email}>
            <input
              id="email"
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              spellCheck={false}
              defaultValue={values.email}
              {...fieldAria("email", createErrors.email)}
            />
          </AdminField>
          <AdminField label="Role" name="role" error={createErrors.role}>
            <select id="role" name="role" defaultValue={values.role as StaffRole} {...fieldAria("role", createErrors.role)}>
              {STAFF_ROLE_OPTIONS.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </AdminField>
          <AdminField
            label="Initial password"
            name="password"
            error={createErrors.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person, not by email.`}
          >
            <input
              id="password"
              name="password"
              type="password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              autoComplete="new-password"
              {...fieldAria("password", createErrors.password, true)}
            />
          </AdminField>
          <button type="submit" className="button" disabled={busy}>
            Add staff member
          </button>
        </Form>
      </section>

      <section className="admin-panel" aria-labelledby="refund-limit-title">
        <h2 id="refund-limit-title">Support refund limit</h2>
        <p>
          Support staff can refund up to <strong data-testid="refund-limit"><Money cents={refundLimitCents} /></strong> at a time (a whole
          cancellation included); managers and owners have no limit.
        </p>
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="refund-limit" />
          <AdminField label="Limit ($)" name="refundLimit" error={result?.intent === "refund-limit" ? result.fieldErrors.refundLimit : undefined}>
            <input
              id="refundLimit"
              name="refundLimit"
              inputMode="decimal"
              required
              maxLength={12}
              autoComplete="off"
              defaultValue={(refundLimitCents / 100).toFixed(2)}
              {...fieldAria("refundLimit", result?.intent === "refund-limit" ? result.fieldErrors.refundLimit : undefined)}
            />
          </AdminField>
          <button type="submit" className="button secondary" disabled={busy}>
            Save limit
          </button>
        </Form>
      </section>
    </>
  );
}
