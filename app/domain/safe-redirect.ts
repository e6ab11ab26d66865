// Where a "returnTo" may send someone after signing in: only a path on this
// shop. Anything that a browser could read as another site (a scheme, "//host",
// "/\host", the same hidden behind percent-encoding or control characters)
// gives the fallback instead.

const MAX_LENGTH = 2000;
// How many layers of percent-encoding are unwrapped before giving up.
const MAX_DECODE_ROUNDS = 4;

// C0 controls, DEL and C1 controls: URL parsers drop tabs and newlines, so
// "/\t/evil.example" would become "//evil.example".
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isSafeLiteral(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") && !CONTROL.test(path);
}

/**
 * One round of percent-decoding that never throws: a run of escapes that is
 * not valid UTF-8 still has its ASCII bytes (the dangerous ones: "/", "\",
 * controls) decoded, and a lone "%" stays as it is ("50% off").
 */
function decodeOnce(value: string): string {
  return value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

// Spaces and non-ASCII characters are sent percent-encoded: a Location header
// carries bytes, and "/✓" cannot be one.
function encodeUnsafeCharacters(path: string): string | null {
  try {
    return path.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
  } catch {
    return null; // a lone surrogate
  }
}

/** `input` if it is a same-origin absolute path, otherwise `fallback`. */
export function safeReturnPath(input: string | null | undefined, fallback = "/"): string {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LENGTH) return fallback;
  let current = input;
  for (let round = 0; ; round += 1) {
    if (!isSafeLiteral(current)) return fallback;
    const decoded = decodeOnce(current);
    if (decoded === current) break;
    // Still changing after several rounds: nobody means that.
    if (round === MAX_DECODE_ROUNDS) return fallback;
    current = decoded;
  }
  const encoded = encodeUnsafeCharacters(input);
  return encoded !== null && encoded.length <= MAX_LENGTH ? encoded : fallback;
}
