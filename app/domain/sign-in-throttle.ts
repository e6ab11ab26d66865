// When a sign-in attempt may go ahead, decided from counts of recent *failed*
// attempts only (docs/decisions/0002-sign-in-throttling.md). A successful
// sign-in never counts, and nothing here ever holds back an email on its own:
// an address that has not failed for an account is let through, so an attacker
// guessing the owner's password cannot keep the owner out.
//
// Each limit allows some failures, then asks for a delay after the latest one
// that doubles with every further failure (OWASP's exponential lockout).

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Failures older than this are forgotten. */
export const SIGN_IN_WINDOW_MS = 15 * MINUTE;
/** Failures one address may make for one email before the delays start. */
export const FREE_FAILURES_PER_EMAIL_AND_ADDRESS = 5;
/** An email with this many failures (from all addresses) is under attack… */
export const EMAIL_UNDER_ATTACK_FAILURES = 10;
/** …and then each address may fail only this often for it before the delays start. */
export const FREE_FAILURES_UNDER_ATTACK = 1;
/** Failures one address may make across all emails (password spraying, shared offices). */
export const FREE_FAILURES_PER_ADDRESS = 20;
export const FIRST_DELAY_MS = SECOND;
export const LONGEST_DELAY_MS = 15 * MINUTE;

/** Recent failures of one kind and when the latest happened (null: none). */
export type FailureCount = { failures: number; latestAt: number | null };

export type RecentFailures = {
  /** This email from this address, since its last success there. */
  emailAndAddress: FailureCount;
  /** This address, any email. */
  address: FailureCount;
  /** This email, any address. */
  email: { failures: number };
};

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; limitedBy: "email-and-address" | "address"; retryAfterSeconds: number };

/** The wait after the latest of `failures` failures when `free` are allowed: 0, then 1 s, 2 s, 4 s… */
export function delayAfterFailures(failures: number, free: number): number {
  if (failures < free) return 0;
  const doublings = Math.min(failures - free, 30);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, LONGEST_DELAY_MS);
}

function waitLeft(count: FailureCount, free: number, now: number): number {
  if (count.latestAt === null) return 0;
  return Math.max(0, count.latestAt + delayAfterFailures(count.failures, free) - now);
}

export function decideSignInThrottle(recent: RecentFailures, now: number): ThrottleDecision {
  const underAttack = recent.email.failures >= EMAIL_UNDER_ATTACK_FAILURES;
  const pairFree = underAttack ? FREE_FAILURES_UNDER_ATTACK : FREE_FAILURES_PER_EMAIL_AND_ADDRESS;
  const pairWait = waitLeft(recent.emailAndAddress, pairFree, now);
  const addressWait = waitLeft(recent.address, FREE_FAILURES_PER_ADDRESS, now);
  if (pairWait === 0 && addressWait === 0) return { allowed: true };
  const limitedBy = pairWait >= addressWait ? "email-and-address" : "address";
  return { allowed: false, limitedBy, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(pairWait, addressWait) / SECOND)) };
}
