// "Add with a tote" on a micro bag's page, over HTTP without JavaScript: each
// form adds the tote (first colour in stock) and this micro bag in the colour
// shown, and the cart charges the bundle total the page showed.
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

const cents = (money: string) => Math.round(Number(money.replace(/[$,]/g, "")) * 100);

/** The "Add with a tote" forms: their hidden fields and the "together" total shown. */
function toteForms(html: string) {
  const section = /<section[^>]*id="add-with-tote"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  return [...section.matchAll(/<li data-tote-sku="([^"]+)">([\s\S]*?)<\/li>/g)].map(([, toteSku, body]) => ({
    toteSku: toteSku!,
    fields: Object.fromEntries([...body!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!])),
    totalCents: cents(/together <span class="money">([^<]+)</.exec(body!)![1]!),
  }));
}

async function cartOf(shopper: HttpShopper) {
  const html = await (await shopper.get("/cart")).text();
  return {
    skus: [...html.matchAll(/data-testid="cart-line" data-sku="([^"]+)"/g)].map((m) => m[1]).sort(),
    totalCents: cents(/data-testid="cart-total"[^>]*>(?:<[^>]+>)*([^<]+)</.exec(html)![1]!),
  };
}

describe("a micro bag's 'Add with a tote'", () => {
  it("offers the totes it fits with the bundle total, and one click charges exactly that", async () => {
    const shopper = new HttpShopper(shop.url);
    const forms = toteForms(await (await shopper.get("/products/micro-duffle?colour=blush")).text());
    expect(forms.length).toBeGreaterThan(0);
    expect(forms.length).toBeLessThanOrEqual(3);
    const form = forms[0]!;
    expect(form.fields).toEqual({ intent: "add-bundle", sku: form.toteSku, charm: "MIC-DUF-BLUSH", placement: "micro_page" });

    const res = await shopper.post("/cart", form.fields);
    expect(res.status).toBe(303);
    const cart = await cartOf(shopper);
    expect(cart.skus).toEqual([form.toteSku, "MIC-DUF-BLUSH"].sort());
    expect(cart.totalCents).toBe(form.totalCents);
    // The 15% "any tote" offer applies: the total is below tote + $45.00.
    expect(form.totalCents).toBeLessThan(cents(/together <span class="money">[^<]+<\/span> <s class="price-was">[\s\S]*?<span class="money">([^<]+)</.exec(await (await shopper.get("/products/micro-duffle?colour=blush")).text())![1]!));
  });

});
