// The product pages of the back office, through their loaders and actions:
// create and edit products and colours, pictures, validation, audit, and what
// the storefront and existing orders see afterwards. The last part runs the
// real server to check admin text is escaped on the product page.
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { desc, eq, like } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as editAction, loader as editLoader } from "~/routes/admin.products.$id";
import { loader as listLoader } from "~/routes/admin.products._index";
import { action as newAction } from "~/routes/admin.products.new";
import { loader as imageLoader } from "~/routes/images.$file";
import { loader as productPageLoader } from "~/routes/products.$slug";
import { hashPassword } from "~/utils/password.server";
import { IMAGE_ANIMATED, IMAGE_TOO_LARGE, IMAGE_UNREADABLE, IMAGE_WRONG_TYPE, MAX_IMAGE_BYTES } from "~/domain/images";
import { auditLog, orderLines, products, uploadedImages } from "../../db/schema";
import { catalogSnapshot, multipartRequest, payOrder, pendingOrder, signIn, staffAccounts } from "../helpers/admin";
import { db, setStock, variantBySku } from "../helpers/db";
import { HttpShopper } from "../helpers/http-shopper";
import {
  animatedWebp,
  CAMERA_MAKE,
  detailedPng,
  firstHalf,
  gif,
  hasGpsTag,
  HTML,
  phonePhoto,
  png,
  pngClaiming,
  pngSignatureThenHtml,
  SVG,
} from "../helpers/pictures";
import { formRequest, getRequest, run } from "../helpers/remix";
import { startShop, type RunningShop } from "../helpers/server";

let staffCookie = "";
let ownerCookie = "";
let staffId = 0;

beforeAll(async () => {
  staffId = (await staffAccounts()).staffId;
  [staffCookie, ownerCookie] = await Promise.all([signIn("staff"), signIn("owner")]);
});

const NEW_TOTE = {
  name: "Harbour Canvas Tote",
  slug: "",
  kind: "tote",
  status: "active",
  description: "A sturdy canvas tote for the market.",
  material: "Canvas",
  widthCm: "40",
  heightCm: "36",
  depthCm: "14",
  occasion_casual: "on",
  tags: "everyday, canvas",
  attachment: "",
  handleWidthCm: "3",
  hasStrapRing: "on",
  artStyle: "tote-shopper",
  featuredRank: "5",
  sku: "TOT-HBR-SAND",
  colourName: "Sand",
  colourHex: "#d8c8a8",
  hardware: "silver",
  price: "64.50",
  compareAt: "",
  position: "0",
};

function createProduct(fields: Record<string, string>, cookie = staffCookie) {
  return run(newAction, formRequest("/admin/products/new", fields, { cookie }));
}

function edit(productId: number, fields: Record<string, string>, cookie = staffCookie) {
  // Deletes carry a one-time token and are sent confirmed (tests/integration/safe-actions.test.ts covers both steps).
  const deletes = ["variant-delete", "delete", "image-illustration"].includes(fields.intent ?? "");
  const sent = deletes ? { formToken: crypto.randomBytes(24).toString("base64url"), confirm: "yes", ...fields } : fields;
  return run(editAction, formRequest(`/admin/products/${productId}`, sent, { cookie }), { id: String(productId) });
}

function upload(productId: number, fields: Record<string, string | Blob>, cookie = staffCookie) {
  return run(editAction, multipartRequest(`/admin/products/${productId}`, fields, { cookie }), { id: String(productId) });
}

async function editPage(productId: number) {
  const res = await run(editLoader, getRequest(`/admin/products/${productId}`, { cookie: staffCookie }), { id: String(productId) });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    product: { id: number; name: string; status: string; sizeClass: string; input: Record<string, string> };
    variants: { id: number; sku: string; imageUrl: string; input: Record<string, string> }[];
  };
}

/** What the shop's product page loader gives a shopper right now. */
async function shopPage(slug: string) {
  const res = await run(productPageLoader, getRequest(`/products/${slug}`), { slug });
  if (res.status !== 200) return { status: res.status, data: null };
  return {
    status: 200,
    data: (await res.json()) as { product: { name: string; sizeClass: string }; variant: { sku: string; priceCents: number; imageUrl: string; available: number }; colours?: unknown },
  };
}

function productBySlug(slug: string) {
  return db.select().from(products).where(eq(products.slug, slug)).get();
}

