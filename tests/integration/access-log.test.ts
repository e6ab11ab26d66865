// The access log as an operator reads it from a running shop: one line per
// request, secrets left out; and nothing at all when it is switched off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop, type RunningShop } from "../helpers/server";

const LINE = /^(GET|HEAD|POST) \S+ \d{3} \d+\.\dms \d+B( aborted)?$/;

function logLines(shop: RunningShop): string[] {
  return shop.output().split("\n").filter((line) => LINE.test(line));
}

/** The log is written once the answer has gone out: wait for the line, not for a time. */
async function lineFor(shop: RunningShop, prefix: string): Promise<string> {
  for (;;) {
    const line = logLines(shop).find((l) => l.startsWith(prefix));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("with ACCESS_LOG=1", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ env: { ACCESS_LOG: "1" } });
  });
  afterAll(() => shop?.stop());

  it("writes one line per request with its status and the bytes of the body sent", async () => {
    const res = await fetch(`${shop.url}/about`, { headers: { "Accept-Encoding": "identity" } });
    const body = await res.arrayBuffer();
    expect(await lineFor(shop, "GET /about 200 ")).toMatch(new RegExp(` ${body.byteLength}B$`));

    const refused = await fetch(`${shop.url}/cart`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    await refused.arrayBuffer();
    expect(await lineFor(shop, "POST /cart ")).toMatch(/^POST \/cart 415 /);
  });

  it("leaves out an order's access key and a password-reset token", async () => {
    await (await fetch(`${shop.url}/orders/1001?key=not-for-the-log`)).arrayBuffer();
    await (await fetch(`${shop.url}/admin/reset-password/not-for-the-log-either`)).arrayBuffer();
    expect(await lineFor(shop, "GET /orders/1001?key=… ")).toBeTruthy();
    expect(await lineFor(shop, "GET /admin/reset-password/:token ")).toBeTruthy();
    expect(shop.output()).not.toContain("not-for-the-log");
  });
});

describe("without ACCESS_LOG (as in tests)", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.stop());

  it("writes no request lines", async () => {
    await (await fetch(`${shop.url}/about`)).arrayBuffer();
    // The request above was answered, so its line (if any) is already written: stdout goes first.
    await (await fetch(`${shop.url}/healthz`)).arrayBuffer();
    expect(logLines(shop)).toEqual([]);
  });
});
