// /admin/staff: owners add, change and disable accounts (audited), and one active owner always remains.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createStaff } from "~/models/staff.server";
import { action as staffAction, loader as staffLoader } from "~/routes/admin.staff";
import { auditLog, staff, staffSessions } from "../../db/schema";
import { db } from "../helpers/db";
import { formRequest, getRequest } from "../helpers/remix";
import { call, createStaffAccounts, opensAdmin, OWNER, signIn, signInRequest, snapshotDatabase, STAFF } from "../helpers/admin-auth";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

let ownerId = 0;
let staffId = 0;

beforeAll(async () => {
  ({ ownerId, staffId } = await createStaffAccounts());
});

afterEach(() => {
  vi.useRealTimers();
});

async function staffPost(cookie: string, fields: Record<string, string>) {
  return call(staffAction, formRequest("/admin/staff", fields, { cookie }));
}

function latestAudit() {
  return db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
}

describe("/admin/staff (owners)", () => {
  let owner = "";
  beforeAll(async () => {
    owner = await signIn(OWNER.email, OWNER.password);
  });

  it("lists accounts without password hashes", async () => {
    const res = await call(staffLoader, getRequest("/admin/staff", { cookie: owner }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await res.text();
    expect(text).toContain(OWNER.email);
    expect(text).toContain(STAFF.email);
    expect(text).not.toMatch(/scrypt|password/i);
  });

  it("adds a staff member (audited, no password in the log) who can then sign in", async () => {
    const res = await staffPost(owner, {
      intent: "create",
      email: "New.Person@Shop.test",
      name: "New Person",
      role: "manager",
      password: "new person passphrase",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/staff");
    const row = db.select().from(staff).where(eq(staff.email, "new.person@shop.test")).get()!;
    expect(row).toMatchObject({ name: "New Person", role: "manager", disabledAt: null });
    const audit = latestAudit();
    expect(audit).toMatchObject({ staffId: ownerId, action: "staff.create", entityType: "staff", entityId: String(row.id), before: null });
    expect(audit.after).toEqual({ email: "new.person@shop.test", name: "New Person", role: "manager", disabled: false });
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|passphrase|password/i);
    await signIn("new.person@shop.test", "new person passphrase");
  });

  it("refuses a duplicate email, a short password and a made-up role, field by field", async () => {
    const before = snapshotDatabase();
    const duplicate = await staffPost(owner, { intent: "create", email: STAFF.email.toUpperCase(), name: "Again", role: "manager", password: "long enough passphrase" });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { fieldErrors: Record<string, string> }).fieldErrors.email).toBe(
      "There is already an account with that email.",
    );
    const short = await staffPost(owner, { intent: "create", email: "short@shop.test", name: "Short", role: "manager", password: "short pass" });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { fieldErrors: Record<string, string> }).fieldErrors.password).toBe(
      "The password must be at least 12 characters.",
    );
    const role = await staffPost(owner, { intent: "create", email: "boss@shop.test", name: "Boss", role: "admin", password: "long enough passphrase" });
    expect(role.status).toBe(400);
    expect(((await role.json()) as { fieldErrors: Record<string, string> }).fieldErrors.role).toBe("Choose a role: owner, manager, fulfilment or support.");
    const unknown = await staffPost(owner, { intent: "delete", staffId: String(staffId) });
    expect(unknown.status).toBe(400);
    const missing = await staffPost(owner, { intent: "disable", staffId: "99999", confirm: "yes" });
    expect(missing.status).toBe(404);
    expect(snapshotDatabase()).toEqual(before);
  });

  it("changes a role (audited); the member's rights change on their next request", async () => {
    const created = await createStaff({ email: "promoted@shop.test", name: "Pat", role: "staff", password: "promoted passphrase" }, { staffId: ownerId });
    if (!created.ok) throw new Error(created.message);
    const theirs = await signIn("promoted@shop.test", "promoted passphrase");
    expect((await call(staffLoader, getRequest("/admin/staff", { cookie: theirs }))).status).toBe(403);

    const res = await staffPost(owner, { intent: "change-role", staffId: String(created.staff.id), role: "owner" });
    expect(res.status).toBe(303);
    expect(latestAudit()).toMatchObject({
      action: "staff.change_role",
      entityId: String(created.staff.id),
      before: { email: "promoted@shop.test", name: "Pat", role: "staff", disabled: false },
      after: { email: "promoted@shop.test", name: "Pat", role: "owner", disabled: false },
    });
    expect((await call(staffLoader, getRequest("/admin/staff", { cookie: theirs }))).status).toBe(200);

    expect((await staffPost(owner, { intent: "change-role", staffId: String(created.staff.id), role: "manager" })).status).toBe(303);
    expect((await call(staffLoader, getRequest("/admin/staff", { cookie: theirs }))).status).toBe(403);
  });

  it("disabling an account signs it out everywhere at once (audited); enabling lets it sign in again", async () => {
    const created = await createStaff({ email: "leaver@shop.test", name: "Lee", role: "staff", password: "leaver passphrase" }, { staffId: ownerId });
    if (!created.ok) throw new Error(created.message);
    const laptop = await signIn("leaver@shop.test", "leaver passphrase");
    const phone = await signIn("leaver@shop.test", "leaver passphrase");

    const res = await staffPost(owner, { intent: "disable", staffId: String(created.staff.id), confirm: "yes" });
    expect(res.status).toBe(303);
    expect(await opensAdmin(laptop)).toBe(false);
    expect(await opensAdmin(phone)).toBe(false);
    const sessions = db.select().from(staffSessions).where(eq(staffSessions.staffId, created.staff.id)).all();
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
    expect(latestAudit()).toMatchObject({
      action: "staff.disable",
      before: { disabled: false },
      after: { disabled: true, sessionsEnded: 2 },
    });
    expect((await signInRequest({ email: "leaver@shop.test", password: "leaver passphrase" })).status).toBe(401);

    expect((await staffPost(owner, { intent: "enable", staffId: String(created.staff.id) })).status).toBe(303);
    expect(latestAudit()).toMatchObject({ action: "staff.enable", before: { disabled: true }, after: { disabled: false } });
    // The old sessions stay ended; a new sign-in works.
    expect(await opensAdmin(laptop)).toBe(false);
    await signIn("leaver@shop.test", "leaver passphrase");
  });

  it("a disabled account is signed out even if disabled behind the app's back", async () => {
    const created = await createStaff({ email: "quiet@shop.test", name: "Quinn", role: "staff", password: "quiet passphrase 1" }, { staffId: ownerId });
    if (!created.ok) throw new Error(created.message);
    const cookie = await signIn("quiet@shop.test", "quiet passphrase 1");
    db.update(staff).set({ disabledAt: Date.now() }).where(eq(staff.id, created.staff.id)).run();
    expect(await opensAdmin(cookie)).toBe(false);
  });

  it("keeps at least one active owner: the last owner can neither step down nor disable themselves", async () => {
    const before = snapshotDatabase();
    const demote = await staffPost(owner, { intent: "change-role", staffId: String(ownerId), role: "manager" });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ message: "You are the only owner. Make someone else an owner first." });
    const disable = await staffPost(owner, { intent: "disable", staffId: String(ownerId), confirm: "yes" });
    expect(disable.status).toBe(409);
    expect(snapshotDatabase()).toEqual(before);
    expect(await opensAdmin(owner)).toBe(true);

    // With a second owner, an owner may step down.
    const second = await createStaff({ email: "co-owner@shop.test", name: "Cora", role: "owner", password: "co-owner passphrase" }, { staffId: ownerId });
    if (!second.ok) throw new Error(second.message);
    const cora = await signIn("co-owner@shop.test", "co-owner passphrase");
    const res = await staffPost(cora, { intent: "change-role", staffId: String(second.staff.id), role: "manager" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin");
    expect((await call(staffLoader, getRequest("/admin/staff", { cookie: cora }))).status).toBe(403);
  });
});
