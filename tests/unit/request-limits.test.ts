// What a request may be before the app sees it (app/http/request-limits.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALLOWED_METHODS,
  MAX_FORM_BYTES,
  MAX_UPLOAD_BYTES,
  REFUSALS,
  bodyLimit,
  contentTypeRefusal,
  declaredLength,
  headerCount,
  isValidHost,
  mediaType,
  requestTarget,
  requestUrl,
} from "~/http/request-limits";

describe("methods", () => {
  it("answers GET, HEAD and POST only", () => {
    expect([...ALLOWED_METHODS].sort()).toEqual(["GET", "HEAD", "POST"]);
    for (const m of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get"]) expect(ALLOWED_METHODS.has(m)).toBe(false);
  });
});

describe("mediaType", () => {
  it.each([
    [undefined, ""],
    ["", ""],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    ["Multipart/Form-Data; boundary=x", "multipart/form-data"],
    ["  text/plain ; charset=utf-8", "text/plain"],
  ])("%j → %j", (header, type) => expect(mediaType(header)).toBe(type));
});

describe("bodyLimit", () => {
  it("allows uploads only as multipart to the back office", () => {
    expect(bodyLimit("/admin/products/new", "multipart/form-data; boundary=x")).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimit("/admin/products/new", "application/x-www-form-urlencoded")).toBe(MAX_FORM_BYTES);
    expect(bodyLimit("/cart", "multipart/form-data; boundary=x")).toBe(MAX_FORM_BYTES);
    expect(bodyLimit("/administrator", "multipart/form-data; boundary=x")).toBe(MAX_FORM_BYTES);
    expect(bodyLimit("/webhooks/stripe", "application/json")).toBe(MAX_FORM_BYTES);
    expect(MAX_FORM_BYTES).toBeLessThan(MAX_UPLOAD_BYTES);
  });
});

describe("declaredLength", () => {
  it.each([
    [undefined, null],
    ["0", 0],
    ["1048576", 1048576],
    [" 12 ", 12],
    ["999999999999999", 999999999999999],
  ])("reads %j as %j", (header, length) => expect(declaredLength(header)).toBe(length));

  it.each(["", "-1", "1e3", "0x10", "1.5", "12 34", "+5", "1234567890123456", "abc", "１"])("refuses %j", (header) => {
    expect(declaredLength(header)).toBeNaN();
  });

  it("never returns a negative, fractional or unsafe number", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = declaredLength(s);
        return n === null || Number.isNaN(n) || (Number.isSafeInteger(n) && n >= 0);
      }),
    );
  });
});

describe("contentTypeRefusal", () => {
  it("accepts forms, and an empty body without a type", () => {
    expect(contentTypeRefusal("/cart", "application/x-www-form-urlencoded", 10)).toBeNull();
    expect(contentTypeRefusal("/cart", "application/x-www-form-urlencoded; charset=UTF-8", 10)).toBeNull();
    expect(contentTypeRefusal("/cart", "multipart/form-data; boundary=----x", 10)).toBeNull();
    expect(contentTypeRefusal("/cart", 'multipart/form-data; boundary="quoted boundary"', 10)).toBeNull();
    expect(contentTypeRefusal("/checkout", undefined, 0)).toBeNull();
  });

  it("refuses other types with 415, a body without a type too", () => {
    for (const type of ["application/json", "text/plain", "application/xml", "text/html", "application/octet-stream"]) {
      expect(contentTypeRefusal("/cart", type, 10)).toEqual(REFUSALS.unsupportedType);
    }
    expect(contentTypeRefusal("/cart", undefined, 5)).toEqual(REFUSALS.unsupportedType);
    expect(REFUSALS.unsupportedType.status).toBe(415);
  });

  it("refuses multipart without a boundary as unreadable (400)", () => {
    expect(contentTypeRefusal("/admin/products/new", "multipart/form-data", 10)).toEqual(REFUSALS.unreadableForm);
    expect(contentTypeRefusal("/admin/products/new", "multipart/form-data; boundary=", 10)).toEqual(REFUSALS.unreadableForm);
  });

  it("leaves the Stripe webhook's raw JSON to its route", () => {
    expect(contentTypeRefusal("/webhooks/stripe", "application/json", 100)).toBeNull();
    expect(contentTypeRefusal("/webhooks/stripe/", "application/json", 100)).toEqual(REFUSALS.unsupportedType);
  });
});

describe("isValidHost", () => {
  it.each(["shop.example", "shop.example:8080", "localhost", "127.0.0.1:3000", "[::1]:3000", "[2001:db8::1]", "xn--bcher-kva.example", "shop.example."])(
    "accepts %j",
    (host) => expect(isValidHost(host)).toBe(true),
  );
  it.each([undefined, "", "shop example", "shop.example/evil", "user@shop.example", "shop.example:99999x", "-shop.example", "shop..example", "a".repeat(64) + ".example", `${"a.".repeat(130)}example`, "shop.example\r\nX: 1", "[::1"])(
    "refuses %j",
    (host) => expect(isValidHost(host)).toBe(false),
  );
});

describe("headerCount", () => {
  it("counts a header in node's raw list, any case", () => {
    expect(headerCount(["Host", "a", "Accept", "*/*", "host", "b"], "host")).toBe(2);
    expect(headerCount(["Accept", "*/*"], "host")).toBe(0);
  });
});

describe("requestTarget", () => {
  it.each([
    ["/", "/"],
    ["/cart?x=1", "/cart?x=1"],
    ["//evil.example/x", "//evil.example/x"],
    ["http://shop.example/cart?x=1", "/cart?x=1"],
    ["HTTPS://shop.example", "/"],
  ])("%j → %j", (raw, target) => expect(requestTarget(raw)).toBe(target));

  it.each([undefined, "", "*", "cart", "shop.example:443", "ftp://shop.example/", "http://[bad/"])("refuses %j", (raw) => {
    expect(requestTarget(raw)).toBeNull();
  });
});

describe("requestUrl", () => {
  const origin = "https://shop.example";
  it("keeps //host and /\\host as paths on this origin", () => {
    for (const target of ["//evil.example/x", "/\\evil.example", "/%2F%2Fevil.example", "///evil.example"]) {
      const url = requestUrl(origin, target)!;
      expect(url.origin).toBe(origin);
    }
  });

  it("keeps the query", () => {
    const url = requestUrl(origin, "/cart?checkout=cancelled&x=%20")!;
    expect(url.pathname).toBe("/cart");
    expect(url.searchParams.get("checkout")).toBe("cancelled");
  });

  it.each(["/%", "/%C0%AF", "/%E0%A4%A", "/a%zz"])("refuses the malformed path %j", (target) => {
    expect(requestUrl(origin, target)).toBeNull();
  });

  it("refuses an origin that is not a URL", () => {
    expect(requestUrl("http://", "/")).toBeNull();
  });

  it("never leaves the origin, whatever the target", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (rest) => {
        const url = requestUrl(origin, `/${rest}`);
        return url === null || url.origin === origin;
      }),
      { numRuns: 2000 },
    );
  });
});
