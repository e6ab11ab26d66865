import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, defuseFormula, parseCsv, toCsv } from "~/domain/csv";

function cells(text: string) {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.records;
}

describe("parseCsv", () => {
  it("splits records and cells, with the line each record starts on", () => {
    expect(cells("sku,on_hand\nA,1\nB,2\n")).toEqual([
      { line: 1, cells: ["sku", "on_hand"] },
      { line: 2, cells: ["A", "1"] },
      { line: 3, cells: ["B", "2"] },
    ]);
  });

  it("reads CRLF, lone CR and a missing final line break alike", () => {
    const expected = [
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["c", "d"] },
    ];
    expect(cells("a,b\r\nc,d\r\n")).toEqual(expected);
    expect(cells("a,b\rc,d")).toEqual(expected);
    expect(cells("a,b\nc,d")).toEqual(expected);
  });

  it("drops a leading byte-order mark (Excel's CSV UTF-8)", () => {
    expect(cells("\uFEFFsku,on_hand\r\nA,1\r\n")[0]!.cells).toEqual(["sku", "on_hand"]);
  });

  it("skips blank lines but keeps counting them", () => {
    expect(cells("a\n\n\nb\n")).toEqual([
      { line: 1, cells: ["a"] },
      { line: 4, cells: ["b"] },
    ]);
  });

  it("reads quoted cells: commas, doubled quotes and line breaks inside; the next record's line accounts for them", () => {
    expect(cells('sku,note\nA,"Shelf 2, back"\nB,"He said ""ok"""\nC,"two\r\nlines"\nD,x\n')).toEqual([
      { line: 1, cells: ["sku", "note"] },
      { line: 2, cells: ["A", "Shelf 2, back"] },
      { line: 3, cells: ["B", 'He said "ok"'] },
      { line: 4, cells: ["C", "two\r\nlines"] },
      { line: 6, cells: ["D", "x"] },
    ]);
    expect(cells('"",x\n')).toEqual([{ line: 1, cells: ["", "x"] }]);
    expect(cells("a,,\n")).toEqual([{ line: 1, cells: ["a", "", ""] }]);
  });

  it("names the line of malformed quoting", () => {
    expect(parseCsv('a,b\nc,d"e\n')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\n"closed" late\n')).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/after a closing quote/) });
    expect(parseCsv('a\nb\n"never closed\nmore\n')).toMatchObject({ ok: false, line: 3, message: "Line 3: a quoted cell is never closed." });
  });

  it("reads back what toCsv writes, whatever the text (formula-looking text gets its guard quote)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A record of one empty cell is a blank line; the writer's callers never produce one.
        const table = rows.map((r) => (r.length === 1 && r[0] === "" ? ["x"] : r));
        const parsed = parseCsv(toCsv(table));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.records.map((r) => r.cells)).toEqual(table.map((r) => r.map((c) => defuseFormula(c))));
      }),
    );
  });
});

describe("writing CSV", () => {
  it("quotes what needs quoting and ends every row with CRLF", () => {
    expect(toCsv([["sku", "product"], ["A-1", 'Tote, "big"'], ["B", 3]])).toBe('sku,product\r\nA-1,"Tote, ""big"""\r\nB,3\r\n');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(-2)).toBe("-2");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("Plain")).toBe("Plain");
  });
});
