// Crash safety: a real server process takes checkouts and Stripe webhooks and
// is killed with SIGKILL at a random moment, then started again on the same
// file, over and over (CRASH_CYCLES, 50 here; `npm run crash-loop -- 500` for
// more). After each kill: PRAGMA integrity_check is ok, every webhook the shop
// answered 2xx is applied (its order paid, its event recorded), and no order
// is half-applied (stock, holds, ledger and order status agree).
// Then graceful shutdown: SIGTERM lets a slow in-flight request finish, the
// process exits 0 and the database is closed with its WAL checkpointed.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import Database from "better-sqlite3";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "../helpers/figures";
import { startShop, tempDatabaseFile } from "../helpers/server";
import { checkStockBooks } from "../helpers/stock-invariants";
import { startStripeStandIn, stripeEvent, type StripeStandIn } from "../helpers/stripe-stand-in";

const CYCLES = Number(process.env.CRASH_CYCLES ?? 50);
const SECRET = "whsec_crash_test_secret";
const SKUS = ["TOT-VCT-CREAM", "MIC-HRT-GOLD", "TOT-CRO-FOREST"];

let standIn: StripeStandIn;
const signer = new Stripe("sk_test_crash");

beforeAll(async () => {
  standIn = await startStripeStandIn();
});
afterAll(() => standIn?.close());

function stripeEnv() {
  return { STRIPE_SECRET_KEY: "sk_test_crash", STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_API_BASE: standIn.url, ALLOW_TEST_PAYMENTS: "" };
}

function paidSession(session: Record<string, any>) {
  return {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${session.id.slice(-16)}`,
    customer_details: { ...session.customer_details, email: "crash@example.com", name: "Crash Test" },
    collected_information: {
      shipping_details: { name: "Crash Test", address: { line1: "1 Kill St", line2: null, city: "Sigkill", state: null, postal_code: "9", country: "GB" } },
    },
  };
}

/** POST a signed webhook; resolves with the status, or null when the connection died. */
async function deliver(url: string, event: object): Promise<number | null> {
  const payload = JSON.stringify(event);
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret: SECRET });
  return new Promise((resolve) => {
    const req = http.request(`${url}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature, "Content-Length": Buffer.byteLength(payload) },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? null));
      res.on("error", () => resolve(null));
    });
    req.on("error", () => resolve(null));
    req.end(payload);
  });
}

