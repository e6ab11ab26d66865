// Stock rules for the back office: what an adjustment may do to a bag's
// levels, the forms staff fill in, and the stock-count spreadsheet they upload.
// Pure: the inventory model reads the levels and writes the result.
import { z } from "zod";
import { parseWith } from "../web/forms";
import { readCsvTable, toCsv, type LineProblem } from "./csv";

/** On the shelf, and the part of it held by open checkouts. */
export type StockLevels = { onHand: number; held: number };

export const ADJUSTMENT_REASONS = ["received", "counted", "damaged", "returned", "correction"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export const ADJUSTMENT_REASON_LABELS: Record<AdjustmentReason, string> = {
  received: "Received from a supplier",
  counted: "Counted on the shelf",
  damaged: "Damaged or lost",
  returned: "Returned by a customer",
  correction: "Correction",
};

/** Every reason a ledger row can have, as staff read it. */
export const LEDGER_REASON_LABELS: Record<string, string> = {
  initial: "Opening stock",
  received: "Received",
  counted: "Counted",
  damaged: "Damaged or lost",
  returned: "Returned",
  correction: "Correction",
  hold: "Held by a checkout",
  hold_released: "Hold released",
  sale: "Sold",
  refund_restock: "Restocked after a refund",
  cancelled: "Order cancelled",
};

/** The most units one adjustment may move, and the most a shelf may hold. */
export const MAX_ADJUSTMENT = 100_000;
export const MAX_ON_HAND = 1_000_000;
export const MAX_LOW_STOCK_THRESHOLD = 10_000;
export const MAX_NOTE_LENGTH = 200;

export type StockChange = { mode: "delta"; delta: number } | { mode: "set"; onHand: number };

export function availableOf(levels: StockLevels): number {
  return Math.max(0, levels.onHand - levels.held);
}

/** A SKU is low when what can still be sold is at or under its threshold. */
export function isLowStock(levels: StockLevels & { lowStockThreshold: number }): boolean {
  return availableOf(levels) <= levels.lowStockThreshold;
}

export type StockPlan =
  | { ok: true; delta: number; onHandAfter: number }
  | { ok: false; message: string };

function units(n: number) {
  return `${n} ${n === 1 ? "unit" : "units"}`;
}

/**
 * What an adjustment does to the levels read just now: "set to N" becomes the
 * delta it implies. On hand never drops below 0, nor below what open checkouts
 * hold; received and returned stock only adds, damaged stock only removes.
 */
export function planStockChange(levels: StockLevels, change: StockChange, reason: AdjustmentReason): StockPlan {
  const delta = change.mode === "delta" ? change.delta : change.onHand - levels.onHand;
  const onHandAfter = levels.onHand + delta;
  if (!Number.isSafeInteger(delta) || !Number.isSafeInteger(onHandAfter)) return { ok: false, message: "Enter a whole number." };
  if (change.mode === "delta" && delta === 0) return { ok: false, message: "Enter a change other than 0, like 10 to add or -2 to remove." };
  if (Math.abs(delta) > MAX_ADJUSTMENT) return { ok: false, message: `One adjustment can move at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} units.` };
  if (onHandAfter < 0) {
    return { ok: false, message: `Only ${units(levels.onHand)} on hand, so you can remove at most ${levels.onHand}.` };
  }
  if (onHandAfter < levels.held) {
    return {
      ok: false,
      message: `${units(levels.held)} ${levels.held === 1 ? "is" : "are"} held by open checkouts, so on hand can't go below ${levels.held} (it would be ${onHandAfter}).`,
    };
  }
  if (onHandAfter > MAX_ON_HAND) return { ok: false, message: `On hand can be at most ${MAX_ON_HAND.toLocaleString("en-US")}.` };
  if ((reason === "received" || reason === "returned") && delta < 0) {
    return { ok: false, message: `${ADJUSTMENT_REASON_LABELS[reason]} stock only adds to on hand; choose "Damaged or lost" or "Correction" to remove units.` };
  }
  if (reason === "damaged" && delta > 0) {
    return { ok: false, message: `Damaged stock only removes units; choose "Received" or "Correction" to add.` };
  }
  return { ok: true, delta, onHandAfter };
}

// ------------------------------------------------------------------ forms

const note = z
  .string()
  .trim()
  .max(MAX_NOTE_LENGTH, `Keep the note to ${MAX_NOTE_LENGTH} characters or fewer.`)
  .optional()
  .transform((v) => (v ? v.replace(/\s+/g, " ") : null));

const reason = z.enum(ADJUSTMENT_REASONS, { error: "Choose a reason: received, counted, damaged, returned or correction." });

const deltaQuantity = z
  .string({ error: "Enter how many units to add (like 10) or remove (like -2)." })
  .trim()
  .regex(/^[+-]?\d{1,7}$/, "Enter a whole number of units to add (like 10) or remove (like -2).")
  .transform(Number);

const countQuantity = z
  .string({ error: "Enter how many are on the shelf." })
  .trim()
  .regex(/^\d{1,7}$/, "Enter on hand as a whole number, 0 or more.")
  .transform(Number);

// The on-hand level the page showed, to tell staff when it moved meanwhile.
const seenOnHand = z
  .string()
  .regex(/^\d{1,7}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

const threshold = z
  .string({ error: "Enter a low-stock threshold." })
  .trim()
  .regex(/^\d{1,5}$/, "Enter the threshold as a whole number, 0 or more.")
  .transform(Number)
  .pipe(z.number().max(MAX_LOW_STOCK_THRESHOLD, `The threshold can be at most ${MAX_LOW_STOCK_THRESHOLD.toLocaleString("en-US")}.`));

export const stockFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("adjust"), quantity: deltaQuantity, reason, note, seenOnHand }),
    z.strictObject({ intent: z.literal("set"), onHand: countQuantity, reason, note, seenOnHand }),
    z.strictObject({ intent: z.literal("threshold"), lowStockThreshold: threshold }),
  ],
  { error: "Choose what to do: adjust, set on hand, or change the threshold." },
);

