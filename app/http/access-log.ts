// One line per answered request, for the operator: method, path, status,
// time taken and body bytes. The path is logged without what would hand
// someone else a visitor's access: query values other than harmless ones, a
// password-reset token, a customer's email address.
import type { ServerResponse } from "node:http";

/** Query parameters whose values are safe to log; every other value is shown as "…". */
const LOGGED_QUERY_VALUES = new Set(["_data", "index", "page"]);

/** Path segments that are themselves a secret or a customer's identity, replaced by a placeholder. */
const HIDDEN_SEGMENTS: [RegExp, string][] = [
  [/^(\/admin\/reset-password\/)[^/]+/, "$1:token"],
  [/^(\/admin\/customers\/)[^/]+/, "$1:email"],
];

/** A request's path and query as they may appear in the log. */
export function loggedPath(url: URL): string {
  let path = url.pathname;
  for (const [pattern, replacement] of HIDDEN_SEGMENTS) path = path.replace(pattern, replacement);
  const query = [...url.searchParams.keys()].map((key) => {
    const name = encodeURIComponent(key);
    return LOGGED_QUERY_VALUES.has(key) ? `${name}=${encodeURIComponent(url.searchParams.get(key) ?? "")}` : `${name}=…`;
  });
  return query.length > 0 ? `${path}?${[...new Set(query)].join("&")}` : path;
}

export type AccessLogEntry = {
  method: string;
  /** The checked request URL; null when the address itself was refused (logged as "-"). */
  url: URL | null;
  status: number;
  ms: number;
  bytes: number;
  /** The client went away before the answer was sent in full. */
  aborted?: boolean;
};

/** `GET /products/tote?page=2 200 12.3ms 4567B`, plus ` aborted` when the client left first. */
export function formatAccessLogLine(entry: AccessLogEntry): string {
  const path = entry.url ? loggedPath(entry.url) : "-";
  const line = `${entry.method} ${path} ${entry.status} ${entry.ms.toFixed(1)}ms ${entry.bytes}B`;
  return entry.aborted ? `${line} aborted` : line;
}

/**
 * Call `done` once when `res` is finished or its connection closed, with the
 * body bytes written and the milliseconds since this call.
 */
export function watchResponse(res: ServerResponse, done: (outcome: { ms: number; bytes: number; aborted: boolean }) => void) {
  const started = process.hrtime.bigint();
  let bytes = 0;
  const count = (chunk: unknown) => {
    if (typeof chunk === "string") bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    count(chunk);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== "function") count(chunk);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  res.once("close", () => {
    done({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, aborted: !res.writableFinished });
  });
}
