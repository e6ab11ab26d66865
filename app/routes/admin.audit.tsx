// The audit log: every back-office change, newest first, as sentences with
// names, SKUs, order numbers and money; filtered by person, kind of change and
// days (shop time zone); the same entries as a CSV file.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { fieldAria } from "~/components/AdminField";
import { AdminPager } from "~/components/AdminPager";
import { DateRangeFields } from "~/components/DateRangeFields";
import { actionLabel, auditHref, parseAuditQuery } from "~/domain/audit-format";
import { formatShopMinute } from "~/domain/shop-time";
import { listAuditActions, listAuditEntityTypes, listAuditPeople } from "~/models/audit.server";
import { readableAudit } from "~/services/audit-view.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { shopTimeZone } from "~/utils/shop-time.server";

export const meta: MetaFunction = () => adminMeta("Audit log");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const timeZone = shopTimeZone();
  const parsed = parseAuditQuery(new URL(request.url).searchParams, Date.now(), timeZone);
  if (!parsed.ok) throw json({ message: parsed.message }, { status: 400, headers: ADMIN_HEADERS });
  const { query } = parsed;
  const { entries, total } = readableAudit(query, PAGE_SIZE, (query.page - 1) * PAGE_SIZE, timeZone);
  return json(
    {
      query: { ...query, fromMs: null, toMs: null },
      page: query.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      entityType: query.entityType,
      entityTypes: listAuditEntityTypes(),
      kinds: listAuditActions().map((a) => ({ value: a, label: actionLabel(a) })),
      people: listAuditPeople(),
      exportHref: auditHref(query, 1, "/admin/audit/export"),
      entries: entries.map((e) => ({
        id: e.id,
        when: formatShopMinute(e.createdAt, timeZone),
        isoTime: new Date(e.createdAt).toISOString(),
        who: e.who,
        whoEmail: e.whoEmail,
        action: e.action,
        kindLabel: e.kindLabel,
        entityType: e.entityType,
        entityId: e.entityId,
        summary: e.readable.summary,
        details: e.readable.details,
        href: e.readable.href,
        changes: e.readable.changes,
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function AuditPage() {
  const { query, page, pages, total, kinds, people, entries, exportHref } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.action || query.staffId !== null || query.from || query.to || query.entityType);

  return (
    <>
      <h1>Audit log</h1>
      <Form method="get" className="admin-filter" aria-label="Filter the audit log">
        {query.entityType ? <input type="hidden" name="type" value={query.entityType} /> : null}
        <div className="field">
          <label htmlFor="kind">Kind of change</label>
          <select id="kind" name="kind" defaultValue={query.action ?? ""}>
            <option value="">Everything</option>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="who">Person</label>
          <select id="who" name="who" defaultValue={query.staffId === null ? "" : String(query.staffId)} {...fieldAria("who", undefined)}>
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </div>
        <DateRangeFields from={query.from} to={query.to} errors={{}} />
        <button type="submit" className="button small secondary">
          Filter
        </button>
        {filtered ? (
          <Link to="/admin/audit" className="admin-muted">
            Show all
          </Link>
        ) : null}
      </Form>

      <p className="admin-muted" data-testid="audit-count">
        {total} {total === 1 ? "entry" : "entries"}
        {filtered ? " match" : ""}
        {total > 0 ? (
          <>
            {" · "}
            <a href={exportHref} download data-testid="audit-export">
              Download as CSV
            </a>
          </>
        ) : null}
      </p>

      {entries.length === 0 ? (
        <p className="admin-muted">{total === 0 ? (filtered ? "Nothing matches these filters." : "Nothing has been recorded yet.") : "No entries on this page."}</p>
      ) : (
        <div className="admin-table-wrap" role="region" aria-label="Audit log entries" tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="admin-nowrap">
                    <time dateTime={e.isoTime}>{e.when}</time>
                  </td>
                  <td>
                    {e.who}
                    {e.whoEmail ? <div className="admin-muted">{e.whoEmail}</div> : null}
                  </td>
                  <td>
                    <p className="admin-audit-summary" data-testid="audit-summary">
                      {e.href ? <Link to={e.href}>{e.summary}</Link> : e.summary}
                    </p>
                    <span className="admin-muted">{e.kindLabel}</span>
                    {e.changes.length > 0 || e.details.length > 0 ? (
                      <ul className="admin-audit-details">
                        {e.changes.map((c) => (
                          <li key={`c-${c.field}`} data-testid="audit-change">
                            {c.field}: <del>{c.before}</del> <span aria-hidden="true">→</span>
                            <span className="visually-hidden"> changed to </span> <ins>{c.after}</ins>
                          </li>
                        ))}
                        {e.details.map((d, i) => (
                          <li key={`d-${i}`}>{d}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AdminPager label="Audit log pages" page={page} pages={pages} total={total} hrefFor={(n) => auditHref(query, n)} />
    </>
  );
}
