import { describe, expect, it } from "vitest";
import {
  ART_STYLES,
  isArtStyle,
  normaliseHex,
  parseArtFileName,
  renderBagSvg,
  renderCharmOnToteSvg,
} from "~/art/bags";
import { artUrl } from "~/art/url";
import { loader } from "~/routes/art.$style.$file";
import { SEED_PRODUCTS } from "../../db/seed-data";

const HARDWARE = ["gold", "silver", "none"] as const;
const COLOURS = ["1b1b1d", "efe7d6", "fafafa", "a4d233", "c8102e", "1f2b4a"];

/**
 * A small XML well-formedness check: the document must be nothing but tags,
 * comments-free text without raw '<' or stray '&', with balanced elements,
 * unique attributes per element, unique ids, and every #id reference resolving.
 */
function checkXml(svg: string): { root: string; ids: Set<string> } {
  const body = svg.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>/, "");
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  const ids = new Set<string>();
  const refs: string[] = [];
  let root = "";
  let i = 0;
  let roots = 0;
  while (i < body.length) {
    if (body[i] === "<") {
      tag.lastIndex = i;
      const m = tag.exec(body);
      if (!m) throw new Error(`Malformed tag at ${i}: ${body.slice(i, i + 60)}`);
      const [whole, close, name, attrs, selfClose] = m;
      if (close) {
        if (attrs || selfClose) throw new Error(`Bad closing tag ${whole}`);
        const open = stack.pop();
        if (open !== name) throw new Error(`</${name}> closes <${open}>`);
      } else {
        if (stack.length === 0) {
          roots++;
          root = whole;
        }
        const names = new Set<string>();
        for (const a of attrs!.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) {
          if (names.has(a[1]!)) throw new Error(`Duplicate attribute ${a[1]} in ${whole}`);
          names.add(a[1]!);
          if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(a[2]!)) throw new Error(`Bare & in ${whole}`);
          if (a[1] === "id") {
            if (ids.has(a[2]!)) throw new Error(`Duplicate id ${a[2]}`);
            ids.add(a[2]!);
          }
          for (const r of a[2]!.matchAll(/url\(#([^)]+)\)/g)) refs.push(r[1]!);
          if (a[1] === "href" || a[1] === "aria-labelledby") refs.push(a[2]!.replace(/^#/, ""));
        }
        if (!selfClose) stack.push(name!);
      }
      i += whole.length;
    } else {
      const next = body.indexOf("<", i);
      const text = body.slice(i, next === -1 ? body.length : next);
      if (stack.length === 0 && text.trim()) throw new Error(`Text outside the root: ${text}`);
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`Bare & in text: ${text}`);
      i += text.length;
    }
  }
  if (stack.length) throw new Error(`Unclosed: ${stack.join(", ")}`);
  if (roots !== 1) throw new Error(`Expected one root element, found ${roots}`);
  for (const r of refs) if (!ids.has(r)) throw new Error(`Dangling reference #${r}`);
  return { root, ids };
}

function transformOf(svg: string, part: string) {
  const m = new RegExp(`data-part="${part}" transform="translate\\(([-\\d.]+) ([-\\d.]+)\\) scale\\(([\\d.]+)\\)"`).exec(svg);
  if (!m) throw new Error(`No ${part} group`);
  return { x: Number(m[1]), y: Number(m[2]), scale: Number(m[3]) };
}

describe("ART_STYLES", () => {
  it("covers every style the seed catalog uses, with a label and a kind", () => {
    for (const p of SEED_PRODUCTS) expect(isArtStyle(p.artStyle), p.artStyle).toBe(true);
    expect(ART_STYLES).toHaveLength(30);
    for (const s of ART_STYLES) {
      expect(s.label.length).toBeGreaterThan(2);
      expect(["tote", "micro", "mini", "crossbody", "clutch"]).toContain(s.kind);
    }
    expect(ART_STYLES.find((s) => s.id === "micro-fur")?.kind).toBe("micro");
    expect(ART_STYLES.find((s) => s.id === "tote-bucket")?.kind).toBe("tote");
  });

  it("rejects unknown styles, including prototype keys", () => {
    for (const s of ["", "tote", "TOTE-SHOPPER", "__proto__", "constructor", "toString", 42, null]) {
      expect(isArtStyle(s)).toBe(false);
    }
  });
});

describe("renderBagSvg", () => {
  for (const style of ART_STYLES) {
    it(`draws ${style.id} in every colour and finish, front and close-up`, () => {
      for (const hex of COLOURS) {
        for (const hardware of HARDWARE) {
          for (const view of ["front", "detail"] as const) {
            const svg = renderBagSvg({ style: style.id, colourHex: hex, hardware }, view);
            const { root } = checkXml(svg);
            expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?><svg ')).toBe(true);
            expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
            expect(root).toContain('viewBox="0 0 400 400"');
            expect(root).toContain('role="img"');
            expect(svg).toMatch(/<title>[^<]+<\/title>/);
            expect(svg).toContain(`<title>${style.label}`);
            expect(svg).toContain(`#${hex}`);
            expect(Buffer.byteLength(svg)).toBeLessThan(8 * 1024);
            if (hardware === "gold") expect(svg).toContain("#c9a24a");
            if (hardware === "silver") expect(svg).toContain("#bfc4ca");
            if (hardware === "none") expect(svg).not.toMatch(/#c9a24a|#bfc4ca/);
          }
        }
      }
    });
  }

  it("draws the front views to one scale: a 6 cm sphere under a 9 cm duffle, well under a tote; a mini under a tote", () => {
    const scale = (style: string) => Number(/scale\(([\d.]+)\)/.exec(renderBagSvg({ style, colourHex: "b9855a", hardware: "gold" }))![1]);
    expect(scale("micro-sphere")).toBeLessThan(scale("micro-duffle"));
    expect(scale("micro-duffle")).toBeLessThan(0.7 * scale("tote-city"));
    expect(scale("mini-top-handle")).toBeLessThan(scale("tote-city"));
    // Every front view stands on the same floor.
    const floors = ART_STYLES.map((s) => /<ellipse cx="200" cy="([\d.]+)"/.exec(renderBagSvg({ style: s.id, colourHex: "b9855a", hardware: "gold" }))![1]);
    expect(new Set(floors).size).toBe(1);
  });

  it("draws each product's material: croc scales, stripes and rope, canvas weave, glitter, a sphere, a numbered tag", () => {
    const draw = (style: string) => renderBagSvg({ style, colourHex: "1f2b4a", hardware: "gold" });
    expect(draw("tote-croc")).toMatch(/<pattern id="a\w+k"/);
    expect(draw("tote-beach")).toMatch(/<pattern id="a\w+t"/);
    expect(draw("tote-beach")).toContain("#e6d7b4"); // rope
    expect(draw("tote-shopper")).toMatch(/<pattern id="a\w+w"/);
    expect(draw("tote-carryall")).toMatch(/<pattern id="a\w+w"/);
    expect(draw("micro-glitter-duffle")).toMatch(/<pattern id="a\w+gl"/);
    expect(draw("micro-sphere")).toMatch(/<radialGradient id="a\w+sp"/);
    expect(draw("mini-atelier")).toContain("N°7");
  });

  it("stays small: every seed variant well under 8 KB, on average under 4 KB", () => {
    const sizes = SEED_PRODUCTS.flatMap((p) =>
      p.variants.map((v) => Buffer.byteLength(renderBagSvg({ style: p.artStyle, colourHex: v.colourHex, hardware: v.hardware }))),
    );
    expect(Math.max(...sizes)).toBeLessThan(6 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeLessThan(4 * 1024);
  });

  it("is deterministic and distinct per style, colour and finish", () => {
    const a = renderBagSvg({ style: "micro-fur", colourHex: "f6a5c9", hardware: "silver" });
    expect(renderBagSvg({ style: "micro-fur", colourHex: "f6a5c9", hardware: "silver" })).toBe(a);
    expect(renderBagSvg({ style: "micro-fur", colourHex: "f6a5c9", hardware: "gold" })).not.toBe(a);
    expect(renderBagSvg({ style: "micro-fur", colourHex: "f6a5c8", hardware: "silver" })).not.toBe(a);
    const drawings = new Set(
      ART_STYLES.map((s) =>
        renderBagSvg({ style: s.id, colourHex: "b9855a", hardware: "gold" })
          .replace(/<title>.*<\/title>/, "")
          .replace(/id="a\w+"|#a\w+/g, ""),
      ),
    );
    expect(drawings.size).toBe(ART_STYLES.length);
  });

  it("tolerates a leading # and upper case, as stored in the catalog", () => {
    expect(renderBagSvg({ style: "clutch", colourHex: "#E8D3A2", hardware: "gold" })).toBe(
      renderBagSvg({ style: "clutch", colourHex: "e8d3a2", hardware: "gold" }),
    );
    expect(normaliseHex("#1B1B1D")).toBe("1b1b1d");
  });

  it("draws the seed's texture details: fur, croc scales, sequins, cat and bunny faces", () => {
    const draw = (style: string) => renderBagSvg({ style, colourHex: "f4f1ec", hardware: "silver" });
    expect(draw("micro-box")).toMatch(/<pattern id="a\w+k"/);
    expect(draw("kids-sparkle-clutch")).toMatch(/<pattern id="a\w+s"/);
    expect(draw("micro-chain")).toMatch(/<pattern id="a\w+q"/);
    expect(draw("micro-fur").match(/Q/g)!.length).toBeGreaterThan(25);
    expect(draw("kids-cat")).toContain("#f4b6c2"); // inner ears
    expect(draw("kids-bunny")).toContain("#f4b6c2");
  });

  it("throws on invalid colours, hardware and styles", () => {
    const ok = { style: "micro-duffle", colourHex: "a4d233", hardware: "gold" };
    for (const colourHex of ["", "a4d23", "a4d2333", "g4d233", "##a4d233", "red", 'a4d233"/><script>', "a4d233 ", " a4d233", "0xa4d2"]) {
      expect(() => renderBagSvg({ ...ok, colourHex }), colourHex).toThrow(/colour/i);
    }
    for (const hardware of ["", "Gold", "bronze", "gold ", "__proto__"]) {
      expect(() => renderBagSvg({ ...ok, hardware }), hardware).toThrow(/hardware/i);
    }
    for (const style of ["", "micro", "micro-duffle/../x", "<svg>", "__proto__", "hasOwnProperty"]) {
      expect(() => renderBagSvg({ ...ok, style }), style).toThrow(/style/i);
    }
    expect(() => renderBagSvg({ ...ok, colourHex: undefined as unknown as string })).toThrow(/colour/i);
  });
});

describe("parseArtFileName", () => {
  it("accepts only canonical names", () => {
    expect(parseArtFileName("a4d233-gold.svg")).toEqual({ colourHex: "a4d233", hardware: "gold", view: "front" });
    expect(parseArtFileName("1b1b1d-none.svg")).toEqual({ colourHex: "1b1b1d", hardware: "none", view: "front" });
    expect(parseArtFileName("1b1b1d-none-detail.svg")).toEqual({ colourHex: "1b1b1d", hardware: "none", view: "detail" });
    for (const bad of ["a4d233-gold-detail.png", "a4d233-gold-zoom.svg", "a4d233-detail.svg", "A4D233-gold.svg", "a4d233-gold.png", "a4d233-gold.svg.svg", "a4d23-gold.svg", "a4d233-brass.svg", "a4d233_gold.svg", "%23a4d233-gold.svg", ""]) {
      expect(parseArtFileName(bad), bad).toBeNull();
    }
  });
});

describe("renderCharmOnToteSvg", () => {
  const tote = { style: "tote-shopper", colourHex: "#efe7d6", hardware: "none", widthCm: 38, heightCm: 33 };
  const charm = { style: "micro-duffle", colourHex: "#a4d233", hardware: "gold", widthCm: 9, heightCm: 5 };

  it("is an inline, labelled, well-formed <svg> element", () => {
    const svg = renderCharmOnToteSvg({ tote, charm, label: "Micro Duffle on the Canvas Market Tote" });
    const { root } = checkXml(svg);
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).not.toContain("<?xml");
    expect(root).toContain('role="img"');
    expect(root).toContain('viewBox="0 0 400 400"');
    expect(svg).toMatch(/<title id="\w+">Micro Duffle on the Canvas Market Tote<\/title>/);
    expect(svg).toContain("#efe7d6");
    expect(svg).toContain("#a4d233");
    expect(Buffer.byteLength(svg)).toBeLessThan(16 * 1024);
  });

  it("draws both bags to scale: scale ratio equals the width ratio in cm", () => {
    const cases = [
      [38, 33, 9, 5],
      [46, 34, 8, 8],
      [28, 30, 6, 8],
      [33, 27, 10, 7],
      [50, 38, 7, 5],
    ] as const;
    for (const [tw, th, cw, ch] of cases) {
      const svg = renderCharmOnToteSvg({
        tote: { ...tote, widthCm: tw, heightCm: th },
        charm: { ...charm, widthCm: cw, heightCm: ch },
      });
      const t = transformOf(svg, "tote");
      const c = transformOf(svg, "charm");
      expect(c.scale / t.scale).toBeCloseTo(cw / tw, 3);
      // The charm hangs over the tote, not off somewhere else.
      const toteRight = t.x + 200 * t.scale;
      expect(c.x).toBeGreaterThan(t.x - 1);
      expect(c.x + 200 * c.scale).toBeLessThan(toteRight + 1);
    }
    // A 9 cm charm on a 38 cm tote is about a quarter of its width.
    const svg = renderCharmOnToteSvg({ tote, charm });
    expect(transformOf(svg, "charm").scale / transformOf(svg, "tote").scale).toBeCloseTo(0.237, 3);
  });

  it("reuses the single-bag drawings", () => {
    const svg = renderCharmOnToteSvg({ tote, charm });
    const single = renderBagSvg(charm);
    // The zip-pull plate shape of the duffle is the same markup, only ids differ.
    const strip = (s: string) => s.replace(/(url\(#|id="|href="#)[a-z]\w+/g, "$1");
    const charmGroup = /<g data-part="charm"[^>]*>(.*?)<\/g><path/.exec(svg);
    expect(charmGroup).not.toBeNull();
    expect(strip(single)).toContain(strip(charmGroup![1]!.slice(0, 400)));
  });

  it("escapes the label and validates both bags", () => {
    const svg = renderCharmOnToteSvg({ tote, charm, label: `<script>alert("x")</script> & 'co'` });
    checkXml(svg);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;");
    expect(() => renderCharmOnToteSvg({ tote: { ...tote, colourHex: "nope" }, charm })).toThrow(/colour/i);
    expect(() => renderCharmOnToteSvg({ tote, charm: { ...charm, style: "micro-unicorn" } })).toThrow(/style/i);
    expect(() => renderCharmOnToteSvg({ tote, charm: { ...charm, hardware: "brass" } })).toThrow(/hardware/i);
    expect(() => renderCharmOnToteSvg({ tote, charm: { ...charm, widthCm: 0 } })).toThrow(/dimensions/i);
    expect(() => renderCharmOnToteSvg({ tote: { ...tote, heightCm: Number.NaN }, charm })).toThrow(/dimensions/i);
  });

  it("keeps ids unique when the same bag is both tote and charm, and across previews", () => {
    const bag = { style: "micro-tote", colourHex: "ff6a13", hardware: "silver", widthCm: 8, heightCm: 7 };
    const a = checkXml(renderCharmOnToteSvg({ tote: { ...bag, style: "tote-classic", widthCm: 34, heightCm: 28 }, charm: bag }));
    const b = checkXml(renderCharmOnToteSvg({ tote: { ...bag, style: "tote-classic", widthCm: 34, heightCm: 28 }, charm: { ...bag, colourHex: "ff3ea5" } }));
    const shared = [...a.ids].filter((id) => b.ids.has(id));
    // Only the identical tote's defs may repeat (same id, same content).
    for (const id of shared) expect(id.startsWith("t")).toBe(true);
    checkXml(renderCharmOnToteSvg({ tote: bag, charm: bag }));
  });
});

describe("art route", () => {
  const call = (style: string, file: string) =>
    loader({
      params: { style, file },
      request: new Request(`http://shop.test/art/${style}/${file}`),
      context: { nonce: "" },
    } as any) as Response;

  it("serves every seed image URL as an immutable SVG", async () => {
    for (const p of SEED_PRODUCTS.slice(0, 12)) {
      const v = p.variants[0]!;
      const [, , style, file] = artUrl(p.artStyle, v.colourHex, v.hardware).split("/");
      const res = call(style!, file!);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/svg+xml");
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const body = await res.text();
      expect(body).toBe(renderBagSvg({ style: p.artStyle, colourHex: v.colourHex, hardware: v.hardware }));
    }
  });

  it("answers the same bytes from its cache", async () => {
    const first = await call("micro-heart", "d4af37-gold.svg").text();
    const second = await call("micro-heart", "d4af37-gold.svg").text();
    expect(second).toBe(first);
  });

  it("answers 404 in plain text for unknown styles and malformed names", async () => {
    const bad: [string, string][] = [
      ["micro-unicorn", "a4d233-gold.svg"],
      ["__proto__", "a4d233-gold.svg"],
      ["micro-duffle", "A4D233-gold.svg"],
      ["micro-duffle", "a4d233-brass.svg"],
      ["micro-duffle", "a4d233-gold.png"],
      ["micro-duffle", "a4d233-gold"],
      ["micro-duffle", "a4d2-gold.svg"],
      ["micro-duffle", "..%2Fetc-gold.svg"],
      ["micro-duffle", ""],
    ];
    for (const [style, file] of bad) {
      const res = call(style, file);
      expect(res.status, `${style}/${file}`).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
      expect(res.headers.get("Cache-Control")).not.toContain("immutable");
      expect(await res.text()).toBe("Not found");
    }
  });
});
