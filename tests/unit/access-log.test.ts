import { describe, expect, it } from "vitest";
import { formatAccessLogLine, loggedPath } from "~/http/access-log";
import { parseEnv } from "~/utils/env.server";

const url = (path: string) => new URL(path, "http://shop.test");

describe("access log line", () => {
  it("says method, path, status, time and body bytes", () => {
    expect(formatAccessLogLine({ method: "GET", url: url("/products/tote"), status: 200, ms: 12.345, bytes: 4567 })).toBe(
      "GET /products/tote 200 12.3ms 4567B",
    );
  });

  it("marks an answer the client left before receiving, and a refused address", () => {
    expect(formatAccessLogLine({ method: "POST", url: url("/cart"), status: 303, ms: 1, bytes: 0, aborted: true })).toBe("POST /cart 303 1.0ms 0B aborted");
    expect(formatAccessLogLine({ method: "GET", url: null, status: 400, ms: 0.2, bytes: 44 })).toBe("GET - 400 0.2ms 44B");
  });

  it("keeps query names but hides their values, except harmless ones", () => {
    expect(loggedPath(url("/orders/1001?key=secret-order-key"))).toBe("/orders/1001?key=…");
    expect(loggedPath(url("/checkout/success?session_id=cs_test_123"))).toBe("/checkout/success?session_id=…");
    expect(loggedPath(url("/search?q=my+email%40example.com&page=2"))).toBe("/search?q=…&page=2");
    expect(loggedPath(url("/cart?index&_data=routes%2Fcart"))).toBe("/cart?index=&_data=routes%2Fcart");
  });

  it("never logs a password-reset token or a customer's email address in the path", () => {
    expect(loggedPath(url("/admin/reset-password/abcdef0123456789"))).toBe("/admin/reset-password/:token");
    expect(loggedPath(url("/admin/customers/ann%40example.com"))).toBe("/admin/customers/:email");
    expect(loggedPath(url("/admin/customers"))).toBe("/admin/customers");
  });

  it("the secret never survives, whatever its key is spelled like", () => {
    const line = formatAccessLogLine({ method: "GET", url: url("/x?KEY=s3cret&key=s3cret&Session_Id=s3cret"), status: 200, ms: 0, bytes: 0 });
    expect(line).not.toContain("s3cret");
  });
});

describe("ACCESS_LOG", () => {
  it("is on by default except in tests, and 0/1 override that", () => {
    expect(parseEnv({ NODE_ENV: "development" }).accessLog).toBe(true);
    expect(parseEnv({ NODE_ENV: "test" }).accessLog).toBe(false);
    expect(parseEnv({ NODE_ENV: "test", ACCESS_LOG: "1" }).accessLog).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", ACCESS_LOG: "0" }).accessLog).toBe(false);
  });

  it("refuses a value it cannot read, naming the variable", () => {
    expect(() => parseEnv({ ACCESS_LOG: "maybe" })).toThrow(/ACCESS_LOG/);
  });
});
