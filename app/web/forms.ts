// Reading and checking plain HTML forms, for every route: the fields as
// strings, a zod check with one message and per-field errors, and the typed
// values a refused form is refilled with.

/** The typed values to send back with a refused form, each cut to `maxLength` so a form never echoes a huge input. */
export function echoedValues(fields: Record<string, string>, maxLength: number): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value.slice(0, maxLength)]));
}
