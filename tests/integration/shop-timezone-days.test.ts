// SHOP_TIMEZONE for the days staff read and the times they type, through the
// routes: an order placed at 23:30 shop time on 1 March counts on 1 March in
// the upsell dashboard (it is 2 March in UTC), and an offer's start typed on
// the form is stored as that shop time and shown back the same.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SHOP_TIMEZONE = "America/New_York";
});

import { desc } from "drizzle-orm";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as newOfferAction } from "~/routes/admin.offers.new";
import { loader as offerLoader } from "~/routes/admin.offers.$id";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db } from "../helpers/db";
import { formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

let owner: SignedIn;
// 23:30 EST on 1 March 2031 is 04:30 UTC on 2 March.
const LATE = Date.UTC(2031, 2, 2, 4, 30);

beforeAll(async () => {
  owner = await signInAs("owner");
  db.insert(schema.orders)
    .values({ number: "TC-TZDAY1", status: "paid", currency: "usd", subtotalCents: 1000, discountCents: 0, totalCents: 1000, customerEmail: "tz@example.com", customerName: "Tz", paymentMode: "test", holdExpiresAt: LATE, paidAt: LATE, createdAt: LATE })
    .run();
});

async function paidOrdersOn(from: string, to = from) {
  const res = await run(dashboardLoader, getRequest(`/admin?from=${from}&to=${to}`, { cookie: owner.cookie }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as any;
  expect(body.timeZone).toBe("America/New_York");
  return body.figures.orders.paidOrders as number;
}

describe("shop days on the dashboard", () => {
  it("an order at 23:30 shop time on the 1st counts on the 1st, not the 2nd", async () => {
    expect(await paidOrdersOn("2031-03-01")).toBe(1);
    expect(await paidOrdersOn("2031-03-02")).toBe(0);
  });
});

describe("typed offer times", () => {
  it("the start typed as shop time is stored as that moment and shown back the same", async () => {
    const fields = {
      name: "",
      triggerType: "kind",
      triggerValue: "tote",
      addonType: "kind",
      addonValue: "micro",
      discountType: "percent",
      discountValue: "5",
      maxAddonsPerTrigger: "1",
      activeFrom: "2031-03-09T01:30", // the morning New York's clocks go forward (EST until 02:00)
      activeUntil: "2031-03-09T09:00", // EDT by then
      priority: "0",
    };
    const res = await run(newOfferAction, formRequest("/admin/offers/new", fields, { cookie: owner.cookie }));
    expect(res.status, await res.clone().text()).toBe(303);
    const saved = db.select().from(schema.bundleOffers).orderBy(desc(schema.bundleOffers.id)).get()!;
    expect(saved.activeFrom).toBe(Date.UTC(2031, 2, 9, 6, 30));
    expect(saved.activeUntil).toBe(Date.UTC(2031, 2, 9, 13, 0));
    const page = (await (await run(offerLoader, getRequest(`/admin/offers/${saved.id}`, { cookie: owner.cookie }), { id: String(saved.id) })).json()) as any;
    expect(page.values).toMatchObject({ activeFrom: "2031-03-09T01:30", activeUntil: "2031-03-09T09:00" });
    expect(page.timeZone).toBe("America/New_York");

    const skipped = await run(newOfferAction, formRequest("/admin/offers/new", { ...fields, activeFrom: "2031-03-09T02:30" }, { cookie: owner.cookie }));
    expect(skipped.status).toBe(400);
    expect(await skipped.text()).toContain("doesn't exist in America/New_York");
  });
});
