import { describe, expect, it } from "vitest";
import { parseWith } from "~/web/forms";
import {
  cardImageUrl,
  checkDecodedHeader,
  checkUploadBytes,
  IMAGE_ANIMATED,
  IMAGE_TOO_LARGE,
  IMAGE_WRONG_TYPE,
  imageSrcSet,
  imageUrl,
  isUploadedImageUrl,
  responsiveImage,
  MAX_IMAGE_BYTES,
  parseImageFileName,
} from "~/domain/images";
import {
  parseDollars,
  productInputSchema,
  productToInput,
  slugify,
  splitTags,
  variantInputSchema,
  variantToInput,
} from "~/domain/product-form";

const TOTE = {
  name: "  Canvas   Weekend Tote ",
  kind: "tote",
  status: "active",
  description: "Roomy.\r\nWashable.",
  material: "Canvas",
  widthCm: "40",
  heightCm: "35.5",
  depthCm: "12",
  occasion_casual: "on",
  tags: "Everyday, travel bag, everyday",
  handleWidthCm: "2.5",
  hasStrapRing: "on",
  artStyle: "tote-shopper",
};

const MICRO = {
  name: "Micro Star",
  kind: "micro",
  material: "Leather",
  widthCm: "8",
  heightCm: "6",
  depthCm: "3",
  attachment: "lobster_clasp",
  artStyle: "micro-heart",
};

function errorsOf(result: ReturnType<typeof parseWith>) {
  return result.ok ? {} : result.fieldErrors;
}

describe("prices typed as dollars", () => {
  it("parses exactly to integer cents, never through floats", () => {
    expect(parseDollars("12.50")).toBe(1250);
    expect(parseDollars("12.5")).toBe(1250);
    expect(parseDollars("45")).toBe(4500);
    expect(parseDollars("$ 45.00")).toBe(4500);
    expect(parseDollars("0.29")).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseDollars("1.15")).toBe(115);
    expect(parseDollars("1,200.50")).toBe(120050);
    expect(parseDollars("19.99")).toBe(1999);
  });

  it("refuses what is not an amount of dollars and cents", () => {
    for (const bad of ["", "12.505", "-5", "1e3", "12,5", "1,2,00", "abc", "12.50.1", "0x10", " . "]) {
      expect(parseDollars(bad), bad).toBeNull();
    }
  });
});

