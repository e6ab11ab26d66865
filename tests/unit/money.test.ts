import { describe, expect, it } from "vitest";
import { centsToDecimal, formatCents, parseDecimalToCents, percentOf } from "~/domain/money";

describe("money", () => {
  it("formats cents as dollars", () => {
    expect(formatCents(0)).toBe("$0.00");
    expect(formatCents(4500)).toBe("$45.00");
    expect(formatCents(123456)).toBe("$1,234.56");
    expect(formatCents(-850)).toBe("-$8.50");
  });

  it("refuses fractional cents", () => {
    expect(() => formatCents(10.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });

  it("parses typed prices without floating point errors", () => {
    expect(parseDecimalToCents("12")).toBe(1200);
    expect(parseDecimalToCents("12.5")).toBe(1250);
    expect(parseDecimalToCents("0.29")).toBe(29);
    expect(parseDecimalToCents(" 1,200.05 ")).toBe(120005);
    for (const bad of ["", "-1", "1.234", "1e3", "0x10", "abc", "12.", "."]) {
      expect(parseDecimalToCents(bad), bad).toBeNull();
    }
  });

  it("writes cents back as a decimal", () => {
    expect(centsToDecimal(1250)).toBe("12.50");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(-105)).toBe("-1.05");
  });

  it("takes a percentage rounded to whole cents, never more than the amount", () => {
    expect(percentOf(4500, 15)).toBe(675);
    expect(percentOf(3900, 15)).toBe(585);
    expect(percentOf(4900, 15)).toBe(735);
    expect(percentOf(333, 50)).toBe(167);
    expect(percentOf(100, 100)).toBe(100);
  });
});