function audits(action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).all();
}

describe("creating a product", () => {
  it("creates the product with its first colour (slug from the name, price in cents), audited, and it is in the shop at once", async () => {
    await shopPage("canvas-market-tote"); // the shop's catalog cache is warm
    const res = await createProduct(NEW_TOTE);
    expect(res.status, await res.clone().text()).toBe(303);
    const product = productBySlug("harbour-canvas-tote")!;
    expect(res.headers.get("Location")).toBe(`/admin/products/${product.id}`);
    expect(product).toMatchObject({ name: "Harbour Canvas Tote", kind: "tote", status: "active", handleWidthCm: 3, hasStrapRing: true, tags: ["everyday", "canvas"] });
    expect(variantBySku("TOT-HBR-SAND")).toMatchObject({ priceCents: 6450, compareAtCents: null, stockOnHand: 0, colourHex: "#d8c8a8" });

    const created = audits("product.create")[0]!;
    expect(created).toMatchObject({ staffId, entityType: "product", entityId: String(product.id), before: null, after: { name: "Harbour Canvas Tote", slug: "harbour-canvas-tote" } });
    expect(audits("variant.create")[0]).toMatchObject({ staffId, after: { sku: "TOT-HBR-SAND", priceCents: 6450 } });

    const shop = await shopPage("harbour-canvas-tote");
    expect(shop.status).toBe(200);
    expect(shop.data!.product).toMatchObject({ name: "Harbour Canvas Tote", sizeClass: "Oversized (35 cm and up)" });
    expect(shop.data!.variant).toMatchObject({ sku: "TOT-HBR-SAND", priceCents: 6450 });

    // The admin list finds it, by name and by SKU, and by status.
    type List = { products: { slug: string; status: string; minPriceCents: number }[] };
    const bySku = (await (await run(listLoader, getRequest("/admin/products?q=hbr-sand", { cookie: ownerCookie }))).json()) as List;
    expect(bySku.products).toEqual([expect.objectContaining({ slug: "harbour-canvas-tote", status: "active", minPriceCents: 6450 })]);
    const drafts = (await (await run(listLoader, getRequest("/admin/products?status=draft", { cookie: staffCookie }))).json()) as List;
    expect(drafts.products.every((p) => p.status === "draft")).toBe(true);
    expect((await run(listLoader, getRequest("/admin/products?status=live", { cookie: staffCookie }))).status).toBe(400);
  });

  it("a draft stays out of the shop until it is set to active", async () => {
    const res = await createProduct({ ...NEW_TOTE, name: "Secret Tote", status: "draft", sku: "TOT-SEC-SAND" });
    expect(res.status).toBe(303);
    expect((await shopPage("secret-tote")).status).toBe(404);
    const product = productBySlug("secret-tote")!;
    const page = await editPage(product.id);
    expect((await edit(product.id, { intent: "product", ...page.product.input, status: "active" })).status).toBe(303);
    expect((await shopPage("secret-tote")).status).toBe(200);
  });

  it("bad input: field-level messages, the values kept, a 4xx, and nothing written", async () => {
    const before = catalogSnapshot();
    const cases: [Record<string, string>, number, string][] = [
      [{ ...NEW_TOTE, name: "   ", slug: "blank-name" }, 400, "name"],
      [{ ...NEW_TOTE, price: "-12.50" }, 400, "price"],
      [{ ...NEW_TOTE, price: "12.505" }, 400, "price"],
      [{ ...NEW_TOTE, compareAt: "10" }, 400, "compareAt"],
      [{ ...NEW_TOTE, widthCm: "0" }, 400, "widthCm"],
      [{ ...NEW_TOTE, kind: "micro", artStyle: "micro-heart", attachment: "" }, 400, "attachment"],
      [{ ...NEW_TOTE, colourHex: "sand" }, 400, "colourHex"],
      [{ ...NEW_TOTE, slug: "canvas-market-tote", sku: "TOT-DUP-SAND" }, 409, "slug"],
      [{ ...NEW_TOTE, slug: "another-tote", sku: "TOT-HBR-SAND" }, 409, "sku"],
      [{ ...NEW_TOTE, stockOnHand: "50" }, 400, "_form"],
    ];
    for (const [fields, status, field] of cases) {
      const res = await createProduct(fields);
      expect(res.status, field).toBe(status);
      const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
      expect(Object.keys(body.fieldErrors), field).toContain(field);
      if (field !== "_form") expect(body.values.name, field).toBe(fields.name);
    }
    const res = await createProduct({ ...NEW_TOTE, name: "", price: "-1" });
    const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toMatchObject({ name: "Give the product a name.", price: "The price can't be negative." });
    expect(body.values).toMatchObject({ price: "-1", material: "Canvas", sku: "TOT-HBR-SAND" });
    expect(catalogSnapshot()).toEqual(before);
  });
});

