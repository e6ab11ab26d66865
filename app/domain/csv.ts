// CSV as spreadsheets read and write it (RFC 4180): comma-separated cells,
// quoted when they hold a comma, a quote or a line break, quotes doubled inside.
// Pure string work, no I/O.

export type CsvRecord = {
  /** The line of the file the record starts on (1-based; a quoted cell may span lines). */
  line: number;
  cells: string[];
};

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/**
 * Split CSV text into records. Accepts CRLF, LF or CR line endings and a
 * leading byte-order mark; skips blank lines. Malformed quoting (a quote inside
 * an unquoted cell, text after a closing quote, a quote never closed) is an
 * error naming its line.
 */
export function parseCsv(text: string): CsvParseResult {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let cells: string[] = [];
  let cell = "";
  let recordLine = 1;
  let quoted = false; // inside a quoted cell
  let quoteLine = 1;
  let afterQuote = false; // a quoted cell just closed: only a comma or line end may follow
  let cellStarted = false;
  let i = 0;

  const endRecord = () => {
    cells.push(cell);
    // A blank line is one empty, unquoted cell: not a record.
    if (!(cells.length === 1 && cells[0] === "" && !cellStarted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    cellStarted = false;
    afterQuote = false;
  };

  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (ch === "\r" || ch === "\n") {
        // A line break inside quotes is part of the cell; CRLF stays as it was.
        if (ch === "\r" && input[i + 1] === "\n") {
          cell += "\r\n";
          i += 2;
        } else {
          cell += ch;
          i += 1;
        }
        line += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === ",") {
      cells.push(cell);
      cell = "";
      cellStarted = true;
      afterQuote = false;
      i += 1;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterQuote) {
      return { ok: false, line, message: `Line ${line}: unexpected text after a closing quote (put the whole cell in quotes, and double any quote inside it).` };
    }
    if (ch === '"') {
      if (cell !== "") {
        return { ok: false, line, message: `Line ${line}: a quote in the middle of a cell (put the whole cell in quotes, and double any quote inside it).` };
      }
      quoted = true;
      quoteLine = line;
      cellStarted = true;
      i += 1;
      continue;
    }
    cell += ch;
    cellStarted = true;
    i += 1;
  }
  if (quoted) {
    return { ok: false, line: quoteLine, message: `Line ${quoteLine}: a quoted cell is never closed.` };
  }
  if (cell !== "" || cells.length > 0 || cellStarted) endRecord();
  return { ok: true, records };
}

// ------------------------------------------------------------------ tables

/** A problem with one line of an uploaded file, said to the person who made it. */
export type LineProblem = { line: number; message: string };

/** A data row of a table file: its line and its cells by (normalised) column name. */
export type CsvTableRow = { line: number; cells: Record<string, string> };

export type CsvTableSpec = {
  /** Columns every file must have. */
  required: readonly string[];
  /** Columns a file may have. */
  optional?: readonly string[];
  /** Columns taken and ignored (e.g. an export's read-only columns). */
  ignored?: readonly string[];
  /** The message for a file with no header row. */
  emptyMessage: string;
  /** The message for a header with no rows under it. */
  noRowsMessage: string;
  /** What to say after an unknown column, like "Use sku, on_hand and optionally note." */
  columnsHint: string;
};

/**
 * Read a CSV file with a header row naming its columns (any order, any case,
 * spaces as underscores). Every row is checked for its cell count; rows that
 * fit are returned even when others did not, so callers can list every
 * problem at once. The import pages (stock counts, products) share this.
 */
export function readCsvTable(
  text: string,
  spec: CsvTableSpec,
): { ok: true; rows: CsvTableRow[] } | { ok: false; problems: LineProblem[]; rows: CsvTableRow[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [{ line: parsed.line, message: parsed.message }], rows: [] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problems: [{ line: 1, message: spec.emptyMessage }], rows: [] };

  const names = header.cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, "_"));
  const known = new Set([...spec.required, ...(spec.optional ?? []), ...(spec.ignored ?? [])]);
  const ignored = new Set(spec.ignored ?? []);
  const problems: LineProblem[] = [];
  for (const [i, name] of names.entries()) {
    if (known.has(name)) {
      if (names.indexOf(name) !== i) problems.push({ line: header.line, message: `Line ${header.line}: the column "${name}" appears twice.` });
      continue;
    }
    problems.push({ line: header.line, message: `Line ${header.line}: unknown column "${header.cells[i]!.slice(0, 40)}". ${spec.columnsHint}` });
  }
  for (const required of spec.required) {
    if (!names.includes(required)) problems.push({ line: header.line, message: `Line ${header.line}: the header has no "${required}" column.` });
  }
  if (problems.length > 0) return { ok: false, problems, rows: [] };
  if (records.length === 0) return { ok: false, problems: [{ line: header.line, message: spec.noRowsMessage }], rows: [] };

  const rows: CsvTableRow[] = [];
  for (const record of records) {
    if (record.cells.length !== names.length) {
      problems.push({
        line: record.line,
        message: `Line ${record.line}: has ${record.cells.length} ${record.cells.length === 1 ? "cell" : "cells"} but the header has ${names.length}${record.cells.length < names.length ? " (a column is missing)" : ""}.`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [i, name] of names.entries()) if (!ignored.has(name)) cells[name] = record.cells[i]!;
    rows.push({ line: record.line, cells });
  }
  return problems.length > 0 ? { ok: false, problems, rows } : { ok: true, rows };
}

/** A spreadsheet's defused formula ('=SUM…) back to the text that was exported. */
export function undoDefuse(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

// Cells a spreadsheet would run as a formula (=, +, -, @) or that some treat
// as one after a leading tab or carriage return.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix text a spreadsheet would read as a formula with a single quote. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell: numbers as they are; text defused against formula injection and
 * quoted when it holds a comma, quote, line break or surrounding spaces.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  const text = defuseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: CRLF line ends (as RFC 4180 and Excel expect), one after the last row too. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
