// The outbox: emails and Stripe calls the shop carries out in the background,
// newest first, with "Send again" for the ones that failed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNotices } from "~/components/AdminField";
import { AdminPager } from "~/components/AdminPager";
import { formFields, parseWith } from "~/web/forms";
import { formatShopMinute } from "~/domain/shop-time";
import { shopTimeZone } from "~/utils/shop-time.server";
import { OUTBOX_MAX_ATTEMPTS } from "~/domain/outbox";
import { outboxPage, sendAgain } from "~/services/outbox-admin.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done, pendingNotice } from "~/web/responses.server";
import { OUTBOX_STATUSES } from "../../db/schema";

export const meta: MetaFunction = () => adminMeta("Outbox");

const STATUS_LABELS: Record<(typeof OUTBOX_STATUSES)[number], string> = { pending: "Waiting", sent: "Sent", failed: "Failed" };

function listHref(status: string | null, page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/admin/outbox?${text}` : "/admin/outbox";
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.view");
  const querySchema = z.strictObject({
    page: z.string().regex(/^[1-9]\d{0,5}$/, "The page must be a whole number from 1.").transform(Number).optional(),
    status: z.enum(OUTBOX_STATUSES, { error: "Choose waiting, sent or failed." }).optional(),
  });
  const params = new URL(request.url).searchParams;
  const fields: Record<string, string> = {};
  for (const key of ["page", "status"]) {
    const value = params.get(key);
    if (value !== null && value !== "") fields[key] = value;
  }
  const query = parseWith(querySchema, fields);
  if (!query.ok) throw json({ message: query.message }, { status: 400, headers: ADMIN_HEADERS });
  const status = query.data.status ?? null;
  const page = query.data.page ?? 1;
  const { notice, headers } = await pendingNotice(request);
  return json({ status, page, notice, timeZone: shopTimeZone(), ...outboxPage({ status, page }) }, { headers });
}

const sendAgainSchema = z.strictObject({
  intent: z.literal("send_again", { error: "Choose a row to send again." }),
  id: z.string({ error: "Choose a row to send again." }).regex(/^[1-9]\d{0,11}$/, "Choose a row to send again.").transform(Number),
  // The list to come back to.
  status: z.enum(["", "pending", "sent", "failed"], { error: "Reload the page and try again." }).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const me = await requirePermission(request, "outbox.retry");
  const form = formFields(await request.formData());
  if (!form.ok) return json({ message: form.message }, { status: 400, headers: ADMIN_HEADERS });
  const input = parseWith(sendAgainSchema, form.fields);
  if (!input.ok) return json({ message: input.message }, { status: 400, headers: ADMIN_HEADERS });
  const outcome = sendAgain(input.data.id, me.id);
  if (outcome === "missing") return json({ message: "That entry does not exist." }, { status: 404, headers: ADMIN_HEADERS });
  const to = listHref(input.data.status || null);
  return outcome === "queued"
    ? done(to, `Entry ${input.data.id} will be sent again within moments.`)
    : done(to, `Entry ${input.data.id} is not failed any more, so nothing changed.`, "info");
}

function When({ ms }: { ms: number | null }) {
  const { timeZone } = useLoaderData<typeof loader>();
  return ms === null ? <span className="admin-muted">—</span> : <span className="admin-nowrap">{formatShopMinute(ms, timeZone)}</span>;
}

export default function OutboxPage() {
  const { status, page, pages, total, counts, rows, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Outbox</h1>
      <p className="admin-lede">
        Emails to shoppers and calls to Stripe that the shop makes in the background. Waiting ones go out within moments and are
        retried, less and less often, while they fail; after {OUTBOX_MAX_ATTEMPTS} tries an entry is marked failed. Fix the cause (the
        mail server, an address), then send it again.
      </p>
      <AdminNotices notice={notice} error={result?.message ?? null} />
      <dl className="admin-levels" data-testid="outbox-counts">
        {(["pending", "sent", "failed"] as const).map((s) => (
          <div key={s}>
            <dt>
              <Link to={listHref(s)}>{STATUS_LABELS[s]}</Link>
            </dt>
            <dd data-testid={`outbox-count-${s}`}>{counts[s]}</dd>
          </div>
        ))}
      </dl>
      <Form method="get" className="admin-filter">
        <div className="field">
          <label htmlFor="status">Show</label>
          <select id="status" name="status" defaultValue={status ?? ""}>
            <option value="">Everything</option>
            <option value="pending">Waiting</option>
            <option value="sent">Sent</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="admin-muted">{total === 0 ? "Nothing here." : "No entries on this page."}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Outbox entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Tries
                </th>
                <th scope="col">Last error</th>
                <th scope="col">Created</th>
                <th scope="col">Sent</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.status === "failed" ? "is-problem" : undefined} data-testid="outbox-row" data-id={row.id}>
                  <th scope="row">{row.what}</th>
                  <td>{row.orderNumber ? <Link to={`/admin/orders/${row.orderNumber}`}>{row.orderNumber}</Link> : <span className="admin-muted">—</span>}</td>
                  <td data-testid="outbox-status">
                    {STATUS_LABELS[row.status]}
                    {row.nextAttemptAt !== null && row.attempts > 0 ? (
                      <>
                        <br />
                        <span className="admin-muted">next try <When ms={row.nextAttemptAt} /></span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{row.attempts}</td>
                  <td>{row.lastError ? <code>{row.lastError}</code> : <span className="admin-muted">—</span>}</td>
                  <td>
                    <When ms={row.createdAt} />
                  </td>
                  <td>
                    <When ms={row.sentAt} />
                  </td>
                  <td>
                    {row.status === "failed" ? (
                      <Form method="post" className="admin-inline-form">
                        <input type="hidden" name="intent" value="send_again" />
                        <input type="hidden" name="id" value={row.id} />
                        <input type="hidden" name="status" value={status ?? ""} />
                        <button type="submit" className="button small" aria-label={`Send again: entry ${row.id}`}>
                          Send again
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AdminPager label="Outbox pages" page={page} pages={pages} total={total} hrefFor={(n) => listHref(status, n)} />
    </>
  );
}
