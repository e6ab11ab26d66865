// Bundle offers name their products by name (picked from a list), not typed
// ids; an empty offer name is made from the discount; a typed name that says
// another discount is refused and nothing is written.
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as editAction, loader as editLoader } from "~/routes/admin.offers.$id";
import { action as newAction } from "~/routes/admin.offers.new";
import { signInAs, type SignedIn } from "../helpers/admin";
import { db, snapshotTables } from "../helpers/db";
import { formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

let manager: SignedIn;
beforeAll(async () => {
  manager = await signInAs("manager", "Mia Manager");
});

const BASE = {
  name: "",
  triggerType: "product",
  triggerValue: "Calfskin Classic Tote",
  addonType: "products",
  addonValue: "Micro Saddle, croc micro box",
  discountType: "fixed",
  discountValue: "12",
  maxAddonsPerTrigger: "1",
  activeFrom: "",
  activeUntil: "",
  priority: "0",
  enabled: "on",
};

function productId(name: string) {
  return db.select().from(schema.products).where(eq(schema.products.name, name)).get()!.id;
}

const post = (fields: Record<string, string>) => run(newAction, formRequest("/admin/offers/new", fields, { cookie: manager.cookie }));

describe("offers by name", () => {
  it("saves products picked by name as their ids, and makes a name from the discount when it is left empty", async () => {
    const res = await post(BASE);
    expect(res.status).toBe(303);
    const offer = db.select().from(schema.bundleOffers).orderBy(desc(schema.bundleOffers.id)).get()!;
    expect(offer.name).toMatch(/^\$12 off (Micro Saddle, Croc Micro Box|Croc Micro Box, Micro Saddle) with Calfskin Classic Tote$/);
    expect(offer).toMatchObject({
      triggerType: "product",
      triggerValue: String(productId("Calfskin Classic Tote")),
      addonType: "products",
      discountType: "fixed",
      discountValue: 1200,
    });
    expect(offer.addonValue.split(",").map(Number).sort((a, b) => a - b)).toEqual([productId("Micro Saddle"), productId("Croc Micro Box")].sort((a, b) => a - b));

    // The edit form shows names again, never ids.
    const page = (await (await run(editLoader, getRequest(`/admin/offers/${offer.id}`, { cookie: manager.cookie }), { id: String(offer.id) })).json()) as any;
    expect(page.values.triggerValue).toBe("Calfskin Classic Tote");
    expect(page.values.addonValue.split(", ").sort()).toEqual(["Croc Micro Box", "Micro Saddle"]);
    const saved = await run(editAction, formRequest(`/admin/offers/${offer.id}`, { ...page.values, name: "$12 off a saddle", discountValue: "15" }, { cookie: manager.cookie }), {
      id: String(offer.id),
    });
    // A name typed anew that says $12: refused, the offer stays as it was.
    expect(saved.status).toBe(400);
    expect(((await saved.json()) as any).errors.name).toMatch(/says “\$12” but the discount is \$15 off/);
  });

  it("refuses a name that says another discount, an unknown product name, and writes nothing", async () => {
    const before = snapshotTables(["bundle_offers", "audit_log"]);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: "$12 off a micro bag", discountValue: "15" }, "name", /“\$12” but the discount is \$15 off/],
      [{ name: "20% off charms", discountType: "percent", discountValue: "15" }, "name", /“20%” but the discount is 15% off/],
      [{ name: "10% off", discountType: "fixed", discountValue: "10" }, "name", /“10%”/],
      [{ triggerValue: "Golden Unicorn Tote" }, "triggerValue", /No product is called “Golden Unicorn Tote”/],
      [{ addonValue: "Micro Saddle, Nope Bag" }, "addonValue", /No product is called “Nope Bag”/],
    ];
    for (const [change, field, message] of cases) {
      const res = await post({ ...BASE, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      const body = (await res.json()) as any;
      expect(body.errors[field], JSON.stringify(change)).toMatch(message);
    }
    expect(snapshotTables(["bundle_offers", "audit_log"])).toEqual(before);
  });

  it("accepts a custom name that agrees with the discount", async () => {
    const res = await post({ ...BASE, name: "Save $12 on a saddle with the classic", triggerValue: "calfskin classic tote" });
    expect(res.status).toBe(303);
    expect(db.select().from(schema.bundleOffers).where(eq(schema.bundleOffers.name, "Save $12 on a saddle with the classic")).get()).toBeDefined();
  });
});
