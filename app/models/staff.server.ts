// The only module that writes staff accounts, their sign-in sessions and the
// record of sign-in attempts. Account changes write the audit log in the same
// transaction. Passwords are hashed before a transaction starts: better-sqlite3
// transactions are synchronous and nothing is awaited inside one.
import crypto from "node:crypto";
import { and, count, eq, gt, isNotNull, isNull, lt, max, ne, or, sql, type SQL } from "drizzle-orm";
import { decideSignInThrottle, SIGN_IN_WINDOW_MS, type RecentFailures } from "~/domain/sign-in-throttle";
import { normaliseEmail, ownerChangeProblem, type StaffRole } from "~/domain/staff";
import { recordAudit, type Actor } from "~/models/audit.server";
import { db, writeTransaction } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { loginAttempts, passwordResetLinks, staff, staffSessions } from "../../db/schema";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A session ends after 2 hours without a request… */
export const SESSION_IDLE_MS = 2 * HOUR;
/** …and 12 hours after sign-in whatever happens. */
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** lastSeenAt is written at most this often, to keep page views read-only. */
export const SESSION_TOUCH_MS = MINUTE;

// Dead sessions and old attempts are kept a day, for looking into incidents.
const KEEP_MS = 24 * HOUR;

export type StaffMember = { id: number; email: string; name: string; role: StaffRole };

export type StaffListing = StaffMember & { disabledAt: number | null; createdAt: number; updatedAt: number };

export type StaffResult<T = StaffListing> =
  | { ok: true; staff: T }
  | { ok: false; status: 404 | 409; message: string; field?: string };

// What the audit log keeps of an account: never the password hash.
function auditView(row: { email: string; name: string; role: StaffRole; disabledAt: number | null }) {
  return { email: row.email, name: row.name, role: row.role, disabled: row.disabledAt !== null };
}

const listingColumns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  disabledAt: staff.disabledAt,
  createdAt: staff.createdAt,
  updatedAt: staff.updatedAt,
};

// ---------------------------------------------------------------- accounts

export function listStaff(): StaffListing[] {
  return db.select(listingColumns).from(staff).orderBy(staff.name, staff.id).all();
}

export function getStaff(id: number): StaffListing | null {
  return db.select(listingColumns).from(staff).where(eq(staff.id, id)).get() ?? null;
}

/** The account for a sign-in, with its password hash; null for an unknown email. */
export function findStaffForSignIn(email: string) {
  return (
    db
      .select({ ...listingColumns, passwordHash: staff.passwordHash })
      .from(staff)
      .where(eq(staff.email, normaliseEmail(email)))
      .get() ?? null
  );
}

function emailTaken(email: string): boolean {
  return db.select({ id: staff.id }).from(staff).where(eq(staff.email, email)).get() !== undefined;
}

function activeOwnerCount(): number {
  const [row] = db
    .select({ n: count() })
    .from(staff)
    .where(and(eq(staff.role, "owner"), isNull(staff.disabledAt)))
    .all();
  return row?.n ?? 0;
}

function ownerExists(): boolean {
  return db.select({ id: staff.id }).from(staff).where(eq(staff.role, "owner")).limit(1).get() !== undefined;
}

const EMAIL_TAKEN = "There is already an account with that email.";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT_UNIQUE");
}

