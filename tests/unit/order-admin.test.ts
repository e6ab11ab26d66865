import { describe, expect, it } from "vitest";
import { addressLines, orderListHref, pageCount, parseOrderListQuery, parseOrderNumber } from "~/domain/order-admin";

const q = (text: string) => parseOrderListQuery(new URLSearchParams(text));

describe("order numbers", () => {
  it("accepts TC- and six letters or digits of the order alphabet, in any case", () => {
    expect(parseOrderNumber("TC-7K2MQX")).toBe("TC-7K2MQX");
    expect(parseOrderNumber(" tc-7k2mqx ")).toBe("TC-7K2MQX");
    for (const bad of [undefined, "", "7K2MQX", "TC-7K2MQ", "TC-7K2MQXX", "TC-0K2MQX", "TC-IK2MQX", "TC-<b>12"]) {
      expect(parseOrderNumber(bad)).toBeNull();
    }
  });
});

describe("the orders list's query", () => {
  it("reads status, search and page, all optional; opens on To ship, and searches all orders", () => {
    expect(q("")).toEqual({ ok: true, query: { status: null, fulfilment: "to_ship", search: "", page: 1, from: "", to: "", placedFrom: null, placedTo: null } });
    expect(q("status=partially_refunded&q=+Ada%40+&page=3")).toEqual({
      ok: true,
      query: { status: "partially_refunded", fulfilment: "all", search: "Ada@", page: 3, from: "", to: "", placedFrom: null, placedTo: null },
    });
    expect(q("status=&q=&page=")).toEqual({ ok: true, query: { status: null, fulfilment: "to_ship", search: "", page: 1, from: "", to: "", placedFrom: null, placedTo: null } });
    expect(q("fulfilment=all")).toMatchObject({ ok: true, query: { fulfilment: "all" } });
    expect(q("fulfilment=to_ship&q=ada")).toMatchObject({ ok: true, query: { fulfilment: "to_ship", search: "ada" } });
    expect(q("fulfilment=cancelled")).toMatchObject({ ok: true, query: { fulfilment: "cancelled" } });
    expect(q("fulfilment=lost")).toMatchObject({ ok: false, fieldErrors: { fulfilment: expect.any(String) } });
  });

  it("reads the days placed in the shop's zone; a date range searches all orders", () => {
    const now = Date.UTC(2026, 5, 1);
    expect(parseOrderListQuery(new URLSearchParams("from=2026-03-01&to=2026-03-02"), now, "America/New_York")).toEqual({
      ok: true,
      query: { status: null, fulfilment: "all", search: "", page: 1, from: "2026-03-01", to: "2026-03-02", placedFrom: Date.UTC(2026, 2, 1, 5), placedTo: Date.UTC(2026, 2, 3, 5) },
    });
    expect(parseOrderListQuery(new URLSearchParams("from=2026-03-01"), now, "UTC")).toMatchObject({ ok: true, query: { placedFrom: Date.UTC(2026, 2, 1), placedTo: null } });
    expect(parseOrderListQuery(new URLSearchParams("to=2026-03-01"), now, "UTC")).toMatchObject({ ok: true, query: { placedFrom: null, placedTo: Date.UTC(2026, 2, 2) } });
    expect(parseOrderListQuery(new URLSearchParams("from=2026-03-05&to=2026-03-01"), now, "UTC")).toMatchObject({ ok: false, fieldErrors: { to: expect.any(String) } });
    expect(parseOrderListQuery(new URLSearchParams("from=March"), now, "UTC")).toMatchObject({ ok: false, fieldErrors: { from: expect.any(String) } });
  });

  it("gives a field message for what it cannot read", () => {
    expect(q("status=lost")).toMatchObject({ ok: false, fieldErrors: { status: "Choose a status from the list." } });
    expect(q("page=0")).toMatchObject({ ok: false, fieldErrors: { page: expect.any(String) } });
    expect(q("page=10001")).toMatchObject({ ok: false, fieldErrors: { page: expect.any(String) } });
    expect(q("page=1.5")).toMatchObject({ ok: false, fieldErrors: { page: expect.any(String) } });
    expect(q(`q=${"a".repeat(101)}`)).toMatchObject({ ok: false, fieldErrors: { q: expect.any(String) } });
    expect(q("q=a%00b")).toMatchObject({ ok: false, fieldErrors: { q: expect.any(String) } });
    expect(q("sort=total")).toMatchObject({ ok: false, fieldErrors: { _form: expect.any(String) } });
    expect(q("page=1&page=2")).toMatchObject({ ok: false, fieldErrors: { _form: expect.any(String) } });
    // What was typed comes back, cut to size, for the form.
    expect(q(`status=lost&q=${"b".repeat(300)}`)).toMatchObject({ ok: false, values: { status: "lost", fulfilment: "", q: "b".repeat(100) } });
  });

  it("links other pages of the same list, and counts pages", () => {
    expect(orderListHref({ status: null, search: "" }, 1)).toBe("/admin/orders");
    expect(orderListHref({ status: "paid", search: "ada@ex" }, 2)).toBe("/admin/orders?status=paid&q=ada%40ex&page=2");
    expect(orderListHref({ status: null, search: "", fulfilment: "to_ship" }, 2)).toBe("/admin/orders?page=2");
    expect(orderListHref({ status: null, search: "", fulfilment: "all" }, 2)).toBe("/admin/orders?fulfilment=all&page=2");
    expect(orderListHref({ status: "paid", search: "", fulfilment: "all" }, 1)).toBe("/admin/orders?status=paid");
    expect([0, 1, 25, 26, 50, 51].map((n) => pageCount(n))).toEqual([1, 1, 1, 2, 2, 3]);
  });
});

describe("shipping addresses", () => {
  it("become label lines, empty parts left out, from either key style", () => {
    expect(addressLines({ name: "Ada Lovelace", line1: "12 St James's Square", line2: null, city: "London", state: null, postalCode: "SW1Y 4JH", country: "GB" })).toEqual([
      "Ada Lovelace",
      "12 St James's Square",
      "SW1Y 4JH London",
      "GB",
    ]);
    expect(addressLines({ line1: "1 Navy Yard", postal_code: "22202", city: "Arlington", state: "VA" })).toEqual(["1 Navy Yard", "22202 Arlington VA"]);
    expect(addressLines(null)).toEqual([]);
  });
});
