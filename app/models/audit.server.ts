// The only module that writes the audit log: who changed what in the back
// office, with the record before and after.
//
// recordAudit is synchronous and uses the process's one connection, so called
// inside a caller's db.transaction(...) it is part of that transaction: the
// change and its audit row commit or roll back together.
import { count, desc, eq } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { auditLog, staff } from "../../db/schema";

export type AuditEntry = {
  staffId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  now?: number;
};

// Never written to the log, at any depth: password hashes, tokens, secrets.
const SECRET_KEY = /password|secret|token/i;

function redact(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "…";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) || v === undefined) continue;
    out[key] = redact(v, depth + 1);
  }
  return out;
}

/** Write one audit row; returns its id. */
export function recordAudit(entry: AuditEntry): number {
  const [row] = db
    .insert(auditLog)
    .values({
      staffId: entry.staffId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: redact(entry.before),
      after: redact(entry.after),
      createdAt: entry.now ?? Date.now(),
    })
    .returning({ id: auditLog.id })
    .all();
  return row!.id;
}

export type AuditRow = {
  id: number;
  createdAt: number;
  staffId: number | null;
  staffName: string | null;
  staffEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** Newest first. */
export function listAudit(args: { limit: number; offset: number; entityType?: string | null }): {
  entries: AuditRow[];
  total: number;
} {
  const limit = Math.min(Math.max(Math.trunc(args.limit), 1), 500);
  const offset = Math.max(Math.trunc(args.offset), 0);
  const where = args.entityType ? eq(auditLog.entityType, args.entityType) : undefined;
  const entries = db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      staffId: auditLog.staffId,
      staffName: staff.name,
      staffEmail: staff.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
  const [totalRow] = db.select({ n: count() }).from(auditLog).where(where).all();
  return { entries, total: totalRow?.n ?? 0 };
}

/** The kinds of things the log mentions, for the filter. */
export function listAuditEntityTypes(): string[] {
  return db
    .selectDistinct({ entityType: auditLog.entityType })
    .from(auditLog)
    .orderBy(auditLog.entityType)
    .all()
    .map((r) => r.entityType);
}