export async function createStaff(
  input: { email: string; name: string; role: StaffRole; password: string },
  actor: Actor,
  now = Date.now(),
): Promise<StaffResult> {
  const email = normaliseEmail(input.email);
  if (emailTaken(email)) return { ok: false, status: 409, message: EMAIL_TAKEN, field: "email" };
  const passwordHash = await hashPassword(input.password);
  try {
    return writeTransaction(() => {
      if (emailTaken(email)) return { ok: false, status: 409, message: EMAIL_TAKEN, field: "email" } as const;
      const row = db
        .insert(staff)
        .values({ email, name: input.name.trim(), role: input.role, passwordHash, createdAt: now, updatedAt: now })
        .returning(listingColumns)
        .get();
      recordAudit({
        staffId: actor.staffId,
        action: "staff.create",
        entityType: "staff",
        entityId: row.id,
        before: null,
        after: auditView(row),
        now,
      });
      return { ok: true, staff: row } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 409, message: EMAIL_TAKEN, field: "email" };
    throw error;
  }
}

/** Change an account's role; the last active owner stays an owner. */
export function changeStaffRole(args: { staffId: number; role: StaffRole; actor: Actor; now?: number }): StaffResult {
  const now = args.now ?? Date.now();
  return writeTransaction(() => {
    const current = getStaff(args.staffId);
    if (!current) return { ok: false, status: 404, message: "That staff member does not exist." } as const;
    if (current.role === args.role) return { ok: true, staff: current } as const;
    const problem = ownerChangeProblem({
      current: { role: current.role, disabled: current.disabledAt !== null },
      next: { role: args.role, disabled: current.disabledAt !== null },
      activeOwners: activeOwnerCount(),
      isSelf: args.actor.staffId === current.id,
    });
    if (problem) return { ok: false, status: 409, message: problem } as const;
    const row = db
      .update(staff)
      .set({ role: args.role, updatedAt: now })
      .where(eq(staff.id, current.id))
      .returning(listingColumns)
      .get()!;
    recordAudit({
      staffId: args.actor.staffId,
      action: "staff.change_role",
      entityType: "staff",
      entityId: row.id,
      before: auditView(current),
      after: auditView(row),
      now,
    });
    return { ok: true, staff: row } as const;
  });
}

/**
 * Disable an account (its sessions end at once) or enable it again. The last
 * active owner cannot be disabled.
 */
export function setStaffDisabled(args: { staffId: number; disabled: boolean; actor: Actor; now?: number }): StaffResult {
  const now = args.now ?? Date.now();
  return writeTransaction(() => {
    const current = getStaff(args.staffId);
    if (!current) return { ok: false, status: 404, message: "That staff member does not exist." } as const;
    if ((current.disabledAt !== null) === args.disabled) return { ok: true, staff: current } as const;
    const problem = ownerChangeProblem({
      current: { role: current.role, disabled: current.disabledAt !== null },
      next: { role: current.role, disabled: args.disabled },
      activeOwners: activeOwnerCount(),
      isSelf: args.actor.staffId === current.id,
    });
    if (problem) return { ok: false, status: 409, message: problem } as const;
    const row = db
      .update(staff)
      .set({ disabledAt: args.disabled ? now : null, updatedAt: now })
      .where(eq(staff.id, current.id))
      .returning(listingColumns)
      .get()!;
    const sessionsEnded = args.disabled ? revokeAllSessions(current.id, now) : 0;
    recordAudit({
      staffId: args.actor.staffId,
      action: args.disabled ? "staff.disable" : "staff.enable",
      entityType: "staff",
      entityId: row.id,
      before: auditView(current),
      after: args.disabled ? { ...auditView(row), sessionsEnded } : auditView(row),
      now,
    });
    return { ok: true, staff: row } as const;
  });
}

/** Set a new password (from the command line); every session of the account ends. */
export async function resetStaffPassword(args: { staffId: number; password: string; actor: Actor; now?: number }) {
  const now = args.now ?? Date.now();
  const passwordHash = await hashPassword(args.password);
  return writeTransaction(() => {
    const current = getStaff(args.staffId);
    if (!current) return { ok: false, status: 404, message: "That staff member does not exist." } as const;
    db.update(staff).set({ passwordHash, updatedAt: now }).where(eq(staff.id, current.id)).run();
    const sessionsEnded = revokeAllSessions(current.id, now);
    recordAudit({
      staffId: args.actor.staffId,
      action: "staff.reset_password",
      entityType: "staff",
      entityId: current.id,
      before: auditView(current),
      after: { ...auditView(current), sessionsEnded },
      now,
    });
    return { ok: true, staff: current } as const;
  });
}

// ---------------------------------------------------------------- password reset links and own password

/** A reset link lasts a day. */
export const RESET_LINK_MS = 24 * HOUR;

/**
 * Make a one-time password reset link for a staff member (owners, from the
 * staff page). Returns the token, shown once; only its hash is stored. Earlier
 * unused links for that person stop working.
 */
export function createPasswordResetLink(args: { staffId: number; actor: Actor; now?: number }):
  | { ok: true; token: string; staff: StaffListing; expiresAt: number }
  | { ok: false; status: 404; message: string } {
  const now = args.now ?? Date.now();
  const token = crypto.randomBytes(32).toString("base64url");
  return writeTransaction(() => {
    const member = getStaff(args.staffId);
    if (!member) return { ok: false, status: 404, message: "That staff member does not exist." } as const;
    const revoked = db
      .update(passwordResetLinks)
      .set({ revokedAt: now })
      .where(and(eq(passwordResetLinks.staffId, member.id), isNull(passwordResetLinks.usedAt), isNull(passwordResetLinks.revokedAt)))
      .run().changes;
    const expiresAt = now + RESET_LINK_MS;
    db.insert(passwordResetLinks)
      .values({ id: sessionIdFor(token), staffId: member.id, createdBy: args.actor.staffId, createdAt: now, expiresAt })
      .run();
    // Never the token: the log is readable by managers.
    recordAudit({
      staffId: args.actor.staffId,
      action: "staff.reset_link",
      entityType: "staff",
      entityId: member.id,
      before: null,
      after: { ...auditView(member), expiresAt, earlierLinksRevoked: revoked },
      now,
    });
    return { ok: true, token, staff: member, expiresAt } as const;
  });
}

export type ResetLinkState = { ok: true; staff: StaffListing } | { ok: false; status: 404 | 410; message: string };

const RESET_UNKNOWN = "This password reset link is not valid. Ask the shop's owner for a new one.";
const RESET_USED = "This password reset link has already been used. Ask the shop's owner for a new one if you need to.";
const RESET_EXPIRED = "This password reset link has expired or was replaced by a newer one. Ask the shop's owner for a new one.";

/** Whether a reset link can still be used, and whose it is. */
export function checkPasswordResetLink(token: string, now = Date.now()): ResetLinkState {
  if (!isSessionToken(token)) return { ok: false, status: 404, message: RESET_UNKNOWN };
  const link = db.select().from(passwordResetLinks).where(eq(passwordResetLinks.id, sessionIdFor(token))).get();
  if (!link) return { ok: false, status: 404, message: RESET_UNKNOWN };
  if (link.usedAt !== null) return { ok: false, status: 410, message: RESET_USED };
  if (link.revokedAt !== null || now >= link.expiresAt) return { ok: false, status: 410, message: RESET_EXPIRED };
  const member = getStaff(link.staffId);
  if (!member || member.disabledAt !== null) return { ok: false, status: 410, message: RESET_EXPIRED };
  return { ok: true, staff: member };
}

/**
 * Set a new password with a reset link: the link is used up, every session of
 * the account ends. Checked again inside the write, so a link works once even
 * when sent twice at the same moment.
 */
export async function redeemPasswordResetLink(args: { token: string; password: string; now?: number }): Promise<ResetLinkState> {
  const first = checkPasswordResetLink(args.token, args.now ?? Date.now());
  if (!first.ok) return first;
  const passwordHash = await hashPassword(args.password);
  const now = args.now ?? Date.now();
  return writeTransaction((): ResetLinkState => {
    const state = checkPasswordResetLink(args.token, now);
    if (!state.ok) return state;
    const member = state.staff;
    db.update(passwordResetLinks).set({ usedAt: now }).where(eq(passwordResetLinks.id, sessionIdFor(args.token))).run();
    db.update(staff).set({ passwordHash, updatedAt: now }).where(eq(staff.id, member.id)).run();
    const sessionsEnded = revokeAllSessions(member.id, now);
    recordAudit({
      staffId: member.id,
      action: "staff.reset_password",
      entityType: "staff",
      entityId: member.id,
      before: auditView(member),
      after: { ...auditView(member), via: "reset link", sessionsEnded },
      now,
    });
    return { ok: true, staff: member };
  });
}

/**
 * Change your own password: the current one must match. Every other session of
 * the account ends; the one making the change (its token) is kept.
 */
export async function changeOwnPassword(args: {
  staffId: number;
  currentPassword: string;
  newPassword: string;
  keepSessionToken: string | null;
  now?: number;
}): Promise<{ ok: true; sessionsEnded: number } | { ok: false; status: 400 | 404; message: string; field?: string }> {
  const row = db.select({ passwordHash: staff.passwordHash }).from(staff).where(eq(staff.id, args.staffId)).get();
  if (!row) return { ok: false, status: 404, message: "That staff member does not exist." };
  if (!(await verifyPassword(args.currentPassword, row.passwordHash))) {
    return { ok: false, status: 400, message: "Your current password is not right.", field: "currentPassword" };
  }
  const passwordHash = await hashPassword(args.newPassword);
  const now = args.now ?? Date.now();
  const keep = args.keepSessionToken && isSessionToken(args.keepSessionToken) ? sessionIdFor(args.keepSessionToken) : "";
  return writeTransaction(() => {
    const current = getStaff(args.staffId);
    if (!current) return { ok: false, status: 404, message: "That staff member does not exist." } as const;
    db.update(staff).set({ passwordHash, updatedAt: now }).where(eq(staff.id, current.id)).run();
    const sessionsEnded = db
      .update(staffSessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(staffSessions.staffId, current.id),
          isNull(staffSessions.revokedAt),
          gt(staffSessions.expiresAt, now),
          ne(staffSessions.id, keep),
        ),
      )
      .run().changes;
    recordAudit({
      staffId: current.id,
      action: "staff.change_password",
      entityType: "staff",
      entityId: current.id,
      before: auditView(current),
      after: { ...auditView(current), otherSessionsEnded: sessionsEnded },
      now,
    });
    return { ok: true, sessionsEnded } as const;
  });
}

