// Sign-in throttling: only failures count, per email and address and per address, with waits that double.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { FREE_FAILURES_PER_EMAIL_AND_ADDRESS, SIGN_IN_WINDOW_MS } from "~/domain/sign-in-throttle";
import { signInThrottledMessage } from "~/domain/staff";
import { recordFigures } from "../helpers/figures";
import { loginAttempts, staff } from "../../db/schema";
import { db } from "../helpers/db";
import { adminCookieFrom, createStaffAccounts, nextAddress, signInRequest, STAFF } from "../helpers/admin-auth";

// A loaded test machine can take seconds per hash: sign-ins here wait their
// turn rather than being refused as busy (tests/integration/sign-in-load.test.ts
// covers the refusal).
vi.hoisted(() => {
  process.env.SIGN_IN_QUEUE_WAIT_MS = "60000";
});
// Each full-cost hash takes 1–5 s on a shared 2-core machine; several sign-ins add up.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  await createStaffAccounts();
});

afterEach(() => {
  vi.useRealTimers();
});

const STAFF_FIELDS = { email: STAFF.email, password: STAFF.password };

/**
 * A fresh account for one test, so other tests' failures do not weigh on it.
 * Its hash is made at a lower scrypt cost (2^14, as an older row might have;
 * the stored string says which), so that the many sign-ins here stay quick.
 */
function freshAccount(name: string, role: "owner" | "staff" = "staff") {
  const account = { email: `${name}@shop.test`, password: `${name} passphrase 2026` };
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(account.password, salt, 64, { N: 2 ** 14, r: 8, p: 1 });
  const now = Date.now();
  db.insert(staff)
    .values({ email: account.email, name, role, passwordHash: `scrypt$14$8$1$${salt.toString("base64")}$${key.toString("base64")}`, createdAt: now, updatedAt: now })
    .run();
  return account;
}

/** Freeze the clock, so a delay the rule asks for is still running at the next request. */
function freezeClock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now());
  return (ms: number) => vi.setSystemTime(Date.now() + ms);
}

async function expectThrottled(res: Response, retryAfterSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get("Retry-After")).toBe(String(retryAfterSeconds));
  expect(await res.json()).toMatchObject({ message: signInThrottledMessage(retryAfterSeconds) });
  expect(adminCookieFrom(res)).toBeNull();
}

