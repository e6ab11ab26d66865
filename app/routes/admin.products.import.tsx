// Import products and colours: upload a CSV (the product download's columns),
// see what it would add and change (nothing is written), then apply it, all
// or nothing. Any bad row is listed by line and nothing is applied. Products
// are matched by web address name, colours by SKU; nothing is deleted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AdminField, fieldAria } from "~/components/AdminField";
import { ImportProblems, problemMessage } from "~/components/ImportProblems";
import { parseProductCsv, planCounts } from "~/domain/product-csv";
import { applyProductImport, previewProductImport } from "~/models/products.server";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requirePermission } from "~/utils/auth.server";
import { csvImportFailure, readCsvUpload, tooBigMessage, type CsvImportFailure } from "~/utils/csv-upload.server";
import { done } from "~/web/responses.server";

export const meta: MetaFunction = () => adminMeta("Import products");

const MAX_CSV_BYTES = 1024 * 1024;
const TOO_BIG = tooBigMessage(MAX_CSV_BYTES, "Split the products into smaller files.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "products.edit");
  return json({}, { headers: ADMIN_HEADERS });
}

type PreviewRow = { line: number; what: string; name: string; change: "new" | "changed" | "same"; fields: string };
type Counts = ReturnType<typeof planCounts>;

type ActionData =
  | CsvImportFailure
  | { ok: true; fileName: string; payload: string; rows: PreviewRow[]; counts: Counts };

const failure = csvImportFailure;

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requirePermission(request, "products.edit");
  const upload = await readCsvUpload(request, context, {
    maxBytes: MAX_CSV_BYTES,
    tooBigMessage: TOO_BIG,
    defaultFileName: "products.csv",
    emptyMessage: "That file is empty. Choose the CSV file with your products.",
  });
  if (!upload.ok) return failure(upload.status, upload.message, { field: upload.field, fileName: upload.fileName });
  const { fileName } = upload;
  const parsed = parseProductCsv(upload.text);
  if (!parsed.ok) {
    // List every problem at once: the rows that read are checked against the shop too.
    const known = previewProductImport(parsed.rows);
    const problems = [...parsed.problems, ...(known.ok ? [] : known.problems)].sort((a, b) => a.line - b.line);
    return failure(400, problemMessage(problems), { problems, fileName });
  }

  if (upload.intent === "apply") {
    const applied = applyProductImport(parsed.rows, { staffId: me.id });
    if (!applied.ok) return failure(409, problemMessage(applied.problems), { problems: applied.problems, fileName });
    const c = planCounts(applied.plan);
    return done("/admin/products", `Imported ${fileName}: ${c.newProducts} new and ${c.changedProducts} changed products, ${c.newVariants} new and ${c.changedVariants} changed colours.`);
  }

  const preview = previewProductImport(parsed.rows);
  if (!preview.ok) return failure(400, problemMessage(preview.problems), { problems: preview.problems, fileName });
  const rows: PreviewRow[] = [
    ...preview.plan.products.map((p) => ({ line: p.line, what: "Product", name: `${p.name} (${p.slug})`, change: p.change, fields: p.changedFields.join(", ") })),
    ...preview.plan.variants.map((v) => ({ line: v.line, what: "Colour", name: `${v.sku} · ${v.colourName}`, change: v.change, fields: v.changedFields.join(", ") })),
  ]
    .filter((r) => r.change !== "same")
    .sort((a, b) => a.line - b.line || (a.what === "Product" ? -1 : 1));
  return json<ActionData>({ ok: true, fileName, payload: upload.payload, rows, counts: planCounts(preview.plan) }, { headers: ADMIN_HEADERS });
}

const CHANGE_LABELS = { new: "New", changed: "Changed", same: "Unchanged" } as const;

export default function ProductImportPage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const preview = result && result.ok ? result : null;
  const fileError = failed?.fieldErrors.file;
  const nothingToDo = preview ? preview.rows.length === 0 : false;

  return (
    <>
      <p className="admin-back">
        <Link to="/admin/products">← All products</Link>
      </p>
      <h1>Import products</h1>
      <p className="admin-lede">
        Upload a CSV file with the columns of the <a href="/admin/products/export">product download</a>: one row per colour, the product&apos;s
        columns repeated on each. Products are matched by <code>slug</code>, colours by <code>sku</code>; new ones are added (colours start with no
        stock), nothing is deleted. You see what would change before anything is written; a file with any bad row changes nothing.
      </p>

      <ImportProblems failed={failed} />

      {preview ? (
        <section className="admin-panel admin-wide-panel" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview of {preview.fileName}</h2>
          <p role="status" data-testid="import-summary">
            {preview.counts.newProducts} new and {preview.counts.changedProducts} changed products, {preview.counts.newVariants} new and{" "}
            {preview.counts.changedVariants} changed colours; {preview.counts.unchanged} unchanged. Nothing has been changed yet.
          </p>
          {preview.rows.length > 0 ? (
            <div className="admin-table-wrap" role="region" aria-label="Changes in the file" tabIndex={0}>
              <table className="admin-table admin-cards">
                <caption className="visually-hidden">What the import would add and change, by line</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Product or colour</th>
                    <th scope="col">Change</th>
                    <th scope="col">Fields</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={`${r.what}-${r.line}`} data-testid="import-row" data-change={r.change}>
                      <td className="num" data-label="Line">
                        {r.line}
                      </td>
                      <th scope="row">
                        {r.what}: {r.name}
                      </th>
                      <td data-label="Change">{CHANGE_LABELS[r.change]}</td>
                      <td data-label="Fields">{r.fields || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="admin-form">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="fileName" value={preview.fileName} />
            <input type="hidden" name="payload" value={preview.payload} />
            <button type="submit" className="button" disabled={busy || nothingToDo}>
              Apply this import
            </button>{" "}
            <Link to="/admin/products/import" className="admin-muted">
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}

      <section className="admin-panel" aria-labelledby="upload-title">
        <h2 id="upload-title">{preview ? "Or upload another file" : "Upload"}</h2>
        <Form method="post" encType="multipart/form-data" className="admin-form">
          <input type="hidden" name="intent" value="preview" />
          <AdminField label="Products (CSV)" name="file" error={fileError} hint={`At most ${MAX_CSV_BYTES / 1024} KB. Save spreadsheets as “CSV UTF-8”.`}>
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