export type EnsureOwnerResult =
  | { created: true; staff: StaffListing }
  | { created: false; reason: "owner-exists" | "email-taken" };

/**
 * Create the first owner, only while the shop has none. An existing account
 * with that email is left alone.
 */
export async function ensureOwner(email: string, password: string, now = Date.now()): Promise<EnsureOwnerResult> {
  const address = normaliseEmail(email);
  // Cheap checks first: every start calls this, and hashing takes a while.
  if (ownerExists()) return { created: false, reason: "owner-exists" };
  if (emailTaken(address)) return { created: false, reason: "email-taken" };
  const passwordHash = await hashPassword(password);
  return writeTransaction((): EnsureOwnerResult => {
    // Another process may have got there while the password was hashed.
    if (ownerExists()) return { created: false, reason: "owner-exists" };
    if (emailTaken(address)) return { created: false, reason: "email-taken" };
    const row = db
      .insert(staff)
      .values({ email: address, name: "Owner", role: "owner", passwordHash, createdAt: now, updatedAt: now })
      .returning(listingColumns)
      .get();
    recordAudit({
      staffId: null,
      action: "staff.create",
      entityType: "staff",
      entityId: row.id,
      before: null,
      after: auditView(row),
      now,
    });
    return { created: true, staff: row };
  });
}

