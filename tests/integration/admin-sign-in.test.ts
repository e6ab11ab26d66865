// Staff sign-in through the route module: the cookie, the session row, returnTo, and refusals that say nothing about which part was wrong.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SIGN_IN_FAILED } from "~/domain/staff";
import { createStaff } from "~/models/staff.server";
import { action as loginAction, loader as loginLoader } from "~/routes/admin_.login";
import { loader as layoutLoader } from "~/routes/admin";
import { ADMIN_COOKIE_NAME } from "~/utils/auth.server";
import { SCRYPT_LOG2_N } from "~/utils/password.server";
import { loginAttempts, staff, staffSessions } from "../../db/schema";
import { db } from "../helpers/db";
import { formRequest, getRequest } from "../helpers/remix";
import { adminCookieFrom, call, createStaffAccounts, nextAddress, OWNER, sessionCount, signIn, signInRequest } from "../helpers/admin-auth";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

let ownerId = 0;

beforeAll(async () => {
  ({ ownerId } = await createStaffAccounts());
});

afterEach(() => {
  vi.useRealTimers();
});

describe("POST /admin/login", () => {
  it("signs in: 303 to /admin, a signed HttpOnly SameSite=Lax cookie, a new session row", async () => {
    const before = sessionCount(ownerId);
    const address = nextAddress();
    const res = await signInRequest({ email: OWNER.email, password: OWNER.password }, { address });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const setCookie = res.headers.getSetCookie().find((h) => h.startsWith(`${ADMIN_COOKIE_NAME}=`))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(ADMIN_COOKIE_NAME).toBe("admin"); // "__Host-admin" with Secure in production
    expect(sessionCount(ownerId)).toBe(before + 1);
    const row = db.select().from(staffSessions).orderBy(staffSessions.createdAt).all().at(-1)!;
    expect(row).toMatchObject({ staffId: ownerId, revokedAt: null, ipAddress: address });
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt - row.createdAt).toBe(12 * 60 * 60 * 1000);
    // The cookie opens the back office as the owner.
    const layout = await call(layoutLoader, getRequest("/admin", { cookie: adminCookieFrom(res) }));
    expect(layout.status).toBe(200);
    expect(await layout.json()).toEqual({ staff: { id: ownerId, email: OWNER.email, name: OWNER.name, role: "owner" }, failedEffects: 0, toShip: 0, lowStock: expect.any(Number) });
    // The attempt is recorded as a success.
    const attempt = db.select().from(loginAttempts).where(eq(loginAttempts.ipAddress, address)).all();
    expect(attempt).toEqual([expect.objectContaining({ email: OWNER.email, succeeded: true })]);
  });

  it("matches the email whatever its case and surrounding spaces", async () => {
    const res = await signInRequest({ email: "  Owner@Shop.TEST ", password: OWNER.password });
    expect(res.status).toBe(303);
  });

  it("sends a signed-in member back to a same-origin returnTo, and to /admin for anything else", async () => {
    const ok = await signInRequest({ email: OWNER.email, password: OWNER.password, returnTo: "/admin/staff?x=1" });
    expect(ok.headers.get("Location")).toBe("/admin/staff?x=1");
    for (const evil of ["//evil.example", "https://evil.example/admin", "/\\evil.example", "/%2F%2Fevil.example", "javascript:alert(1)"]) {
      const res = await signInRequest({ email: OWNER.email, password: OWNER.password, returnTo: evil });
      expect(res.status, evil).toBe(303);
      expect(res.headers.get("Location"), evil).toBe("/admin");
    }
  });

  it("answers a wrong password and an unknown email identically: 401, same message, no cookie, no session", async () => {
    const sessionsBefore = sessionCount();
    const wrong = await signInRequest({ email: OWNER.email, password: "not the password at all" });
    const scrypt = vi.spyOn(crypto, "scrypt");
    const unknown = await signInRequest({ email: "nobody@shop.test", password: "not the password at all" });
    const unknownChecks = scrypt.mock.calls.map((args) => (args[3] as { N: number }).N);
    scrypt.mockRestore();

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongBody = (await wrong.json()) as Record<string, unknown>;
    const unknownBody = (await unknown.json()) as Record<string, unknown>;
    expect(wrongBody.message).toBe(SIGN_IN_FAILED);
    expect(SIGN_IN_FAILED).toBe("Email or password is incorrect.");
    // Identical but for the email typed, which the form shows again.
    expect({ ...wrongBody, email: null }).toEqual({ ...unknownBody, email: null });
    expect(wrongBody.fieldErrors).toEqual({});
    expect(adminCookieFrom(wrong)).toBeNull();
    expect(adminCookieFrom(unknown)).toBeNull();
    expect(sessionCount()).toBe(sessionsBefore);
    // The unknown email still paid for a full scrypt check, at the real accounts' cost.
    expect(unknownChecks).toEqual([2 ** SCRYPT_LOG2_N]);
  });

  it("refuses a disabled account with the same message, even with the right password", async () => {
    const created = await createStaff(
      { email: "gone@shop.test", name: "Gone", role: "staff", password: "gone passphrase 2026" },
      { staffId: ownerId },
    );
    if (!created.ok) throw new Error(created.message);
    db.update(staff).set({ disabledAt: Date.now() }).where(eq(staff.id, created.staff.id)).run();
    const res = await signInRequest({ email: "gone@shop.test", password: "gone passphrase 2026" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: SIGN_IN_FAILED });
    expect(sessionCount(created.staff.id)).toBe(0);
  });

  it("validates the form with field-level messages and a 400", async () => {
    const empty = await signInRequest({});
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors.email).toBe("Enter an email address.");
    expect(body.fieldErrors.password).toBe("Enter your password.");

    const notEmail = await signInRequest({ email: "owner", password: "x" });
    expect(notEmail.status).toBe(400);
    expect(((await notEmail.json()) as { fieldErrors: Record<string, string> }).fieldErrors.email).toMatch(/email address/);

    const twice = await call(
      loginAction,
      formRequest("/admin/login", [
        ["email", OWNER.email],
        ["email", "other@shop.test"],
        ["password", OWNER.password],
      ]),
    );
    expect(twice.status).toBe(400);

    const extra = await signInRequest({ email: OWNER.email, password: OWNER.password, role: "owner" });
    expect(extra.status).toBe(400);
    expect(adminCookieFrom(extra)).toBeNull();
  });

  it("GET /admin/login shows the form, with a sanitised returnTo, and sends a signed-in member to /admin", async () => {
    const anonymous = await call(loginLoader, getRequest("/admin/login?returnTo=%2Fadmin%2Faudit%3Fpage%3D2"));
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await anonymous.json()).toEqual({ returnTo: "/admin/audit?page=2" });

    const evil = await call(loginLoader, getRequest("/admin/login?returnTo=//evil.example"));
    expect(await evil.json()).toEqual({ returnTo: "/admin" });

    const cookie = await signIn(OWNER.email, OWNER.password);
    const signedIn = await call(loginLoader, getRequest("/admin/login?returnTo=//evil.example", { cookie }));
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/admin");
  });
});
