// Staff sign-in, sessions, roles and the audit log, through the route modules.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { FREE_FAILURES_PER_EMAIL_AND_ADDRESS, SIGN_IN_WINDOW_MS } from "~/domain/sign-in-throttle";
import { SIGN_IN_FAILED, signInThrottledMessage } from "~/domain/staff";
import { listAudit, recordAudit } from "~/models/audit.server";
import { recordFigures } from "../helpers/figures";
import {
  createSession,
  createStaff,
  getSessionStaff,
  sessionIdFor,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sweepStaffAuth,
} from "~/models/staff.server";
import { action as loginAction, loader as loginLoader } from "~/routes/admin_.login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/admin_.logout";
import { loader as layoutLoader } from "~/routes/admin";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as staffAction, loader as staffLoader } from "~/routes/admin.staff";
import { ADMIN_COOKIE_NAME, requireStaff } from "~/utils/auth.server";
import { SCRYPT_LOG2_N } from "~/utils/password.server";
import { auditLog, loginAttempts, staff, staffSessions } from "../../db/schema";
import { db, sqlite } from "../helpers/db";
import { formRequest, getRequest } from "../helpers/remix";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

let addressCounter = 0;
/** A fresh client address, so each test has its own rate-limit budget. */
function nextAddress() {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

/** Run a loader or action as Remix would, from a given client address. */
async function call(fn: RouteFn, request: Request, options: { address?: string; params?: Record<string, string> } = {}) {
  try {
    const result = await fn({
      request,
      params: options.params ?? {},
      context: { nonce: "test", clientAddress: options.address ?? "127.0.0.1" },
    } as LoaderFunctionArgs);
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function adminCookieFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";", 1)[0]!;
    if (pair.startsWith(`${ADMIN_COOKIE_NAME}=`)) return pair;
  }
  return null;
}

async function signInRequest(
  fields: Record<string, string>,
  options: { address?: string; cookie?: string | null; path?: string } = {},
) {
  return call(loginAction, formRequest(options.path ?? "/admin/login", fields, { cookie: options.cookie }), {
    address: options.address ?? nextAddress(),
  });
}

async function signIn(email: string, password: string, options: { cookie?: string | null; address?: string } = {}) {
  const res = await signInRequest({ email, password }, options);
  expect(res.status, await res.clone().text()).toBe(303);
  const cookie = adminCookieFrom(res);
  expect(cookie).toBeTruthy();
  return cookie!;
}

/** Whether a cookie opens the back office (the layout loader lets it in). */
async function opensAdmin(cookie: string | null) {
  const res = await call(layoutLoader, getRequest("/admin", { cookie }));
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toMatch(/^\/admin\/login\?returnTo=/);
  return false;
}

function sessionCount(staffId?: number) {
  const rows = db.select().from(staffSessions).all();
  return staffId === undefined ? rows.length : rows.filter((r) => r.staffId === staffId).length;
}

