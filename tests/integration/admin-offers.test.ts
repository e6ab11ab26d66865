// The offers pages of the back office: the list, new and edit, switching on
// and off, the bundle price preview, the holdout share, validation and the
// audit log, and that every change reaches the storefront's prices at once.
import { beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { isInHoldout } from "~/domain/holdout";
import { getHoldoutPercent, HOLDOUT_SETTING } from "~/models/settings.server";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { loader as productLoader } from "~/routes/products.$slug";
import { action as listAction, loader as listLoader } from "~/routes/admin.offers._index";
import { action as newAction, loader as newLoader } from "~/routes/admin.offers.new";
import { action as editAction, loader as editLoader } from "~/routes/admin.offers.$id";
import { signInAs, withCookie, type SignedIn } from "../helpers/admin";
import { db, snapshotTables } from "../helpers/db";
import { cookieFrom, formRequest, getRequest, run } from "../helpers/remix";
import * as schema from "../../db/schema";

const TOTE = "TOT-CMK-BLACK"; // Canvas Market Tote, $120.00
const CHARM = "MIC-DUF-LIME"; // Micro Duffle, $45.00
const WRITES = ["bundle_offers", "settings", "audit_log", "catalog_version"];

let owner: SignedIn;
let staff: SignedIn;

beforeAll(async () => {
  [owner, staff] = await Promise.all([signInAs("owner"), signInAs("staff")]);
});

async function cartWith(items: [string, number][]) {
  let cookie: string | null = null;
  for (const [sku, quantity] of items) {
    const res = await run(cartAction, formRequest("/cart", { intent: "add", sku, quantity: String(quantity) }, { cookie }));
    expect(res.status, await res.clone().text()).toBe(200);
    cookie = cookieFrom(res) ?? cookie;
  }
  return cookie!;
}

async function cartTotals(cookie: string) {
  const data = (await (await run(cartLoader, getRequest("/cart", { cookie }))).json()) as any;
  return { subtotalCents: data.subtotalCents as number, discountCents: data.discountCents as number, totalCents: data.totalCents as number };
}

async function limeBundlePrice() {
  const res = await run(productLoader, getRequest("/products/canvas-market-tote?colour=black"), { slug: "canvas-market-tote" });
  const page = (await res.json()) as any;
  return page.upsell.suggestions.find((s: any) => s.sku === CHARM)?.bundlePriceCents as number | undefined;
}

function offerByName(name: string) {
  return db.select().from(schema.bundleOffers).where(eq(schema.bundleOffers.name, name)).get()!;
}

function auditRows(action: string, entityId?: string) {
  return db
    .select()
    .from(schema.auditLog)
    .where(entityId ? and(eq(schema.auditLog.action, action), eq(schema.auditLog.entityId, entityId)) : eq(schema.auditLog.action, action))
    .orderBy(desc(schema.auditLog.id))
    .all();
}

function firstSkuOfKind(kind: string) {
  return db
    .select({ sku: schema.variants.sku, price: schema.variants.priceCents })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(and(eq(schema.products.kind, kind as any), eq(schema.products.status, "active")))
    .orderBy(schema.variants.id)
    .get()!;
}

async function editValues(id: number, cookie: string) {
  const res = await run(editLoader, getRequest(`/admin/offers/${id}`, { cookie }), { id: String(id) });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).values as Record<string, string>;
}

const TOTE_OFFER = "15% off up to two micro bags with any tote";