describe("editing a product", () => {
  it("a name and price change shows on the shop at once; existing orders keep their snapshot", async () => {
    setStock("TOT-WKD-TAN", 5);
    const order = await pendingOrder("TOT-WKD-TAN", 1);
    expect(payOrder(order)).toBe("fulfilled");
    const snapshot = db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all();
    expect(snapshot).toHaveLength(1);
    const oldPrice = variantBySku("TOT-WKD-TAN").priceCents;

    const variant = variantBySku("TOT-WKD-TAN");
    const page = await editPage(variant.productId);
    const slug = page.product.input.slug!;
    expect((await shopPage(slug)).data!.variant.priceCents).toBe(oldPrice);

    const renamed = await edit(variant.productId, { intent: "product", ...page.product.input, name: "Weekender Tote, Renamed" });
    expect(renamed.status).toBe(303);
    const v = page.variants.find((x) => x.sku === "TOT-WKD-TAN")!;
    const repriced = await edit(variant.productId, { intent: "variant-update", variantId: String(v.id), ...v.input, price: "199.99", compareAt: "250" });
    expect(repriced.status, await repriced.clone().text()).toBe(303);

    const shop = await shopPage(slug);
    expect(shop.data!.product.name).toBe("Weekender Tote, Renamed");
    expect(shop.data!.variant).toMatchObject({ sku: "TOT-WKD-TAN", priceCents: 19999 });

    // The paid order still says what was bought, at the price paid.
    expect(db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all()).toEqual(snapshot);
    expect(snapshot[0]).toMatchObject({ sku: "TOT-WKD-TAN", unitPriceCents: oldPrice });
    expect(snapshot[0]!.productName).not.toBe("Weekender Tote, Renamed");

    expect(audits("product.update")[0]).toMatchObject({ staffId, before: { name: page.product.name }, after: { name: "Weekender Tote, Renamed" } });
    expect(audits("variant.update")[0]).toMatchObject({ staffId, before: { priceCents: oldPrice }, after: { priceCents: 19999, compareAtCents: 25000 } });

    // A colour that was ordered can't be deleted (draft hides it instead).
    const before = catalogSnapshot();
    expect((await edit(variant.productId, { intent: "variant-delete", variantId: String(v.id) })).status).toBe(409);
    expect((await edit(variant.productId, { intent: "delete" })).status).toBe(409);
    expect(catalogSnapshot()).toEqual(before);
  });

  it("adds, edits and deletes a colour; bad colour input changes nothing", async () => {
    const product = productBySlug("harbour-canvas-tote")!;
    const add = await edit(product.id, { intent: "variant-create", sku: "tot-hbr-olive", colourName: "Olive", colourHex: "#556b2f", hardware: "gold", price: "64.5", compareAt: "", position: "1" });
    expect(add.status).toBe(303);
    const olive = variantBySku("TOT-HBR-OLIVE");
    expect(olive).toMatchObject({ productId: product.id, priceCents: 6450, imageUrl: "/art/tote-shopper/556b2f-gold.svg" });

    const before = catalogSnapshot();
    const bad: [Record<string, string>, number, string][] = [
      [{ intent: "variant-update", variantId: String(olive.id), sku: "TOT-HBR-OLIVE", colourName: "Olive", colourHex: "#556b2f", hardware: "gold", price: "-1" }, 400, "price"],
      [{ intent: "variant-update", variantId: String(olive.id), sku: "TOT-HBR-SAND", colourName: "Olive", colourHex: "#556b2f", hardware: "gold", price: "10" }, 409, "sku"],
      [{ intent: "variant-update", variantId: String(olive.id), sku: "TOT-HBR-OLIVE", colourName: "", colourHex: "#556b2f", hardware: "gold", price: "10" }, 400, "colourName"],
      [{ intent: "variant-update", variantId: "999999", sku: "TOT-HBR-OLIVE", colourName: "Olive", colourHex: "#556b2f", hardware: "gold", price: "10" }, 404, ""],
      [{ intent: "product", ...(await editPage(product.id)).product.input, name: "" }, 400, "name"],
      [{ intent: "product", ...(await editPage(product.id)).product.input, slug: "canvas-market-tote" }, 409, "slug"],
      [{ intent: "variant-delete", variantId: "abc" }, 400, "variantId"],
      [{ intent: "rename" }, 400, "intent"],
      [{}, 400, "intent"],
    ];
    for (const [fields, status, field] of bad) {
      const res = await edit(product.id, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
      if (field) expect(Object.keys(body.fieldErrors), JSON.stringify(fields)).toContain(field);
    }
    expect((await edit(987654, { intent: "delete" })).status).toBe(404);
    expect((await run(editLoader, getRequest("/admin/products/987654", { cookie: staffCookie }), { id: "987654" })).status).toBe(404);
    expect((await run(editLoader, getRequest("/admin/products/x", { cookie: staffCookie }), { id: "x" })).status).toBe(404);
    expect(catalogSnapshot()).toEqual(before);

    const del = await edit(product.id, { intent: "variant-delete", variantId: String(olive.id) });
    expect(del.status).toBe(303);
    expect(audits("variant.delete")[0]).toMatchObject({ staffId, entityId: String(olive.id), before: { sku: "TOT-HBR-OLIVE" }, after: null });
  });
});

/** An upload as a browser sends it (a copy, so the bytes sit in a plain ArrayBuffer). */
function file(bytes: Uint8Array | string, name: string, type: string) {
  return new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type });
}

