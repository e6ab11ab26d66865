// /admin/audit/export: the audit log, as filtered on its page, as a CSV file of readable entries.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { auditCsv, parseAuditQuery } from "~/domain/audit-format";
import { shopDay } from "~/domain/shop-time";
import { readableAudit } from "~/services/audit-view.server";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { shopTimeZone } from "~/utils/shop-time.server";

const MAX_EXPORT_ENTRIES = 10_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.view");
  const timeZone = shopTimeZone();
  const now = Date.now();
  const parsed = parseAuditQuery(new URL(request.url).searchParams, now, timeZone);
  if (!parsed.ok) throw json({ message: parsed.message }, { status: 400, headers: ADMIN_HEADERS });
  const { entries } = readableAudit({ ...parsed.query, page: 1 }, MAX_EXPORT_ENTRIES, 0, timeZone);
  // A byte-order mark, so spreadsheet apps read the file as UTF-8.
  return new Response("\uFEFF" + auditCsv(entries, timeZone), {
    headers: {
      ...ADMIN_HEADERS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${shopDay(now, timeZone)}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
