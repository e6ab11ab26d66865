// Products in bulk, through the routes' loaders and actions: the product CSV
// download and import (round trip, changes, bad rows listed by line with
// nothing written, a SKU of another product refused) and the product list's
// bulk actions (activate, draft, tags), each change audited.
import { desc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "~/domain/csv";
import { loader as exportLoader } from "~/routes/admin.products.export";
import { action as importAction } from "~/routes/admin.products.import";
import { action as listAction, loader as listLoader } from "~/routes/admin.products._index";
import { auditLog, products, variants } from "../../db/schema";
import { catalogSnapshot, multipartRequest, signIn, staffAccounts } from "../helpers/admin";
import { db, sqlite } from "../helpers/db";
import { formRequest, getRequest, run } from "../helpers/remix";

let cookie = "";
let staffId = 0;

beforeAll(async () => {
  staffId = (await staffAccounts()).staffId;
  cookie = await signIn("staff");
});

async function download(): Promise<string> {
  const res = await run(exportLoader, getRequest("/admin/products/export", { cookie }));
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
  return (await res.text()).replace(/^\uFEFF/, "");
}

function csvFile(text: string, name = "products.csv") {
  return new File([text], name, { type: "text/csv" });
}

function importPost(fields: Record<string, string | Blob>) {
  return run(importAction, multipartRequest("/admin/products/import", fields, { cookie }));
}

type Preview = { ok: true; fileName: string; payload: string; rows: { line: number; change: string; what: string; name: string; fields: string }[]; counts: Record<string, number> };
type Failed = { ok: false; message: string; problems: { line: number; message: string }[] };

/** Products and colours as the shop stores them, minus times and ids that an import may not move. */
function catalogRows() {
  return {
    products: sqlite.prepare("SELECT * FROM products ORDER BY id").all(),
    variants: sqlite.prepare("SELECT * FROM variants ORDER BY id").all(),
  };
}

/** Change one cell of a CSV (by row index after the header and column name). */
function editCell(text: string, row: number, column: string, value: string): string {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const [header, ...records] = parsed.records;
  const at = header!.cells.indexOf(column);
  const cells = records.map((r) => [...r.cells]);
  cells[row]![at] = value;
  const q = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header!.cells, ...cells].map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

describe("product CSV export and import", () => {
  it("round trip: the download imported again changes nothing, and apply leaves every product and colour as it was", async () => {
    const before = catalogRows();
    expect(before.products.length).toBeGreaterThan(3);
    const text = await download();
    const lines = parseCsv(text);
    expect(lines.ok && lines.records.length).toBe(1 + before.variants.length + (before.products as { id: number }[]).filter((p) => !(before.variants as { product_id: number }[]).some((v) => v.product_id === p.id)).length);

    const preview = await importPost({ intent: "preview", file: csvFile(text) });
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as Preview;
    expect(body.ok).toBe(true);
    expect(body.rows).toEqual([]);
    expect(body.counts).toMatchObject({ newProducts: 0, changedProducts: 0, newVariants: 0, changedVariants: 0 });
    expect(body.counts.unchanged).toBe(before.products.length + before.variants.length);

    const audits = db.select().from(auditLog).all().length;
    const apply = await importPost({ intent: "apply", fileName: body.fileName, payload: body.payload });
    expect(apply.status).toBe(303);
    expect(catalogRows()).toEqual(before);
    expect(db.select().from(auditLog).all().length).toBe(audits);
    // And the download after is the same file.
    expect(await download()).toBe(text);
  });

  it("changes and new rows: preview lists them by line, apply writes them all and audits each like a form change", async () => {
    let text = await download();
    const records = (parseCsv(text) as { ok: true; records: { cells: string[] }[] }).records;
    const header = records[0]!.cells;
    const first = records[1]!.cells;
    const sku = first[header.indexOf("sku")]!;
    const slug = first[header.indexOf("slug")]!;
    text = editCell(text, 0, "price", "99.50");
    // A new colour of the first product, and a new product with one colour: its product columns copied from a tote row.
    const newColour = [...first];
    newColour[header.indexOf("sku")] = "NEW-COLOUR-1";
    newColour[header.indexOf("colour")] = "Plum, dark";
    newColour[header.indexOf("colour_hex")] = "#5b2a4a";
    newColour[header.indexOf("price")] = "41";
    newColour[header.indexOf("compare_at")] = "";
    const newProduct = [...newColour];
    newProduct[header.indexOf("slug")] = "imported-tote";
    newProduct[header.indexOf("name")] = "=Imported Tote";
    newProduct[header.indexOf("sku")] = "IMP-TOTE-1";
    const q = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    text += [newColour, newProduct].map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
    const total = records.length; // header + rows: the new rows are lines total+1, total+2

    const snapshot = catalogSnapshot();
    const preview = (await (await importPost({ intent: "preview", file: csvFile(text) })).json()) as Preview;
    expect(preview.counts).toMatchObject({ newProducts: 1, changedProducts: 0, newVariants: 2, changedVariants: 1 });
    expect(preview.rows.map((r) => [r.line, r.what, r.change])).toEqual([
      [2, "Colour", "changed"],
      [total + 1, "Colour", "new"],
      [total + 2, "Product", "new"],
      [total + 2, "Colour", "new"],
    ]);
    expect(preview.rows[0]!.fields).toBe("priceCents");
    expect(catalogSnapshot()).toEqual(snapshot);

    const apply = await importPost({ intent: "apply", fileName: preview.fileName, payload: preview.payload });
    expect(apply.status).toBe(303);
    expect(db.select().from(variants).where(eq(variants.sku, sku)).get()!.priceCents).toBe(9950);
    const added = db.select().from(variants).where(eq(variants.sku, "NEW-COLOUR-1")).get()!;
    expect(added).toMatchObject({ colourName: "Plum, dark", priceCents: 4100, stockOnHand: 0 });
    expect(db.select().from(products).where(eq(products.id, added.productId)).get()!.slug).toBe(slug);
    const imported = db.select().from(products).where(eq(products.slug, "imported-tote")).get()!;
    // The spreadsheet's defused formula comes back as the text that was typed.
    expect(imported.name).toBe("=Imported Tote");
    const audit = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(4).all();
    expect(audit.map((a) => a.action).sort()).toEqual(["product.create", "variant.create", "variant.create", "variant.update"]);
    expect(audit.every((a) => a.staffId === staffId)).toBe(true);
  });

  it("bad rows: every problem listed by line and nothing written, also for a tampered apply", async () => {
    let text = await download();
    text = editCell(text, 0, "price", "-5");
    text = editCell(text, 1, "kind", "suitcase");
    text = editCell(text, 2, "is_kids", "maybe");
    const dupe = editCell(text, 3, "sku", (parseCsv(text) as { ok: true; records: { cells: string[] }[] }).records[5]!.cells[18]!);
    const snapshot = catalogSnapshot();
    const res = await importPost({ intent: "preview", file: csvFile(dupe) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Failed;
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/^Nothing was changed: \d+ problems/);
    const lines = body.problems.map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(body.problems.find((p) => p.line === 2)!.message).toMatch(/^Line 2: price: The price can't be negative/);
    expect(body.problems.some((p) => p.line === 3 && /kind/.test(p.message))).toBe(true);
    expect(body.problems.some((p) => p.line === 4 && /is_kids must be yes or no/.test(p.message))).toBe(true);
    expect(body.problems.some((p) => p.line === 6 && /already on line/.test(p.message))).toBe(true);

    // A file that only differs from the product it names in one row: refused as a whole.
    const withOtherSku = editCell(await download(), 0, "slug", "a-brand-new-slug");
    const moved = (await (await importPost({ intent: "preview", file: csvFile(withOtherSku) })).json()) as Failed;
    expect(moved.problems[0]!.message).toMatch(/^Line 2: .* is a colour of .*, not of a-brand-new-slug/);

    // An apply of a tampered payload is checked again like a preview.
    const tampered = await importPost({ intent: "apply", fileName: "x.csv", payload: Buffer.from(dupe).toString("base64") });
    expect(tampered.status).toBe(400);
    expect(catalogSnapshot()).toEqual(snapshot);

    // Unknown columns and a wrong header say so on line 1.
    const header = (await (await importPost({ intent: "preview", file: csvFile("slug,name,colour_of_bag\nx,y,z\n") })).json()) as Failed;
    expect(header.problems.map((p) => p.message)).toContain('Line 1: unknown column "colour_of_bag". Use the columns of the product download.');
    expect(catalogSnapshot()).toEqual(snapshot);
  });
});

describe("bulk actions on the product list", () => {
  function bulkPost(fields: [string, string][]) {
    return run(listAction, formRequest("/admin/products?status=active", fields, { cookie }));
  }

  it("draft, activate, add and remove a tag: the ticked products only, each audited; bad input changes nothing", async () => {
    const all = db.select().from(products).orderBy(products.id).all();
    const ticked = all.slice(0, 3).map((p) => p.id);
    const others = all.slice(3);
    await run(listAction, formRequest("/admin/products", [...ticked.map((id): [string, string] => ["ids", String(id)]), ["bulk", "activate"]], { cookie }));

    const snapshot = catalogSnapshot();
    for (const [fields, status] of [
      [[["bulk", "draft"]], 400],
      [[["ids", String(ticked[0])], ["bulk", "explode"]], 400],
      [[["ids", "abc"], ["bulk", "draft"]], 400],
      [[["ids", String(ticked[0])], ["bulk", "add-tag"], ["tag", ""]], 400],
      [[["ids", String(ticked[0])], ["bulk", "add-tag"], ["tag", "two, tags"]], 400],
      [[["ids", String(ticked[0])], ["bulk", "add-tag"], ["tag", "no/slash"]], 400],
    ] as [[string, string][], number][]) {
      const res = await bulkPost(fields);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
    }
    expect(catalogSnapshot()).toEqual(snapshot);

    const auditsBefore = db.select().from(auditLog).all().length;
    const draft = await bulkPost([...ticked.map((id): [string, string] => ["ids", String(id)]), ["bulk", "draft"]]);
    expect(draft.status).toBe(303);
    expect(draft.headers.get("Location")).toBe("/admin/products?status=active");
    const statuses = () => db.select().from(products).where(inArray(products.id, ticked)).all().map((p) => p.status);
    expect(statuses()).toEqual(["draft", "draft", "draft"]);
    for (const p of others) expect(db.select().from(products).where(eq(products.id, p.id)).get()!.status).toBe(p.status);
    const entries = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(3).all();
    expect(db.select().from(auditLog).all().length).toBe(auditsBefore + 3);
    expect(entries.every((e) => e.action === "product.update" && e.staffId === staffId)).toBe(true);
    expect(entries.map((e) => (e.after as { status: string }).status)).toEqual(["draft", "draft", "draft"]);

    // The list shows them drafted; the same action again changes nothing and writes no audit entry.
    const list = (await (await run(listLoader, getRequest("/admin/products?status=draft", { cookie }))).json()) as { products: { id: number }[] };
    expect(list.products.map((p) => p.id)).toEqual(expect.arrayContaining(ticked));
    const again = await bulkPost([...ticked.map((id): [string, string] => ["ids", String(id)]), ["bulk", "draft"]]);
    expect(again.status).toBe(303);
    expect(db.select().from(auditLog).all().length).toBe(auditsBefore + 3);

    await bulkPost([["ids", String(ticked[0])], ["ids", String(ticked[1])], ["bulk", "add-tag"], ["tag", "Gift Ideas"]]);
    const tags = (id: number) => db.select().from(products).where(eq(products.id, id)).get()!.tags;
    expect(tags(ticked[0]!)).toContain("gift-ideas");
    expect(tags(ticked[1]!)).toContain("gift-ideas");
    expect(tags(ticked[2]!)).not.toContain("gift-ideas");
    await bulkPost([["ids", String(ticked[0])], ["bulk", "remove-tag"], ["tag", "gift-ideas"]]);
    expect(tags(ticked[0]!)).not.toContain("gift-ideas");
    expect(tags(ticked[1]!)).toContain("gift-ideas");

    const active = await bulkPost([...ticked.map((id): [string, string] => ["ids", String(id)]), ["bulk", "activate"]]);
    expect(active.status).toBe(303);
    expect(statuses()).toEqual(["active", "active", "active"]);
  });
});
