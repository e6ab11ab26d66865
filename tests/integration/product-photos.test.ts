// A product's photos through the real server over HTTP: staff upload two at
// once (a refused file is named, the others kept), describe, reorder and
// delete them (confirmed, the second send changing nothing); a fulfilment
// member gets 403; the product page shows them in order with their alt text,
// and a cached product page changes at once when a photo is added.
import http from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IMAGE_WRONG_TYPE } from "~/domain/images";
import { ALT_MAX, ALT_MISSING, ALT_TOO_LONG } from "~/domain/product-photos";
import { hashPassword } from "~/utils/password.server";
import { HttpShopper } from "../helpers/http-shopper";
import { detailedPng, gif, phonePhoto, png } from "../helpers/pictures";
import { startShop, type RunningShop } from "../helpers/server";

// Pictures are decoded and re-encoded by the server: generous on a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 120_000 });

const SLUG = "vegan-leather-city-tote";
const PAGE = `/products/${SLUG}`;
const EDITOR = { email: "photos@shop.test", password: "photo editor passphrase", role: "manager" };
const PACKER = { email: "packer@shop.test", password: "packer passphrase 2026", role: "fulfilment" };

let shop: RunningShop;
let file: Database.Database;
let productId = 0;
let adminPath = "";

beforeAll(async () => {
  shop = await startShop();
  file = new Database(shop.databaseFile);
  file.pragma("busy_timeout = 5000");
  for (const who of [EDITOR, PACKER]) {
    file.prepare("INSERT INTO staff (email, name, role, password_hash) VALUES (?, ?, ?, ?)").run(who.email, who.role, who.role, await hashPassword(who.password));
  }
  productId = (file.prepare("SELECT id FROM products WHERE slug = ?").get(SLUG) as { id: number }).id;
  adminPath = `/admin/products/${productId}`;
}, 120_000);

afterAll(async () => {
  file?.close();
  await shop?.stop();
});

