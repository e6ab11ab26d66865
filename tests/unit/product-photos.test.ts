// A product's photos as pure rules: their order when one moves, and the alt
// text each uploaded file gets.
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, formatAudit, NO_NAMES } from "~/domain/audit-format";
import { ALT_MAX, ALT_MISSING, ALT_TOO_LONG, altsForUpload, movedOrder, photoActionSchema } from "~/domain/product-photos";

describe("moving a photo", () => {
  it("swaps it with its neighbour, earlier or later", () => {
    expect(movedOrder([4, 7, 9], 7, "earlier")).toEqual([7, 4, 9]);
    expect(movedOrder([4, 7, 9], 7, "later")).toEqual([4, 9, 7]);
  });

  it("cannot move the first earlier, the last later, or a photo that is not there", () => {
    expect(movedOrder([4, 7, 9], 4, "earlier")).toBeNull();
    expect(movedOrder([4, 7, 9], 9, "later")).toBeNull();
    expect(movedOrder([4, 7, 9], 5, "later")).toBeNull();
  });
});

describe("alt text of uploaded photos", () => {
  it("gives every file the shared description, or its own when it has one", () => {
    expect(altsForUpload({ alt: "  The tote\n from the side " }, 2)).toEqual({ ok: true, alts: ["The tote from the side", "The tote from the side"] });
    expect(altsForUpload({ alt: "Shared", "alt-1": "Inside pocket" }, 2)).toEqual({ ok: true, alts: ["Shared", "Inside pocket"] });
    expect(altsForUpload({ "alt-0": "Front", "alt-1": "Back" }, 2)).toEqual({ ok: true, alts: ["Front", "Back"] });
  });

  it("refuses a missing, blank or too long description, on the field to fix", () => {
    expect(altsForUpload({}, 1)).toEqual({ ok: false, fieldErrors: { alt: ALT_MISSING } });
    expect(altsForUpload({ alt: "   " }, 1)).toEqual({ ok: false, fieldErrors: { alt: ALT_MISSING } });
    expect(altsForUpload({ alt: "x".repeat(ALT_MAX + 1) }, 1)).toEqual({ ok: false, fieldErrors: { alt: ALT_TOO_LONG } });
    expect(altsForUpload({ "alt-0": "Front", "alt-1": " " }, 2)).toEqual({ ok: false, fieldErrors: { "alt-1": ALT_MISSING } });
    expect(altsForUpload({ alt: "x".repeat(ALT_MAX) }, 1).ok).toBe(true);
  });
});

describe("photo forms", () => {
  it("accepts the three changes and refuses anything else", () => {
    expect(photoActionSchema.safeParse({ intent: "photo-move", photoId: "3", direction: "later" }).data).toEqual({ intent: "photo-move", photoId: 3, direction: "later" });
    expect(photoActionSchema.safeParse({ intent: "photo-move", photoId: "3", direction: "sideways" }).success).toBe(false);
    expect(photoActionSchema.safeParse({ intent: "photo-delete", photoId: "0" }).success).toBe(false);
    expect(photoActionSchema.safeParse({ intent: "photo-delete", photoId: "3", extra: "x" }).success).toBe(false);
    expect(photoActionSchema.safeParse({ intent: "photo-alt", photoId: "3", alt: "" }).success).toBe(false);
  });
});

describe("photo changes in the audit log", () => {
  const names = { ...NO_NAMES, products: new Map([[5, "Market Tote"]]) };
  const read = (action: string, before: unknown, after: unknown) => formatAudit({ action, entityType: "product", entityId: "5", before, after }, names, "UTC");

  it("reads like the log's other entries, naming the product and the photo's description", () => {
    const photo = { photoId: 9, imageUrl: "/images/x-1600.webp", alt: "The tote from the side", position: 0 };
    expect(read("product.photo.add", null, photo)).toMatchObject({ summary: "Added a photo to the product “Market Tote”: “The tote from the side”.", href: "/admin/products/5#photos" });
    expect(read("product.photo.delete", photo, null).summary).toBe("Deleted a photo of the product “Market Tote”: “The tote from the side”.");
    expect(read("product.photo.move", { photoId: 9, place: 2 }, { photoId: 9, place: 1 }).summary).toBe("Moved a photo of the product “Market Tote” from place 2 to 1.");
    const renamed = read("product.photo.update", { photoId: 9, alt: "Side" }, { photoId: 9, alt: "The tote from the side" });
    expect(renamed.summary).toBe("Changed the description of a photo of the product “Market Tote”.");
    expect(renamed.changes).toEqual([{ field: "Description", before: "Side", after: "The tote from the side" }]);
    for (const action of ["product.photo.add", "product.photo.update", "product.photo.move", "product.photo.delete"]) expect(AUDIT_ACTION_LABELS[action]).toBeDefined();
  });
});