// ---------------------------------------------------------------- sessions

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function isSessionToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

/** The session row's id: the SHA-256 (hex) of the token the cookie carries. */
export function sessionIdFor(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Start a session; returns its token (32 random bytes, base64url). Only the hash is stored. */
export function createSession(
  staffId: number,
  meta: { ipAddress?: string | null; userAgent?: string | null; now?: number } = {},
): string {
  const now = meta.now ?? Date.now();
  const token = crypto.randomBytes(32).toString("base64url");
  db.insert(staffSessions)
    .values({
      id: sessionIdFor(token),
      staffId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_ABSOLUTE_MS,
      ipAddress: meta.ipAddress?.slice(0, 100) ?? null,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    })
    .run();
  return token;
}

const sessionQuery = db
  .select({
    id: staffSessions.id,
    lastSeenAt: staffSessions.lastSeenAt,
    expiresAt: staffSessions.expiresAt,
    revokedAt: staffSessions.revokedAt,
    staffId: staff.id,
    email: staff.email,
    name: staff.name,
    role: staff.role,
    disabledAt: staff.disabledAt,
  })
  .from(staffSessions)
  .innerJoin(staff, eq(staff.id, staffSessions.staffId))
  .where(eq(staffSessions.id, sql.placeholder("id")))
  .prepare();

const touchSession = db
  .update(staffSessions)
  .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
  .where(eq(staffSessions.id, sql.placeholder("id")))
  .prepare();

/**
 * The staff member a session token belongs to, or null if the session is
 * unknown, revoked, idle for 2 hours, older than 12 hours, or the account is
 * disabled.
 */
export function getSessionStaff(token: string, now = Date.now()): StaffMember | null {
  if (!isSessionToken(token)) return null;
  const row = sessionQuery.get({ id: sessionIdFor(token) });
  if (!row) return null;
  if (row.revokedAt !== null) return null;
  if (now >= row.expiresAt) return null;
  if (now - row.lastSeenAt >= SESSION_IDLE_MS) return null;
  if (row.disabledAt !== null) return null;
  if (now - row.lastSeenAt >= SESSION_TOUCH_MS) touchSession.run({ id: row.id, now });
  return { id: row.staffId, email: row.email, name: row.name, role: row.role };
}

/** End a session (sign-out). True if a live session was ended. */
export function revokeSession(token: string, now = Date.now()): boolean {
  if (!isSessionToken(token)) return false;
  const result = db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.id, sessionIdFor(token)), isNull(staffSessions.revokedAt)))
    .run();
  return result.changes > 0;
}

