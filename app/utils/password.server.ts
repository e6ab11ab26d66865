// Staff password hashing: scrypt with OWASP's recommended cost (N=2^17, r=8,
// p=1), a 16-byte random salt and a 64-byte key, stored as one self-describing
// string so the cost can be raised later without breaking existing hashes:
//
//   scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>
//
// Hashing runs on libuv's thread pool (crypto.scrypt), never on the event loop,
// and every hash goes through one gate: each takes 128 MiB outside the JS heap,
// so only a few run at once (env: passwordHashing) and the rest wait in line.
import crypto from "node:crypto";
import { createConcurrencyGate, type ConcurrencyGate } from "~/utils/concurrency-gate";
import { env } from "~/utils/env.server";

export const SCRYPT_LOG2_N = 17;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
export const KEY_LENGTH = 64;
export const SALT_LENGTH = 16;

// scrypt needs 128·N·r bytes (128 MiB at these settings); Node's default cap is
// 32 MiB. Allow twice the need so a modest future increase still fits.
function maxmemFor(log2N: number, r: number) {
  return 2 * 128 * 2 ** log2N * r;
}

// Bounds for parameters read back from a stored hash, so a damaged or
// hand-edited row cannot ask for gigabytes of memory.
const LIMITS = { log2N: [14, 20], r: [1, 32], p: [1, 4] } as const;

let gate: ConcurrencyGate | null = null;

function hashingGate(): ConcurrencyGate {
  gate ??= createConcurrencyGate(env().passwordHashing);
  return gate;
}

/** Trusted work (adding staff, the command line, tests) waits as long as it takes. */
async function whenFree<T>(task: () => Promise<T>): Promise<T> {
  const outcome = await hashingGate().run(task, { patient: true });
  if (!outcome.ok) throw new Error("password hashing refused patient work");
  return outcome.value;
}

function scrypt(password: string, salt: Buffer, log2N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      password.normalize("NFKC"),
      salt,
      keyLength,
      { N: 2 ** log2N, r, p, maxmem: maxmemFor(log2N, r) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  const key = await whenFree(() => scrypt(password, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, KEY_LENGTH));
  return ["scrypt", SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt.toString("base64"), key.toString("base64")].join("$");
}

type Parsed = { log2N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parseHash(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [log2N, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,2}$/.test(v!) ? Number(v) : NaN)) as [number, number, number];
  const inRange = (v: number, [min, max]: readonly [number, number]) => Number.isInteger(v) && v >= min && v <= max;
  if (!inRange(log2N, LIMITS.log2N) || !inRange(r, LIMITS.r) || !inRange(p, LIMITS.p)) return null;
  const salt = Buffer.from(parts[4]!, "base64");
  const key = Buffer.from(parts[5]!, "base64");
  if (salt.length < 16 || key.length < 32 || key.length > 128) return null;
  return { log2N, r, p, salt, key };
}

function matches(password: string, parsed: Parsed): Promise<boolean> {
  return scrypt(password, parsed.salt, parsed.log2N, parsed.r, parsed.p, parsed.key.length).then((key) =>
    crypto.timingSafeEqual(key, parsed.key),
  );
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  return whenFree(() => matches(password, parsed));
}

// A hash of a random password nobody knows, made with the current settings.
const DUMMY_HASH =
  "scrypt$17$8$1$lPkwOOa85KCYiZWBhyXQHg==$m0l1yHKhuCqR/4+2mFZJowzSpecAgdateveAgPn2dj86AaCfgNWpSJUDyZXFP6/jw8AXq+wzh5ChZfwzRWGoGA==";
const DUMMY = parseHash(DUMMY_HASH)!;

export type SignInPasswordCheck = "match" | "mismatch" | "busy";

/** True when a sign-in's check would be answered busy right now (every place taken, the line full). */
export function signInChecksFull(): boolean {
  return hashingGate().full;
}

/**
 * A sign-in's password check, or "busy" when too many are waiting already.
 * An unknown account (null) costs the same scrypt work as a real one, so the
 * answer's timing does not tell which emails exist; it never matches.
 */
export async function checkSignInPassword(password: string, stored: string | null): Promise<SignInPasswordCheck> {
  const parsed = stored === null ? DUMMY : parseHash(stored);
  // An unreadable stored hash still costs a check, like an unknown account.
  const outcome = await hashingGate().run(() => matches(password, parsed ?? DUMMY));
  if (!outcome.ok) return "busy";
  return outcome.value && parsed !== null && stored !== null ? "match" : "mismatch";
}