describe("product form", () => {
  it("reads a tote: trimmed name, slug from the name, tags split, fit kept", () => {
    const result = parseWith(productInputSchema, TOTE);
    expect(result).toEqual({
      ok: true,
      data: {
        name: "Canvas Weekend Tote",
        slug: "canvas-weekend-tote",
        kind: "tote",
        status: "active",
        description: "Roomy.\nWashable.",
        material: "Canvas",
        widthCm: 40,
        heightCm: 35.5,
        depthCm: 12,
        occasions: ["casual"],
        tags: ["everyday", "travel-bag"],
        isKids: false,
        isLimited: false,
        attachment: null,
        handleWidthCm: 2.5,
        hasStrapRing: true,
        artStyle: "tote-shopper",
        featuredRank: 1000,
      },
    });
  });

  it("reads a micro bag (draft by default) and its attachment", () => {
    const result = parseWith(productInputSchema, MICRO);
    expect(result).toMatchObject({ ok: true, data: { kind: "micro", status: "draft", attachment: "lobster_clasp", handleWidthCm: null, hasStrapRing: false } });
  });

  it("puts each mistake on its field", () => {
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, name: "   " }))).toMatchObject({ name: "Give the product a name." });
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, slug: "Not A Slug" }))).toHaveProperty("slug");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, kind: "hat" }))).toHaveProperty("kind");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, status: "live" }))).toHaveProperty("status");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, widthCm: "-4" }))).toHaveProperty("widthCm");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, depthCm: "" }))).toHaveProperty("depthCm");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, material: "" }))).toHaveProperty("material");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, tags: "ok, <b>" }))).toHaveProperty("tags");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, attachment: "lobster_clasp" }))).toHaveProperty("attachment");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, artStyle: "micro-heart" }))).toHaveProperty("artStyle");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, handleWidthCm: "11" }))).toHaveProperty("handleWidthCm");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, featuredRank: "first" }))).toHaveProperty("featuredRank");
    expect(errorsOf(parseWith(productInputSchema, { ...MICRO, attachment: "" }))).toHaveProperty("attachment");
    expect(errorsOf(parseWith(productInputSchema, { ...MICRO, hasStrapRing: "on" }))).toHaveProperty("hasStrapRing");
    expect(errorsOf(parseWith(productInputSchema, { ...TOTE, price: "10" }))).toHaveProperty("_form");
  });

  it("keeps micro bags micro: at most 10 cm on the longest side", () => {
    expect(errorsOf(parseWith(productInputSchema, { ...MICRO, heightCm: "12" }))).toEqual({
      heightCm: "A micro bag measures at most 10 cm on its longest side (this one is 12 cm).",
    });
    expect(parseWith(productInputSchema, { ...MICRO, widthCm: "10" }).ok).toBe(true);
  });

  it("keeps a name with markup as text (the pages escape it)", () => {
    const result = parseWith(productInputSchema, { ...TOTE, name: "<script>alert(1)</script>" });
    expect(result).toMatchObject({ ok: true, data: { name: "<script>alert(1)</script>", slug: "script-alert-1-script" } });
  });

  it("round-trips a product through its form fields", () => {
    const parsed = parseWith(productInputSchema, TOTE);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parseWith(productInputSchema, productToInput(parsed.data))).toEqual(parsed);
  });

  it("slugifies names and splits tags", () => {
    expect(slugify("Crème Brûlée — Micro Bag!")).toBe("creme-brulee-micro-bag");
    expect(slugify("!!!")).toBe("");
    expect(splitTags(" a, B c ,, a ")).toEqual(["a", "b-c"]);
  });
});

describe("colour (variant) form", () => {
  const BLACK = { sku: "tot-cwt-black", colourName: " Black ", colourHex: "#1B1B1D", hardware: "gold", price: "45.50", compareAt: "60" };

  it("reads SKU, colour and prices in cents", () => {
    expect(parseWith(variantInputSchema, BLACK)).toEqual({
      ok: true,
      data: { sku: "TOT-CWT-BLACK", colourName: "Black", colourHex: "#1b1b1d", hardware: "gold", priceCents: 4550, compareAtCents: 6000, position: 0 },
    });
    expect(parseWith(variantInputSchema, { ...BLACK, compareAt: "" })).toMatchObject({ ok: true, data: { compareAtCents: null } });
  });

  it("refuses negative, zero, malformed and oversized prices, and a compare-at not above the price", () => {
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, price: "-5" }))).toEqual({ price: "The price can't be negative." });
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, price: "0" }))).toHaveProperty("price");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, price: "12.345" }))).toHaveProperty("price");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, price: "" }))).toHaveProperty("price");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, price: "100000.01" }))).toHaveProperty("price");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, compareAt: "45.50" }))).toHaveProperty("compareAt");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, compareAt: "-1" }))).toHaveProperty("compareAt");
  });

  it("refuses a blank or malformed SKU, colour name, hex and hardware", () => {
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, sku: "" }))).toHaveProperty("sku");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, sku: "TOT BLACK" }))).toHaveProperty("sku");
    // Names of stock pages (/admin/stock/export…), in any case.
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, sku: "ledger" }))).toEqual({ sku: expect.stringMatching(/reserved/) });
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, sku: "EXPORT" }))).toHaveProperty("sku");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, colourName: "  " }))).toHaveProperty("colourName");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, colourHex: "black" }))).toHaveProperty("colourHex");
    expect(errorsOf(parseWith(variantInputSchema, { ...BLACK, hardware: "bronze" }))).toHaveProperty("hardware");
  });

  it("shows prices back as dollars", () => {
    expect(
      variantToInput({ sku: "A", colourName: "B", colourHex: "#000000", hardware: "none", priceCents: 4505, compareAtCents: null, position: 2 }),
    ).toEqual({ sku: "A", colourName: "B", colourHex: "#000000", hardware: "none", price: "45.05", compareAt: "", position: "2" });
  });
});

