// The two steps of a CSV import page (stock counts, products): "preview" takes
// an uploaded file, "apply" takes back the previewed file (base64, carried in
// the preview's form) so exactly what was previewed is what gets applied. Size
// limits, duplicate fields and text that is not UTF-8 become a 4xx message.
import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { LineProblem } from "~/domain/csv";
import { decodeCsvBytes, MAX_LISTED_PROBLEMS } from "~/domain/stock";
import { ADMIN_HEADERS } from "~/utils/auth.server";
import { readMultipartForm } from "~/utils/multipart.server";

export type CsvUpload = { ok: true; intent: "preview" | "apply"; text: string; fileName: string; payload: string };
export type CsvUploadFailure = { ok: false; status: 400 | 413 | 415; message: string; field?: "file"; fileName: string | null };

const fileNameSchema = (fallback: string) =>
  z
    .string()
    .max(200)
    .transform((n) => n.replace(/[^\w .()-]/g, "_").slice(0, 100) || fallback);

export function tooBigMessage(maxBytes: number, advice: string): string {
  return `That file is over ${maxBytes / 1024} KB. ${advice}`;
}

/** Read and decode an import page's post. */
export async function readCsvUpload(
  request: Request,
  context: Pick<AppLoadContext, "multipartForm">,
  options: { maxBytes: number; tooBigMessage: string; defaultFileName: string; emptyMessage: string },
): Promise<CsvUpload | CsvUploadFailure> {
  const { maxBytes } = options;
  const maxPayload = Math.ceil((maxBytes * 4) / 3) + 4;
  const fileName = fileNameSchema(options.defaultFileName);
  const schema = z.discriminatedUnion(
    "intent",
    [
      z.strictObject({ intent: z.literal("preview"), file: z.instanceof(Blob, { error: "Choose a CSV file to upload." }) }),
      z.strictObject({
        intent: z.literal("apply"),
        // The previewed file, base64: only what the preview step produced.
        payload: z.string().min(1, "Upload the file again.").max(maxPayload).regex(/^[A-Za-z0-9+/]+={0,2}$/, "Upload the file again."),
        fileName,
      }),
    ],
    { error: "Choose a CSV file to upload." },
  );
  const fail = (status: 400 | 413 | 415, message: string, name: string | null = null, field = true): CsvUploadFailure => ({
    ok: false,
    status,
    message,
    ...(field ? { field: "file" as const } : {}),
    fileName: name,
  });

  const read = await readMultipartForm(request, context, { maxPartSize: maxPayload + 1024, tooLargeMessage: options.tooBigMessage, maxParts: 4 });
  if (!read.ok) return fail(read.status, read.message);
  const entries: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of read.form.entries()) {
    if (key in entries) return fail(400, `The field "${key.slice(0, 40)}" was sent more than once.`, null, false);
    entries[key] = value;
  }
  const input = schema.safeParse(entries);
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return fail(400, issue.code === "unrecognized_keys" ? "The form has unexpected fields." : issue.message);
  }

  let bytes: Uint8Array;
  let name: string;
  if (input.data.intent === "preview") {
    const file = input.data.file;
    name = fileName.parse("name" in file && typeof file.name === "string" ? file.name : options.defaultFileName);
    if (file.size === 0) return fail(400, options.emptyMessage, name);
    if (file.size > maxBytes) return fail(413, options.tooBigMessage, name);
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    name = input.data.fileName;
    bytes = new Uint8Array(Buffer.from(input.data.payload, "base64"));
    if (bytes.length > maxBytes) return fail(413, options.tooBigMessage, name);
  }
  const text = decodeCsvBytes(bytes);
  if (!text.ok) return fail(415, text.message, name);
  return { ok: true, intent: input.data.intent, text: text.text, fileName: name, payload: Buffer.from(bytes).toString("base64") };
}

export type CsvImportFailure = {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
  problems: LineProblem[];
  moreProblems: number;
  fileName: string | null;
};

/** An import page's refusal: the message, the field it belongs to, and the first problems by line. */
export function csvImportFailure(
  status: 400 | 409 | 413 | 415,
  message: string,
  options: { problems?: LineProblem[]; fileName?: string | null; field?: string } = {},
) {
  const problems = options.problems ?? [];
  return json<CsvImportFailure>(
    {
      ok: false,
      message,
      fieldErrors: options.field ? { [options.field]: message } : {},
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      moreProblems: Math.max(0, problems.length - MAX_LISTED_PROBLEMS),
      fileName: options.fileName ?? null,
    },
    { status, headers: ADMIN_HEADERS },
  );
}
