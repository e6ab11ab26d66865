// Import a stock count: upload a CSV (sku,on_hand[,note]), see what it would
// change (a dry run: nothing is written), then apply it, all or nothing. Any
// bad row is listed with its line number and nothing is applied. The preview
// carries the file back (base64) so the apply step checks exactly what was
// previewed, against the levels at that moment.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { ImportProblems, problemMessage } from "~/components/ImportProblems";
import { formatDelta, parseStockCounts } from "~/domain/stock";
import { applyStockCounts, previewStockCounts } from "~/models/inventory.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { done } from "~/web/responses.server";
import { csvImportFailure, readCsvUpload, type CsvImportFailure } from "~/utils/csv-upload.server";

export const meta: MetaFunction = () => adminMeta("Import a stock count");

/** The largest count file taken: ~10,000 rows. */
const MAX_CSV_BYTES = 512 * 1024;
const TOO_BIG = `That file is over ${MAX_CSV_BYTES / 1024} KB. Split the count into smaller files.`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "stock.adjust");
  return json({}, { headers: ADMIN_HEADERS });
}

type PreviewRow = { line: number; sku: string; product: string; before: number; held: number; after: number; delta: number };

type ActionData =
  | CsvImportFailure
  | { ok: true; fileName: string; payload: string; rows: PreviewRow[]; changed: number; unchanged: number };

const failure = csvImportFailure;

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requirePermission(request, "stock.adjust");
  const upload = await readCsvUpload(request, context, {
    maxBytes: MAX_CSV_BYTES,
    tooBigMessage: TOO_BIG,
    defaultFileName: "stock.csv",
    emptyMessage: "That file is empty. Choose the CSV file with your count.",
  });
  if (!upload.ok) return failure(upload.status, upload.message, { field: upload.field, fileName: upload.fileName });
  const { fileName } = upload;
  const parsed = parseStockCounts(upload.text);
  if (!parsed.ok) {
    // List every problem at once: the rows that read are checked against the shop too.
    const known = previewStockCounts(parsed.rows);
    const problems = [...parsed.problems, ...(known.ok ? [] : known.problems)].sort((a, b) => a.line - b.line);
    return failure(400, problemMessage(problems), { problems, fileName });
  }

  if (upload.intent === "apply") {
    const applied = applyStockCounts({ rows: parsed.rows, fileName, actor: { staffId: me.id } });
    // Levels moved since the preview (a hold, a sale) and a row no longer fits: nothing applied.
    if (!applied.ok) return failure(409, problemMessage(applied.problems), { problems: applied.problems, fileName });
    const n = applied.changed.length;
    return done("/admin/stock", `Applied the stock count ${fileName}: ${n} ${n === 1 ? "SKU" : "SKUs"} changed, ${applied.unchanged} already right.`);
  }

  const preview = previewStockCounts(parsed.rows);
  if (!preview.ok) return failure(400, problemMessage(preview.problems), { problems: preview.problems, fileName });
  const changed = preview.planned.filter((p) => p.delta !== 0).length;
  return json<ActionData>(
    {
      ok: true,
      fileName,
      payload: upload.payload,
      changed,
      unchanged: preview.planned.length - changed,
      rows: preview.planned.map((p) => ({
        line: p.line,
        sku: p.sku,
        product: `${p.productName} · ${p.colourName}`,
        before: p.before.onHand,
        held: p.before.held,
        after: p.onHand,
        delta: p.delta,
      })),
    },
    { headers: ADMIN_HEADERS },
  );
}

export default function StockImportPage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const preview = result && result.ok ? result : null;
  const fileError = failed?.fieldErrors.file;

  return (
    <>
      <p className="admin-back">
        <Link to="/admin/stock">← All stock</Link>
      </p>
      <h1>Import a stock count</h1>
      <p className="admin-lede">
        Upload a CSV file with a header row naming <code>sku</code> and <code>on_hand</code> (and optionally <code>note</code>), one row per SKU
        counted. The stock download has these columns. You see what would change before anything is written; a file with any bad row changes
        nothing.
      </p>

      <ImportProblems failed={failed} />

      {preview ? (
        <section className="admin-panel admin-wide-panel" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview of {preview.fileName}</h2>
          <p role="status" data-testid="import-summary">
            {preview.changed} {preview.changed === 1 ? "SKU" : "SKUs"} would change; {preview.unchanged} already right. Nothing has been changed yet.
          </p>
          <div className="admin-table-wrap" role="region" aria-label="Counted SKUs" tabIndex={0}>
            <table className="admin-table">
              <caption className="visually-hidden">On hand now and after the count, per SKU</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">SKU</th>
                  <th scope="col">Bag</th>
                  <th scope="col" className="num">
                    On hand now
                  </th>
                  <th scope="col" className="num">
                    Held
                  </th>
                  <th scope="col" className="num">
                    Counted
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} data-testid="import-row" data-sku={r.sku}>
                    <td className="num">{r.line}</td>
                    <th scope="row">{r.sku}</th>
                    <td>{r.product}</td>
                    <td className="num">{r.before}</td>
                    <td className="num">{r.held}</td>
                    <td className="num">{r.after}</td>
                    <td className="num">{formatDelta(r.delta)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" encType="multipart/form-data" className="admin-form">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="fileName" value={preview.fileName} />
            <input type="hidden" name="payload" value={preview.payload} />
            <button type="submit" className="button" disabled={busy || preview.changed === 0}>
              Apply this count
            </button>{" "}
            <Link to="/admin/stock/import" className="admin-muted">
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}

      <section className="admin-panel" aria-labelledby="upload-title">
        <h2 id="upload-title">{preview ? "Or upload another file" : "Upload"}</h2>
        <Form method="post" encType="multipart/form-data" className="admin-form">
          <input type="hidden" name="intent" value="preview" />
          <AdminField label="Stock count (CSV)" name="file" error={fileError} hint={`At most ${MAX_CSV_BYTES / 1024} KB. Save spreadsheets as “CSV UTF-8”.`}>
            <input id="file" name="file" type="file" required accept=".csv,text/csv" {...fieldAria("file", fileError, true)} />
          </AdminField>
          <button type="submit" className="button secondary" disabled={busy}>
            Preview the changes
          </button>
        </Form>
      </section>
    </>
  );
}
