// One-time form tokens, shared by every back-office form that moves money,
// stock or deletes. The loader puts a fresh random token in the form; the
// confirmed POST runs its change through runOnce, which records the token with
// the change in one transaction. The second POST with the same token (a double
// click, a back-button resend, a replay) changes nothing and says "already done".
import crypto from "node:crypto";
import { json } from "@remix-run/node";
import { ALREADY_DONE, splitConfirmation, type ConfirmationRequest } from "~/domain/confirmation";
import { runOnce, sweepFormTokens, type AlreadyDone } from "~/models/form-tokens.server";
import { registerPeriodicTask } from "~/services/startup.server";
import { ADMIN_HEADERS } from "~/utils/auth.server";

export { runOnce, type AlreadyDone };

registerPeriodicTask({ name: "delete used form tokens older than a month", run: () => sweepFormTokens(Date.now()) });

/** A fresh token for a form (24 random bytes, base64url: 32 characters). */
export function newFormToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export { splitConfirmation };

/** The notice a repeated form gets: what the first one did, and that nothing changed now. */
export function alreadyDoneMessage(done: AlreadyDone): string {
  return `${ALREADY_DONE} (It was: ${done.message})`;
}

export function isAlreadyDone(value: unknown): value is AlreadyDone {
  return typeof value === "object" && value !== null && "alreadyDone" in value;
}

/** The confirmation step's answer: the question and the fields to send again. Nothing was changed. */
export function askToConfirm(request: ConfirmationRequest) {
  return json({ ok: true as const, confirm: request }, { status: 200, headers: ADMIN_HEADERS });
}

export const TOKEN_MISSING = "This form is out of date: reload the page and try again.";
