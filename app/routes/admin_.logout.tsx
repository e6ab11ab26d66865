// Sign out: POST only, from the button in the admin header. A GET (a link, a
// prefetch, an <img src>) changes nothing.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ADMIN_HEADERS, LOGIN_PATH, signOut } from "~/utils/auth.server";

export async function loader() {
  return redirect("/admin", { headers: ADMIN_HEADERS });
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers(ADMIN_HEADERS);
  headers.set("Set-Cookie", await signOut(request));
  return redirect(LOGIN_PATH, { status: 303, headers });
}
