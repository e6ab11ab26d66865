import { describe, expect, it } from "vitest";
import { isPaidStatus, nextStatus, refundStatus, releasesHold, type OrderStatus } from "~/domain/order-status";

const ALL: OrderStatus[] = ["pending", "expired", "payment_failed", "paid", "partially_refunded", "refunded"];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("payment news", () => {
  it("ends in the same status whatever order the same news arrives in", () => {
    // Every non-empty subset of news, in every order, from a pending order.
    for (let mask = 1; mask < 1 << ALL.length; mask += 1) {
      const news = ALL.filter((_, i) => mask & (1 << i));
      const ends = new Set(permutations(news).map((order) => order.reduce(nextStatus, "pending" as OrderStatus)));
      expect(ends.size, `news ${news.join(", ")}`).toBe(1);
    }
  });

  it("a late expiry or failure never undoes a payment", () => {
    expect(nextStatus("paid", "expired")).toBe("paid");
    expect(nextStatus("paid", "payment_failed")).toBe("paid");
    expect(nextStatus("partially_refunded", "paid")).toBe("partially_refunded");
  });

  it("payment news moves a checkout that expired or failed to paid", () => {
    // The money was taken: the order must say so (a refund is decided elsewhere).
    expect(nextStatus("expired", "paid")).toBe("paid");
    expect(nextStatus("payment_failed", "paid")).toBe("paid");
  });

  it("news arriving twice changes nothing the second time", () => {
    for (const current of ALL) for (const news of ALL) {
      const once = nextStatus(current, news);
      expect(nextStatus(once, news)).toBe(once);
    }
  });
});

describe("paid and refunds", () => {
  it("counts paid and refunded orders as paid, nothing before", () => {
    expect(ALL.filter(isPaidStatus)).toEqual(["paid", "partially_refunded", "refunded"]);
  });

  it("derives the refund status from the amounts", () => {
    expect(refundStatus(48_800, 0)).toBe("paid");
    expect(refundStatus(48_800, 2_000)).toBe("partially_refunded");
    expect(refundStatus(48_800, 48_799)).toBe("partially_refunded");
    expect(refundStatus(48_800, 48_800)).toBe("refunded");
  });

  it("releases held stock only when payment can no longer come", () => {
    expect(ALL.filter(releasesHold)).toEqual(["expired", "payment_failed"]);
  });
});