function tableNames(): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** Every row of every table (a session's lastSeenAt aside), for "nothing changed". */
function snapshotDatabase() {
  return Object.fromEntries(
    tableNames().map((t) => {
      let rows = sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[];
      if (t === "staff_sessions") for (const row of rows) delete row.last_seen_at;
      // A refused request is audited (tests/integration/admin-roles.test.ts); that row is no change to the shop.
      if (t === "audit_log") rows = rows.filter((row) => row.action !== "permission.denied");
      return [t, rows];
    }),
  );
}

const OWNER = { email: "owner@shop.test", password: "owner passphrase 2026", name: "Olive Owner" };
const STAFF = { email: "staff@shop.test", password: "staff passphrase 2026", name: "Sam Staff" };
let ownerId = 0;
let staffId = 0;

beforeAll(async () => {
  const [owner, member] = await Promise.all([
    createStaff({ ...OWNER, role: "owner" }, { staffId: null }),
    createStaff({ ...STAFF, role: "staff" }, { staffId: null }),
  ]);
  if (!owner.ok || !member.ok) throw new Error("could not create test accounts");
  ownerId = owner.staff.id;
  staffId = member.staff.id;
});

afterEach(() => {
  vi.useRealTimers();
});

// ------------------------------------------------------------------ sign-in

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

// ------------------------------------------------------------------ throttling

const STAFF_FIELDS = { email: STAFF.email, password: STAFF.password };

/**
 * A fresh account for one test, so other tests' failures do not weigh on it.
 * Its hash is made at a lower scrypt cost (2^14, as an older row might have;
 * the stored string says which), so that the many sign-ins here stay quick.
 */
function freshAccount(name: string, role: "owner" | "staff" = "staff") {
  const account = { email: `${name}@shop.test`, password: `${name} passphrase 2026` };
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(account.password, salt, 64, { N: 2 ** 14, r: 8, p: 1 });
  const now = Date.now();
  db.insert(staff)
    .values({ email: account.email, name, role, passwordHash: `scrypt$14$8$1$${salt.toString("base64")}$${key.toString("base64")}`, createdAt: now, updatedAt: now })
    .run();
  return account;
}

/** Freeze the clock, so a delay the rule asks for is still running at the next request. */
function freezeClock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now());
  return (ms: number) => vi.setSystemTime(Date.now() + ms);
}

async function expectThrottled(res: Response, retryAfterSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get("Retry-After")).toBe(String(retryAfterSeconds));
  expect(await res.json()).toMatchObject({ message: signInThrottledMessage(retryAfterSeconds) });
  expect(adminCookieFrom(res)).toBeNull();
}

