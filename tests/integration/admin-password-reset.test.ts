// Password reset links made by an owner on the staff page, used once from
// /admin/reset-password/<token>; and changing your own password on /admin/account.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { loader as accountLoader, action as accountAction } from "~/routes/admin.account";
import { action as loginAction, loader as loginLoader } from "~/routes/admin_.login";
import { action as resetAction, loader as resetLoader } from "~/routes/admin_.reset-password.$token";
import { action as staffAction } from "~/routes/admin.staff";
import { ADMIN_COOKIE_NAME, getSignedInStaff } from "~/utils/auth.server";
import { auditLog, passwordResetLinks } from "../../db/schema";
import { signInAs } from "../helpers/admin";
import { db, sqlite } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";

// Hashing is slow on a loaded machine: wait for a turn rather than being refused as busy.
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
vi.setConfig({ testTimeout: 180_000 });

let address = 0;
async function signInWith(email: string, password: string): Promise<Response> {
  address += 1;
  return (await loginAction({
    request: formRequest("/admin/login", { email, password }),
    params: {},
    context: { nonce: "test", clientAddress: `198.51.100.${address}` },
  } as never)) as Response;
}

async function isSignedIn(cookie: string) {
  return (await getSignedInStaff(getRequest("/admin", { cookie }))) !== null;
}

/** As the owner: ask for a link (the confirmation step), then confirm; returns the link. */
async function makeLink(ownerCookie: string, staffId: number): Promise<string> {
  const asked = await run(staffAction as never, formRequest("/admin/staff", { intent: "reset-link", staffId: String(staffId) }, { cookie: ownerCookie }));
  expect(asked.status).toBe(200);
  const question = (await asked.json()) as { confirm: { kind: string; fields: Record<string, string> } };
  expect(question.confirm.kind).toBe("staff-reset-link");
  const res = await run(staffAction as never, formRequest("/admin/staff", { ...question.confirm.fields, confirm: "yes" }, { cookie: ownerCookie }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { resetLink: { url: string } };
  expect(body.resetLink.url).toMatch(/^http:\/\/shop\.test\/admin\/reset-password\/[A-Za-z0-9_-]{43}$/);
  return body.resetLink.url;
}

const tokenOf = (url: string) => url.split("/").pop()!;

function resetPost(token: string, fields: Record<string, string>) {
  return run(resetAction as never, formRequest(`/admin/reset-password/${token}`, fields), { token });
}

describe("password reset links", () => {
  it("only an owner makes one; the confirmation step comes first; only the hash is stored, and the audit never has the token", async () => {
    const owner = await signInAs("owner");
    const manager = await signInAs("manager");
    const member = await signInAs("support");

    const refused = await run(staffAction as never, formRequest("/admin/staff", { intent: "reset-link", staffId: String(member.id), confirm: "yes" }, { cookie: manager.cookie }));
    expect(refused.status).toBe(403);

    const before = db.select().from(passwordResetLinks).all().length;
    // Asking is no change.
    await run(staffAction as never, formRequest("/admin/staff", { intent: "reset-link", staffId: String(member.id) }, { cookie: owner.cookie }));
    expect(db.select().from(passwordResetLinks).all().length).toBe(before);

    const url = await makeLink(owner.cookie, member.id);
    const token = tokenOf(url);
    const rows = db.select().from(passwordResetLinks).where(eq(passwordResetLinks.staffId, member.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(rows[0]!.expiresAt - rows[0]!.createdAt).toBe(24 * 60 * 60 * 1000);
    const everything = JSON.stringify(sqlite.prepare("SELECT * FROM password_reset_links").all()) + JSON.stringify(db.select().from(auditLog).all());
    expect(everything).not.toContain(token);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "staff.reset_link")).all().length).toBeGreaterThan(0);

    // Shown once: the staff page itself never lists it.
    const { loader: staffLoader } = await import("~/routes/admin.staff");
    const page = await run(staffLoader as never, getRequest("/admin/staff", { cookie: owner.cookie }));
    expect(await page.text()).not.toContain(token);

    // A new link replaces the earlier unused one.
    const second = tokenOf(await makeLink(owner.cookie, member.id));
    expect((await run(resetLoader as never, getRequest(`/admin/reset-password/${token}`), { token })).status).toBe(410);
    expect((await run(resetLoader as never, getRequest(`/admin/reset-password/${second}`), { token: second })).status).toBe(200);
  });

  it("works once: sets the password, ends every session, the new password signs in; a second use is refused", async () => {
    const owner = await signInAs("owner");
    const member = await signInAs("fulfilment");
    const token = tokenOf(await makeLink(owner.cookie, member.id));
    expect(await isSignedIn(member.cookie)).toBe(true);

    const page = await run(resetLoader as never, getRequest(`/admin/reset-password/${token}`), { token });
    expect(page.status).toBe(200);

    const password = "a brand new passphrase 1";
    const res = await resetPost(token, { password, passwordAgain: password });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/login");
    const notice = res.headers.getSetCookie().map((h) => h.split(";", 1)[0]!).join("; ");
    const signInPage = await run(loginLoader as never, getRequest("/admin/login", { cookie: notice }));
    expect(((await signInPage.json()) as { notice?: { message: string } }).notice?.message).toBe("Your new password is set. Sign in with it.");
    expect(await isSignedIn(member.cookie)).toBe(false);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "staff.reset_password")).all().length).toBeGreaterThan(0);

    const signedIn = await signInWith(member.email, password);
    expect(signedIn.status).toBe(303);
    expect(cookieFrom(signedIn, ADMIN_COOKIE_NAME)).not.toBeNull();

    const again = await resetPost(token, { password: "yet another passphrase", passwordAgain: "yet another passphrase" });
    expect(again.status).toBe(410);
    expect(((await again.json()) as { message: string }).message).toMatch(/already been used/);
    expect((await signInWith(member.email, "yet another passphrase")).status).toBe(401);
  });

  it("refuses an expired or unknown link with a plain 410/404, never a 500", async () => {
    const owner = await signInAs("owner");
    const member = await signInAs("manager");
    const token = tokenOf(await makeLink(owner.cookie, member.id));
    db.update(passwordResetLinks).set({ expiresAt: Date.now() - 1 }).where(eq(passwordResetLinks.staffId, member.id)).run();
    const expired = await resetPost(token, { password: "a brand new passphrase 2", passwordAgain: "a brand new passphrase 2" });
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
    expect(await isSignedIn(member.cookie)).toBe(true);

    const unknown = crypto.randomBytes(32).toString("base64url");
    expect((await run(resetLoader as never, getRequest(`/admin/reset-password/${unknown}`), { token: unknown })).status).toBe(404);
    expect((await run(resetLoader as never, getRequest("/admin/reset-password/nonsense"), { token: "nonsense" })).status).toBe(404);
  });

  it("checks the new password with zod: too short, not the same twice; nothing changes", async () => {
    const owner = await signInAs("owner");
    const member = await signInAs("support");
    const token = tokenOf(await makeLink(owner.cookie, member.id));
    const short = await resetPost(token, { password: "short", passwordAgain: "short" });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { fieldErrors: Record<string, string> }).fieldErrors.password).toBe("The password must be at least 12 characters.");
    const differ = await resetPost(token, { password: "a long enough one 1", passwordAgain: "a long enough one 2" });
    expect(differ.status).toBe(400);
    expect(((await differ.json()) as { fieldErrors: Record<string, string> }).fieldErrors.passwordAgain).toBe("The two new passwords are not the same.");
    // The link still works, and the sessions are untouched.
    expect((await run(resetLoader as never, getRequest(`/admin/reset-password/${token}`), { token })).status).toBe(200);
    expect(await isSignedIn(member.cookie)).toBe(true);
  });
});

