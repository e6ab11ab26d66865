// Shared by the staff sign-in, session and access tests (tests/integration/admin-*.test.ts):
// route modules called as Remix would, sign-ins from fresh client addresses,
// the two standing accounts, and "nothing changed" snapshots of the database.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";
import { createStaff } from "~/models/staff.server";
import { action as loginAction } from "~/routes/admin_.login";
import { loader as layoutLoader } from "~/routes/admin";
import { ADMIN_COOKIE_NAME } from "~/utils/auth.server";
import { staffSessions } from "../../db/schema";
import { db, sqlite } from "./db";
import { formRequest, getRequest } from "./remix";

export type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

let addressCounter = 0;
/** A fresh client address, so each test has its own rate-limit budget. */
export function nextAddress() {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

/** Run a loader or action as Remix would, from a given client address. */
export async function call(fn: RouteFn, request: Request, options: { address?: string; params?: Record<string, string> } = {}) {
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

export function adminCookieFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";", 1)[0]!;
    if (pair.startsWith(`${ADMIN_COOKIE_NAME}=`)) return pair;
  }
  return null;
}

export async function signInRequest(
  fields: Record<string, string>,
  options: { address?: string; cookie?: string | null; path?: string } = {},
) {
  return call(loginAction, formRequest(options.path ?? "/admin/login", fields, { cookie: options.cookie }), {
    address: options.address ?? nextAddress(),
  });
}

export async function signIn(email: string, password: string, options: { cookie?: string | null; address?: string } = {}) {
  const res = await signInRequest({ email, password }, options);
  expect(res.status, await res.clone().text()).toBe(303);
  const cookie = adminCookieFrom(res);
  expect(cookie).toBeTruthy();
  return cookie!;
}

/** Whether a cookie opens the back office (the layout loader lets it in). */
export async function opensAdmin(cookie: string | null) {
  const res = await call(layoutLoader, getRequest("/admin", { cookie }));
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toMatch(/^\/admin\/login\?returnTo=/);
  return false;
}

export function sessionCount(staffId?: number) {
  const rows = db.select().from(staffSessions).all();
  return staffId === undefined ? rows.length : rows.filter((r) => r.staffId === staffId).length;
}

export function tableNames(): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** Every row of every table (a session's lastSeenAt aside), for "nothing changed". */
export function snapshotDatabase() {
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

export const OWNER = { email: "owner@shop.test", password: "owner passphrase 2026", name: "Olive Owner" };
export const STAFF = { email: "staff@shop.test", password: "staff passphrase 2026", name: "Sam Staff" };

/** The owner and the staff member every test file starts with (call in beforeAll). */
export async function createStaffAccounts(): Promise<{ ownerId: number; staffId: number }> {
  const [owner, member] = await Promise.all([
    createStaff({ ...OWNER, role: "owner" }, { staffId: null }),
    createStaff({ ...STAFF, role: "staff" }, { staffId: null }),
  ]);
  if (!owner.ok || !member.ok) throw new Error("could not create test accounts");
  return { ownerId: owner.staff.id, staffId: member.staff.id };
}
