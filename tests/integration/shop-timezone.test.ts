// SHOP_TIMEZONE: the back office shows times, and reads date filters, in the shop's zone.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SHOP_TIMEZONE = "America/New_York";
});

import { loader as ordersLoader } from "~/routes/admin.orders._index";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db } from "../helpers/db";
import { getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

let staff: SignedIn;
// 02:30 UTC on 10 March 2031 is 22:30 on 9 March in New York (EDT from the 9th).
const PAID = Date.UTC(2031, 2, 10, 2, 30);

beforeAll(async () => {
  staff = await signInAs("staff");
  db.insert(schema.orders)
    .values({ number: "TC-ZZZZ22", status: "paid", currency: "usd", subtotalCents: 1000, discountCents: 0, totalCents: 1000, customerEmail: "tz@example.com", customerName: "Tz", paymentMode: "test", holdExpiresAt: PAID, paidAt: PAID, createdAt: PAID - 60_000 })
    .run();
});

async function list(q: string) {
  const res = await run(ordersLoader, getRequest(`/admin/orders?${q}`, { cookie: staff.cookie }));
  expect(res.status).toBe(200);
  return ((await res.json()) as any).orders as { number: string; placed: string }[];
}

describe("SHOP_TIMEZONE", () => {
  it("shows times in the shop's zone", async () => {
    const [row] = await list("q=ZZZZ22");
    expect(row).toMatchObject({ number: "TC-ZZZZ22", placed: "2031-03-09 22:30 EDT" });
  });

  it("reads date filters as the shop's days", async () => {
    expect((await list("from=2031-03-09&to=2031-03-09")).map((o) => o.number)).toEqual(["TC-ZZZZ22"]);
    expect((await list("from=2031-03-10&to=2031-03-10")).map((o) => o.number)).toEqual([]);
  });
});