describe("changing your own password", () => {
  it("needs the right current password (400 with a field message otherwise) and keeps this session, ending the others", async () => {
    const me = await signInAs("support");
    const oldPassword = /^support-(\d+)-/.exec(me.email)![1]!;
    const current = `a long enough passphrase ${oldPassword}`;
    const other = await signInWith(me.email, current);
    const otherCookie = cookieFrom(other, ADMIN_COOKIE_NAME)!;
    expect(await isSignedIn(otherCookie)).toBe(true);

    expect((await run(accountLoader as never, getRequest("/admin/account", { cookie: me.cookie }))).status).toBe(200);

    const wrong = await run(
      accountAction as never,
      formRequest("/admin/account", { currentPassword: "not my password", password: "my new passphrase 9", passwordAgain: "my new passphrase 9" }, { cookie: me.cookie }),
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { fieldErrors: Record<string, string> }).fieldErrors.currentPassword).toBe("Your current password is not right.");

    const invalid = await run(accountAction as never, formRequest("/admin/account", { currentPassword: "", password: "x", passwordAgain: "y" }, { cookie: me.cookie }));
    expect(invalid.status).toBe(400);
    const errors = ((await invalid.json()) as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(errors.currentPassword).toBe("Enter your password.");
    expect(errors.password).toBe("The password must be at least 12 characters.");

    const ok = await run(
      accountAction as never,
      formRequest("/admin/account", { currentPassword: current, password: "my new passphrase 9", passwordAgain: "my new passphrase 9" }, { cookie: me.cookie }),
    );
    expect(ok.status).toBe(303);
    expect(await isSignedIn(me.cookie)).toBe(true);
    expect(await isSignedIn(otherCookie)).toBe(false);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "staff.change_password")).all()).toHaveLength(1);
    expect((await signInWith(me.email, current)).status).toBe(401);
    expect((await signInWith(me.email, "my new passphrase 9")).status).toBe(303);
  });
});