describe("sign-in throttling (only failures count)", () => {
  it("never counts successful sign-ins: 15 from one address and 15 from as many addresses all succeed", { timeout: 180_000 }, async () => {
    const account = freshAccount("busyday");
    const address = nextAddress();
    for (let i = 1; i <= 15; i += 1) {
      const res = await signInRequest(account, { address });
      expect(res.status, `sign-in ${i} from one address`).toBe(303);
    }
    // Many people at once (as many as the hashing line takes), each from their own address.
    const addresses = Array.from({ length: 15 }, nextAddress);
    for (let batch = 0; batch < addresses.length; batch += 5) {
      const statuses = await Promise.all(addresses.slice(batch, batch + 5).map((a) => signInRequest(account, { address: a })));
      expect(statuses.map((r) => r.status)).toEqual(statuses.map(() => 303));
    }
    const rows = db.select().from(loginAttempts).where(eq(loginAttempts.email, account.email)).all();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.succeeded)).toBe(true);
  });

  it("slows one address's repeated failures for one email: 5 free, then a wait of 1 s, 2 s, 4 s… after the latest", { timeout: 120_000 }, async () => {
    const account = freshAccount("guessed");
    const address = nextAddress();
    const advance = freezeClock();
    for (let i = 1; i <= 5; i += 1) {
      expect((await signInRequest({ email: account.email, password: `wrong guess ${i}` }, { address })).status, `guess ${i}`).toBe(401);
    }
    const attemptsBefore = db.select().from(loginAttempts).all().length;
    // Even the right password waits: a refusal must not tell whether a guess was right.
    await expectThrottled(await signInRequest(account, { address }), 1);
    // A refused attempt is not recorded, so waiting is enough.
    expect(db.select().from(loginAttempts).all()).toHaveLength(attemptsBefore);

    advance(1_000);
    expect((await signInRequest({ email: account.email, password: "wrong guess 6" }, { address })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: account.email, password: "wrong guess 7" }, { address }), 2);
    advance(2_000);
    expect((await signInRequest({ email: account.email, password: "wrong guess 7" }, { address })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: account.email, password: "wrong guess 8" }, { address }), 4);

    // The same address is not held back for another account…
    expect((await signInRequest(STAFF_FIELDS, { address })).status).toBe(303);
    // …and once the wait is over, the right password signs in and clears the slate here.
    advance(4_000);
    expect((await signInRequest(account, { address })).status).toBe(303);
    expect((await signInRequest({ email: account.email, password: "a typo after signing in" }, { address })).status).toBe(401);
    expect((await signInRequest(account, { address })).status).toBe(303);
  });

  it("lets the owner in at once from a new address while others hammer the owner's email, and slows only them", { timeout: 120_000 }, async () => {
    // A second owner, disabled afterwards: other tests need a single active owner.
    const owner = freshAccount("besieged", "owner");
    onTestFinished(() => {
      db.update(staff).set({ disabledAt: Date.now() }).where(eq(staff.email, owner.email)).run();
    });
    const advance = freezeClock();
    const [first, ...others] = Array.from({ length: 6 }, nextAddress);
    for (let i = 1; i <= 5; i += 1) {
      expect((await signInRequest({ email: owner.email, password: `guess ${i}` }, { address: first })).status).toBe(401);
    }
    for (const address of others) {
      expect((await signInRequest({ email: owner.email, password: `guess from ${address}` }, { address })).status).toBe(401);
    }
    // Ten failures: the email is under attack. Every address that failed waits after
    // one failure, twice as long for each further one (2^4 s for the first).
    await expectThrottled(await signInRequest({ email: owner.email, password: "guess 6" }, { address: first }), 16);
    for (const address of others) {
      await expectThrottled(await signInRequest({ email: owner.email, password: "another guess" }, { address }), 1);
    }
    // The owner, from an address that has not failed, is let straight in, and again.
    expect((await signInRequest(owner, { address: nextAddress() })).status).toBe(303);
    expect((await signInRequest(owner, { address: nextAddress() })).status).toBe(303);
    // The attack goes on: the attacker's wait keeps growing.
    advance(16_000);
    expect((await signInRequest({ email: owner.email, password: "guess 6" }, { address: first })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: owner.email, password: "guess 7" }, { address: first }), 32);
    vi.useRealTimers(); // the figures file's lock waits on the real clock
    recordFigures("hardening", (previous) => ({
      ...previous,
      signIn: { attackingAddresses: 6, failedGuesses: 11, ownerSignInsFromNewAddresses: 2, ownerRefused: 0, attackerWaitSeconds: 32, recordedAt: new Date().toISOString() },
    }));
  });

  it("slows an address that fails for many emails (password spraying), for any email, but not other addresses", async () => {
    const advance = freezeClock();
    const address = nextAddress();
    const now = Date.now();
    db.insert(loginAttempts)
      .values(Array.from({ length: 21 }, (_, i) => ({ email: `sprayed${i}@shop.test`, ipAddress: address, succeeded: false, createdAt: now - 1_000 })))
      .run();
    // 21 failures, 20 free: a wait of 2 s after the latest, 1 s of it gone.
    await expectThrottled(await signInRequest(STAFF_FIELDS, { address }), 1);
    expect((await signInRequest(STAFF_FIELDS)).status).toBe(303);
    advance(1_000);
    expect((await signInRequest(STAFF_FIELDS, { address })).status).toBe(303);
  });

  it("forgets failures older than the window", async () => {
    const account = freshAccount("forgiven");
    const advance = freezeClock();
    const address = nextAddress();
    db.insert(loginAttempts)
      .values(Array.from({ length: 12 }, () => ({ email: account.email, ipAddress: address, succeeded: false, createdAt: Date.now() })))
      .run();
    expect((await signInRequest(account, { address })).status).toBe(429);
    advance(SIGN_IN_WINDOW_MS + 1);
    expect((await signInRequest(account, { address })).status).toBe(303);
  });

  it("checks the rule before the password: parallel guesses cannot slip past", { timeout: 60_000 }, async () => {
    const account = freshAccount("parallel");
    const address = nextAddress();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInRequest({ email: account.email, password: `guess guess ${i}` }, { address })),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_FAILURES_PER_EMAIL_AND_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - FREE_FAILURES_PER_EMAIL_AND_ADDRESS);
  });
});

// ------------------------------------------------------------------ sessions

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

// ------------------------------------------------------------------ staff accounts

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

