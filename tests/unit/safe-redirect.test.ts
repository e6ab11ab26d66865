import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "~/domain/safe-redirect";

const BASE = "https://shop.test";

describe("safeReturnPath", () => {
  it("keeps same-origin absolute paths as they are", () => {
    for (const path of [
      "/",
      "/admin",
      "/admin/orders?status=paid&page=2",
      "/admin/staff#new",
      "/products/cord-tote?colour=Black%20Oak",
      "/search?q=50%25%20off",
      "/a:b",
      "/@evil.example",
      "/%E2%9C%93",
      "/%E0%A4%A",
      "/50%-off",
    ]) {
      expect(safeReturnPath(path), path).toBe(path);
    }
  });

  it("gives the fallback for anything that leaves the shop or is not a path", () => {
    for (const bad of [
      null,
      undefined,
      "",
      "admin",
      "./admin",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "\\/evil.example",
      "/admin\\..\\..\\evil",
      "https://evil.example",
      "http://shop.test/admin",
      "HTTPS://evil.example",
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/%2F%2Fevil.example",
      "/%2f%2fevil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "/%5cevil.example",
      "/%252F%252Fevil.example",
      "/%25252F%25252Fevil.example",
      "/%09/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/admin\u0000",
      "/admin\u007f",
      "/%0d%0aSet-Cookie:%20x=y",
      "/%2F%2Fevil.example%",
      "/%2F%2F%C0%AFevil.example",
      "/\uD800",
      " /admin",
      "/" + "a".repeat(2000),
    ]) {
      expect(safeReturnPath(bad), JSON.stringify(bad)).toBe("/");
    }
  });

  it("sends spaces and non-ASCII characters percent-encoded, so they fit in a Location header", () => {
    expect(safeReturnPath("/café")).toBe("/caf%C3%A9");
    expect(safeReturnPath("/search?q=50% off")).toBe("/search?q=50%%20off");
    expect(safeReturnPath("/✓ done")).toBe("/%E2%9C%93%20done");
    expect(() => new Headers({ Location: safeReturnPath("/✓") })).not.toThrow();
  });

  it("accepts exactly 2,000 characters", () => {
    const path = "/" + "a".repeat(1999);
    expect(safeReturnPath(path)).toBe(path);
  });

  it("gives up on paths still encoded after several rounds of decoding", () => {
    let path = "/%2F";
    for (let i = 0; i < 8; i += 1) path = path.replace(/%/g, "%25");
    expect(safeReturnPath(path)).toBe("/");
  });

  it("uses the given fallback", () => {
    expect(safeReturnPath("//evil.example", "/admin")).toBe("/admin");
    expect(safeReturnPath(undefined, "/admin")).toBe("/admin");
  });

  const dangerousPieces = fc.constantFrom(
    "/",
    "\\",
    "%2F",
    "%2f",
    "%5C",
    "%5c",
    "%25",
    "%",
    "2F",
    "5C",
    "evil.example",
    "https:",
    "javascript:",
    ":",
    "@",
    ".",
    "..",
    "\t",
    "\n",
    "\r",
    "\u0000",
    " ",
    "?",
    "#",
    "admin",
  );
  const tricky = fc.array(dangerousPieces, { maxLength: 12 }).map((parts) => parts.join(""));

  function assertSameOrigin(result: string) {
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(result.startsWith("/\\")).toBe(false);
    expect(new URL(result, BASE).origin).toBe(BASE);
  }

  it("never returns anything that leaves the shop, for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), tricky), (input) => {
        const result = safeReturnPath(input);
        assertSameOrigin(result);
        assertSameOrigin(safeReturnPath(input, "/admin"));
        // Printable ASCII only: always a valid Location header.
        expect(result).toMatch(/^[\x21-\x7e]+$/);
      }),
      { numRuns: 5000 },
    );
  });

  it("never returns anything that leaves the shop once decoded, either", () => {
    fc.assert(
      fc.property(tricky, (input) => {
        const result = safeReturnPath(input);
        let decoded = result;
        for (let i = 0; i < 5; i += 1) {
          try {
            decoded = decodeURIComponent(decoded);
          } catch {
            break;
          }
        }
        assertSameOrigin(decoded);
      }),
      { numRuns: 5000 },
    );
  });
});
