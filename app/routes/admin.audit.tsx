// The audit log: every back-office change, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseWith } from "~/domain/cart";
import { listAudit, listAuditEntityTypes } from "~/models/audit.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { AdminPager } from "~/components/AdminPager";

export const meta: MetaFunction = () => adminMeta("Audit log");

const PAGE_SIZE = 50;

const querySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "The page must be a whole number from 1.")
    .transform(Number)
    .optional(),
  type: z
    .string()
    .regex(/^([a-z][a-z0-9_.-]{0,39})?$/, "Choose a kind of record from the list.")
    .optional(),
});

function formatTime(ms: number) {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields that differ between before and after, as text. */
function changesOf(before: unknown, after: unknown) {
  if (!isRecord(before) && !isRecord(after)) {
    return before === after ? [] : [{ field: "value", before: show(before), after: show(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const params = new URL(request.url).searchParams;
  const fields: Record<string, string> = {};
  for (const key of ["page", "type"]) {
    const value = params.get(key);
    if (value !== null) fields[key] = value;
  }
  const query = parseWith(querySchema, fields);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const page = query.data.page ?? 1;
  const entityType = query.data.type || null;
  const { entries, total } = listAudit({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, entityType });
  return json(
    {
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      entityType,
      entityTypes: listAuditEntityTypes(),
      entries: entries.map((e) => ({
        id: e.id,
        when: formatTime(e.createdAt),
        isoTime: new Date(e.createdAt).toISOString(),
        who: e.staffId === null ? "System" : (e.staffName ?? `Staff #${e.staffId}`),
        whoEmail: e.staffEmail,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        changes: changesOf(e.before, e.after),
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function AuditPage() {
  const { page, pages, total, entityType, entityTypes, entries } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(entityType ? { type: entityType } : {}), page: String(n) })}`;

  return (
    <>
      <h1>Audit log</h1>
      <Form method="get" className="admin-filter">
        <div className="field">
          <label htmlFor="type">Show</label>
          <select id="type" name="type" defaultValue={entityType ?? ""}>
            <option value="">Everything</option>
            {entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Filter
        </button>
      </Form>

      {entries.length === 0 ? (
        <p className="admin-muted">{total === 0 ? "Nothing has been recorded yet." : "No entries on this page."}</p>
      ) : (
        // Focusable, so keyboard users can scroll a wide table sideways.
        <div className="admin-table-wrap" role="region" aria-label="Audit log entries" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td className="admin-nowrap">
                    <time dateTime={e.isoTime}>{e.when}</time>
                  </td>
                  <td>
                    {e.who}
                    {e.whoEmail ? <div className="admin-muted">{e.whoEmail}</div> : null}
                  </td>
                  <td>
                    <code>{e.action}</code>
                    <div className="admin-muted">
                      {e.entityType}
                      {e.entityId ? ` #${e.entityId}` : ""}
                    </div>
                  </td>
                  <td>
                    {e.changes.length === 0 ? (
                      <span className="admin-muted">—</span>
                    ) : (
                      <dl className="admin-changes">
                        {e.changes.map((c) => (
                          <div key={c.field}>
                            <dt>{c.field}</dt>
                            <dd>
                              <span className="visually-hidden">from </span>
                              <del>{c.before}</del> <span aria-hidden="true">→</span>
                              <span className="visually-hidden"> to </span> <ins>{c.after}</ins>
                            </dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AdminPager label="Audit log pages" page={page} pages={pages} total={total} hrefFor={pageLink} />
    </>
  );
}