describe("uploaded pictures", () => {
  const still = { format: "jpeg", width: 4000, height: 3000, pages: 1 };

  it("refuses empty files (400) and files over the limit (413) before decoding them", () => {
    expect(checkUploadBytes(0)).toMatchObject({ ok: false, status: 400 });
    expect(checkUploadBytes(MAX_IMAGE_BYTES + 1)).toMatchObject({ ok: false, status: 413 });
    expect(checkUploadBytes(MAX_IMAGE_BYTES)).toBeNull();
  });

  it("takes a still PNG, JPEG or WebP within 8000 px per side and 40 megapixels, as the decoder read it", () => {
    for (const format of ["png", "jpeg", "webp"]) expect(checkDecodedHeader({ ...still, format })).toBeNull();
    for (const format of ["svg", "gif", "heif", "tiff", ""]) expect(checkDecodedHeader({ ...still, format })).toEqual({ ok: false, status: 415, message: IMAGE_WRONG_TYPE });
    expect(checkDecodedHeader({ ...still, format: "webp", pages: 2 })).toEqual({ ok: false, status: 415, message: IMAGE_ANIMATED });
    expect(checkDecodedHeader({ ...still, width: 8000, height: 5000 })).toBeNull();
    expect(checkDecodedHeader({ ...still, width: 8001, height: 10 })).toEqual({ ok: false, status: 413, message: IMAGE_TOO_LARGE });
    expect(checkDecodedHeader({ ...still, width: 10, height: 8001 })).toMatchObject({ status: 413 });
    expect(checkDecodedHeader({ ...still, width: 8000, height: 5001 })).toMatchObject({ status: 413 });
    expect(checkDecodedHeader({ ...still, width: 0, height: 10 })).toMatchObject({ status: 415 });
  });

  it("serves only canonical names: the stored sizes, and the bare hash of earlier uploads", () => {
    const hash = "a".repeat(64);
    expect(parseImageFileName(`${hash}-600.webp`)).toEqual({ key: `${hash}-600`, extension: "webp" });
    expect(parseImageFileName(`${hash}-1600.webp`)).toEqual({ key: `${hash}-1600`, extension: "webp" });
    expect(parseImageFileName(`${hash}.png`)).toEqual({ key: hash, extension: "png" });
    for (const bad of [`${hash}-601.webp`, `${hash}-600.png`, `${hash}.svg`, `${hash.toUpperCase()}.png`, `../${hash}.png`, `${hash}-600.webp/`]) {
      expect(parseImageFileName(bad), bad).toBeNull();
    }
    expect(isUploadedImageUrl(`/images/${hash}.webp`)).toBe(true);
    expect(isUploadedImageUrl(imageUrl(hash, 1600))).toBe(true);
  });

  it("offers the card size and a srcset for re-encoded pictures, and leaves other URLs alone", () => {
    const hash = "b".repeat(64);
    expect(cardImageUrl(imageUrl(hash, 1600))).toBe(`/images/${hash}-600.webp`);
    expect(imageSrcSet(imageUrl(hash, 1600))).toBe(`/images/${hash}-600.webp 600w, /images/${hash}-1600.webp 1600w`);
    expect(responsiveImage(imageUrl(hash, 1600), "300px")).toEqual({
      src: `/images/${hash}-600.webp`,
      srcSet: `/images/${hash}-600.webp 600w, /images/${hash}-1600.webp 1600w`,
      sizes: "300px",
    });
    for (const other of ["/art/tote-shopper/556b2f-gold.svg", `/images/${hash}.png`]) {
      expect(cardImageUrl(other)).toBe(other);
      expect(imageSrcSet(other)).toBeUndefined();
      expect(responsiveImage(other, "300px")).toEqual({ src: other });
    }
  });
});