describe("editing an offer", () => {
  it("changes the cart total and the tote page's bundle price at once, audited with before and after", async () => {
    const cookie = await cartWith([[TOTE, 1], [CHARM, 1]]);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: 16500, discountCents: 675, totalCents: 15825 });
    expect(await limeBundlePrice()).toBe(3825);

    const offer = offerByName(TOTE_OFFER);
    const values = await editValues(offer.id, staff.cookie);
    expect(values).toMatchObject({ triggerType: "kind", triggerValue: "tote", discountType: "percent", discountValue: "15", enabled: "on" });
    const res = await run(editAction, formRequest(`/admin/offers/${offer.id}`, { ...values, discountValue: "25" }, { cookie: staff.cookie }), {
      id: String(offer.id),
    });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/offers/${offer.id}`);

    // 25 % of $45.00 = $11.25 off.
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: 16500, discountCents: 1125, totalCents: 15375 });
    expect(await limeBundlePrice()).toBe(3375);

    const [audit] = auditRows("offer.update", String(offer.id));
    expect(audit).toMatchObject({ staffId: staff.id, entityType: "bundle_offer" });
    expect(audit!.before).toMatchObject({ discountValue: 15, name: TOTE_OFFER });
    expect(audit!.after).toMatchObject({ discountValue: 25, name: TOTE_OFFER });

    // Back as it was, by the owner this time.
    const back = await run(editAction, formRequest(`/admin/offers/${offer.id}`, values, { cookie: owner.cookie }), { id: String(offer.id) });
    expect(back.status).toBe(303);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: 16500, discountCents: 675, totalCents: 15825 });
  });

  it("reads dollars for a fixed discount exactly, as cents", async () => {
    const offer = offerByName(TOTE_OFFER);
    const values = await editValues(offer.id, owner.cookie);
    const res = await run(
      editAction,
      formRequest(`/admin/offers/${offer.id}`, { ...values, discountType: "fixed", discountValue: "$10.10" }, { cookie: owner.cookie }),
      { id: String(offer.id) },
    );
    expect(res.status).toBe(303);
    expect(offerByName(TOTE_OFFER)).toMatchObject({ discountType: "fixed", discountValue: 1010 });
    const cookie = await cartWith([[TOTE, 1], [CHARM, 1]]);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: 16500, discountCents: 1010, totalCents: 15490 });
    expect((await editValues(offer.id, owner.cookie)).discountValue).toBe("10.10");
    await run(editAction, formRequest(`/admin/offers/${offer.id}`, values, { cookie: owner.cookie }), { id: String(offer.id) });
    expect(offerByName(TOTE_OFFER)).toMatchObject({ discountType: "percent", discountValue: 15 });
  });

  it("answers 404 for an offer that does not exist, and writes nothing", async () => {
    const before = snapshotTables(WRITES);
    const values = await editValues(offerByName(TOTE_OFFER).id, owner.cookie);
    for (const id of ["999999", "abc", "-1"]) {
      expect((await run(editLoader, getRequest(`/admin/offers/${id}`, { cookie: owner.cookie }), { id })).status).toBe(404);
      expect((await run(editAction, formRequest(`/admin/offers/${id}`, values, { cookie: owner.cookie }), { id })).status).toBe(404);
    }
    expect(snapshotTables(WRITES)).toEqual(before);
  });
});

describe("creating and switching offers", () => {
  it("creates an offer that prices carts at once, then switches it off and on (audited)", async () => {
    const crossbody = firstSkuOfKind("crossbody");
    const micro = firstSkuOfKind("micro");
    const cookie = await cartWith([[crossbody.sku, 1], [micro.sku, 1]]);
    const regular = crossbody.price + micro.price;
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: regular, discountCents: 0, totalCents: regular });

    const name = "30% off a micro bag with any crossbody";
    const res = await run(
      newAction,
      formRequest(
        "/admin/offers/new",
        {
          name,
          triggerType: "kind",
          triggerValue: "crossbody",
          addonType: "kind",
          addonValue: "micro",
          discountType: "percent",
          discountValue: "30",
          maxAddonsPerTrigger: "1",
          activeFrom: "",
          activeUntil: "",
          priority: "50",
          enabled: "on",
        },
        { cookie: staff.cookie },
      ),
    );
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/offers");
    const created = offerByName(name);
    expect(created).toMatchObject({ triggerType: "kind", triggerValue: "crossbody", discountValue: 30, priority: 50, enabled: true });
    const off = Math.floor((micro.price * 30 + 50) / 100);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: regular, discountCents: off, totalCents: regular - off });
    expect(auditRows("offer.create", String(created.id))[0]).toMatchObject({ staffId: staff.id, before: null, after: { name, discountValue: 30 } });

    // The list shows it, active; the notice from the redirect is shown once.
    const list = await run(listLoader, getRequest("/admin/offers", { cookie: withCookie(staff.cookie, cookieFrom(res, "notice")) }));
    const listed = (await list.json()) as any;
    expect(listed.notice).toMatchObject({ kind: "success" });
    expect(listed.offers.find((o: any) => o.id === created.id)).toMatchObject({ status: "Active now", trigger: "Any crossbody", addons: "Micro bags", discount: "30% off" });

    const switchOff = await run(listAction, formRequest("/admin/offers?index", { intent: "toggle", offerId: String(created.id), enabled: "off" }, { cookie: owner.cookie }));
    expect(switchOff.status).toBe(303);
    expect(offerByName(name).enabled).toBe(false);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: regular, discountCents: 0, totalCents: regular });
    expect(auditRows("offer.disable", String(created.id))[0]).toMatchObject({ staffId: owner.id, before: { enabled: true }, after: { enabled: false } });

    const switchOn = await run(listAction, formRequest("/admin/offers?index", { intent: "toggle", offerId: String(created.id), enabled: "on" }, { cookie: staff.cookie }));
    expect(switchOn.status).toBe(303);
    expect(await cartTotals(cookie)).toEqual({ subtotalCents: regular, discountCents: off, totalCents: regular - off });
    expect(auditRows("offer.enable", String(created.id))).toHaveLength(1);

    // Leave the shop as it was for the other tests.
    await run(listAction, formRequest("/admin/offers?index", { intent: "toggle", offerId: String(created.id), enabled: "off" }, { cookie: staff.cookie }));
  });

  it("an offer with dates in the future gives nothing yet", async () => {
    const res = await run(
      newAction,
      formRequest(
        "/admin/offers/new",
        {
          name: "Next year's tote offer",
          triggerType: "kind",
          triggerValue: "tote",
          addonType: "kind",
          addonValue: "micro",
          discountType: "percent",
          discountValue: "90",
          maxAddonsPerTrigger: "1",
          activeFrom: "2099-01-01T00:00",
          activeUntil: "2099-02-01T00:00",
          priority: "99",
          enabled: "on",
        },
        { cookie: owner.cookie },
      ),
    );
    expect(res.status).toBe(303);
    expect(offerByName("Next year's tote offer")).toMatchObject({ activeFrom: Date.UTC(2099, 0, 1), activeUntil: Date.UTC(2099, 1, 1) });
    const cookie = await cartWith([[TOTE, 1], [CHARM, 1]]);
    expect((await cartTotals(cookie)).discountCents).toBe(675);
    const listed = (await (await run(listLoader, getRequest("/admin/offers", { cookie: owner.cookie }))).json()) as any;
    expect(listed.offers.find((o: any) => o.name === "Next year's tote offer").status).toBe("Scheduled");
  });
});

describe("bad offer input", () => {
  const GOOD = {
    name: "A fine offer",
    triggerType: "kind",
    triggerValue: "tote",
    addonType: "kind",
    addonValue: "micro",
    discountType: "percent",
    discountValue: "10",
    maxAddonsPerTrigger: "1",
    activeFrom: "",
    activeUntil: "",
    priority: "0",
    enabled: "on",
  };

  it("is refused with a message next to each field, and nothing is written", async () => {
    const before = snapshotTables(WRITES);
    const res = await run(
      newAction,
      formRequest(
        "/admin/offers/new",
        {
          ...GOOD,
          name: "  ",
          triggerType: "colour",
          addonValue: "hats",
          discountValue: "150",
          maxAddonsPerTrigger: "0",
          activeFrom: "2026-03-01T10:00",
          activeUntil: "2026-02-30T10:00",
          priority: "lots",
        },
        { cookie: staff.cookie },
      ),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(Object.keys(body.errors).sort()).toEqual(
      // An empty name is fine: one is made from the discount (tests/integration/offers-by-name.test.ts).
      ["activeUntil", "addonValue", "discountValue", "maxAddonsPerTrigger", "priority", "triggerType"].sort(),
    );
    expect(body.errors.discountValue).toMatch(/1 to 100/);
    expect(body.values.name).toBe("  ");
    expect(snapshotTables(WRITES)).toEqual(before);
  });

  it.each([
    [{ discountType: "fixed", discountValue: "8.999" }, "discountValue"],
    [{ discountType: "fixed", discountValue: "0" }, "discountValue"],
    [{ triggerType: "product", triggerValue: "999999" }, "triggerValue"],
    [{ addonType: "products", addonValue: "1,999998" }, "addonValue"],
    [{ activeFrom: "2026-03-02T00:00", activeUntil: "2026-03-01T00:00" }, "activeUntil"],
    [{ enabled: "maybe" }, "enabled"],
  ])("refuses %j with an error on %s", async (change, field) => {
    const before = snapshotTables(WRITES);
    const res = await run(newAction, formRequest("/admin/offers/new", { ...GOOD, ...change }, { cookie: owner.cookie }));
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as any).errors)).toEqual([field]);
    expect(snapshotTables(WRITES)).toEqual(before);
  });

  it("refuses a bad edit and leaves the offer as it was", async () => {
    const offer = offerByName(TOTE_OFFER);
    const before = snapshotTables(WRITES);
    const values = await editValues(offer.id, owner.cookie);
    const res = await run(editAction, formRequest(`/admin/offers/${offer.id}`, { ...values, discountValue: "-5" }, { cookie: owner.cookie }), {
      id: String(offer.id),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors).toEqual({ discountValue: expect.stringMatching(/1 to 100/) });
    expect(snapshotTables(WRITES)).toEqual(before);
  });

  it("refuses a repeated field and a bad toggle with 4xx", async () => {
    const before = snapshotTables(WRITES);
    const repeated = await run(newAction, formRequest("/admin/offers/new", [["name", "a"], ["name", "b"]], { cookie: owner.cookie }));
    expect(repeated.status).toBe(400);
    const cases: Record<string, string>[] = [
      { intent: "toggle", offerId: "999999", enabled: "off" },
      { intent: "toggle", offerId: "x", enabled: "off" },
      { intent: "toggle", offerId: "1", enabled: "sideways" },
      { intent: "delete", offerId: "1" },
      { intent: "toggle", offerId: "1", enabled: "off", discountValue: "99" },
    ];
    for (const fields of cases) {
      const res = await run(listAction, formRequest("/admin/offers?index", fields, { cookie: owner.cookie }));
      expect(res.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(fields)).toBeLessThan(500);
    }
    expect(snapshotTables(WRITES)).toEqual(before);
  });
});

describe("bundle price preview", () => {
  it("prices the chosen tote and micro bag with the saved offer and with values as typed (a GET, no JavaScript needed)", async () => {
    const offer = offerByName(TOTE_OFFER);
    const url = `/admin/offers/${offer.id}?tote=${TOTE}&micro=${CHARM}`;
    const saved = (await (await run(editLoader, getRequest(url, { cookie: staff.cookie }), { id: String(offer.id) })).json()) as any;
    expect(saved.preview).toMatchObject({ tote: TOTE, micro: CHARM, saved: { regularCents: 16500, discountCents: 675, bundleCents: 15825, active: true, applies: true }, draft: null });

    const values = await editValues(offer.id, staff.cookie);
    const draftQuery = new URLSearchParams({ ...values, discountValue: "20", tote: TOTE, micro: CHARM });
    const draft = (await (await run(editLoader, getRequest(`/admin/offers/${offer.id}?${draftQuery}`, { cookie: staff.cookie }), { id: String(offer.id) })).json()) as any;
    expect(draft.preview.draft).toMatchObject({ regularCents: 16500, discountCents: 900, bundleCents: 15600 });
    expect(draft.preview.saved).toMatchObject({ bundleCents: 15825 });
    expect(draft.values.discountValue).toBe("20");

    // A new offer's preview, and nothing saved by previewing.
    const before = snapshotTables(WRITES);
    const fresh = new URLSearchParams({ ...values, name: "Draft", discountType: "fixed", discountValue: "5", tote: TOTE, micro: CHARM });
    const page = (await (await run(newLoader, getRequest(`/admin/offers/new?${fresh}`, { cookie: staff.cookie }))).json()) as any;
    expect(page.preview).toMatchObject({ saved: null, draft: { discountCents: 500, bundleCents: 16000 } });
    expect(snapshotTables(WRITES)).toEqual(before);
  });

  it("answers 400 with field messages for a tote or micro bag the shop doesn't have, or values it can't price", async () => {
    const offer = offerByName(TOTE_OFFER);
    const bad = await run(editLoader, getRequest(`/admin/offers/${offer.id}?tote=NOPE&micro=${TOTE}`, { cookie: staff.cookie }), { id: String(offer.id) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).preview.errors).toEqual({ tote: expect.any(String), micro: expect.any(String) });
    const values = await editValues(offer.id, staff.cookie);
    const typed = new URLSearchParams({ ...values, discountValue: "abc", tote: TOTE, micro: CHARM });
    const res = await run(editLoader, getRequest(`/admin/offers/${offer.id}?${typed}`, { cookie: staff.cookie }), { id: String(offer.id) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors.discountValue).toBeTruthy();
    expect(body.preview).toMatchObject({ draft: null, saved: { bundleCents: 15825 } });
  });
});

describe("holdout share", () => {
  function holdout(value: string, cookie = staff.cookie) {
    return run(listAction, formRequest("/admin/offers?index", { intent: "holdout", holdoutPercent: value }, { cookie }));
  }

  it("is saved (audited), shown, and decides which carts see suggestions", async () => {
    expect(getHoldoutPercent()).toBe(0);
    const res = await holdout("50 %");
    expect(res.status).toBe(303);
    expect(getHoldoutPercent()).toBe(50);
    const [audit] = auditRows("setting.update", HOLDOUT_SETTING);
    expect(audit).toMatchObject({ staffId: staff.id, entityType: "setting", before: { value: null }, after: { value: "50" } });
    const listed = (await (await run(listLoader, getRequest("/admin/offers", { cookie: owner.cookie }))).json()) as any;
    expect(listed.holdoutPercent).toBe("50");

    // Carts on each side of the holdout: only the shown side gets suggestions on a tote page.
    const seen = { held: 0, shown: 0 };
    for (let i = 0; i < 30 && (seen.held === 0 || seen.shown === 0); i++) {
      const cookie = await cartWith([[CHARM, 1]]);
      const cartId = db.select().from(schema.carts).orderBy(desc(schema.carts.createdAt)).get()!.id;
      const page = (await (await run(productLoader, getRequest("/products/canvas-market-tote?colour=black", { cookie }), { slug: "canvas-market-tote" })).json()) as any;
      const suggested = (page.upsell?.suggestions ?? []).length > 0;
      if (isInHoldout(cartId, 50)) {
        seen.held++;
        expect(suggested).toBe(false);
      } else {
        seen.shown++;
        expect(suggested).toBe(true);
      }
    }
    expect(seen.held).toBeGreaterThan(0);
    expect(seen.shown).toBeGreaterThan(0);

    expect((await holdout("2.5", owner.cookie)).status).toBe(303);
    expect(getHoldoutPercent()).toBe(2.5);
    expect(auditRows("setting.update")[0]).toMatchObject({ staffId: owner.id, before: { value: "50" }, after: { value: "2.5" } });
  });

  it.each(["51", "100", "-1", "2.55", "lots", ""])("refuses %j with a field message and changes nothing", async (value) => {
    const before = snapshotTables(WRITES);
    const res = await holdout(value);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.fieldErrors.holdoutPercent).toMatch(/percentage|at most 50/);
    expect(snapshotTables(WRITES)).toEqual(before);
  });
});
