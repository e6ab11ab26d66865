import { describe, expect, it } from "vitest";
import { formatDimensions, sizeClassFor } from "~/domain/size";

const dims = (w: number, h: number, d: number) => ({ widthCm: w, heightCm: h, depthCm: d });

describe("size class", () => {
  it("comes from the longest dimension", () => {
    expect(sizeClassFor(dims(9, 5, 5))).toBe("micro");
    expect(sizeClassFor(dims(5, 10, 3))).toBe("micro");
    expect(sizeClassFor(dims(10.5, 6, 3))).toBe("mini");
    expect(sizeClassFor(dims(19, 14, 8))).toBe("mini");
    expect(sizeClassFor(dims(12, 20, 8))).toBe("mini");
    expect(sizeClassFor(dims(20.1, 14, 8))).toBe("standard");
    expect(sizeClassFor(dims(34, 28, 13))).toBe("standard");
    expect(sizeClassFor(dims(14, 20, 35))).toBe("standard");
    expect(sizeClassFor(dims(38, 33, 14))).toBe("oversized");
  });

  it("formats dimensions in centimetres", () => {
    expect(formatDimensions(dims(38, 33, 14))).toBe("38 × 33 × 14 cm");
    expect(formatDimensions(dims(9.5, 5, 5))).toBe("9.5 × 5 × 5 cm");
  });
});
