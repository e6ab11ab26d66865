import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "~/utils/env.server";
import {
  KEY_LENGTH,
  SALT_LENGTH,
  SCRYPT_LOG2_N,
  SCRYPT_P,
  SCRYPT_R,
  checkSignInPassword,
  hashPassword,
  verifyPassword,
} from "~/utils/password.server";

// No waiting line for sign-in checks in this file: one over the limit is busy at once.
// (Read when the first hash is made, after this line.)
process.env.SIGN_IN_QUEUE_LENGTH = "0";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Watch crypto.scrypt: how many run at once at most, and with which cost. */
function watchScrypt() {
  const seen = { calls: 0, inFlight: 0, most: 0, costs: [] as number[] };
  const real = crypto.scrypt.bind(crypto) as (...args: unknown[]) => void;
  vi.spyOn(crypto, "scrypt").mockImplementation(((...args: unknown[]) => {
    const callback = args.at(-1) as (error: Error | null, key: Buffer) => void;
    const options = args[3] as { N: number };
    seen.calls += 1;
    seen.costs.push(options.N);
    seen.inFlight += 1;
    seen.most = Math.max(seen.most, seen.inFlight);
    real(...args.slice(0, -1), (error: Error | null, key: Buffer) => {
      seen.inFlight -= 1;
      callback(error, key);
    });
  }) as typeof crypto.scrypt);
  return seen;
}

// Made before sign-ins went through the hashing gate (same format, same settings).
const EARLIER_HASH =
  "scrypt$17$8$1$ZLHJSJw+trIBe8xnAUeX5w==$QyWnTwOOvWiGw18YleCOeKVPVE6TmaXuIzIbv49RVM/QJDF5dXOxmWlYGLtZV51TImzXOBDUIVXrXcYC5Tel1A==";

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

describe("password hashing", () => {
  it("uses at least OWASP's scrypt settings and says so in the stored string", async () => {
    expect(SCRYPT_LOG2_N).toBeGreaterThanOrEqual(17);
    expect(SCRYPT_R).toBeGreaterThanOrEqual(8);
    expect(SCRYPT_P).toBeGreaterThanOrEqual(1);
    expect(KEY_LENGTH).toBe(64);
    expect(SALT_LENGTH).toBe(16);

    const hash = await hashPassword("correct horse battery staple");
    const match = FORMAT.exec(hash);
    expect(match, hash).not.toBeNull();
    const [, log2N, r, p, salt, key] = match!;
    expect(Number(log2N)).toBe(17);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(64);

    // The stored key is exactly scrypt with those settings.
    const expected = crypto.scryptSync("correct horse battery staple", Buffer.from(salt!, "base64"), 64, {
      N: 2 ** 17,
      r: 8,
      p: 1,
      maxmem: 256 * 1024 * 1024,
    });
    expect(Buffer.from(key!, "base64").equals(expected)).toBe(true);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("tote-and-charm-2026");
    expect(await verifyPassword("tote-and-charm-2026", hash)).toBe(true);
    expect(await verifyPassword("tote-and-charm-2027", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
    expect(await verifyPassword("TOTE-AND-CHARM-2026", hash)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password here"), hashPassword("same password here")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(a.split("$")[5]).not.toBe(b.split("$")[5]);
    expect(await verifyPassword("same password here", a)).toBe(true);
    expect(await verifyPassword("same password here", b)).toBe(true);
  });

  it("refuses unreadable or tampered hashes instead of throwing", async () => {
    const hash = await hashPassword("tote-and-charm-2026");
    const parts = hash.split("$");
    for (const bad of [
      "",
      "plain-text-password",
      "bcrypt$2b$10$abc",
      hash.replace(/^scrypt/, "scrypd"),
      [...parts.slice(0, 1), "30", ...parts.slice(2)].join("$"), // absurd memory
      [...parts.slice(0, 5), Buffer.alloc(64).toString("base64")].join("$"),
      parts.slice(0, 5).join("$"),
    ]) {
      expect(await verifyPassword("tote-and-charm-2026", bad), bad).toBe(false);
    }
  });

  it("still verifies hashes stored before the hashing gate", async () => {
    expect(await verifyPassword("a passphrase from before the gate", EARLIER_HASH)).toBe(true);
    expect(await checkSignInPassword("a passphrase from before the gate", EARLIER_HASH)).toBe("match");
    expect(await checkSignInPassword("a passphrase from after the gate", EARLIER_HASH)).toBe("mismatch");
  });
});

describe("sign-in password checks", () => {
  it("does a full scrypt check for an unknown account (or an unreadable hash) and never matches", async () => {
    const seen = watchScrypt();
    expect(await checkSignInPassword("tote-and-charm-2026", null)).toBe("mismatch");
    expect(await checkSignInPassword("tote-and-charm-2026", "plain-text-password")).toBe("mismatch");
    // The same work as a real account: scrypt at the current cost, once per check.
    expect(seen.calls).toBe(2);
    expect(seen.costs).toEqual([2 ** SCRYPT_LOG2_N, 2 ** SCRYPT_LOG2_N]);
  });

  it("runs at most as many hashes at once as the machine's cores and memory budget allow", async () => {
    const { concurrency } = env().passwordHashing;
    expect(concurrency).toBeGreaterThanOrEqual(1);
    expect(concurrency).toBeLessThanOrEqual((await import("node:os")).availableParallelism());
    const seen = watchScrypt();
    // Trusted work waits its turn rather than being refused.
    const results = await Promise.all(Array.from({ length: concurrency + 2 }, () => verifyPassword("x", EARLIER_HASH)));
    expect(results.every((r) => r === false)).toBe(true);
    expect(seen.calls).toBe(concurrency + 2);
    expect(seen.most).toBe(concurrency);
  });

  it("answers busy, without hashing, to a sign-in check when every place is taken and the line is full", async () => {
    const { concurrency, queueLimit } = env().passwordHashing;
    expect(queueLimit).toBe(0);
    const seen = watchScrypt();
    const checks = Array.from({ length: concurrency + 1 }, () => checkSignInPassword("a passphrase from before the gate", EARLIER_HASH));
    const results = await Promise.all(checks);
    expect(results.slice(0, concurrency).every((r) => r === "match")).toBe(true);
    expect(results.at(-1)).toBe("busy");
    expect(seen.calls).toBe(concurrency);
  });
});
