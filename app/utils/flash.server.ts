// One-time messages carried across a redirect (e.g. "sold out" after checkout).
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

const noticeCookie = createCookie("notice", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().isProduction,
  secrets: [env().sessionSecret],
  maxAge: 60,
});

export type Notice = { kind: "error" | "success" | "info"; message: string };

export function setNotice(notice: Notice): Promise<string> {
  return noticeCookie.serialize(notice);
}

/** The pending notice, and the Set-Cookie header that clears it. */
export async function takeNotice(request: Request): Promise<{ notice: Notice | null; clear: string | null }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("notice=")) return { notice: null, clear: null };
  const value: unknown = await noticeCookie.parse(header);
  const clear = await noticeCookie.serialize("", { maxAge: 0 });
  if (
    value &&
    typeof value === "object" &&
    "message" in value &&
    typeof value.message === "string" &&
    "kind" in value &&
    (value.kind === "error" || value.kind === "success" || value.kind === "info")
  ) {
    return { notice: { kind: value.kind, message: value.message.slice(0, 500) }, clear };
  }
  return { notice: null, clear };
}
