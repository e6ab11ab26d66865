// The guest cart cookie: a signed cart id, nothing else.
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

const DAY_SECONDS = 24 * 60 * 60;

export const cartCookie = createCookie("cart", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().isProduction,
  secrets: [env().sessionSecret],
  maxAge: env().cartTtlDays * DAY_SECONDS,
});

const CART_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The cart id from a request's signed cookie, or null if absent or tampered with. */
export async function getCartId(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("cart=")) return null;
  const value: unknown = await cartCookie.parse(header);
  return typeof value === "string" && CART_ID.test(value) ? value : null;
}

export function commitCartId(cartId: string): Promise<string> {
  return cartCookie.serialize(cartId);
}

export function cartTtlMs(): number {
  return env().cartTtlDays * DAY_SECONDS * 1000;
}
