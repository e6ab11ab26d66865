// Times staff type and the days staff read, in SHOP_TIMEZONE: datetime-local
// values (offers, experiments) across changes of clocks, the dashboard's day
// boundaries and the low-stock digest's day, east and west of UTC.
import { describe, expect, it } from "vitest";
import { bundleOfferInputSchemaFor, offerFormValues, parseDateTimeLocal } from "~/domain/bundle-offers";
import { parseWith } from "~/web/forms";
import { parseDateRange } from "~/domain/dashboard";
import { parseExperimentForm } from "~/domain/experiments";
import { digestDay } from "~/domain/low-stock";
import { describeWindow } from "~/domain/offer-admin";
import { parseShopDateTime, shopWallTimeMs, toShopDateTimeLocal } from "~/domain/shop-time";

const NY = "America/New_York";
const AKL = "Pacific/Auckland";

describe("typed times (datetime-local) in the shop's zone", () => {
  it("reads and shows back a time in New York, winter and summer", () => {
    expect(parseShopDateTime("2026-01-15T09:00", NY)).toEqual({ ok: true, ms: Date.UTC(2026, 0, 15, 14, 0) }); // EST, UTC-5
    expect(parseShopDateTime("2026-07-15T09:00", NY)).toEqual({ ok: true, ms: Date.UTC(2026, 6, 15, 13, 0) }); // EDT, UTC-4
    expect(toShopDateTimeLocal(Date.UTC(2026, 6, 15, 13, 0), NY)).toBe("2026-07-15T09:00");
    expect(parseShopDateTime("2026-07-15T09:00", "UTC")).toEqual({ ok: true, ms: Date.UTC(2026, 6, 15, 9, 0) });
  });

  it("on the spring change day a skipped time does not exist; times either side are an hour apart in UTC less than on the clock", () => {
    // 8 March 2026: New York's clocks go from 02:00 EST to 03:00 EDT.
    expect(parseShopDateTime("2026-03-08T02:30", NY)).toEqual({ ok: false, reason: "skipped" });
    const before = parseShopDateTime("2026-03-08T01:30", NY);
    const after = parseShopDateTime("2026-03-08T03:30", NY);
    expect(before).toEqual({ ok: true, ms: Date.UTC(2026, 2, 8, 6, 30) });
    expect(after).toEqual({ ok: true, ms: Date.UTC(2026, 2, 8, 7, 30) });
    expect(parseDateTimeLocal("2026-03-08T02:30", NY)).toBeNull();
  });

  it("on the autumn change day a time shown twice is its first showing, and shows back the same", () => {
    // 1 November 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    const ms = shopWallTimeMs({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, NY);
    expect(ms).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(toShopDateTimeLocal(Date.UTC(2026, 10, 1, 6, 30), NY)).toBe("2026-11-01T01:30");
  });

  it("east of UTC (Auckland, its summer in January; its spring change on 27 September 2026)", () => {
    expect(parseShopDateTime("2026-01-01T00:30", AKL)).toEqual({ ok: true, ms: Date.UTC(2025, 11, 31, 11, 30) }); // NZDT, UTC+13
    expect(toShopDateTimeLocal(Date.UTC(2025, 11, 31, 11, 30), AKL)).toBe("2026-01-01T00:30");
    expect(parseShopDateTime("2026-09-27T02:30", AKL)).toEqual({ ok: false, reason: "skipped" });
  });

  it("rejects what is not a real time", () => {
    expect(parseShopDateTime("2026-02-30T09:00", NY)).toEqual({ ok: false, reason: "invalid" });
    expect(parseShopDateTime("2026-02-01T25:00", NY)).toEqual({ ok: false, reason: "invalid" });
    expect(parseShopDateTime("tomorrow", NY)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("the offer and experiment forms", () => {
  const offer = {
    name: "",
    triggerType: "kind",
    triggerValue: "tote",
    addonType: "kind",
    addonValue: "micro",
    discountType: "percent",
    discountValue: "15",
    maxAddonsPerTrigger: "1",
    activeFrom: "2026-03-08T01:30",
    activeUntil: "2026-11-01T23:59",
    priority: "0",
    enabled: "on",
  };

  it("an offer's start and end are read as shop time and shown back the same", () => {
    const parsed = parseWith(bundleOfferInputSchemaFor(NY), { ...offer, name: "-" });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.data.activeFrom).toBe(Date.UTC(2026, 2, 8, 6, 30));
    expect(parsed.data.activeUntil).toBe(Date.UTC(2026, 10, 2, 4, 59)); // 23:59 EST
    expect(describeWindow({ activeFrom: parsed.data.activeFrom, activeUntil: parsed.data.activeUntil }, NY)).toBe("2026-03-08 01:30 EST to 2026-11-01 23:59 EST");
  });

  it("a start the clocks skip gets a message that says so", () => {
    const parsed = parseWith(bundleOfferInputSchemaFor(NY), { ...offer, name: "-", activeFrom: "2026-03-08T02:30" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.activeFrom).toBe("2026-03-08 02:30 doesn't exist in America/New_York: the clocks go forward then. Choose a time after the change.");
  });

  it("the edit form shows a saved time in shop time", () => {
    const values = offerFormValues(
      {
        id: 1,
        name: "15% off",
        trigger: { type: "kind", kind: "tote" },
        addon: { type: "kind", kind: "micro" },
        discount: { type: "percent", percent: 15 },
        maxAddonsPerTrigger: 1,
        activeFrom: Date.UTC(2025, 11, 31, 11, 30),
        activeUntil: null,
        priority: 0,
        enabled: true,
      } as Parameters<typeof offerFormValues>[0],
      AKL,
    );
    expect(values.activeFrom).toBe("2026-01-01T00:30");
  });

  it("an experiment's start and stop are read in shop time", () => {
    const now = Date.UTC(2026, 0, 1);
    const fields = {
      name: "Spring",
      startsAt: "2026-03-08T01:30",
      endsAt: "2026-03-09T09:00",
      arm1Label: "Control", arm1Kind: "offers", arm1DiscountType: "", arm1DiscountValue: "", arm1Share: "50",
      arm2Label: "Holdout", arm2Kind: "holdout", arm2DiscountType: "", arm2DiscountValue: "", arm2Share: "50",
      arm3Label: "", arm3Kind: "", arm3DiscountType: "", arm3DiscountValue: "", arm3Share: "",
      arm4Label: "", arm4Kind: "", arm4DiscountType: "", arm4DiscountValue: "", arm4Share: "",
    };
    const parsed = parseExperimentForm(fields, now, NY);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.input.startsAt).toBe(Date.UTC(2026, 2, 8, 6, 30));
    expect(parsed.input.endsAt).toBe(Date.UTC(2026, 2, 9, 13, 0)); // 09:00 EDT
    const skipped = parseExperimentForm({ ...fields, startsAt: "2026-03-08T02:15" }, now, NY);
    expect(skipped.ok).toBe(false);
    if (!skipped.ok) expect(skipped.fieldErrors.startsAt).toMatch(/doesn't exist in America\/New_York/);
  });
});

describe("days staff read", () => {
  it("the dashboard's day runs from the shop's midnight to the next (23 hours on the spring change day)", () => {
    const result = parseDateRange({ from: "2026-03-08", to: "2026-03-08" }, Date.UTC(2026, 3, 1), NY);
    if (!result.ok) throw new Error(result.message);
    expect(result.range).toMatchObject({ from: "2026-03-08", to: "2026-03-08", days: 1, fromMs: Date.UTC(2026, 2, 8, 5), toMs: Date.UTC(2026, 2, 9, 4) });
  });

  it("east of UTC the day starts the evening before in UTC; the default range ends on the shop's today", () => {
    const result = parseDateRange({ from: "2026-01-01", to: "2026-01-01" }, Date.UTC(2026, 3, 1), AKL);
    if (!result.ok) throw new Error(result.message);
    expect(result.range).toMatchObject({ fromMs: Date.UTC(2025, 11, 31, 11), toMs: Date.UTC(2026, 0, 1, 11) });
    // 20:00 UTC on 1 April is already 2 April in Auckland (NZDT until 5 April).
    const latest = parseDateRange({}, Date.UTC(2026, 3, 1, 20), AKL);
    if (!latest.ok) throw new Error(latest.message);
    expect(latest.range).toMatchObject({ to: "2026-04-02", from: "2026-03-04", days: 30 });
    expect(parseDateRange({ from: "2026-02-30" }, Date.UTC(2026, 3, 1), NY).ok).toBe(false);
  });

  it("the low-stock digest's day is the shop's day", () => {
    // 23:30 in New York on 1 December is 04:30 UTC on the 2nd.
    expect(digestDay(Date.UTC(2026, 11, 2, 4, 30), NY)).toBe("2026-12-01");
    expect(digestDay(Date.UTC(2026, 11, 2, 4, 30))).toBe("2026-12-02");
    expect(digestDay(Date.UTC(2026, 11, 1, 11, 30), AKL)).toBe("2026-12-02");
  });
});
