import { describe, expect, it } from "vitest";
import { scaleLineChart } from "~/domain/chart";

const BOX = { width: 440, height: 220, padding: { top: 10, right: 20, bottom: 30, left: 20 } };
// Plot: x 20..420 (400 wide), y 10..190 (180 high).

describe("scaleLineChart", () => {
  it("spreads slots evenly and maps 0..yMax to bottom..top", () => {
    const chart = scaleLineChart(
      [
        { key: "a", value: 0 },
        { key: "b", value: 0.5 },
        { key: "c", value: 1 },
        { key: "d", value: 0.25 },
        { key: "e", value: 0.125 },
      ],
      BOX,
    );
    expect(chart.plot).toEqual({ left: 20, right: 420, top: 10, bottom: 190 });
    expect(chart.slots.map((s) => s.x)).toEqual([20, 120, 220, 320, 420]);
    expect(chart.points.map((p) => [p.key, p.x, p.y])).toEqual([
      ["a", 20, 190],
      ["b", 120, 100],
      ["c", 220, 10],
      ["d", 320, 145],
      ["e", 420, 167.5],
    ]);
    expect(chart.path).toBe("M20 190 L120 100 L220 10 L320 145 L420 167.5");
    expect(chart.yTicks).toEqual([
      { value: 0, y: 190 },
      { value: 0.25, y: 145 },
      { value: 0.5, y: 100 },
      { value: 0.75, y: 55 },
      { value: 1, y: 10 },
    ]);
  });

  it("leaves a gap for a slot without a value, and starts a new segment after it", () => {
    const chart = scaleLineChart(
      [
        { key: "a", value: 1 },
        { key: "b", value: null },
        { key: "c", value: 0 },
        { key: "d", value: 0.5 },
      ],
      BOX,
    );
    expect(chart.points.map((p) => p.key)).toEqual(["a", "c", "d"]);
    expect(chart.path).toBe("M20 10 M286.7 190 L420 100");
    expect(chart.slots).toHaveLength(4);
  });

  it("puts a single slot in the middle, clamps out-of-range values, and has no path without values", () => {
    expect(scaleLineChart([{ key: "only", value: 0.5 }], BOX).points).toEqual([{ key: "only", value: 0.5, x: 220, y: 100 }]);
    const clamped = scaleLineChart(
      [
        { key: "low", value: -1 },
        { key: "high", value: 7 },
      ],
      BOX,
    );
    expect(clamped.points.map((p) => p.y)).toEqual([190, 10]);
    expect(clamped.points.map((p) => p.value)).toEqual([-1, 7]);
    const empty = scaleLineChart([{ key: "a", value: null }], BOX);
    expect(empty.points).toEqual([]);
    expect(empty.path).toBe("");
    expect(scaleLineChart([], BOX).slots).toEqual([]);
  });

  it("takes another scale and tick count", () => {
    const chart = scaleLineChart([{ key: "a", value: 50 }], BOX, { yMax: 200, ticks: 2 });
    expect(chart.points[0]!.y).toBe(145);
    expect(chart.yTicks.map((t) => t.value)).toEqual([0, 100, 200]);
  });
});
