// The answers admin routes give: a refused form, a redirect with a notice, a
// page that does not exist, and a loader's pending notice. One place, so every
// admin form reads the same shape and every answer carries ADMIN_HEADERS.
import { json, redirect } from "@remix-run/node";
import { setNotice, takeNotice, type Notice } from "~/utils/flash.server";
import { ADMIN_HEADERS } from "~/utils/auth.server";
import type { FieldErrors } from "./forms";

/** What a refused admin form gets back: the message, the fields it marks, the values it refills, and route extras. */
export type Failure<Extra extends object = Record<never, never>> = {
  ok: false;
  message: string;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
} & Extra;

/** A 4xx answer to an admin form; nothing was changed. */
export function failure<Extra extends object = Record<never, never>>(
  status: number,
  message: string,
  fieldErrors: FieldErrors = {},
  values: Record<string, string> = {},
  extra?: Extra,
  headers: HeadersInit = ADMIN_HEADERS,
) {
  return json<Failure<Extra>>({ ok: false, ...extra, message, fieldErrors, values } as Failure<Extra>, { status, headers });
}

/** After a change: back to `to` (303), where the page shows `message` once. */
export async function done(to: string, message: string, kind: Notice["kind"] = "success") {
  const headers = new Headers(ADMIN_HEADERS);
  headers.append("Set-Cookie", await setNotice({ kind, message }));
  return redirect(to, { status: 303, headers });
}

/** A 404 for an admin page or form whose subject does not exist; throw it from a loader or action. */
export function notFound(message: string) {
  return json({ message }, { status: 404, headers: ADMIN_HEADERS });
}

/** The notice left by the last redirect, and the page's headers with the Set-Cookie that clears it. */
export async function pendingNotice(request: Request, base: HeadersInit = ADMIN_HEADERS): Promise<{ notice: Notice | null; headers: Headers }> {
  const { notice, clear } = await takeNotice(request);
  const headers = new Headers(base);
  if (clear) headers.append("Set-Cookie", clear);
  return { notice, headers };
}
