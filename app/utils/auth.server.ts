// Staff sign-in for the back office. The admin cookie is signed and carries
// only a random session token; the session itself (and whether it is still
// good) lives in staff_sessions.
//
// Every admin loader and action starts with `await requireStaff(request)`:
// in Remix a parent route's loader does not guard its children's loaders or
// actions (they run in parallel, and actions run alone), so each one checks.
import { createCookie, json, redirect } from "@remix-run/node";
import { can, forbiddenMessage, type Permission } from "~/domain/permissions";
import { safeReturnPath } from "~/domain/safe-redirect";
import { recordAudit } from "~/models/audit.server";
import {
  createSession,
  getSessionStaff,
  isSessionToken,
  revokeSession,
  SESSION_ABSOLUTE_MS,
  sweepStaffAuth,
  type StaffMember,
} from "~/models/staff.server";
import { registerPeriodicTask } from "~/services/startup.server";
import { env } from "./env.server";

export type { StaffMember };

registerPeriodicTask({ name: "delete old staff sessions and sign-in attempts", run: () => sweepStaffAuth(Date.now()) });

// "__Host-" makes the browser insist on Secure, Path=/ and no Domain, so no
// subdomain can plant or read it. It needs HTTPS, hence production only.
export const ADMIN_COOKIE_NAME = env().isProduction ? "__Host-admin" : "admin";

const adminCookie = createCookie(ADMIN_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().isProduction,
  secrets: [env().sessionSecret],
  maxAge: SESSION_ABSOLUTE_MS / 1000,
});

/** Headers for every admin response: never cached, never indexed. */
export const ADMIN_HEADERS: Record<string, string> = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex",
};

export const LOGIN_PATH = "/admin/login";

/** The session token from the signed cookie, or null if absent or tampered with. */
async function getAdminToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes(`${ADMIN_COOKIE_NAME}=`)) return null;
  const value: unknown = await adminCookie.parse(header);
  return isSessionToken(value) ? value : null;
}

/** The request's session token (to keep that session when others end), or null. */
export function currentSessionToken(request: Request): Promise<string | null> {
  return getAdminToken(request);
}

/** The signed-in staff member, or null. */
export async function getSignedInStaff(request: Request, now = Date.now()): Promise<StaffMember | null> {
  const token = await getAdminToken(request);
  return token ? getSessionStaff(token, now) : null;
}

/** Where the sign-in page should send someone back to after signing in. */
export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  // Remix's own query parameters are not part of the page's address.
  url.searchParams.delete("_data");
  url.searchParams.delete("index");
  const returnTo = safeReturnPath(url.pathname + url.search, "/admin");
  return `${LOGIN_PATH}?${new URLSearchParams({ returnTo })}`;
}

/**
 * The signed-in staff member, or a thrown redirect to the sign-in page
 * (anonymous, expired, revoked, disabled) or a thrown 403 (signed in, but the
 * page is for owners only).
 */
export async function requireStaff(request: Request, options: { role?: "owner" } = {}): Promise<StaffMember> {
  const hadCookie = (request.headers.get("Cookie") ?? "").includes(`${ADMIN_COOKIE_NAME}=`);
  const member = await getSignedInStaff(request);
  if (!member) {
    const headers = new Headers(ADMIN_HEADERS);
    // A dead session's cookie is cleared, so the browser stops sending it.
    if (hadCookie) headers.append("Set-Cookie", await clearCookie());
    throw redirect(loginUrl(request), { status: request.method === "GET" || request.method === "HEAD" ? 302 : 303, headers });
  }
  if (options.role === "owner" && member.role !== "owner") {
    throw json({ message: "Only the shop's owners can open this page." }, { status: 403, headers: ADMIN_HEADERS });
  }
  return member;
}

/**
 * The signed-in staff member if their role has the permission (domain/permissions.ts);
 * otherwise the sign-in redirect, or a thrown 403 that is written to the audit log.
 * Every admin loader and action starts with this.
 */
export async function requirePermission(request: Request, permission: Permission): Promise<StaffMember> {
  const member = await requireStaff(request);
  if (!can(member.role, permission)) {
    const url = new URL(request.url);
    recordAudit({
      staffId: member.id,
      action: "permission.denied",
      entityType: "permission",
      entityId: permission,
      before: null,
      after: { method: request.method, path: url.pathname.slice(0, 300), role: member.role },
    });
    throw json({ message: forbiddenMessage(permission) }, { status: 403, headers: ADMIN_HEADERS });
  }
  return member;
}

function clearCookie(): Promise<string> {
  return adminCookie.serialize("", { maxAge: 0, expires: new Date(0) });
}

/**
 * Start a new session for a staff member whose password was just checked, and
 * return its Set-Cookie header. The session is always new: a token the browser
 * held before (whoever planted it) is revoked, never carried over.
 */
export async function signIn(args: { request: Request; staffId: number; clientAddress: string; now?: number }): Promise<string> {
  const previous = await getAdminToken(args.request);
  if (previous) revokeSession(previous, args.now);
  const token = createSession(args.staffId, {
    ipAddress: args.clientAddress,
    userAgent: args.request.headers.get("User-Agent"),
    now: args.now,
  });
  return adminCookie.serialize(token);
}

/** End the request's session (if any) and return the Set-Cookie header that clears the cookie. */
export async function signOut(request: Request, now = Date.now()): Promise<string> {
  const token = await getAdminToken(request);
  if (token) revokeSession(token, now);
  return clearCookie();
}
