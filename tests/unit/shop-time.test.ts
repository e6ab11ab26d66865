import { describe, expect, it } from "vitest";
import {
  addDays,
  bucketKeys,
  bucketLabel,
  dayStartMs,
  formatShopMinute,
  isTimeZone,
  parseShopDateRange,
  previousRange,
  shopDateRange,
  shopDay,
  weekStartDay,
} from "~/domain/shop-time";
import { parseEnv } from "~/utils/env.server";

describe("shop time zone", () => {
  it("formats a moment in the shop's zone, UTC by default", () => {
    const ms = Date.UTC(2026, 0, 15, 3, 30); // 03:30 UTC = 22:30 the day before in New York
    expect(formatShopMinute(ms, "UTC")).toBe("2026-01-15 03:30 UTC");
    expect(formatShopMinute(ms, "America/New_York")).toBe("2026-01-14 22:30 EST");
    expect(shopDay(ms, "America/New_York")).toBe("2026-01-14");
    expect(shopDay(ms, "Asia/Tokyo")).toBe("2026-01-15");
    // Summer time
    expect(formatShopMinute(Date.UTC(2026, 6, 1, 12, 0), "America/New_York")).toBe("2026-07-01 08:00 EDT");
  });

  it("finds where a shop day starts, across changes of clocks", () => {
    expect(dayStartMs("2026-01-15", "UTC")).toBe(Date.UTC(2026, 0, 15));
    expect(dayStartMs("2026-01-15", "America/New_York")).toBe(Date.UTC(2026, 0, 15, 5));
    expect(dayStartMs("2026-07-15", "America/New_York")).toBe(Date.UTC(2026, 6, 15, 4));
    expect(dayStartMs("2026-01-15", "Asia/Kolkata")).toBe(Date.UTC(2026, 0, 14, 18, 30));
    // The day the clocks go forward in New York (2026-03-08) is 23 hours long.
    expect(dayStartMs("2026-03-09", "America/New_York") - dayStartMs("2026-03-08", "America/New_York")).toBe(23 * 3600_000);
    expect(dayStartMs("2026-11-02", "America/New_York") - dayStartMs("2026-11-01", "America/New_York")).toBe(25 * 3600_000);
  });

  it("reads date filters as shop days", () => {
    const now = Date.UTC(2026, 2, 10, 2, 0); // still 9 March in New York
    const r = parseShopDateRange({ from: "2026-03-01", to: "2026-03-09" }, now, "America/New_York");
    expect(r).toEqual({ ok: true, range: { from: "2026-03-01", to: "2026-03-09", fromMs: Date.UTC(2026, 2, 1, 5), toMs: Date.UTC(2026, 2, 10, 4), days: 9 } });
    const last30 = parseShopDateRange({}, now, "America/New_York", { defaultDays: 30 });
    expect(last30.ok && last30.range).toMatchObject({ to: "2026-03-09", from: "2026-02-08", days: 30 });
    expect(parseShopDateRange({}, now, "UTC")).toEqual({ ok: true, range: null });
    expect(parseShopDateRange({ from: "2026-02-30" }, now, "UTC")).toMatchObject({ ok: false, fieldErrors: { from: expect.any(String) } });
    expect(parseShopDateRange({ from: "2026-03-05", to: "2026-03-01" }, now, "UTC")).toMatchObject({ ok: false, fieldErrors: { to: expect.any(String) } });
    expect(parseShopDateRange({ from: "2024-01-01", to: "2026-01-01" }, now, "UTC", { defaultDays: 30 })).toMatchObject({ ok: false });
  });

  it("splits a range into days, weeks from Monday and months", () => {
    expect(weekStartDay("2026-03-08")).toBe("2026-03-02"); // a Sunday
    expect(weekStartDay("2026-03-09")).toBe("2026-03-09"); // a Monday
    expect(bucketKeys("2026-02-27", "2026-03-02", "day")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(bucketKeys("2026-02-27", "2026-03-10", "week")).toEqual(["2026-02-23", "2026-03-02", "2026-03-09"]);
    expect(bucketKeys("2026-01-31", "2026-03-01", "month")).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(bucketLabel("2026-03-02", "week")).toBe("Week of Mar 2");
    expect(bucketLabel("2026-03", "month")).toBe("Mar 2026");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    const range = shopDateRange("2026-03-01", "2026-03-10", "UTC");
    expect(previousRange(range, "UTC")).toMatchObject({ from: "2026-02-19", to: "2026-02-28", days: 10 });
  });

  it("SHOP_TIMEZONE defaults to UTC and must be a real zone", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(parseEnv({ NODE_ENV: "test" }).shopTimeZone).toBe("UTC");
    expect(parseEnv({ NODE_ENV: "test", SHOP_TIMEZONE: "Europe/Paris" }).shopTimeZone).toBe("Europe/Paris");
    expect(() => parseEnv({ NODE_ENV: "test", SHOP_TIMEZONE: "Mars/Olympus" })).toThrow(/SHOP_TIMEZONE/);
  });
});
