// The key in a shopper's order page link (/orders/<number>?key=…): an HMAC of
// the order number with the session secret, so the number alone reveals nothing
// and no key has to be stored. Rotating SESSION_SECRET invalidates old links.
import crypto from "node:crypto";
import { env } from "~/utils/env.server";

export function orderPageKey(orderNumber: string): string {
  return crypto.createHmac("sha256", env().sessionSecret).update(`order-page:${orderNumber}`).digest("base64url");
}

export function isOrderPageKey(orderNumber: string, key: string | null | undefined): boolean {
  if (!key) return false;
  const expected = Buffer.from(orderPageKey(orderNumber));
  const given = Buffer.from(key);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The order page's path with its key. */
export function orderPagePath(orderNumber: string): string {
  return `/orders/${encodeURIComponent(orderNumber)}?key=${orderPageKey(orderNumber)}`;
}
