// Sign-ins against the real server (the production build, started by
// startShop) when many arrive at once: password hashing waits in a short line,
// a sign-in the line cannot take gets 503 with Retry-After, the process's
// memory stays bounded and shop pages keep answering. Each sign-in comes from
// its own loopback address (127.0.0.x), as separate clients would.
import { recordFigures } from "../helpers/figures";
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SIGN_IN_BUSY } from "~/domain/staff";
import { startShop, type RunningShop } from "../helpers/server";

const OWNER = { email: "owner@shop.test", password: "a long owner passphrase" };
const MB = 1024 * 1024;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request from a given loopback address, without keep-alive. */
function send(shop: RunningShop, path: string, options: { from?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: Record<string, string> = { Connection: "close" };
  if (body) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(body));
    // Like a browser submitting the form without JavaScript.
    headers["Sec-Fetch-Mode"] = "navigate";
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: shop.port, path, method: body ? "POST" : "GET", headers, localAddress: options.from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function signInFrom(shop: RunningShop, address: string, password = OWNER.password) {
  return send(shop, "/admin/login", { from: address, form: { email: OWNER.email, password } });
}

/** A process's resident memory now and at its highest (VmRSS, VmHWM), in bytes. */
function memoryOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

const shops: RunningShop[] = [];

async function shopWith(env: Record<string, string> = {}) {
  const shop = await startShop({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, ...env } });
  shops.push(shop);
  return shop;
}

afterAll(async () => {
  await Promise.all(shops.map((s) => s.stop()));
});

describe("sign-ins when the password hashing line is full", () => {
  it("answers 503 with Retry-After and the busy message, counts no failure, and lets the same address in later", { timeout: 180_000 }, async () => {
    // No waiting line: a sign-in beyond the hashes already running is refused at once.
    const shop = await shopWith({ SIGN_IN_QUEUE_LENGTH: "0" });
    const addresses = Array.from({ length: 6 }, (_, i) => `127.0.0.${20 + i}`);
    const answers = await Promise.all(addresses.map((a) => signInFrom(shop, a)));

    const busy = answers.flatMap((answer, i) => (answer.status === 503 ? [{ answer, address: addresses[i]! }] : []));
    expect(busy.length, answers.map((a) => a.status).join(",")).toBeGreaterThan(0);
    for (const { answer } of busy) {
      expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(answer.body).toContain(SIGN_IN_BUSY);
      expect(answer.headers["set-cookie"] ?? []).not.toContainEqual(expect.stringMatching(/^__Host-admin=./));
    }
    // Everyone else got in.
    expect(answers.filter((a) => a.status !== 503).map((a) => a.status)).toEqual(answers.filter((a) => a.status !== 503).map(() => 303));

    // A busy answer is no failed attempt: nothing recorded for that address, and it gets in once the line is free.
    const { address } = busy[0]!;
    const file = new Database(shop.databaseFile, { readonly: true });
    try {
      expect(file.prepare("SELECT count(*) AS n FROM login_attempts WHERE ip_address = ?").get(address)).toEqual({ n: 0 });
    } finally {
      file.close();
    }
    expect((await signInFrom(shop, address)).status).toBe(303);
  });
});

describe("memory under a sign-in flood", () => {
  it("50 concurrent sign-ins keep the server under 450 MB resident, and a shop page answers meanwhile", { timeout: 300_000 }, async () => {
    const shop = await shopWith();
    const pid = shop.process.pid!;
    let highest = memoryOf(pid).rss;
    const sampler = setInterval(() => {
      try {
        highest = Math.max(highest, memoryOf(pid).rss);
      } catch {
        // The process is gone; the assertion below says so.
      }
    }, 25);
    let pageStatus = 0;
    let answers: Answer[] = [];
    try {
      const flood = Promise.all(Array.from({ length: 50 }, (_, i) => signInFrom(shop, `127.0.0.${100 + i}`)));
      // A shopper looks at the home page while the sign-ins are being checked.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const page = await send(shop, "/");
      answers = await flood;
      pageStatus = page.status;
      expect(page.status).toBe(200);
    } finally {
      clearInterval(sampler);
    }
    const { peak } = memoryOf(pid);
    expect(Math.max(peak, highest) / MB).toBeLessThan(450);
    recordFigures("hardening", (previous) => ({
      ...previous,
      signInMemory: {
        concurrentSignIns: 50,
        peakRssMb: Math.round(Math.max(peak, highest) / MB),
        boundMb: 450,
        busy503: answers.filter((a) => a.status === 503).length,
        pageStatus,
        recordedAt: new Date().toISOString(),
      },
    }));
  });
});