describe("pictures", () => {
  it("stores a phone photo re-encoded (square WebP sizes, no EXIF or GPS), serves each size with long caching and a sandbox, and the shop shows it", async () => {
    const product = productBySlug("harbour-canvas-tote")!;
    const sand = variantBySku("TOT-HBR-SAND");
    const photo = await phonePhoto();
    expect(hasGpsTag((await sharp(photo).metadata()).exif!)).toBe(true);
    const res = await upload(product.id, { intent: "image", variantId: String(sand.id), image: file(photo, "IMG_0042.jpg", "image/jpeg") });
    expect(res.status, await res.clone().text()).toBe(303);
    const url = variantBySku("TOT-HBR-SAND").imageUrl;
    expect(url).toMatch(/^\/images\/[0-9a-f]{64}-1600\.webp$/);
    const hash = url.slice("/images/".length, "/images/".length + 64);
    expect(audits("variant.image")[0]).toMatchObject({ staffId, before: { imageUrl: sand.imageUrl }, after: { imageUrl: url } });
    expect((await shopPage("harbour-canvas-tote")).data!.variant.imageUrl).toBe(url);

    const rows = db.select().from(uploadedImages).where(like(uploadedImages.sha256, `${hash}%`)).orderBy(uploadedImages.byteLength).all();
    expect(rows.map((r) => [r.sha256, r.contentType, r.staffId])).toEqual([
      [`${hash}-600`, "image/webp", staffId],
      [`${hash}-1600`, "image/webp", staffId],
    ]);
    for (const width of [600, 1600]) {
      const file = `${hash}-${width}.webp`;
      const served = await run(imageLoader, getRequest(`/images/${file}`), { file });
      expect(served.status).toBe(200);
      expect(served.headers.get("Content-Type")).toBe("image/webp");
      expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(served.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
      const bytes = Buffer.from(await served.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width, height: width });
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    }
    for (const other of [`${hash}-1600.png`, `${hash}.webp`, `${hash}-601.webp`, `${hash}-600.svg`, `${"0".repeat(64)}-600.webp`, "../db.sqlite"]) {
      expect((await run(imageLoader, getRequest(`/images/${other}`), { file: other })).status, other).toBe(404);
    }

    // Back to the illustration.
    expect((await edit(product.id, { intent: "image-illustration", variantId: String(sand.id) })).status).toBe(303);
    expect(variantBySku("TOT-HBR-SAND").imageUrl).toBe(sand.imageUrl);
  });

  it("still serves a picture uploaded before re-encoding, under its bare hash", async () => {
    const bytes = await png(4, 4);
    const hash = crypto.createHash("sha256").update(bytes).digest("hex");
    db.insert(uploadedImages).values({ sha256: hash, contentType: "image/png", bytes, byteLength: bytes.length, staffId: null }).run();
    const served = await run(imageLoader, getRequest(`/images/${hash}.png`), { file: `${hash}.png` });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    expect((await run(imageLoader, getRequest(`/images/${hash}.jpg`), { file: `${hash}.jpg` })).status).toBe(404);
    db.delete(uploadedImages).where(eq(uploadedImages.sha256, hash)).run();
  });

  it("refuses a PNG signature followed by HTML, truncated pictures, GIF, SVG, HTML, animated, oversized and empty uploads with a message on the field, and stores nothing", async () => {
    const product = productBySlug("harbour-canvas-tote")!;
    const variantId = String(variantBySku("TOT-HBR-SAND").id);
    const before = catalogSnapshot();
    const photo = await phonePhoto(600, 400);
    const cases: [string, Record<string, string | Blob>, number, string | null][] = [
      ["PNG signature + HTML", { intent: "image", variantId, image: file(pngSignatureThenHtml(), "x.png", "image/png") }, 415, IMAGE_UNREADABLE],
      ["truncated PNG", { intent: "image", variantId, image: file(firstHalf(await detailedPng()), "x.png", "image/png") }, 415, IMAGE_UNREADABLE],
      ["truncated JPEG", { intent: "image", variantId, image: file(firstHalf(photo), "x.jpg", "image/jpeg") }, 415, IMAGE_UNREADABLE],
      ["SVG", { intent: "image", variantId, image: file(SVG, "x.svg", "image/svg+xml") }, 415, IMAGE_WRONG_TYPE],
      ["HTML named .png", { intent: "image", variantId, image: file(HTML, "x.png", "image/png") }, 415, IMAGE_UNREADABLE],
      ["GIF", { intent: "image", variantId, image: file(await gif(), "x.gif", "image/gif") }, 415, IMAGE_WRONG_TYPE],
      ["animated WebP", { intent: "image", variantId, image: file(await animatedWebp(), "x.webp", "image/webp") }, 415, IMAGE_ANIMATED],
      ["8001 px wide", { intent: "image", variantId, image: file(await png(8001, 1), "x.png", "image/png") }, 413, IMAGE_TOO_LARGE],
      ["41 megapixels", { intent: "image", variantId, image: file(await pngClaiming(6400, 6400), "x.png", "image/png") }, 413, IMAGE_TOO_LARGE],
      ["empty", { intent: "image", variantId, image: file(new Uint8Array(), "empty.png", "image/png") }, 400, null],
      ["over 10 MB", { intent: "image", variantId, image: file(new Uint8Array(MAX_IMAGE_BYTES + 1), "huge.png", "image/png") }, 413, null],
      ["no such colour", { intent: "image", variantId: "999999", image: file(photo, "x.jpg", "image/jpeg") }, 404, null],
      ["no file", { intent: "image", variantId }, 400, null],
      ["extra field", { intent: "image", variantId, image: file(photo, "x.jpg", "image/jpeg"), extra: "1" }, 400, null],
    ];
    for (const [name, fields, status, message] of cases) {
      const res = await upload(product.id, fields);
      expect(res.status, name).toBe(status);
      const body = (await res.json()) as { message: string; fieldErrors: Record<string, string> };
      expect(body.message, name).toBeTruthy();
      if (message) expect([body.message, body.fieldErrors.image], name).toEqual([message, message]);
      if (status !== 404 && name !== "extra field") expect(body.fieldErrors.image, name).toBeTruthy();
    }
    expect(catalogSnapshot()).toEqual(before);
  });
});

