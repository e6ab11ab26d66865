// Signing in to the back office from integration tests: a fresh staff account
// of the given role, signed in through the real sign-in action.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createStaff } from "~/models/staff.server";
import { action as loginAction } from "~/routes/admin_.login";
import { ADMIN_COOKIE_NAME } from "~/utils/auth.server";
import { formRequest } from "./remix";

let counter = 0;

export interface SignedIn {
  id: number;
  cookie: string;
  email: string;
}

export async function signInAs(role: "owner" | "staff", name = role === "owner" ? "Olive Owner" : "Sam Staff"): Promise<SignedIn> {
  counter += 1;
  const email = `${role}-${counter}-${process.pid}@shop.test`;
  const password = `a long enough passphrase ${counter}`;
  const created = await createStaff({ email, name, role, password }, { staffId: null });
  if (!created.ok) throw new Error(created.message);
  const res = (await loginAction({
    request: formRequest("/admin/login", { email, password }),
    params: {},
    context: { nonce: "test", clientAddress: `203.0.113.${counter % 250}` },
  } as unknown as LoaderFunctionArgs)) as Response;
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(";", 1)[0]!;
    if (pair.startsWith(`${ADMIN_COOKIE_NAME}=`)) return { id: created.staff.id, cookie: pair, email };
  }
  throw new Error(`sign-in failed: ${res.status}`);
}

/** The admin cookie plus another cookie pair (e.g. a notice), for the next request. */
export function withCookie(admin: string, other: string | null): string {
  return other ? `${admin}; ${other}` : admin;
}
