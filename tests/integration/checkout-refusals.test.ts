// Every way POST /checkout can refuse ends on the cart page with the reason
// shown, over HTTP against the real server (a document POST follows the
// redirect; a 4xx from the action would be swallowed by /checkout's loader).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpShopper } from "../helpers/http-shopper";
import { startShop, type RunningShop } from "../helpers/server";

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop?.stop();
});

/** The cart page's notice text, entities decoded. */
function noticesOn(html: string): string[] {
  return [...html.matchAll(/<p class="notice (?:error|info|success)"[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, "")
      .replaceAll("&#x27;", "'")
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&")
      .trim(),
  );
}

/** Post to /checkout as a form without JavaScript, follow the redirect, and read the cart page. */
async function refusedCheckout(shopper: HttpShopper, form: Record<string, string>) {
  const res = await shopper.post("/checkout", form);
  expect(res.status).toBe(303);
  expect(res.headers.get("Location")).toBe("/cart");
  const cart = await shopper.get("/cart");
  expect(cart.status).toBe(200);
  const notices = noticesOn(await cart.text());
  // Shown once: a reload does not show it again.
  expect(noticesOn(await (await shopper.get("/cart")).text())).toEqual([]);
  return notices;
}

async function shopperWith(sku: string) {
  const shopper = new HttpShopper(shop.url);
  const added = await shopper.post("/cart", { intent: "add", sku, quantity: "1" });
  expect(added.status).toBe(303);
  return shopper;
}

describe("POST /checkout refusals end with the reason on the cart page", () => {
  it.each([
    ["a price", { total: "1" }],
    ["an empty field", { "": "" }],
    ["an intent", { intent: "checkout" }],
  ])("a form with a field the shop did not ask for (%s)", async (_name, form) => {
    const shopper = await shopperWith("TOT-CMK-BLACK");
    const notices = await refusedCheckout(shopper, form);
    expect(notices).toEqual(["Your checkout didn't start: the form we received wasn't the one we sent. Nothing was charged; please check out again."]);
    // The cart is as it was, and checking out properly still works.
    const again = await shopper.post("/checkout", {});
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toMatch(/^\/checkout\/test-payment\?session_id=/);
  });

  it("a form with a field, sent by the page's JavaScript (a Remix data request)", async () => {
    const shopper = await shopperWith("TOT-CMK-NAVY");
    const res = await shopper.request("/checkout?_data=routes%2Fcheckout", { form: { total: "1" }, headers: { "Sec-Fetch-Mode": "cors" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("X-Remix-Redirect")).toBe("/cart");
    const cart = await shopper.get("/cart?_data=routes%2Fcart");
    expect(((await cart.json()) as { notice: { message: string } | null }).notice?.message).toMatch(/^Your checkout didn't start/);
  });

  it("an empty cart", async () => {
    const shopper = new HttpShopper(shop.url);
    expect(await refusedCheckout(shopper, {})).toEqual(["Your cart is empty."]);
  });

  it("a bag that sold out since it was put in the cart", async () => {
    const shopper = await shopperWith("TOT-WKD-OLIVE");
    const sqlite = new Database(shop.databaseFile);
    try {
      sqlite.prepare("UPDATE variants SET stock_on_hand = stock_held WHERE sku = ?").run("TOT-WKD-OLIVE");
    } finally {
      sqlite.close();
    }
    const [notice, ...rest] = await refusedCheckout(shopper, {});
    expect(rest).toEqual([]);
    expect(notice).toMatch(/Weekend Canvas Carryall.*sold out/i);
  });
});
