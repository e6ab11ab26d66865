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
  priceWas: string | null;
  price: string;
  fields: Record<string, string>;
}

/** The suggestion cards of a page: their button text, shown price and form fields. */
function cardsOn(html: string): Card[] {
  return [...html.matchAll(/<article class="charm-card"[^>]*data-sku="([^"]+)"[^>]*>([\s\S]*?)<\/article>/g)].map(([, sku, body]) => {
    const fields = Object.fromEntries([...body!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!]));
    const priceNow = /class="[^"]*price-now[^"]*"[^>]*>([^<]+)</.exec(body!)?.[1] ?? null;
    const priceWas = /class="price-was">[\s\S]*?class="money">([^<]+)</.exec(body!)?.[1] ?? null;
    const price = /<p class="charm-price">[\s\S]*?(\$[\d,]+\.\d\d)/.exec(body!)![1]!;
    return { sku: sku!, button: /<button[^>]*>([^<]+)<\/button>/.exec(body!)![1]!, priceNow, priceWas, price, fields };
  });
}

const TOTE_PAGE = "/products/canvas-market-tote?colour=cream";

describe("the 'tote + charm' button", () => {
  const cents = (money: string) => Math.round(Number(money.replace(/[$,]/g, "")) * 100);

  it("says 'Add both – $X' (tote + bundle price) while the tote is not in the cart", async () => {
    const shopper = new HttpShopper(shop.url);
    const cards = cardsOn(await (await shopper.get(TOTE_PAGE)).text());
    expect(cards.length).toBeGreaterThan(0);
    // The cream Canvas Market Tote is $120.00.
    for (const card of cards) expect(card.button).toBe(`Add both – $${((12000 + cents(card.priceNow ?? card.price)) / 100).toFixed(2)}`);
  });

  async function cartOf(shopper: HttpShopper) {
    const html = await (await shopper.get("/cart")).text();
    return {
      skus: [...html.matchAll(/data-testid="cart-line" data-sku="([^"]+)"/g)].map((m) => m[1]),
      totalCents: cents(/data-testid="cart-total"[^>]*>(?:<[^>]+>)*([^<]+)</.exec(html)![1]!),
    };
  }

  /** Post a card's form as the page sent it (no JavaScript): its label's amount is what the cart total goes up by. */
  async function addAsLabelled(shopper: HttpShopper, card: Card) {
    const before = await cartOf(shopper);
    expect(card.fields).toMatchObject({ intent: "add-bundle", sku: "TOT-CMK-CREAM", charm: card.sku });
    const res = await shopper.post("/cart", card.fields);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/cart");
    const after = await cartOf(shopper);
    expect(after.skus).toEqual([...before.skus, card.sku]);
    expect(after.totalCents - before.totalCents).toBe(cents(/^Add charm – (\$[\d,.]+)$/.exec(card.button)![1]!));
  }

  it("with the tote in the cart (another colour) says 'Add charm – $X' at the bundle price shown, and adds only the charm", async () => {
    const shopper = new HttpShopper(shop.url);
    expect((await shopper.post("/cart", { intent: "add", sku: "TOT-CMK-BLACK", quantity: "1" })).status).toBe(303);
    const cards = cardsOn(await (await shopper.get(TOTE_PAGE)).text());
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.button).toBe(`Add charm – ${card.priceNow ?? card.price}`);
    await addAsLabelled(shopper, cards[0]!);
  });

  it("with the tote in the cart already carrying all the charms it discounts (two), says what another really adds", async () => {
    const shopper = new HttpShopper(shop.url);
    for (const charm of ["MIC-DUF-LIME", "MIC-BOX-EMERALD"]) {
      expect((await shopper.post("/cart", { intent: "add-bundle", sku: "TOT-CMK-CREAM", charm, placement: "product_page" })).status).toBe(303);
    }
    expect((await cartOf(shopper)).skus).toEqual(["TOT-CMK-CREAM", "MIC-DUF-LIME", "MIC-BOX-EMERALD"]);
    const cards = cardsOn(await (await shopper.get(TOTE_PAGE)).text());
    expect(cards.length).toBeGreaterThan(0);
    // The card still shows the bundle price it would have with a fresh tote;
    // the button says what the cart will charge: more than that, at most the full price.
    for (const card of cards) {
      const said = cents(/^Add charm – (\$[\d,.]+)$/.exec(card.button)![1]!);
      expect(said).toBeGreaterThan(cents(card.priceNow ?? card.price));
      expect(said).toBeLessThanOrEqual(cents(card.priceWas ?? card.price));
    }
    await addAsLabelled(shopper, cards[0]!);
  });
});
