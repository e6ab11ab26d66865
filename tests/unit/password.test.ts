import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  KEY_LENGTH,
  SALT_LENGTH,
  SCRYPT_LOG2_N,
  SCRYPT_P,
  SCRYPT_R,
  hashPassword,
  verifyDummyPassword,
  verifyPassword,
} from "~/utils/password.server";

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

  it("does the same work for an unknown account and always says no", async () => {
    const started = performance.now();
    expect(await verifyDummyPassword("tote-and-charm-2026")).toBe(false);
    // scrypt at N=2^17 takes real time; a shortcut would return at once.
    expect(performance.now() - started).toBeGreaterThan(20);
  });
});
