// For back-office integration tests: staff accounts, signed-in cookies,
// multipart posts, and checkouts that hold and sell stock.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { StaffRole } from "~/domain/staff";
import { createStaff } from "~/models/staff.server";
import { action as loginAction } from "~/routes/admin_.login";
import { action as cartAction } from "~/routes/cart";
import { startCheckout } from "~/services/checkout.server";
import { fulfilCheckout } from "~/services/payments.server";
import { ADMIN_COOKIE_NAME } from "~/utils/auth.server";
import { getCartId } from "~/utils/session.server";
import * as schema from "../../db/schema";
import { db, sqlite } from "./db";
import { cookieFrom, formRequest, run } from "./remix";

const ORIGIN = "http://shop.test";

let accounts: Promise<{ ownerId: number; staffId: number }> | null = null;
let addressCounter = 0;

export const OWNER = { email: "owner@shop.test", password: "owner passphrase 2026", name: "Olive Owner" };
export const STAFF = { email: "staff@shop.test", password: "staff passphrase 2026", name: "Sam Staff" };

/** One owner and one staff member in this file's database. */
export function staffAccounts() {
  accounts ??= (async () => {
    const [owner, member] = await Promise.all([
      createStaff({ ...OWNER, role: "owner" }, { staffId: null }),
      createStaff({ ...STAFF, role: "staff" }, { staffId: null }),
    ]);
    if (!owner.ok || !member.ok) throw new Error("could not create test accounts");
    return { ownerId: owner.staff.id, staffId: member.staff.id };
  })();
  return accounts;
}

/** Sign in through the real sign-in action; returns the cookie pair. */
export async function signIn(who: "owner" | "staff"): Promise<string> {
  await staffAccounts();
  const account = who === "owner" ? OWNER : STAFF;
  addressCounter += 1;
  const res = await loginAction({
    request: formRequest("/admin/login", { email: account.email, password: account.password }),
    params: {},
    context: { nonce: "test", clientAddress: `203.0.113.${addressCounter}` },
  } as never);
  const cookie = cookieFrom(res as Response, ADMIN_COOKIE_NAME);
  if (!cookie) throw new Error("sign-in failed");
  return cookie;
}

/** A multipart/form-data post, as a browser sends a form with a file. */
export function multipartRequest(path: string, fields: Record<string, string | Blob | File>, options: { cookie?: string | null } = {}): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request(ORIGIN + path, {
    method: "POST",
    body: form,
    headers: { Origin: ORIGIN, ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
}

/** A pending order holding `quantity` of `sku` (cart, then checkout). */
export async function pendingOrder(sku: string, quantity: number, now = Date.now()) {
  const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }));
  const cartId = await getCartId(new Request(ORIGIN, { headers: { Cookie: cookieFrom(res)! } }));
  const started = await startCheckout({ cartId, origin: ORIGIN, now });
  if (!started.ok) throw new Error(started.message);
  return db.select().from(schema.orders).where(eq(schema.orders.id, started.orderId)).get()!;
}

/** Pay a pending order (the Stripe news, minus Stripe). */
export function payOrder(order: typeof schema.orders.$inferSelect) {
  return fulfilCheckout(
    {
      sessionId: order.stripeSessionId!,
      paymentStatus: "paid",
      amountTotal: order.totalCents,
      currency: order.currency,
      customerEmail: "buyer@example.com",
      customerName: "Buyer",
      shippingAddress: null,
      paymentIntentId: null,
    },
    null,
  );
}

/** Every row of the tables a failed admin change must not touch. */
export function catalogSnapshot() {
  const tables = ["products", "variants", "stock_ledger", "stock_holds", "audit_log", "uploaded_images", "order_lines", "catalog_version"];
  return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

// ---------------------------------------------------------------- fresh accounts per call

let counter = 0;

export interface SignedIn {
  id: number;
  cookie: string;
  email: string;
}

export async function signInAs(role: StaffRole, name = role === "owner" ? "Olive Owner" : "Sam Staff"): Promise<SignedIn> {
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
