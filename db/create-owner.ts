// The shop's first owner, from ADMIN_EMAIL and ADMIN_PASSWORD:
//  - at every start, if the shop has no owner yet (bootstrapOwner);
//  - from the command line, `npm run admin:create-owner` (add
//    `-- --reset-password` to set a new password for an existing account).
import { ROLE_LABELS } from "../app/domain/staff";
import { createStaff, ensureOwner, findStaffForSignIn, resetStaffPassword } from "../app/models/staff.server";
import { env } from "../app/utils/env.server";

const MISSING =
  "Set ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters) to create an owner, e.g. ADMIN_EMAIL=you@example.com ADMIN_PASSWORD='a long passphrase' npm run admin:create-owner";

export async function bootstrapOwner(): Promise<void> {
  const admin = env().admin;
  if (!admin) return;
  const result = await ensureOwner(admin.email, admin.password);
  if (result.created) console.log(`Created the first owner account, ${result.staff.email}.`);
  else if (result.reason === "email-taken") {
    console.warn(`ADMIN_EMAIL ${admin.email} already belongs to a staff account, so no owner was created.`);
  }
}

/** Run from `node build/index.js --create-owner`; returns the exit code. */
export async function createOwnerFromCommandLine(argv: string[]): Promise<number> {
  const admin = env().admin;
  if (!admin) {
    console.error(MISSING);
    return 1;
  }
  const existing = findStaffForSignIn(admin.email);
  if (existing) {
    if (!argv.includes("--reset-password")) {
      console.error(
        `${existing.email} already has an account (${ROLE_LABELS[existing.role].toLowerCase()}). Add --reset-password to give it ADMIN_PASSWORD as its new password.`,
      );
      return 1;
    }
    await resetStaffPassword({ staffId: existing.id, password: admin.password, actor: { staffId: null } });
    console.log(`Set a new password for ${existing.email} (${ROLE_LABELS[existing.role].toLowerCase()}) and ended their sessions.`);
    return 0;
  }
  const result = await createStaff({ email: admin.email, name: "Owner", role: "owner", password: admin.password }, { staffId: null });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(`Created owner account ${result.staff.email}.`);
  return 0;
}
