// Times in the shop's own time zone (SHOP_TIMEZONE, an IANA name such as
// "Europe/London"; UTC by default): how the back office shows a moment, which
// calendar day it falls on, and where a day, week or month starts. Built on
// Intl only. Pure: the zone is always passed in.
import { z } from "zod";
import type { FieldErrors } from "../web/forms";

/** Epoch ms as "2026-11-01 09:00" in UTC: the one UTC formatter (callers add "UTC" where the reader needs it). */
export function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

export const DEFAULT_SHOP_TIMEZONE = "UTC";
const DAY = 24 * 60 * 60 * 1000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `name` is a time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The calendar date and clock time `ms` shows in `timeZone`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** How far `timeZone` is ahead of UTC at `ms`, in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD": the shop's calendar day `ms` falls on. */
export function shopDay(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The zone's short name at `ms`: "UTC", "EST", "GMT+1". */
export function zoneName(ms: number, timeZone: string): string {
  let f = zoneNameFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" });
    zoneNameFormatters.set(timeZone, f);
  }
  return f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** "2026-11-01 09:00 EST": a moment as the back office shows it. */
export function formatShopMinute(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${zoneName(ms, timeZone)}`;
}

/** "YYYY-MM-DD" (a real date) to its calendar parts, or null. */
export function parseDay(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** A day `n` days after `day` ("YYYY-MM-DD", calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day) + n * DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` ("YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  const pa = parseDay(a)!;
  const pb = parseDay(b)!;
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / DAY);
}

/** The moment the shop's day `day` ("YYYY-MM-DD") starts, epoch ms. */
export function dayStartMs(day: string, timeZone: string): number {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  const guess = Date.UTC(p.year, p.month - 1, p.day);
  // Twice: the offset at the guess can differ from the offset at the answer across a change of clocks.
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

/**
 * The moment the shop's clock shows wall time `w` in `timeZone`. A time shown
 * twice (clocks go back) is its first showing; a time the clocks skip (clocks
 * go forward) does not exist: null.
 */
export function shopWallTimeMs(w: WallTime, timeZone: string): number | null {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Zones change their offset at most once in a day: the offsets a day either side cover both readings.
  const offsets = new Set([zoneOffsetMs(asUtc - DAY, timeZone), zoneOffsetMs(asUtc, timeZone), zoneOffsetMs(asUtc + DAY, timeZone)]);
  const shows = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((ms) => {
      const seen = wallTime(ms, timeZone);
      return seen.year === w.year && seen.month === w.month && seen.day === w.day && seen.hour === w.hour && seen.minute === w.minute && seen.second === w.second;
    });
  return shows.length === 0 ? null : Math.min(...shows);
}

/** "YYYY-MM-DDTHH:mm": `ms` as a datetime-local input shows it in the shop's zone. */
export function toShopDateTimeLocal(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type ShopDateTimeResult = { ok: true; ms: number } | { ok: false; reason: "invalid" | "skipped" };

/**
 * A datetime-local value typed by staff ("2026-11-01T09:00"), read as the
 * shop's wall time. "invalid": not a real date and time (2026-02-30, 25:00);
 * "skipped": a time the clocks jump over on a change to summer time.
 */
export function parseShopDateTime(value: string, timeZone: string): ShopDateTimeResult {
  const m = DATETIME_LOCAL.exec(value.trim());
  if (!m) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? "0")) as [number, number, number, number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject 2026-02-30, 25:00 and the like instead of letting Date roll them over.
  if (
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    d.getUTCHours() !== hour ||
    d.getUTCMinutes() !== minute ||
    d.getUTCSeconds() !== second
  ) {
    return { ok: false, reason: "invalid" };
  }
  const ms = shopWallTimeMs({ year, month, day, hour, minute, second }, timeZone);
  return ms === null ? { ok: false, reason: "skipped" } : { ok: true, ms };
}

/** Monday of the week holding `day`. */
export function weekStartDay(day: string): string {
  const p = parseDay(day)!;
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(); // 0 Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export type Grain = "day" | "week" | "month";
export const GRAINS: readonly Grain[] = ["day", "week", "month"];

/** The key of the day, week (its Monday) or month ("YYYY-MM") holding `day`. */
export function bucketKey(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "week") return weekStartDay(day);
  return day.slice(0, 7);
}

/** Every bucket key from `from` to `to` (inclusive days), in order, empty ones included. */
export function bucketKeys(from: string, to: string, grain: Grain): string[] {
  const keys: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = bucketKey(day, grain);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mar 2", "Week of Mar 2", "Mar 2026". */
export function bucketLabel(key: string, grain: Grain): string {
  if (grain === "month") {
    const [y, m] = key.split("-").map(Number) as [number, number];
    return `${MONTHS[m - 1]} ${y}`;
  }
  const p = parseDay(key)!;
  const text = `${MONTHS[p.month - 1]} ${p.day}`;
  return grain === "week" ? `Week of ${text}` : text;
}

// ---------------------------------------------------------------- date range filters

export const MAX_RANGE_DAYS = 366;

export interface ShopDateRange {
  /** Inclusive shop days, as the form shows them. */
  from: string;
  to: string;
  /** Epoch ms, [fromMs, toMs): from the start of `from` to the start of the day after `to`, in the shop's zone. */
  fromMs: number;
  toMs: number;
  days: number;
}

/** The range of inclusive shop days `from`–`to`. */
export function shopDateRange(from: string, to: string, timeZone: string): ShopDateRange {
  return { from, to, fromMs: dayStartMs(from, timeZone), toMs: dayStartMs(addDays(to, 1), timeZone), days: daysBetween(from, to) + 1 };
}

/** The same number of days just before `range`. */
export function previousRange(range: ShopDateRange, timeZone: string): ShopDateRange {
  return shopDateRange(addDays(range.from, -range.days), addDays(range.from, -1), timeZone);
}

const dayField = z.string().max(40).optional();

export type ShopDateRangeResult =
  | { ok: true; range: ShopDateRange | null }
  | { ok: false; message: string; fieldErrors: FieldErrors };

/**
 * Optional `from` and `to` days (shop time). Both empty: no range (`null`), or
 * with `defaultDays` the last that many days, today included. One empty: it
 * takes the other's side of the range (from alone: up to today; to alone: from
 * `defaultDays` before it, or from the beginning of time when there is no default).
 */
export function parseShopDateRange(
  fields: { from?: string | undefined; to?: string | undefined },
  now: number,
  timeZone: string,
  options: { defaultDays?: number; maxDays?: number } = {},
): ShopDateRangeResult {
  const parsed = z.object({ from: dayField, to: dayField }).safeParse(fields);
  if (!parsed.success) return { ok: false, message: "Enter the dates as days, like 2026-03-01.", fieldErrors: { from: "Enter the first day as a date, like 2026-03-01." } };
  const fromText = (parsed.data.from ?? "").trim();
  const toText = (parsed.data.to ?? "").trim();
  const errors: FieldErrors = {};
  if (fromText !== "" && !parseDay(fromText)) errors.from = "Enter the first day as a date, like 2026-03-01.";
  if (toText !== "" && !parseDay(toText)) errors.to = "Enter the last day as a date, like 2026-03-31.";
  if (Object.keys(errors).length > 0) return { ok: false, message: Object.values(errors)[0]!, fieldErrors: errors };
  const today = shopDay(now, timeZone);
  if (fromText === "" && toText === "" && !options.defaultDays) return { ok: true, range: null };
  const to = toText || (fromText && fromText > today ? fromText : today);
  const from = fromText || (options.defaultDays ? addDays(to, -(options.defaultDays - 1)) : "2000-01-01");
  if (from > to) return { ok: false, message: "The last day can't be before the first day.", fieldErrors: { to: "The last day can't be before the first day." } };
  const maxDays = options.maxDays ?? (options.defaultDays ? MAX_RANGE_DAYS : Infinity);
  if (daysBetween(from, to) + 1 > maxDays) {
    const message = `Choose at most ${maxDays} days.`;
    return { ok: false, message, fieldErrors: { to: message } };
  }
  return { ok: true, range: shopDateRange(from, to, timeZone) };
}