function revokeAllSessions(staffId: number, now: number): number {
  return db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, now)))
    .run().changes;
}

// ---------------------------------------------------------------- sign-in attempts

type Failures = { failures: number; latestAt: number | null };

function failuresWhere(condition: SQL | undefined): Failures {
  const row = db
    .select({ n: count(), latest: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(condition, eq(loginAttempts.succeeded, false)))
    .get();
  return { failures: row?.n ?? 0, latestAt: row?.latest ?? null };
}

/**
 * Recent failed sign-ins, as the throttle rule counts them: for this email from
 * this address (since its last success there), from this address, and for this
 * email. Successes are never counted. An attempt still being checked counts as
 * failed, so parallel guesses cannot slip past the rule.
 */
export function recentSignInFailures(args: { email: string; ipAddress: string; now: number }): RecentFailures {
  const email = normaliseEmail(args.email);
  const since = args.now - SIGN_IN_WINDOW_MS;
  const pair = and(eq(loginAttempts.email, email), eq(loginAttempts.ipAddress, args.ipAddress));
  const lastSuccess = db
    .select({ at: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(pair, eq(loginAttempts.succeeded, true), gt(loginAttempts.createdAt, since)))
    .get()?.at;
  return {
    emailAndAddress: failuresWhere(and(pair, gt(loginAttempts.createdAt, Math.max(since, lastSuccess ?? since)))),
    address: failuresWhere(and(eq(loginAttempts.ipAddress, args.ipAddress), gt(loginAttempts.createdAt, since))),
    email: { failures: failuresWhere(and(eq(loginAttempts.email, email), gt(loginAttempts.createdAt, since))).failures },
  };
}

export type LoginAttemptStart =
  | { ok: true; attemptId: number }
  | { ok: false; limitedBy: "email-and-address" | "address"; retryAfterSeconds: number };

/**
 * Apply the throttle rule (domain/sign-in-throttle.ts) and, if the attempt may
 * go ahead, record it, as one write: parallel requests cannot all slip under a
 * limit. The attempt counts as failed until markLoginSucceeded (or is taken
 * back with cancelLoginAttempt when its password was never checked).
 * A refused attempt is not recorded: waiting is enough to be let in again.
 */
export function beginLoginAttempt(args: { email: string; ipAddress: string; now?: number }): LoginAttemptStart {
  const now = args.now ?? Date.now();
  const email = normaliseEmail(args.email).slice(0, 254);
  const ipAddress = args.ipAddress.slice(0, 100) || "unknown";
  return writeTransaction((): LoginAttemptStart => {
    const decision = decideSignInThrottle(recentSignInFailures({ email, ipAddress, now }), now);
    if (!decision.allowed) return { ok: false, limitedBy: decision.limitedBy, retryAfterSeconds: decision.retryAfterSeconds };
    const row = db
      .insert(loginAttempts)
      .values({ email, ipAddress, succeeded: false, createdAt: now })
      .returning({ id: loginAttempts.id })
      .get();
    return { ok: true, attemptId: row.id };
  });
}

export function markLoginSucceeded(attemptId: number) {
  db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
}

/** Take back an attempt whose password was never checked (the shop was too busy): it is no failure. */
export function cancelLoginAttempt(attemptId: number) {
  db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId)).run();
}

// ---------------------------------------------------------------- sweep

/** Delete sign-in attempts and dead sessions older than a day. */
export function sweepStaffAuth(now = Date.now()) {
  const cutoff = now - KEEP_MS;
  const attempts = db.delete(loginAttempts).where(lt(loginAttempts.createdAt, cutoff)).run().changes;
  const sessions = db
    .delete(staffSessions)
    .where(
      or(
        lt(staffSessions.expiresAt, cutoff),
        and(isNotNull(staffSessions.revokedAt), lt(staffSessions.revokedAt, cutoff)),
        lt(staffSessions.lastSeenAt, cutoff - SESSION_IDLE_MS),
      ),
    )
    .run().changes;
  return { attempts, sessions };
}
