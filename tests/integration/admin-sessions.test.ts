// Staff sessions: fixation, sign-out, idle and absolute expiry, and the sweep of dead rows.
import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession, getSessionStaff, sessionIdFor, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sweepStaffAuth } from "~/models/staff.server";
import { action as logoutAction, loader as logoutLoader } from "~/routes/admin_.logout";
import { loader as layoutLoader } from "~/routes/admin";
import { ADMIN_COOKIE_NAME } from "~/utils/auth.server";
import { loginAttempts, staffSessions } from "../../db/schema";
import { db } from "../helpers/db";
import { formRequest, getRequest } from "../helpers/remix";
import { call, createStaffAccounts, opensAdmin, OWNER, signIn, snapshotDatabase, STAFF } from "../helpers/admin-auth";

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

const otherSecretCookie = createCookie(ADMIN_COOKIE_NAME, { secrets: ["not-the-shop-secret-at-all-32-characters"] });
const shopCookie = createCookie(ADMIN_COOKIE_NAME, { secrets: [process.env.SESSION_SECRET!] });

describe("session fixation", () => {
  it("never upgrades a forged cookie: sign-in issues a new token and the planted one stays useless", async () => {
    const planted = (await shopCookie.serialize("A".repeat(43))).split(";", 1)[0]!;
    expect(await opensAdmin(planted)).toBe(false);
    const cookie = await signIn(OWNER.email, OWNER.password, { cookie: planted });
    expect(cookie).not.toBe(planted);
    expect(await opensAdmin(cookie)).toBe(true);
    expect(await opensAdmin(planted)).toBe(false);
    expect(db.select().from(staffSessions).where(eq(staffSessions.id, sessionIdFor("A".repeat(43)))).get()).toBeUndefined();
  });

  it("never revives a signed-out token, and replaces a live one presented at sign-in", async () => {
    const first = await signIn(OWNER.email, OWNER.password);
    const out = await call(logoutAction, formRequest("/admin/logout", {}, { cookie: first }));
    expect(out.status).toBe(303);
    expect(await opensAdmin(first)).toBe(false);

    const second = await signIn(OWNER.email, OWNER.password, { cookie: first });
    expect(second).not.toBe(first);
    expect(await opensAdmin(first)).toBe(false);
    expect(await opensAdmin(second)).toBe(true);

    // Signing in again while signed in: a new session, the old one ends.
    const third = await signIn(STAFF.email, STAFF.password, { cookie: second });
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await opensAdmin(second)).toBe(false);
    const me = await call(layoutLoader, getRequest("/admin", { cookie: third }));
    expect(((await me.json()) as { staff: { role: string } }).staff.role).toBe("staff");
  });

  it("ignores cookies signed with another secret or tampered with", async () => {
    const token = createSession(ownerId, {});
    expect(getSessionStaff(token)?.id).toBe(ownerId);
    const wrongSecret = (await otherSecretCookie.serialize(token)).split(";", 1)[0]!;
    expect(await opensAdmin(wrongSecret)).toBe(false);
    const good = (await shopCookie.serialize(token)).split(";", 1)[0]!;
    expect(await opensAdmin(good)).toBe(true);
    const tampered = good.slice(0, -3) + (good.endsWith("A") ? "BBB" : "AAA");
    expect(await opensAdmin(tampered)).toBe(false);
  });

  it("clears a dead session's cookie when sending the browser to sign in", async () => {
    const cookie = await signIn(OWNER.email, OWNER.password);
    await call(logoutAction, formRequest("/admin/logout", {}, { cookie }));
    const res = await call(layoutLoader, getRequest("/admin", { cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().join("\n")).toMatch(new RegExp(`^${ADMIN_COOKIE_NAME}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, "i"));
  });
});

describe("sign-out", () => {
  it("POST revokes the session and clears the cookie; the old cookie no longer opens /admin", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    expect(await opensAdmin(cookie)).toBe(true);
    const res = await call(logoutAction, formRequest("/admin/logout", {}, { cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/login");
    const cleared = res.headers.getSetCookie().find((h) => h.startsWith(`${ADMIN_COOKIE_NAME}=`))!;
    expect(cleared).toMatch(new RegExp(`^${ADMIN_COOKIE_NAME}=;`));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await opensAdmin(cookie)).toBe(false);
    const revoked = db.select().from(staffSessions).where(eq(staffSessions.staffId, staffId)).all().filter((s) => s.revokedAt !== null);
    expect(revoked.length).toBeGreaterThan(0);
  });

  it("GET /admin/logout changes nothing", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    const before = snapshotDatabase();
    const res = await call(logoutLoader, getRequest("/admin/logout", { cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin");
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(snapshotDatabase()).toEqual(before);
    expect(await opensAdmin(cookie)).toBe(true);
  });

  it("signing out without a session just goes to the sign-in page", async () => {
    const res = await call(logoutAction, formRequest("/admin/logout", {}));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/login");
  });
});

describe("session expiry", () => {
  it("ends a session after 2 hours idle; each request (at most one write a minute) keeps it alive", () => {
    const t0 = Date.UTC(2026, 10, 1, 9, 0);
    const token = createSession(staffId, { now: t0 });
    const id = sessionIdFor(token);
    const lastSeen = () => db.select().from(staffSessions).where(eq(staffSessions.id, id)).get()!.lastSeenAt;

    expect(getSessionStaff(token, t0 + 30_000)?.id).toBe(staffId);
    expect(lastSeen()).toBe(t0); // under a minute: no write
    expect(getSessionStaff(token, t0 + 90 * 60_000)?.id).toBe(staffId);
    expect(lastSeen()).toBe(t0 + 90 * 60_000);
    // 3 hours after sign-in, but only 90 minutes after the last request.
    expect(getSessionStaff(token, t0 + 180 * 60_000)?.id).toBe(staffId);
    expect(getSessionStaff(token, t0 + 180 * 60_000 + SESSION_IDLE_MS - 1)?.id).toBe(staffId);
    const idleUntil = lastSeen() + SESSION_IDLE_MS;
    expect(getSessionStaff(token, idleUntil)).toBeNull();
    expect(getSessionStaff(token, idleUntil + 60_000)).toBeNull();
  });

  it("ends a session 12 hours after sign-in however busy it is", () => {
    const t0 = Date.UTC(2026, 10, 2, 9, 0);
    const token = createSession(staffId, { now: t0 });
    for (let hour = 1; hour < 12; hour += 1) {
      expect(getSessionStaff(token, t0 + hour * 60 * 60_000)?.id, `hour ${hour}`).toBe(staffId);
    }
    expect(getSessionStaff(token, t0 + SESSION_ABSOLUTE_MS - 1)?.id).toBe(staffId);
    expect(getSessionStaff(token, t0 + SESSION_ABSOLUTE_MS)).toBeNull();
  });

  it("sends an idle or expired cookie to the sign-in page", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60_000);
    expect(await opensAdmin(cookie)).toBe(true); // an hour later: fine, and seen again
    vi.setSystemTime(Date.now() + SESSION_IDLE_MS + 1);
    expect(await opensAdmin(cookie)).toBe(false);

    vi.useRealTimers();
    const busy = await signIn(STAFF.email, STAFF.password);
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    for (let hour = 1; hour < 12; hour += 1) {
      vi.setSystemTime(start + hour * 60 * 60_000);
      expect(await opensAdmin(busy), `hour ${hour}`).toBe(true);
    }
    vi.setSystemTime(start + SESSION_ABSOLUTE_MS + 1000);
    expect(await opensAdmin(busy)).toBe(false);
  });

  it("the sweep deletes day-old dead sessions and sign-in attempts only", () => {
    const now = Date.UTC(2027, 0, 10);
    const day = 24 * 60 * 60_000;
    const old = createSession(staffId, { now: now - 2 * day });
    const recentRevoked = createSession(staffId, { now: now - 60_000 });
    db.update(staffSessions).set({ revokedAt: now - 30_000 }).where(eq(staffSessions.id, sessionIdFor(recentRevoked))).run();
    const live = createSession(staffId, { now: now - 60_000 });
    db.insert(loginAttempts)
      .values([
        { email: "sweep@shop.test", ipAddress: "203.0.113.1", succeeded: false, createdAt: now - 2 * day },
        { email: "sweep@shop.test", ipAddress: "203.0.113.1", succeeded: false, createdAt: now - 60_000 },
      ])
      .run();
    sweepStaffAuth(now);
    const ids = new Set(db.select({ id: staffSessions.id }).from(staffSessions).all().map((r) => r.id));
    expect(ids.has(sessionIdFor(old))).toBe(false);
    expect(ids.has(sessionIdFor(recentRevoked))).toBe(true);
    expect(ids.has(sessionIdFor(live))).toBe(true);
    const attempts = db.select().from(loginAttempts).where(eq(loginAttempts.email, "sweep@shop.test")).all();
    expect(attempts.map((a) => a.createdAt)).toEqual([now - 60_000]);
  });
});
