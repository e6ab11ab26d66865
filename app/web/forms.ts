// Reading and checking plain HTML forms, for every route: the fields as
// strings, a zod check with one message and per-field errors, and the typed
// values a refused form is refilled with.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors };

/**
 * Turn submitted form fields into a plain object. A field sent twice, or a
 * file, is refused: the shop never guesses which value was meant.
 */
export function formFields(form: FormData): { ok: true; fields: Record<string, string> } | { ok: false; message: string } {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") return { ok: false, message: "Files cannot be sent here." };
    if (Object.prototype.hasOwnProperty.call(fields, key)) {
      return { ok: false, message: `The field "${key.slice(0, 40)}" was sent more than once.` };
    }
    fields[key] = value;
  }
  return { ok: true, fields };
}

/** Validate plain fields with a schema, returning one message and per-field errors. */
export function parseWith<T>(schema: z.ZodType<T>, fields: Record<string, string>): ParseResult<T> {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(", ");
      fieldErrors._form ??= `Unexpected field${issue.keys.length > 1 ? "s" : ""} ${keys}: prices and totals are worked out by the shop.`;
      continue;
    }
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    fieldErrors[key] ??= issue.message;
  }
  const message = fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Please check the form.";
  return { ok: false, message, fieldErrors };
}

/** The typed values to send back with a refused form, each cut to `maxLength` so a form never echoes a huge input. */
export function echoedValues(fields: Record<string, string>, maxLength: number): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value.slice(0, maxLength)]));
}