export type StockForm = z.infer<typeof stockFormSchema>;

/** The change a parsed adjust or set form asks for. */
export function changeFromForm(form: Extract<StockForm, { intent: "adjust" | "set" }>): StockChange {
  return form.intent === "adjust" ? { mode: "delta", delta: form.quantity } : { mode: "set", onHand: form.onHand };
}

/** "+10", "-2", "0": a delta as the ledger shows it. */
export function formatDelta(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}

// ------------------------------------------------------------------ list filters

const stockFiltersSchema = z.strictObject({
  q: z.string().max(100, "Keep the search to 100 characters or fewer.").optional(),
  low: z.enum(["1", "on"], { error: "Tick \"low stock only\" or leave it." }).optional(),
});

/** The stock list's filters from its URL (the CSV export takes the same). */
export function parseStockFilters(params: URLSearchParams): { ok: true; search: string; lowOnly: boolean } | { ok: false; message: string } {
  const fields: Record<string, string> = {};
  for (const key of ["q", "low"]) {
    const value = params.get(key);
    if (value !== null && value !== "") fields[key] = value;
  }
  const query = parseWith(stockFiltersSchema, fields);
  if (!query.ok) return { ok: false, message: query.message };
  return { ok: true, search: (query.data.q ?? "").trim(), lowOnly: query.data.low !== undefined };
}

// ------------------------------------------------------------------ export

export const STOCK_EXPORT_COLUMNS = ["sku", "product", "colour", "on_hand", "held", "available", "low_stock_threshold"] as const;

export function stockCsv(
  rows: { sku: string; productName: string; colourName: string; onHand: number; held: number; lowStockThreshold: number }[],
): string {
  return toCsv([
    STOCK_EXPORT_COLUMNS,
    ...rows.map((r) => [r.sku, r.productName, r.colourName, r.onHand, r.held, availableOf(r), r.lowStockThreshold]),
  ]);
}

// ------------------------------------------------------------------ import

export type { LineProblem } from "./csv";

export type StockCountRow = { line: number; sku: string; onHand: number; note: string | null };

/** Columns an import may carry: sku and on_hand, an optional note, and the export's own columns (ignored). */
const IGNORED_COLUMNS = ["product", "colour", "held", "available", "low_stock_threshold"];

/** Most problems listed at once: the rest are summed up. */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * Read a stock count file: a header row naming `sku` and `on_hand` (and
 * optionally `note`), then one row per SKU. Every row is checked; any problem
 * means nothing is applied.
 */
