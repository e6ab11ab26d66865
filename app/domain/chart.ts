// Scaling for the small server-rendered line charts of the back office: data
// in, SVG coordinates out. Pure: no React, no DOM.

export interface ChartBox {
  width: number;
  height: number;
  /** Space kept for axis labels, in SVG units. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartInput {
  key: string;
  /** Null: no value for this slot (drawn as a gap, not as zero). */
  value: number | null;
}

export interface ChartPoint {
  key: string;
  value: number;
  x: number;
  y: number;
}

export interface LineChart {
  /** Only the slots with a value, left to right. */
  points: ChartPoint[];
  /** An SVG path through the points ("" without points); a gap starts a new segment. */
  path: string;
  /** One x position per input slot, for labels. */
  slots: { key: string; x: number }[];
  yTicks: { value: number; y: number }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Place values on a chart: slots spread evenly from left to right (a single
 * slot sits in the middle), values from 0 at the bottom to `yMax` at the top,
 * clamped to that range. `ticks` values for the y axis, 0 to yMax inclusive.
 */
export function scaleLineChart(inputs: readonly ChartInput[], box: ChartBox, options: { yMax?: number; ticks?: number } = {}): LineChart {
  const yMax = options.yMax !== undefined && options.yMax > 0 ? options.yMax : 1;
  const tickCount = Math.max(1, Math.floor(options.ticks ?? 4));
  const plot = {
    left: box.padding.left,
    right: box.width - box.padding.right,
    top: box.padding.top,
    bottom: box.height - box.padding.bottom,
  };
  const plotWidth = Math.max(0, plot.right - plot.left);
  const plotHeight = Math.max(0, plot.bottom - plot.top);

  const xAt = (i: number) =>
    inputs.length <= 1 ? round(plot.left + plotWidth / 2) : round(plot.left + (plotWidth * i) / (inputs.length - 1));
  const yAt = (value: number) => {
    const clamped = Math.min(yMax, Math.max(0, value));
    return round(plot.bottom - (plotHeight * clamped) / yMax);
  };

  const slots = inputs.map((input, i) => ({ key: input.key, x: xAt(i) }));
  const points: ChartPoint[] = [];
  let path = "";
  let penDown = false;
  inputs.forEach((input, i) => {
    if (input.value === null || !Number.isFinite(input.value)) {
      penDown = false;
      return;
    }
    const point = { key: input.key, value: input.value, x: xAt(i), y: yAt(input.value) };
    points.push(point);
    path += `${path === "" ? "" : " "}${penDown ? "L" : "M"}${point.x} ${point.y}`;
    penDown = true;
  });

  const yTicks = Array.from({ length: tickCount + 1 }, (_, i) => {
    const value = (yMax * i) / tickCount;
    return { value, y: yAt(value) };
  });
  return { points, path, slots, yTicks, plot };
}
