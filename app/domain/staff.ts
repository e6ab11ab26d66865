// Staff accounts: who may sign in to the back office, and what a form may ask
// for. The shop always keeps at least one active owner.
import { z } from "zod";
import { parseDecimalToCents } from "./money";

/** The roles a form offers (see domain/permissions.ts for what each may do). */
export const STAFF_ROLE_OPTIONS = ["owner", "manager", "fulfilment", "support"] as const;
/** "staff" is the one role accounts had before roles: it keeps a manager's permissions. */
export type StaffRole = (typeof STAFF_ROLE_OPTIONS)[number] | "staff";

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: "Owner",
  manager: "Manager",
  fulfilment: "Fulfilment",
  support: "Support",
  staff: "Staff",
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export const SIGN_IN_FAILED = "Email or password is incorrect.";
export const SIGN_IN_BUSY = "The shop is checking a lot of sign-ins right now. Please try again in a few seconds.";

/** What a throttled sign-in is told: how long to wait, in words. */
export function signInThrottledMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${Math.ceil(retryAfterSeconds / 60) === 1 ? "" : "s"}`;
  return `Too many failed sign-in attempts. Please wait ${wait} and try again.`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const email = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@example.com."))
  .transform(normaliseEmail);

const signInPassword = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(MAX_PASSWORD_LENGTH, "That password is too long.");

export const signInSchema = z.strictObject({
  email,
  password: signInPassword,
  returnTo: z.string().max(4000).optional(),
});

export type SignInInput = z.infer<typeof signInSchema>;

const newPassword = z
  .string({ error: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.` })
  .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `The password can be at most ${MAX_PASSWORD_LENGTH} characters.`);

const name = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(80, "The name can be at most 80 characters.");

const role = z.enum(STAFF_ROLE_OPTIONS, { error: "Choose a role: owner, manager, fulfilment or support." });

const staffId = z
  .string({ error: "Choose a staff member." })
  .regex(/^\d{1,9}$/, "Choose a staff member.")
  .transform(Number);

export const staffChangeSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("create"), email, name, role, password: newPassword }),
    z.strictObject({ intent: z.literal("change-role"), staffId, role }),
    z.strictObject({ intent: z.literal("disable"), staffId }),
    z.strictObject({ intent: z.literal("enable"), staffId }),
    z.strictObject({ intent: z.literal("reset-link"), staffId }),
    z.strictObject({
      intent: z.literal("refund-limit"),
      refundLimit: z
        .string({ error: "Enter the most support staff may refund at a time, like 50." })
        .transform((text, ctx) => {
          const cents = parseDecimalToCents(text.trim().replace(/^\$\s*/, ""));
          if (cents === null || cents < 0 || cents > 100_000_00) {
            ctx.issues.push({ code: "custom", message: "Enter an amount in dollars from 0 to 100000, like 50 or 49.50.", input: text });
            return z.NEVER;
          }
          return cents;
        }),
    }),
  ],
  { error: "Unknown staff action." },
);

export type StaffChange = z.infer<typeof staffChangeSchema>;

const PASSWORDS_DIFFER = "The two new passwords are not the same.";

/** A new password typed twice (the reset link's form). */
export const resetPasswordSchema = z
  .strictObject({ password: newPassword, passwordAgain: z.string({ error: "Type the new password again." }).max(MAX_PASSWORD_LENGTH) })
  .refine((v) => v.password === v.passwordAgain, { message: PASSWORDS_DIFFER, path: ["passwordAgain"] });

/** Changing your own password: the current one, and the new one twice. */
export const changePasswordSchema = z
  .strictObject({
    currentPassword: signInPassword,
    password: newPassword,
    passwordAgain: z.string({ error: "Type the new password again." }).max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.password === v.passwordAgain, { message: PASSWORDS_DIFFER, path: ["passwordAgain"] });

/** A password for a new account or a reset, as the command line receives it. */
export function passwordProblem(password: string): string | null {
  const result = newPassword.safeParse(password);
  return result.success ? null : (result.error.issues[0]?.message ?? "Choose another password.");
}

type AccountState = { role: StaffRole; disabled: boolean };

/**
 * Why a change to an account may not happen, or null if it may: the last
 * active owner can be neither demoted nor disabled.
 */
export function ownerChangeProblem(args: {
  current: AccountState;
  next: AccountState;
  activeOwners: number;
  isSelf: boolean;
}): string | null {
  const wasActiveOwner = args.current.role === "owner" && !args.current.disabled;
  const staysActiveOwner = args.next.role === "owner" && !args.next.disabled;
  if (!wasActiveOwner || staysActiveOwner || args.activeOwners > 1) return null;
  return args.isSelf
    ? "You are the only owner. Make someone else an owner first."
    : "The shop needs at least one owner. Make someone else an owner first.";
}