export function parseStockCounts(
  text: string,
): { ok: true; rows: StockCountRow[] } | { ok: false; problems: LineProblem[]; rows: StockCountRow[] } {
  const table = readCsvTable(text, {
    required: ["sku", "on_hand"],
    optional: ["note"],
    ignored: IGNORED_COLUMNS,
    emptyMessage: "The file is empty: it needs a header row (sku,on_hand) and one row per SKU.",
    noRowsMessage: "The file has a header but no rows to count.",
    columnsHint: "Use sku, on_hand and optionally note.",
  });
  if (!table.ok && table.rows.length === 0) return { ok: false, problems: table.problems, rows: [] };
  const problems: LineProblem[] = table.ok ? [] : [...table.problems];
  const rows: StockCountRow[] = [];
  const seen = new Map<string, number>();
  for (const record of table.rows) {
    const at = `Line ${record.line}`;
    const sku = record.cells.sku!.trim().toUpperCase();
    const count = record.cells.on_hand!.trim();
    const rowNote = (record.cells.note ?? "").trim().replace(/\s+/g, " ");
    let bad = false;
    if (sku === "") {
      problems.push({ line: record.line, message: `${at}: the SKU is missing.` });
      bad = true;
    } else if (!/^[A-Z0-9][A-Z0-9-]{0,63}$/.test(sku)) {
      problems.push({ line: record.line, message: `${at}: "${sku.slice(0, 40)}" is not a SKU (capital letters, digits and hyphens).` });
      bad = true;
    } else if (seen.has(sku)) {
      problems.push({ line: record.line, message: `${at}: ${sku} is already counted on line ${seen.get(sku)}.` });
      bad = true;
    }
    if (/^-\s*\d+$/.test(count)) {
      problems.push({ line: record.line, message: `${at}: on hand can't be negative (${count}).` });
      bad = true;
    } else if (!/^\+?\d{1,7}$/.test(count)) {
      problems.push({
        line: record.line,
        message: count === "" ? `${at}: on hand is missing.` : `${at}: on hand must be a whole number, not "${count.slice(0, 20)}".`,
      });
      bad = true;
    } else if (Number(count) > MAX_ON_HAND) {
      problems.push({ line: record.line, message: `${at}: on hand can be at most ${MAX_ON_HAND.toLocaleString("en-US")}.` });
      bad = true;
    }
    if (rowNote.length > MAX_NOTE_LENGTH) {
      problems.push({ line: record.line, message: `${at}: keep the note to ${MAX_NOTE_LENGTH} characters or fewer.` });
      bad = true;
    }
    if (sku !== "" && !seen.has(sku)) seen.set(sku, record.line);
    if (!bad) rows.push({ line: record.line, sku, onHand: Number(count), note: rowNote || null });
  }
  // The rows that did read are returned too, so they can still be checked against the shop.
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems, rows } : { ok: true, rows };
}

export type PlannedCount = StockCountRow & { before: StockLevels; delta: number };

/**
 * Check parsed counts against the current levels: every SKU must exist, and no
 * count may drop below what open checkouts hold. Rows whose count matches are
 * kept with a delta of 0 (nothing is written for them).
 */
export function planStockCounts(
  rows: StockCountRow[],
  levels: ReadonlyMap<string, StockLevels>,
): { ok: true; planned: PlannedCount[] } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const planned: PlannedCount[] = [];
  for (const row of rows) {
    const before = levels.get(row.sku);
    if (!before) {
      problems.push({ line: row.line, message: `Line ${row.line}: there is no SKU ${row.sku} in the shop.` });
      continue;
    }
    const plan = planStockChange(before, { mode: "set", onHand: row.onHand }, "counted");
    if (!plan.ok) {
      problems.push({ line: row.line, message: `Line ${row.line}: ${row.sku}: ${plan.message}` });
      continue;
    }
    planned.push({ ...row, before, delta: plan.delta });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, planned };
}

/** Is this upload plausibly a CSV (text), from its declared type? */
export function isCsvContentType(type: string): boolean {
  const base = type.split(";")[0]!.trim().toLowerCase();
  // Windows browsers label .csv files as Excel's.
  return ["text/csv", "text/plain", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel"].includes(base);
}

/** The file's bytes as text, or why they are not a UTF-8 text file. */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.includes(0)) return { ok: false, message: "That file is not a CSV text file. Save the spreadsheet as CSV (comma-separated) and upload that." };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: "That file is not UTF-8 text. Save the spreadsheet as \"CSV UTF-8\" and upload that." };
  }
}
