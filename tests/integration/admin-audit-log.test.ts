// /admin/audit: the log staff read, and what recordAudit stores.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit, recordAudit } from "~/models/audit.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { auditLog } from "../../db/schema";
import { db } from "../helpers/db";
import { getRequest } from "../helpers/remix";
import { call, createStaffAccounts, signIn, STAFF } from "../helpers/admin-auth";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

let staffId = 0;

beforeAll(async () => {
  ({ staffId } = await createStaffAccounts());
});

afterEach(() => {
  vi.useRealTimers();
});

describe("/admin/audit", () => {
  it("shows the log to staff, newest first, 50 a page, filtered by kind of record", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    const base = Date.UTC(2030, 0, 1);
    for (let i = 1; i <= 60; i += 1) {
      recordAudit({ staffId, action: "stock.adjust", entityType: "variant", entityId: i, before: { onHand: i }, after: { onHand: i + 1 }, now: base + i });
    }
    type Page = { page: number; pages: number; total: number; entries: { entityType: string; entityId: string; summary: string }[]; entityTypes: string[] };
    const first = (await (await call(auditLoader, getRequest("/admin/audit?type=variant", { cookie }))).json()) as Page;
    expect(first).toMatchObject({ page: 1, pages: 2, total: 60 });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]).toMatchObject({ entityType: "variant", entityId: "60", summary: expect.stringContaining("60 → 61 on hand") });
    expect(first.entries.at(-1)!.entityId).toBe("11");
    expect(first.entityTypes).toEqual(expect.arrayContaining(["staff", "variant"]));

    const second = (await (await call(auditLoader, getRequest("/admin/audit?type=variant&page=2", { cookie }))).json()) as Page;
    expect(second.entries.map((e) => e.entityId)).toEqual(["10", "9", "8", "7", "6", "5", "4", "3", "2", "1"]);

    const staffOnly = (await (await call(auditLoader, getRequest("/admin/audit?type=staff", { cookie }))).json()) as Page;
    expect(staffOnly.entries.length).toBeGreaterThan(0);
    expect(staffOnly.entries.every((e) => e.entityType === "staff")).toBe(true);

    expect(listAudit({ limit: 1, offset: 0 }).entries[0]!.entityId).toBe("60");
  });

  it("answers 400, not 500, to a page or filter it cannot read", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    for (const query of ["page=0", "page=-1", "page=abc", "page=1e3", "page=99999999", "type=DROP%20TABLE", "type=%3Cscript%3E"]) {
      const res = await call(auditLoader, getRequest(`/admin/audit?${query}`, { cookie }));
      expect(res.status, query).toBe(400);
    }
  });

  it("recordAudit joins the caller's transaction and never stores secrets", () => {
    const count = () => db.select().from(auditLog).all().length;
    const before = count();
    expect(() =>
      db.transaction(() => {
        recordAudit({ staffId: null, action: "test.rollback", entityType: "test", entityId: 1, before: null, after: { ok: true } });
        throw new Error("roll back");
      }),
    ).toThrow("roll back");
    expect(count()).toBe(before);

    const id = recordAudit({
      staffId: null,
      action: "test.redact",
      entityType: "test",
      before: { passwordHash: "scrypt$17$…", nested: { apiToken: "x", keep: 1 } },
      after: { password: "hunter2", name: "kept" },
    });
    const row = db.select().from(auditLog).where(eq(auditLog.id, id)).get()!;
    expect(row.before).toEqual({ nested: { keep: 1 } });
    expect(row.after).toEqual({ name: "kept" });
  });
});