describe("sign-in throttling (only failures count)", () => {
  it("never counts successful sign-ins: 15 from one address and 15 from as many addresses all succeed", { timeout: 180_000 }, async () => {
    const account = freshAccount("busyday");
    const address = nextAddress();
    for (let i = 1; i <= 15; i += 1) {
      const res = await signInRequest(account, { address });
      expect(res.status, `sign-in ${i} from one address`).toBe(303);
    }
    // Many people at once (as many as the hashing line takes), each from their own address.
    const addresses = Array.from({ length: 15 }, nextAddress);
    for (let batch = 0; batch < addresses.length; batch += 5) {
      const statuses = await Promise.all(addresses.slice(batch, batch + 5).map((a) => signInRequest(account, { address: a })));
      expect(statuses.map((r) => r.status)).toEqual(statuses.map(() => 303));
    }
    const rows = db.select().from(loginAttempts).where(eq(loginAttempts.email, account.email)).all();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.succeeded)).toBe(true);
  });

  it("slows one address's repeated failures for one email: 5 free, then a wait of 1 s, 2 s, 4 s… after the latest", { timeout: 120_000 }, async () => {
    const account = freshAccount("guessed");
    const address = nextAddress();
    const advance = freezeClock();
    for (let i = 1; i <= 5; i += 1) {
      expect((await signInRequest({ email: account.email, password: `wrong guess ${i}` }, { address })).status, `guess ${i}`).toBe(401);
    }
    const attemptsBefore = db.select().from(loginAttempts).all().length;
    // Even the right password waits: a refusal must not tell whether a guess was right.
    await expectThrottled(await signInRequest(account, { address }), 1);
    // A refused attempt is not recorded, so waiting is enough.
    expect(db.select().from(loginAttempts).all()).toHaveLength(attemptsBefore);

    advance(1_000);
    expect((await signInRequest({ email: account.email, password: "wrong guess 6" }, { address })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: account.email, password: "wrong guess 7" }, { address }), 2);
    advance(2_000);
    expect((await signInRequest({ email: account.email, password: "wrong guess 7" }, { address })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: account.email, password: "wrong guess 8" }, { address }), 4);

    // The same address is not held back for another account…
    expect((await signInRequest(STAFF_FIELDS, { address })).status).toBe(303);
    // …and once the wait is over, the right password signs in and clears the slate here.
    advance(4_000);
    expect((await signInRequest(account, { address })).status).toBe(303);
    expect((await signInRequest({ email: account.email, password: "a typo after signing in" }, { address })).status).toBe(401);
    expect((await signInRequest(account, { address })).status).toBe(303);
  });

  it("lets the owner in at once from a new address while others hammer the owner's email, and slows only them", { timeout: 120_000 }, async () => {
    // A second owner, disabled afterwards: other tests need a single active owner.
    const owner = freshAccount("besieged", "owner");
    onTestFinished(() => {
      db.update(staff).set({ disabledAt: Date.now() }).where(eq(staff.email, owner.email)).run();
    });
    const advance = freezeClock();
    const [first, ...others] = Array.from({ length: 6 }, nextAddress);
    for (let i = 1; i <= 5; i += 1) {
      expect((await signInRequest({ email: owner.email, password: `guess ${i}` }, { address: first })).status).toBe(401);
    }
    for (const address of others) {
      expect((await signInRequest({ email: owner.email, password: `guess from ${address}` }, { address })).status).toBe(401);
    }
    // Ten failures: the email is under attack. Every address that failed waits after
    // one failure, twice as long for each further one (2^4 s for the first).
    await expectThrottled(await signInRequest({ email: owner.email, password: "guess 6" }, { address: first }), 16);
    for (const address of others) {
      await expectThrottled(await signInRequest({ email: owner.email, password: "another guess" }, { address }), 1);
    }
    // The owner, from an address that has not failed, is let straight in, and again.
    expect((await signInRequest(owner, { address: nextAddress() })).status).toBe(303);
    expect((await signInRequest(owner, { address: nextAddress() })).status).toBe(303);
    // The attack goes on: the attacker's wait keeps growing.
    advance(16_000);
    expect((await signInRequest({ email: owner.email, password: "guess 6" }, { address: first })).status).toBe(401);
    await expectThrottled(await signInRequest({ email: owner.email, password: "guess 7" }, { address: first }), 32);
    vi.useRealTimers(); // the figures file's lock waits on the real clock
    recordFigures("hardening", (previous) => ({
      ...previous,
      signIn: { attackingAddresses: 6, failedGuesses: 11, ownerSignInsFromNewAddresses: 2, ownerRefused: 0, attackerWaitSeconds: 32, recordedAt: new Date().toISOString() },
    }));
  });

  it("slows an address that fails for many emails (password spraying), for any email, but not other addresses", async () => {
    const advance = freezeClock();
    const address = nextAddress();
    const now = Date.now();
    db.insert(loginAttempts)
      .values(Array.from({ length: 21 }, (_, i) => ({ email: `sprayed${i}@shop.test`, ipAddress: address, succeeded: false, createdAt: now - 1_000 })))
      .run();
    // 21 failures, 20 free: a wait of 2 s after the latest, 1 s of it gone.
    await expectThrottled(await signInRequest(STAFF_FIELDS, { address }), 1);
    expect((await signInRequest(STAFF_FIELDS)).status).toBe(303);
    advance(1_000);
    expect((await signInRequest(STAFF_FIELDS, { address })).status).toBe(303);
  });

  it("forgets failures older than the window", async () => {
    const account = freshAccount("forgiven");
    const advance = freezeClock();
    const address = nextAddress();
    db.insert(loginAttempts)
      .values(Array.from({ length: 12 }, () => ({ email: account.email, ipAddress: address, succeeded: false, createdAt: Date.now() })))
      .run();
    expect((await signInRequest(account, { address })).status).toBe(429);
    advance(SIGN_IN_WINDOW_MS + 1);
    expect((await signInRequest(account, { address })).status).toBe(303);
  });

  it("checks the rule before the password: parallel guesses cannot slip past", { timeout: 60_000 }, async () => {
    const account = freshAccount("parallel");
    const address = nextAddress();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInRequest({ email: account.email, password: `guess guess ${i}` }, { address })),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_FAILURES_PER_EMAIL_AND_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - FREE_FAILURES_PER_EMAIL_AND_ADDRESS);
  });
});