// ------------------------------------------------------------------ audit log

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

// ------------------------------------------------------------------ every admin route × role

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
// Open to anyone: signing in and out, and a password reset link (the link itself is the key).
const PUBLIC_ADMIN_PATHS = new Set(["/admin/login", "/admin/logout", "/admin/reset-password/1"]);

type AdminRoute = { file: string; url: string; params: Record<string, string> };

/** Every admin route module in app/routes (flat files or folders with route.tsx). */
function adminRoutes(): AdminRoute[] {
  const routes: AdminRoute[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    let file: string;
    let id: string;
    if (entry.isDirectory()) {
      const inner = ["route.tsx", "route.ts", "route.jsx", "route.js"].find((f) => fs.existsSync(path.join(ROUTES_DIR, entry.name, f)));
      if (!inner) continue;
      file = path.join(ROUTES_DIR, entry.name, inner);
      id = entry.name;
    } else {
      if (!/\.(tsx|ts|jsx|js)$/.test(entry.name) || /\.test\./.test(entry.name)) continue;
      file = path.join(ROUTES_DIR, entry.name);
      id = entry.name.replace(/\.(tsx|ts|jsx|js)$/, "");
    }
    const segments = id.split(".");
    if (segments[0]!.replace(/_$/, "") !== "admin") continue;
    const params: Record<string, string> = {};
    const urlSegments = segments.flatMap((raw) => {
      const segment = raw.replace(/^\((.*)\)$/, "$1").replace(/_$/, "");
      if (segment === "" || segment === "_index" || segment.startsWith("_")) return [];
      if (segment === "$") {
        params["*"] = "x";
        return ["x"];
      }
      if (segment.startsWith("$")) {
        params[segment.slice(1)] = "1";
        return ["1"];
      }
      return [segment];
    });
    const url = "/" + urlSegments.join("/");
    if (PUBLIC_ADMIN_PATHS.has(url)) continue;
    routes.push({ file, url, params });
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url));
}

type RouteModule = {
  loader?: RouteFn;
  action?: RouteFn;
  handle?: { ownerOnly?: boolean };
  meta?: unknown;
};

