// The one-click "tote + charm" button on a tote's page, over HTTP as a browser
// without JavaScript sees it: with the tote already in the cart it says it
// adds the charm only, at the price shown, and its form does just that.
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

interface Card {
  sku: string;
  button: string;
  priceNow: string | null;
  price: string;
  fields: Record<string, string>;
}

/** The suggestion cards of a page: their button text, shown price and form fields. */
function cardsOn(html: string): Card[] {
  return [...html.matchAll(/<article class="charm-card"[^>]*data-sku="([^"]+)"[^>]*>([\s\S]*?)<\/article>/g)].map(([, sku, body]) => {
    const fields = Object.fromEntries([...body!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!]));
    const priceNow = /class="[^"]*price-now[^"]*"[^>]*>([^<]+)</.exec(body!)?.[1] ?? null;
    const price = /<p class="charm-price">[\s\S]*?(\$[\d,]+\.\d\d)/.exec(body!)![1]!;
    return { sku: sku!, button: /<button[^>]*>([^<]+)<\/button>/.exec(body!)![1]!, priceNow, price, fields };
  });
}

const TOTE_PAGE = "/products/canvas-market-tote?colour=cream";

describe("the 'tote + charm' button", () => {
  it("says 'Add tote + charm' while the tote is not in the cart", async () => {
    const shopper = new HttpShopper(shop.url);
    const cards = cardsOn(await (await shopper.get(TOTE_PAGE)).text());
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.button).toBe("Add tote + charm");
  });

  it("with the tote in the cart (another colour) says 'Add charm – $X' at the price shown, and adds only the charm", async () => {
    const shopper = new HttpShopper(shop.url);
    expect((await shopper.post("/cart", { intent: "add", sku: "TOT-CMK-BLACK", quantity: "1" })).status).toBe(303);
    const cards = cardsOn(await (await shopper.get(TOTE_PAGE)).text());
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.button).toBe(`Add charm – ${card.priceNow ?? card.price}`);

    // The form as the page sent it, posted without JavaScript.
    const card = cards[0]!;
    expect(card.fields).toMatchObject({ intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: card.sku });
    const res = await shopper.post("/cart", card.fields);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    const cart = await (await shopper.get("/cart")).text();
    const lines = [...cart.matchAll(/data-testid="cart-line" data-sku="([^"]+)"/g)].map((m) => m[1]);
    expect(lines).toEqual(["TOT-CMK-BLACK", card.sku]);
    // The charm is charged what the button said.
    const total = /data-testid="cart-total"[^>]*>(?:<[^>]+>)*([^<]+)</.exec(cart)![1];
    const toteOnly = 12000;
    const said = Math.round(Number((card.priceNow ?? card.price).replace(/[$,]/g, "")) * 100);
    expect(total).toBe(`$${((toteOnly + said) / 100).toFixed(2)}`);
  });
});