async function signedIn(who: typeof EDITOR): Promise<HttpShopper> {
  const admin = new HttpShopper(shop.url);
  const res = await admin.post("/admin/login", { email: who.email, password: who.password });
  expect(res.status).toBe(303);
  return admin;
}

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A multipart form as a browser sends it, over HTTP with the admin's cookie. */
async function postMultipart(admin: HttpShopper, path: string, fields: [string, string | File][]): Promise<Raw> {
  const form = new FormData();
  for (const [key, value] of fields) form.append(key, value);
  const encoded = new Request(shop.url, { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${shop.url}${path}`,
      {
        method: "POST",
        headers: {
          "Content-Type": encoded.headers.get("Content-Type")!,
          "Content-Length": String(body.length),
          Cookie: admin.cookieHeader,
          Origin: shop.url,
          "Sec-Fetch-Mode": "navigate",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const jpeg = async (name: string, w = 900, h = 600) => new File([new Uint8Array(await phonePhoto(w, h))], name, { type: "image/jpeg" });

/** The notice the admin page shows after a redirect that set one. */
async function noticeAfter(admin: HttpShopper, res: { headers: http.IncomingHttpHeaders | Headers }): Promise<string> {
  const setCookies = res.headers instanceof Headers ? res.headers.getSetCookie() : (res.headers["set-cookie"] ?? []);
  const pairs = setCookies.map((c) => c.split(";", 1)[0]!).join("; ");
  const page = await admin.request(adminPath, { headers: { Cookie: [admin.cookieHeader, pairs].filter(Boolean).join("; ") } });
  const html = await page.text();
  return /<p class="notice [a-z]+" role="(?:status|alert)"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? "";
}

type Row = { id: number; image_url: string; alt: string; position: number; staff_id: number | null };
const photos = () => file.prepare("SELECT id, image_url, alt, position, staff_id FROM product_photos WHERE product_id = ? ORDER BY position, id").all(productId) as Row[];
const audits = (action: string) => file.prepare("SELECT * FROM audit_log WHERE action = ? ORDER BY id").all(action) as { entity_id: string; before: string | null; after: string | null }[];

async function visit(path: string) {
  const res = await new HttpShopper(shop.url).get(path);
  return { status: res.status, cache: res.headers.get("X-Page-Cache"), html: await res.text() };
}

/** The gallery as the product page's HTML has it: the thumbnails' pictures and labels, and the big picture. */
function gallery(html: string) {
  const thumbs = [...(/<ul class="gallery-thumbs"[^>]*>(.*?)<\/ul>/s.exec(html)?.[1] ?? "").matchAll(/<a href="([^"]*)"[^>]*><img src="([^"]*)"[^>]*\/?><span>([^<]*)<\/span>/g)].map((m) => ({
    href: m[1]!.replace(/&amp;/g, "&"),
    src: m[2]!,
    label: m[3]!,
  }));
  const main = /<div class="product-image"><img ([^>]*)>/.exec(html)?.[1] ?? "";
  return { thumbs, main, alt: /alt="([^"]*)"/.exec(main)?.[1] ?? null };
}

const small = (imageUrl: string) => imageUrl.replace(/-1600\.webp$/, "-600.webp");

describe("product photos over HTTP", () => {
  let editor: HttpShopper;

  beforeAll(async () => {
    editor = await signedIn(EDITOR);
  });

  it("staff upload two photos at once, each with its description; a cached product page shows them at once, in order, with their alt text", async () => {
    // The product page is cached for visitors before the upload.
    await visit(PAGE);
    expect((await visit(PAGE)).cache).toBe("hit");

    const res = await postMultipart(editor, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", await jpeg("IMG_0001.jpg")],
      ["photos", new File([new Uint8Array(await detailedPng(400, 300))], "detail.png", { type: "image/png" })],
      ["alt-0", "The black tote worn on the shoulder"],
      ["alt-1", "Inside the tote: a zipped pocket"],
    ]);
    expect(res.status, res.body).toBe(303);
    expect(res.headers.location).toBe(`${adminPath}#photos`);
    expect(await noticeAfter(editor, res)).toBe("Added 2 photos.");

    const rows = photos();
    expect(rows.map((r) => [r.alt, r.position])).toEqual([
      ["The black tote worn on the shoulder", 0],
      ["Inside the tote: a zipped pocket", 1],
    ]);
    for (const r of rows) expect(r.image_url).toMatch(/^\/images\/[0-9a-f]{64}-1600\.webp$/);
    expect(audits("product.photo.add").map((a) => a.entity_id)).toEqual([String(productId), String(productId)]);

    const page = await visit(PAGE);
    expect(page.cache).toBe("miss");
    const { thumbs } = gallery(page.html);
    // The colour's picture first, then the photos in order.
    expect(thumbs[0]!.src).toMatch(/^\/art\//);
    expect(thumbs.slice(1, 3).map((t) => [t.src, t.label])).toEqual([
      [small(rows[0]!.image_url), "Photo 1"],
      [small(rows[1]!.image_url), "Photo 2"],
    ]);
    for (const [i, row] of rows.entries()) {
      const shown = gallery((await visit(`${PAGE}${thumbs[i + 1]!.href}`)).html);
      expect(shown.alt).toBe(row.alt);
      expect(shown.main).toContain(`srcSet="${small(row.image_url)} 600w, ${row.image_url} 1600w"`);
      expect(shown.main).toContain('width="600"');
    }
    // The admin page lists them with their descriptions.
    const adminHtml = await (await editor.get(adminPath)).text();
    expect(adminHtml).toContain('value="The black tote worn on the shoulder"');
  });

  it("a refused file is named and the others are kept; when every file is refused nothing is stored", async () => {
    const before = photos().length;
    const mixed = await postMultipart(editor, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", new File([new Uint8Array(await gif())], "sparkles.gif", { type: "image/gif" })],
      ["photos", new File([new Uint8Array(await png(500, 500, "#305030"))], "green.png", { type: "image/png" })],
      ["alt", "The tote in the park"],
    ]);
    expect(mixed.status, mixed.body).toBe(303);
    expect(await noticeAfter(editor, mixed)).toBe(`Added 1 photo. Not added: sparkles.gif: ${IMAGE_WRONG_TYPE}`);
    expect(photos().map((r) => r.alt)).toEqual([...photos().slice(0, before).map((r) => r.alt), "The tote in the park"]);

    const refused = await postMultipart(editor, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", new File([new Uint8Array(await gif())], "only.gif", { type: "image/gif" })],
      ["alt", "Nothing"],
    ]);
    expect(refused.status).toBe(415);
    expect(refused.body).toContain("only.gif");
    expect(photos()).toHaveLength(before + 1);
  });

  it("a missing or too long description is a 400 and stores nothing", async () => {
    const before = photos();
    const auditCount = audits("product.photo.add").length;
    const missing = await postMultipart(editor, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", await jpeg("a.jpg", 300, 300)],
      ["alt", "   "],
    ]);
    expect(missing.status).toBe(400);
    expect(missing.body).toContain(ALT_MISSING);
    const long = await postMultipart(editor, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", await jpeg("b.jpg", 300, 300)],
      ["alt", "x".repeat(ALT_MAX + 1)],
    ]);
    expect(long.status).toBe(400);

    const rename = await editor.post(adminPath, { intent: "photo-alt", photoId: String(before[0]!.id), alt: "y".repeat(ALT_MAX + 1) });
    expect(rename.status).toBe(400);
    expect(await rename.text()).toContain(ALT_TOO_LONG);
    const blank = await editor.post(adminPath, { intent: "photo-alt", photoId: String(before[0]!.id), alt: "" });
    expect(blank.status).toBe(400);
    expect(photos()).toEqual(before);
    expect(audits("product.photo.add")).toHaveLength(auditCount);

    const saved = await editor.post(adminPath, { intent: "photo-alt", photoId: String(before[0]!.id), alt: "  The black tote on a shoulder  " });
    expect(saved.status).toBe(303);
    expect(photos()[0]!.alt).toBe("The black tote on a shoulder");
    expect(audits("product.photo.update")).toHaveLength(1);
  });

  it("moves a photo earlier and later; the product page follows", async () => {
    const [first, second] = photos();
    const later = await editor.post(adminPath, { intent: "photo-move", photoId: String(first!.id), direction: "later" });
    expect(later.status).toBe(303);
    expect(photos().slice(0, 2).map((r) => r.id)).toEqual([second!.id, first!.id]);
    expect(photos().map((r) => r.position)).toEqual(photos().map((_, i) => i));
    expect(JSON.parse(audits("product.photo.move")[0]!.after!)).toMatchObject({ photoId: first!.id, place: 2 });

    const { thumbs } = gallery((await visit(PAGE)).html);
    expect(thumbs.slice(1, 3).map((t) => t.src)).toEqual([small(second!.image_url), small(first!.image_url)]);

    // Already first: nothing moves.
    const top = await editor.post(adminPath, { intent: "photo-move", photoId: String(second!.id), direction: "earlier" });
    expect(top.status).toBe(303);
    expect(await noticeAfter(editor, top)).toBe("That photo is already first.");
    expect(audits("product.photo.move")).toHaveLength(1);

    expect((await editor.post(adminPath, { intent: "photo-move", photoId: String(first!.id), direction: "earlier" })).status).toBe(303);
    expect(photos().slice(0, 2).map((r) => r.id)).toEqual([first!.id, second!.id]);
    expect((await editor.post(adminPath, { intent: "photo-move", photoId: "99999", direction: "earlier" })).status).toBe(404);
  });

  it("deletes a photo after the confirmation step; sending the confirmed form again changes nothing", async () => {
    const html = await (await editor.get(adminPath)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(html)![1]!;
    const [gone, ...kept] = photos();

    expect((await editor.post(adminPath, { intent: "photo-delete", photoId: String(gone!.id) })).status).toBe(400); // no token
    const asked = await editor.post(adminPath, { intent: "photo-delete", photoId: String(gone!.id), formToken: token });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Delete photo 1 of");
    expect(photos()).toHaveLength(kept.length + 1);

    const confirmed = await editor.post(adminPath, { intent: "photo-delete", photoId: String(gone!.id), formToken: token, confirm: "yes" });
    expect(confirmed.status).toBe(303);
    expect(await noticeAfter(editor, confirmed)).toBe("Deleted the photo.");
    expect(photos().map((r) => r.id)).toEqual(kept.map((r) => r.id));
    expect(audits("product.photo.delete")).toHaveLength(1);

    const again = await editor.post(adminPath, { intent: "photo-delete", photoId: String(gone!.id), formToken: token, confirm: "yes" });
    expect(again.status).toBe(303);
    expect(await noticeAfter(editor, again)).toMatch(/^Already done/);
    expect(photos().map((r) => r.id)).toEqual(kept.map((r) => r.id));
    expect(audits("product.photo.delete")).toHaveLength(1);

    const { thumbs } = gallery((await visit(PAGE)).html);
    expect(thumbs.map((t) => t.src)).not.toContain(small(gone!.image_url));
  });

  it("a fulfilment member may see the product but not change its photos (403)", async () => {
    const packer = await signedIn(PACKER);
    const before = photos();
    const upload = await postMultipart(packer, `${adminPath}?photos`, [
      ["intent", "photos"],
      ["photos", await jpeg("c.jpg", 300, 300)],
      ["alt", "Not allowed"],
    ]);
    expect(upload.status).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "photo-move", photoId: String(before[0]!.id), direction: "later" },
      { intent: "photo-alt", photoId: String(before[0]!.id), alt: "Changed" },
      { intent: "photo-delete", photoId: String(before[0]!.id), formToken: "a".repeat(32), confirm: "yes" },
    ];
    for (const form of forms) {
      expect((await packer.post(adminPath, form)).status, form.intent).toBe(403);
    }
    expect(photos()).toEqual(before);
  });
});
