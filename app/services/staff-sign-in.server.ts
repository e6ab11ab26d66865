// Staff sign-in: the throttle, the password check and the new session, with
// one typed outcome for the route to turn into a response.
import { beginLoginAttempt, cancelLoginAttempt, findStaffForSignIn, markLoginSucceeded } from "~/models/staff.server";
import { signIn } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { checkSignInPassword, signInChecksFull } from "~/utils/password.server";

export type StaffSignInOutcome =
  /** Signed in: the Set-Cookie header of the new session. */
  | { kind: "signed-in"; cookie: string }
  /** Wrong password, unknown email or disabled account: the same answer for all three. */
  | { kind: "refused" }
  /** Too many recent failures from here (429). */
  | { kind: "throttled"; retryAfterSeconds: number }
  /** Too many password checks waiting already (503); nothing was counted. */
  | { kind: "busy"; retryAfterSeconds: number };

export async function signInStaff(args: {
  request: Request;
  email: string;
  password: string;
  clientAddress: string;
}): Promise<StaffSignInOutcome> {
  const busy = { kind: "busy", retryAfterSeconds: Math.max(1, Math.ceil(env().passwordHashing.waitMs / 1000)) } as const;
  // A full line answers before any database write: a flood costs no disk syncs.
  if (signInChecksFull()) return busy;
  // The throttle next: a refused attempt costs no password check.
  const attempt = beginLoginAttempt({ email: args.email, ipAddress: args.clientAddress });
  if (!attempt.ok) return { kind: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };

  const account = findStaffForSignIn(args.email);
  const check = await checkSignInPassword(args.password, account?.passwordHash ?? null);
  if (check === "busy") {
    cancelLoginAttempt(attempt.attemptId);
    return busy;
  }
  if (!account || check !== "match" || account.disabledAt !== null) return { kind: "refused" };

  markLoginSucceeded(attempt.attemptId);
  const cookie = await signIn({ request: args.request, staffId: account.id, clientAddress: args.clientAddress });
  return { kind: "signed-in", cookie };
}