describe("deleting a product", () => {
  it("deletes a product never ordered and without stock (audited); refuses one with stock", async () => {
    expect((await createProduct({ ...NEW_TOTE, name: "Short Lived Tote", sku: "TOT-SLT-SAND" })).status).toBe(303);
    const product = productBySlug("short-lived-tote")!;
    setStock("TOT-SLT-SAND", 2);
    const before = catalogSnapshot();
    expect((await edit(product.id, { intent: "delete" })).status).toBe(409);
    expect(catalogSnapshot()).toEqual(before);
    setStock("TOT-SLT-SAND", 0);
    const res = await edit(product.id, { intent: "delete" }, ownerCookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/products");
    expect(productBySlug("short-lived-tote")).toBeUndefined();
    expect(audits("product.delete")[0]).toMatchObject({ entityId: String(product.id), before: { name: "Short Lived Tote", variants: ["TOT-SLT-SAND"] }, after: null });
    expect((await shopPage("short-lived-tote")).status).toBe(404);
  });
});

describe("admin text on the storefront, through the real server", () => {
  let shop: RunningShop;

  beforeAll(async () => {
    shop = await startShop();
    const file = new Database(shop.databaseFile);
    file
      .prepare("INSERT INTO staff (email, name, role, password_hash) VALUES (?, ?, 'staff', ?)")
      .run("xss@shop.test", "Xena", await hashPassword("xss staff passphrase"));
    file.close();
  });

  afterAll(async () => {
    await shop?.stop();
  });

  it("a product named <script>alert(1)</script> is shown escaped on its product page", async () => {
    const admin = new HttpShopper(shop.url);
    const signedIn = await admin.post("/admin/login", { email: "xss@shop.test", password: "xss staff passphrase" });
    expect(signedIn.status).toBe(303);
    const created = await admin.post("/admin/products/new", {
      ...NEW_TOTE,
      name: "<script>alert(1)</script>",
      slug: "xss-tote",
      description: '<img src=x onerror="alert(2)">',
      material: "</title><script>alert(3)</script>",
      sku: "TOT-XSS-SAND",
      colourName: "<b>Sand</b>",
    });
    expect(created.status, await created.text()).toBe(303);

    const page = await new HttpShopper(shop.url).get("/products/xss-tote");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<script>alert(3)</script>");
    expect(html).not.toContain('<img src=x onerror="alert(2)">');
    expect(html).not.toContain("<b>Sand</b>");
  });

  it("a photo uploaded through the form shows on the product page, square with width and height, in WebP sizes the built server encoded", async () => {
    const admin = new HttpShopper(shop.url);
    expect((await admin.post("/admin/login", { email: "xss@shop.test", password: "xss staff passphrase" })).status).toBe(303);
    const created = await admin.post("/admin/products/new", { ...NEW_TOTE, name: "Photo Tote", slug: "photo-tote", sku: "TOT-PHO-SAND" });
    expect(created.status, await created.text()).toBe(303);
    const productPath = created.headers.get("Location")!;
    const variantId = /id="variant-(\d+)"/.exec(await (await admin.get(productPath)).text())![1]!;

    // The multipart body a browser would send, posted over HTTP with the admin's cookie.
    const form = new FormData();
    form.append("intent", "image");
    form.append("variantId", variantId);
    form.append("image", file(await phonePhoto(), "IMG_0042.jpg", "image/jpeg"));
    const encoded = new Request(shop.url, { method: "POST", body: form });
    const uploaded = await httpPost(`${shop.url}${productPath}`, {
      "Content-Type": encoded.headers.get("Content-Type")!,
      Cookie: admin.cookieHeader,
      Origin: shop.url,
    }, Buffer.from(await encoded.arrayBuffer()));
    expect(uploaded.status, uploaded.body.toString()).toBe(303);

    const html = await (await new HttpShopper(shop.url).get("/products/photo-tote")).text();
    const img = /<div class="product-image"><img ([^>]*)>/.exec(html)?.[1] ?? "";
    const hash = /src="\/images\/([0-9a-f]{64})-600\.webp"/.exec(img)?.[1];
    expect(hash, img).toBeDefined();
    expect(img).toContain(`srcSet="/images/${hash}-600.webp 600w, /images/${hash}-1600.webp 1600w"`);
    expect(img).toContain('width="600"');
    expect(img).toContain('height="600"');
    for (const width of [600, 1600]) {
      const served = await httpGet(`${shop.url}/images/${hash}-${width}.webp`);
      expect(served.status).toBe(200);
      expect(served.headers["content-type"]).toBe("image/webp");
      const meta = await sharp(served.body).metadata();
      expect(meta).toMatchObject({ format: "webp", width, height: width });
      expect(meta.exif).toBeUndefined();
    }
  });
});

function httpGet(url: string) {
  return httpPost(url, {}, null);
}

/** A raw request (HttpShopper sends url-encoded forms only). */
function httpPost(url: string, headers: Record<string, string>, body: Buffer | null): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? "POST" : "GET", headers: body ? { ...headers, "Content-Length": String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}