describe("every admin route, for anonymous visitors, staff and owners", () => {
  const routes = adminRoutes();
  const modules = new Map<string, RouteModule>();
  let ownerCookie = "";
  let staffCookie = "";

  beforeAll(async () => {
    for (const route of routes) modules.set(route.file, (await import(route.file)) as RouteModule);
    [ownerCookie, staffCookie] = await Promise.all([signIn(OWNER.email, OWNER.password), signIn(STAFF.email, STAFF.password)]);
  });

  it("finds the admin routes, and the owner-only ones by handle.ownerOnly", () => {
    const urls = routes.map((r) => r.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        "/admin",
        "/admin/audit",
        "/admin/staff",
        // Stock and catalog: every one of these goes through the checks below.
        "/admin/stock",
        "/admin/stock/1",
        "/admin/stock/ledger",
        "/admin/stock/import",
        "/admin/stock/export",
        "/admin/products",
        "/admin/products/new",
        "/admin/products/1",
        "/admin/offers",
        "/admin/offers/new",
        "/admin/offers/1",
        "/admin/orders",
        "/admin/orders/1",
      ]),
    );
    expect(urls).not.toContain("/admin/login");
    const ownerOnly = routes.filter((r) => modules.get(r.file)!.handle?.ownerOnly === true).map((r) => r.url);
    expect(ownerOnly).toContain("/admin/staff");
    expect(ownerOnly).not.toContain("/admin/audit");
  });

  it("every admin module has a loader", () => {
    for (const route of routes) expect(typeof modules.get(route.file)!.loader, route.file).toBe("function");
  });

  it("anonymous: every loader and action sends them to sign in, with a returnTo, and changes nothing", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const res = await call(mod.loader!, getRequest(`${route.url}?from=test`), { params: route.params });
      expect(res.status, `GET ${route.url}`).toBe(302);
      const location = new URL(res.headers.get("Location")!, "http://shop.test");
      expect(location.pathname, route.url).toBe("/admin/login");
      expect(location.searchParams.get("returnTo"), route.url).toBe(`${route.url}?from=test`);

      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}), { params: route.params });
        expect(post.status, `POST ${route.url}`).toBe(303);
        expect(new URL(post.headers.get("Location")!, "http://shop.test").pathname, route.url).toBe("/admin/login");
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("staff: owner-only loaders and actions answer 403 and change nothing; the rest let them in", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const ownerOnly = mod.handle?.ownerOnly === true;
      const res = await call(mod.loader!, getRequest(route.url, { cookie: staffCookie }), { params: route.params });
      if (ownerOnly) {
        expect(res.status, `GET ${route.url}`).toBe(403);
      } else {
        expect(res.status, `GET ${route.url}`).not.toBe(403);
        expect(res.headers.get("Location") ?? "", `GET ${route.url}`).not.toMatch(/^\/admin\/login/);
      }
      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}, { cookie: staffCookie }), { params: route.params });
        if (ownerOnly) expect(post.status, `POST ${route.url}`).toBe(403);
        else expect(post.status, `POST ${route.url}`).toBeGreaterThanOrEqual(400);
        expect(post.status, `POST ${route.url}`).toBeLessThan(500);
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("owners: every loader lets them in, never cached; an empty form is refused with a 4xx and changes nothing", async () => {
    for (const route of routes) {
      const mod = modules.get(route.file)!;
      const res = await call(mod.loader!, getRequest(route.url, { cookie: ownerCookie }), { params: route.params });
      expect(res.status, `GET ${route.url}`).not.toBe(403);
      expect(res.headers.get("Location") ?? "", `GET ${route.url}`).not.toMatch(/^\/admin\/login/);
      if (res.status === 200) expect(res.headers.get("Cache-Control"), `GET ${route.url}`).toBe("private, no-store");
      if (mod.action) {
        const before = snapshotDatabase();
        const post = await call(mod.action, formRequest(route.url, {}, { cookie: ownerCookie }), { params: route.params });
        expect(post.status, `POST ${route.url}`).toBeGreaterThanOrEqual(400);
        expect(post.status, `POST ${route.url}`).toBeLessThan(500);
        expect(snapshotDatabase(), `POST ${route.url}`).toEqual(before);
      }
    }
  });

  it("every admin page tells search engines to stay away", () => {
    for (const route of routes) {
      const { meta } = modules.get(route.file)!;
      // A route without meta inherits the admin layout's.
      if (meta === undefined) continue;
      const descriptors = (typeof meta === "function" ? meta({ data: undefined, params: route.params, matches: [], location: {} }) : meta) as {
        name?: string;
        content?: string;
      }[];
      expect(descriptors, route.file).toContainEqual({ name: "robots", content: "noindex" });
    }
    const layout = modules.get(routes.find((r) => r.url === "/admin" && /admin\.tsx$/.test(r.file))!.file)!;
    expect(layout.meta).toBeTypeOf("function");
  });
});

describe("requireStaff", () => {
  it("keeps the page the visitor wanted as a safe returnTo, without Remix's own parameters", async () => {
    const res = await call(
      (args) => requireStaff(args.request),
      getRequest("/admin/orders?status=paid&_data=routes%2Fadmin.orders"),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/login?returnTo=%2Fadmin%2Forders%3Fstatus%3Dpaid");
  });

  it("answers 403 for a staff member on an owner-only check, and returns the member otherwise", async () => {
    const cookie = await signIn(STAFF.email, STAFF.password);
    const forbidden = await call((args) => requireStaff(args.request, { role: "owner" }), getRequest("/admin/x", { cookie }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("Cache-Control")).toBe("private, no-store");
    const ok = await call((args) => requireStaff(args.request), getRequest("/admin/x", { cookie }));
    expect(await ok.json()).toEqual({ id: staffId, email: STAFF.email, name: STAFF.name, role: "staff" });
  });
});