/** A form POST with a cookie; null when the connection died. */
function post(url: string, path: string, form: Record<string, string>, cookie: string) {
  const body = new URLSearchParams(form).toString();
  return new Promise<{ status: number; location: string; cookie: string } | null>((resolve) => {
    const req = http.request(`${url}${path}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        "Sec-Fetch-Mode": "navigate",
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
    req.on("response", (res) => {
      res.resume();
      const set = (res.headers["set-cookie"] ?? []).map((c) => c.split(";", 1)[0]!).find((c) => c.startsWith("cart="));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ""), cookie: set ?? cookie }));
      res.on("error", () => resolve(null));
    });
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

/**
 * One shopper's next step: fill the cart (two bags), or check out a full one.
 * Carts live in the database, so a shopper carries on after a restart.
 * Resolves with the Stripe session id when a checkout reached Stripe.
 */
async function shopperStep(url: string, shopper: { cookie: string; items: number; n: number }): Promise<string | null | undefined> {
  if (shopper.items < 2) {
    const res = await post(url, "/cart", { intent: "add", sku: SKUS[(shopper.n + shopper.items) % SKUS.length]!, quantity: "1" }, shopper.cookie);
    if (res === null) return null;
    shopper.cookie = res.cookie;
    if (res.status === 303) shopper.items += 1;
    return undefined;
  }
  const res = await post(url, "/checkout", {}, shopper.cookie);
  if (res === null) return null;
  const session = /\/c\/pay\/(cs_test_\w+)/.exec(res.location)?.[1];
  if (session) {
    // A new shopper takes this one's place.
    shopper.cookie = "";
    shopper.items = 0;
    shopper.n += 3;
  }
  return session ?? undefined;
}

interface Books {
  integrity: string;
  problems: string[];
  unpaidAcknowledged: string[];
  orders: number;
  paid: number;
}

function inspect(file: string, acknowledged: Map<string, string>): Books {
  // Opening the file after the kill replays its WAL, as the next start would.
  const db = new Database(file);
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const problems = checkStockBooks(db).problems;
    const unpaidAcknowledged: string[] = [];
    const order = db.prepare("SELECT status FROM orders WHERE stripe_session_id = ?");
    const event = db.prepare("SELECT 1 FROM stripe_events WHERE id = ?");
    for (const [sessionId, eventId] of acknowledged) {
      const row = order.get(sessionId) as { status: string } | undefined;
      if (!row || !["paid", "partially_refunded", "refunded"].includes(row.status) || !event.get(eventId)) {
        unpaidAcknowledged.push(`${sessionId}: ${row?.status ?? "missing"}`);
      }
    }
    const counts = db.prepare("SELECT count(*) AS orders, sum(status = 'paid') AS paid FROM orders").get() as { orders: number; paid: number | null };
    return { integrity, problems, unpaidAcknowledged, orders: counts.orders, paid: counts.paid ?? 0 };
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("crash safety", () => {
  it(`survives ${CYCLES} SIGKILLs in the middle of checkouts and webhooks`, async () => {
    const file = tempDatabaseFile("shop-crash-");
    const acknowledged = new Map<string, string>(); // session id → event id answered 2xx
    const awaitingPayment: string[] = [];
    const figures = { cycles: 0, integrityOk: 0, requestsCut: 0, checkoutsStarted: 0, webhooksAcknowledged: 0, replaysAcknowledged: 0, orders: 0, paid: 0, problems: 0 };
    const shoppers = Array.from({ length: 4 }, (_, n) => ({ cookie: "", items: 0, n }));

    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      const shop = await startShop({ databaseFile: file, env: stripeEnv() });
      const work: Promise<void>[] = [];
      for (const shopper of shoppers) {
        work.push(
          shopperStep(shop.url, shopper).then((session) => {
            if (session) {
              figures.checkoutsStarted += 1;
              awaitingPayment.push(session);
            } else if (session === null) figures.requestsCut += 1;
          }),
        );
      }
      for (const sessionId of awaitingPayment.splice(0, 4)) {
        const event = stripeEvent("checkout.session.completed", paidSession(standIn.sessions.get(sessionId)!));
        work.push(
          deliver(shop.url, event).then((status) => {
            if (status !== null && status >= 200 && status < 300) {
              acknowledged.set(sessionId, event.id);
              figures.webhooksAcknowledged += 1;
            } else {
              // Not acknowledged: Stripe would send it again.
              if (status === null) figures.requestsCut += 1;
              awaitingPayment.push(sessionId);
            }
          }),
        );
      }
      // Stripe retries: an event already acknowledged, sent again, changes nothing.
      const replay = [...acknowledged][cycle % Math.max(1, acknowledged.size)];
      if (replay) {
        const event = { ...stripeEvent("checkout.session.completed", paidSession(standIn.sessions.get(replay[0])!)), id: replay[1] };
        work.push(deliver(shop.url, event).then((status) => void (status === 200 && (figures.replaysAcknowledged += 1))));
      }

      // The kill lands anywhere: before the first answer, between writes, after all of them.
      // (A cycle's requests take some 300–900 ms on a fresh process.)
      await sleep(Math.floor(Math.random() * 700));
      await shop.stop("SIGKILL");
      await Promise.all(work);

      const books = inspect(file, acknowledged);
      figures.cycles += 1;
      if (books.integrity === "ok") figures.integrityOk += 1;
      figures.problems += books.problems.length + books.unpaidAcknowledged.length;
      figures.orders = books.orders;
      figures.paid = books.paid;
      expect(books.integrity, `cycle ${cycle}`).toBe("ok");
      expect(books.problems, `cycle ${cycle}`).toEqual([]);
      expect(books.unpaidAcknowledged, `cycle ${cycle}`).toEqual([]);
    }

    console.log(
      `crash safety: ${figures.cycles} SIGKILL cycles, integrity ok ${figures.integrityOk}/${figures.cycles}, ${figures.requestsCut} requests cut off, ` +
        `${figures.checkoutsStarted} checkouts, ${figures.webhooksAcknowledged} webhooks acknowledged (all paid), ${figures.orders} orders, ${figures.problems} problems`,
    );
    recordFigures(CYCLES >= 100 ? "crashLoop" : "crashSafety", figures);
    expect(figures.webhooksAcknowledged).toBeGreaterThan(0);
  }, 60_000 + CYCLES * 5_000);

  it("on SIGTERM finishes a slow in-flight request, exits 0 and closes the database", async () => {
    const shop = await startShop();
    // A cart form whose body arrives slowly: half now, half after SIGTERM.
    const body = "intent=add&sku=TOT-VCT-CREAM&quantity=1";
    const socket = net.connect(shop.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    const closed = new Promise((r) => socket.once("close", r));
    socket.write(
      `POST /cart HTTP/1.1\r\nHost: 127.0.0.1:${shop.port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Sec-Fetch-Mode: navigate\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(150);
    const exited = shop.stop("SIGTERM");
    await sleep(300);
    // Still running: it waits for this request.
    expect(shop.process.exitCode).toBeNull();
    // New connections are no longer accepted.
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(shop.port, "127.0.0.1");
      probe.once("connect", () => (probe.destroy(), resolve(false)));
      probe.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
    socket.write(body.slice(10));
    const code = await exited;
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 303 /);
    expect(answer).toMatch(/\r\nLocation: \/cart\r\n/i);
    expect(code).toBe(0);
    expect(shop.output()).toMatch(/SIGTERM: finishing in-flight requests/);
    // It stopped because the last request finished, not on the 10-second fallback.
    expect(shop.output()).toMatch(/Stopped: in-flight requests finished, database closed\./);
    // Closed cleanly: the WAL was checkpointed into the file and removed.
    const wal = `${shop.databaseFile}-wal`;
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    const db = new Database(shop.databaseFile, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((db.prepare("SELECT count(*) AS n FROM cart_lines").get() as { n: number }).n).toBe(1);
    db.close();
    recordFigures("gracefulShutdown", { exitCode: code, inFlightCompleted: true, walLeft: fs.existsSync(wal) ? fs.statSync(wal).size : 0 });
  }, 30_000);
});
