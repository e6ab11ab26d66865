// Behind a load balancer every request comes from the proxy's address. With
// TRUST_PROXY the shop counts sign-in failures per real client; without it a
// client cannot pick its own address with a made-up X-Forwarded-For.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop, type RunningShop } from "../helpers/server";

const EMAIL = "owner@shop.test";

async function failSignIn(shop: RunningShop, forwardedFor: string) {
  const res = await fetch(`${shop.url}/admin/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor, "X-Forwarded-Proto": "https" },
    body: new URLSearchParams({ email: EMAIL, password: `not the password ${forwardedFor}` }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

/** Earlier failures, as if they had just happened: enough that the next try must wait minutes. */
function recordFailures(shop: RunningShop, address: string, count = 12) {
  const db = new Database(shop.databaseFile);
  try {
    const insert = db.prepare("INSERT INTO login_attempts (email, ip_address, succeeded, created_at) VALUES (?, ?, 0, ?)");
    for (let i = 0; i < count; i += 1) insert.run(EMAIL, address, Date.now());
  } finally {
    db.close();
  }
}

function recordedAddresses(shop: RunningShop): string[] {
  const db = new Database(shop.databaseFile, { readonly: true });
  try {
    return (db.prepare("SELECT DISTINCT ip_address AS a FROM login_attempts ORDER BY a").all() as { a: string }[]).map((r) => r.a);
  } finally {
    db.close();
  }
}

describe("without TRUST_PROXY", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.stop());

  it("ignores a spoofed X-Forwarded-For: changing it does not escape the sign-in limit", { timeout: 120_000 }, async () => {
    expect(await failSignIn(shop, "198.51.100.1")).toBe(401);
    // Recorded as the socket's address, whatever the header said…
    expect(recordedAddresses(shop)).toEqual(["127.0.0.1"]);
    // …so once that address has failed often, no made-up header gets it more tries.
    recordFailures(shop, "127.0.0.1");
    expect(await failSignIn(shop, "198.51.100.99")).toBe(429);
    expect(await failSignIn(shop, "192.0.2.1")).toBe(429);
  });
});

describe("with TRUST_PROXY=1 (one nginx in front)", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ env: { TRUST_PROXY: "1" } });
  });
  afterAll(() => shop?.stop());

  it("limits each real client on its own: one client's failures do not lock out another", { timeout: 120_000 }, async () => {
    const attacker = "198.51.100.7";
    expect(await failSignIn(shop, attacker)).toBe(401);
    expect(recordedAddresses(shop)).toEqual([attacker]);
    recordFailures(shop, attacker);
    expect(await failSignIn(shop, attacker)).toBe(429);
    // The attacker's own made-up entry sits left of what the proxy appended: still the attacker.
    expect(await failSignIn(shop, `203.0.113.50, ${attacker}`)).toBe(429);
    // Another shopper behind the same proxy is not held back.
    expect(await failSignIn(shop, "192.0.2.44")).toBe(401);
    expect(recordedAddresses(shop)).toEqual(["192.0.2.44", attacker]);
  });

  it("builds the request's address from the forwarded protocol and host", async () => {
    const res = await fetch(`${shop.url}/cart`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "192.0.2.45",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "shop.example",
        // A same-origin form post as the browser saw it: accepted only if the host is the forwarded one.
        Origin: "https://shop.example",
      },
      body: new URLSearchParams({ intent: "add", sku: "NOPE-NOPE", quantity: "1" }),
      redirect: "manual",
    });
    await res.arrayBuffer();
    expect(res.status).not.toBe(403);
  });
});
