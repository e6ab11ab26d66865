// The audit log as people read it: a page (or all, for the CSV) of entries
// with the names they mention looked up in a few queries, then formatted.
import { actionLabel, formatAudit, type AuditQuery } from "~/domain/audit-format";
import { auditNamesFor, listAudit } from "~/models/audit.server";

export function readableAudit(query: AuditQuery, limit: number, offset: number, timeZone: string) {
  const { entries, total } = listAudit({
    entityType: query.entityType,
    action: query.action,
    staffId: query.staffId,
    fromMs: query.fromMs,
    toMs: query.toMs,
    limit,
    offset,
  });
  const names = auditNamesFor(entries);
  return {
    total,
    entries: entries.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      who: e.staffId === null ? "System" : (e.staffName ?? `Staff #${e.staffId}`),
      whoEmail: e.staffEmail,
      action: e.action,
      kindLabel: actionLabel(e.action),
      entityType: e.entityType,
      entityId: e.entityId,
      readable: formatAudit(e, names, timeZone),
    })),
  };
}
