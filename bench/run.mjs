// npm run bench: the shop's performance figures, measured side by side in one run.
//
// Builds the app if needed, starts the production server (node build/index.js)
// on fresh temporary databases and ephemeral ports, loads it with autocannon and
// 200 scripted shoppers, scores pages with Lighthouse (Debian's Chromium), prints
// each figure beside its target and writes bench/results.json.
//
//   npm run bench                      the full run (about 6 minutes)
//   npm run bench -- --quick           shorter load runs, one Lighthouse run per page
//   npm run bench -- --no-lighthouse   everything else
//   npm run bench -- --only=drop       some sections: load, tail, drop, weight, profile, lighthouse, statements
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- --only=load   profiles the servers
//
// The runs that form a ratio (shop vs bare server, tenfold vs normal catalog,
// add to cart vs product page, two processes vs one) are interleaved round by
// round, and each ratio is the median of its per-round ratios, so that what
// the rest of the machine is doing weighs on both sides alike.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./build.mjs";
import zlib from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { growCatalog } from "./grow-catalog.mjs";
import { kb, weighPage } from "./page-weight.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = new Set(process.argv.slice(2));
const QUICK = argv.has("--quick");
const LIGHTHOUSE = !argv.has("--no-lighthouse");
// --only=load,drop,weight,lighthouse,statements: a partial run (for profiling; results.json is left alone).
const ONLY = (() => {
  const arg = process.argv.find((a) => a.startsWith("--only="));
  return arg ? new Set(arg.slice("--only=".length).split(",")) : null;
})();
const want = (section) => (ONLY ? ONLY.has(section) : section !== "lighthouse" || LIGHTHOUSE);

const CONNECTIONS = 50;
const ROUNDS = QUICK ? 2 : 5;
const SECONDS = QUICK ? 2 : 4;
const WARMUP_SECONDS = QUICK ? 1 : 3;
const LIGHTHOUSE_RUNS = QUICK ? 1 : 3;
const CHROMIUM = "/usr/bin/chromium";

const TOTE_PAGE = "/products/vegan-leather-city-tote";
const CART_SKU = "TOT-VCT-BLACK"; // the tote on that page, black
const DROP_SKU = "MIC-LTD-CHAMPAGNE"; // the limited Holiday Glitter Micro Duffle
const DROP_STOCK = 20;
const DROP_SHOPPERS = 500;
// Page views during the drop: this many connections on the limited bag's own page.
const DROP_PAGE_CONNECTIONS = 10;
const OUTPUT = path.join(ROOT, "bench/output");

const TARGETS = {
  // Issue 15: the tote page from the page cache (a first visit), and with a cart (rendered).
  productShareOfBare: 0.25,
  productP99Ms: 50,
  cartProductShareOfBare: 0.04,
  cartProductP99Ms: 250,
  dropPageShareOfQuiet: 0.8,
  tenfoldShare: 0.8,
  addToCartRatio: 1.0,
  dropOrders: DROP_STOCK,
  dropOversold: 0,
  drop5xx: 0,
  dropCheckoutsPerSecond: 250,
  twoProcessRatio: 1.6,
  productJsGzipKb: 95,
  lighthouse: 100,
  peakRssMb: 200,
};

// What a browser sends for a page (a real browser's User-Agent, so the shop
// counts suggestion impressions as it would for a shopper).
const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-GB,en;q=0.9",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
};

const SERVER_ENV = {
  NODE_ENV: "production",
  // A line per request would be kept in this process's memory (waitForLine reads stdout).
  ACCESS_LOG: "0",
  ALLOW_TEST_PAYMENTS: "1",
  SESSION_SECRET: "bench-session-secret-at-least-32-characters-long",
  HOST: "127.0.0.1",
  PORT: "0",
};

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "tote-bench-"));
const running = new Set();

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// ------------------------------------------------------------------ build, databases, servers


function serverEnv(databaseFile, extra = {}) {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...SERVER_ENV, DATABASE_URL: databaseFile, ...extra };
}

/** A migrated, seeded database; copies of it are the bench's databases. */
function seededDatabase() {
  const file = path.join(TMP, "seed", "shop.sqlite");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(process.execPath, ["build/index.js", "--seed-only"], { cwd: ROOT, env: serverEnv(file), stdio: "ignore" });
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return file;
}

function copyDatabase(seed, name, change) {
  const file = path.join(TMP, name, "shop.sqlite");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(seed, file);
  if (change) {
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    try {
      return { file, ...change(sqlite) };
    } finally {
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.close();
    }
  }
  return { file };
}

function childPids(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU time (user + system) a process has used so far, in seconds. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function waitForLine(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 180_000);
    const onData = (data) => {
      output += data;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (data) => (output += data));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output}`));
    });
  });
}

function track(child, name) {
  const entry = {
    name,
    child,
    stop: () =>
      new Promise((resolve) => {
        running.delete(entry);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
      }),
  };
  running.add(entry);
  return entry;
}

// The node flags `npm start` runs the shop with (the heap cap), so the bench measures that process.
const START_NODE_FLAGS = (() => {
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const match = /\bnode((?: --\S+)*) build\/index\.js/.exec(start);
  if (!match) throw new Error(`package.json's start script does not run "node … build/index.js": ${start}`);
  return match[1].split(" ").filter(Boolean);
})();

// (4) A server started with loop stats has bench/loop-monitor.mjs preloaded; serverStats() reads them.
function loopStatsOptions(name) {
  const statsFile = path.join(TMP, `loop-stats-${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  return { nodeArgs: ["--import", path.join(ROOT, "bench/loop-monitor.mjs")], env: { BENCH_LOOP_STATS_FILE: statsFile }, statsFile };
}

/** What the server's loop saw since the previous call (SIGUSR2 to bench/loop-monitor.mjs). */
async function serverStats(server) {
  const last = server.statsSeq ?? 0;
  server.child.kill("SIGUSR2");
  for (let i = 0; i < 500; i += 1) {
    try {
      const stats = JSON.parse(fs.readFileSync(server.statsFile, "utf8"));
      if (stats.seq > last) {
        server.statsSeq = stats.seq;
        return stats;
      }
    } catch {
      // not written yet
    }
    await sleep(10);
  }
  return null;
}

async function startShop(name, databaseFile, webConcurrency = 1, { loopStats = false } = {}) {
  const stats = loopStats ? loopStatsOptions(name) : null;
  const nodeArgs = [...START_NODE_FLAGS, ...(stats?.nodeArgs ?? []), ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, "build/index.js"], {
    cwd: ROOT,
    env: serverEnv(databaseFile, { WEB_CONCURRENCY: String(webConcurrency), ...stats?.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const entry = track(child, name);
  entry.statsFile = stats?.statsFile;
  const [, port] = await waitForLine(child, /Shop listening on \S+ \(port (\d+)/, name);
  // Every worker up before the first measurement.
  for (let i = 0; i < 100 && webConcurrency > 1 && childPids(child.pid).length < webConcurrency; i += 1) await sleep(100);
  if (webConcurrency > 1) await sleep(1000);
  const origin = `http://127.0.0.1:${port}`;
  return {
    ...entry,
    origin,
    databaseFile,
    /** The processes that serve requests: the workers when clustered. */
    servingPids: () => (webConcurrency > 1 ? childPids(child.pid) : [child.pid]),
  };
}

async function startBare(responseFile, bodyFile, { loopStats = false } = {}) {
  const stats = loopStats ? loopStatsOptions("bare") : null;
  const child = spawn(process.execPath, [...(stats?.nodeArgs ?? []), path.join(ROOT, "bench/bare-server.mjs"), responseFile, bodyFile], {
    env: { ...process.env, ...stats?.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const entry = track(child, "bare server");
  entry.statsFile = stats?.statsFile;
  const [, port] = await waitForLine(child, /listening on port (\d+)/, "bare server");
  return { ...entry, origin: `http://127.0.0.1:${port}` };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ HTTP helpers

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request; the body is returned as received (not decompressed). */
function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function decoded(response) {
  const encoding = response.headers["content-encoding"];
  if (encoding === "gzip") return zlib.gunzipSync(response.body);
  if (encoding === "br") return zlib.brotliDecompressSync(response.body);
  if (encoding === "deflate") return zlib.inflateSync(response.body);
  return response.body;
}

function form(fields) {
  return new URLSearchParams(fields).toString();
}

function cookiePair(response, name = "cart") {
  for (const header of response.headers["set-cookie"] ?? []) {
    const pair = header.split(";", 1)[0];
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function summarise(result) {
  return {
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ------------------------------------------------------------------ measurements

/** (a), (b), (c), (e): interleaved load runs. */
async function loadRounds(runs) {
  for (const run of runs) {
    log(`warm-up: ${run.label}`);
    await cannon({ ...run.options, duration: WARMUP_SECONDS });
  }
  const results = Object.fromEntries(runs.map((r) => [r.key, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    // Rotate the order so no run always follows the same neighbour.
    const order = runs.map((_, i) => runs[(i + round) % runs.length]);
    for (const run of order) {
      const summary = summarise(await cannon(run.options));
      results[run.key].push(summary);
      log(`round ${round + 1}/${ROUNDS} ${run.label}: ${summary.requestsPerSecond} req/s, p99 ${summary.p99Ms} ms${summary.non2xx || summary.errors ? `, ${summary.non2xx} non-2xx, ${summary.errors} errors` : ""}`);
    }
  }
  return results;
}

function combine(rounds) {
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    worstP99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    rounds: rounds.map((r) => r.requestsPerSecond),
  };
}

function ratio(results, top, bottom) {
  return median(results[top].map((r, i) => r.requestsPerSecond / results[bottom][i].requestsPerSecond));
}

/** (d): 200 shoppers at once, each trying to buy one unit of the limited micro bag. */
async function drop(shop) {
  const url = (p) => shop.origin + p;
  const fetchHeaders = { origin: shop.origin, "content-type": "application/x-www-form-urlencoded", accept: "*/*", "user-agent": BROWSER_HEADERS["user-agent"] };
  const navigate = { origin: shop.origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_HEADERS["user-agent"] };
  const cpuBefore = shop.servingPids().reduce((n, pid) => n + cpuSeconds(pid), 0);
  const stats = { status5xx: 0, failures: 0, addsRefused: 0, checkouts: 0, turnedAwayAtCheckout: 0, paid: 0, firstCheckoutStart: Infinity, lastCheckoutEnd: 0, paidAt: [] };
  const start = performance.now();
  const count = (response) => {
    if (response.status >= 500) stats.status5xx += 1;
    return response;
  };

  async function shopper(i) {
    try {
      // Add to cart as the product page's button sends it (with JavaScript),
      // then check out and pay with the pages' plain HTML forms.
      const added = count(await request(url("/cart?_data=routes%2Fcart"), { method: "POST", headers: fetchHeaders, body: form({ intent: "add", sku: DROP_SKU, quantity: "1" }) }));
      const cookie = cookiePair(added);
      if (added.status !== 200 || !cookie) {
        stats.addsRefused += 1;
        return;
      }
      const checkoutStart = performance.now() - start;
      stats.firstCheckoutStart = Math.min(stats.firstCheckoutStart, checkoutStart);
      const checkout = count(await request(url("/checkout"), { method: "POST", headers: { ...navigate, cookie, "content-length": "0" }, body: "" }));
      stats.checkouts += 1;
      stats.lastCheckoutEnd = Math.max(stats.lastCheckoutEnd, performance.now() - start);
      const location = checkout.headers.location ?? "";
      const sessionId = new URL(location, shop.origin).searchParams.get("session_id");
      if (checkout.status !== 303 || !location.startsWith("/checkout/test-payment") || !sessionId) {
        stats.turnedAwayAtCheckout += 1;
        return;
      }
      const paid = count(
        await request(url(location), {
          method: "POST",
          headers: { ...navigate, cookie },
          body: form({ intent: "pay", session_id: sessionId, email: `shopper${i}@example.com`, name: `Shopper ${i}`, line1: "1 Market Street", city: "Springfield", postal_code: "12345", country: "US" }),
        }),
      );
      if (paid.status === 303 && (paid.headers.location ?? "").startsWith("/checkout/success")) {
        stats.paid += 1;
        stats.paidAt.push(performance.now() - start);
      } else {
        stats.failures += 1;
      }
    } catch (error) {
      stats.failures += 1;
      if (stats.failures === 1) log(`drop: a shopper failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  await Promise.all(Array.from({ length: DROP_SHOPPERS }, (_, i) => shopper(i)));
  const seconds = (performance.now() - start) / 1000;
  const serverCpuSeconds = shop.servingPids().reduce((n, pid) => n + cpuSeconds(pid), 0) - cpuBefore;

  const sqlite = new Database(shop.databaseFile, { readonly: true });
  const paidStatuses = "('paid', 'partially_refunded', 'refunded')";
  const orders = sqlite.prepare(`SELECT count(DISTINCT o.id) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status IN ${paidStatuses} AND l.sku = ?`).get(DROP_SKU).n;
  const units = sqlite.prepare(`SELECT coalesce(sum(l.quantity), 0) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status IN ${paidStatuses} AND l.sku = ?`).get(DROP_SKU).n;
  const stock = sqlite.prepare("SELECT stock_on_hand AS onHand, stock_held AS held FROM variants WHERE sku = ?").get(DROP_SKU);
  sqlite.close();

  const checkoutSeconds = (stats.lastCheckoutEnd - stats.firstCheckoutStart) / 1000;
  stats.paidAt.sort((a, b) => a - b);
  return {
    shoppers: DROP_SHOPPERS,
    stock: DROP_STOCK,
    ordersPlaced: orders,
    unitsSold: units,
    unitsOversold: Math.max(0, units - DROP_STOCK),
    stockLeft: stock,
    responses5xx: stats.status5xx,
    shopperErrors: stats.failures,
    addsRefused: stats.addsRefused,
    checkouts: stats.checkouts,
    turnedAwayAtCheckout: stats.turnedAwayAtCheckout,
    // Shoppers through the drop per second: each one's checkout attempt ends
    // paid, or told the bag is gone (at add to cart, checkout or payment).
    // Counted over the whole drop, not the checkout requests alone, whose
    // number depends on how the adds and checkouts happen to interleave.
    checkoutsPerSecond: Math.round(DROP_SHOPPERS / seconds),
    checkoutRequestsPerSecond: checkoutSeconds > 0 ? Math.round(stats.checkouts / checkoutSeconds) : null,
    soldOutAfterMs: stats.paidAt.length >= DROP_STOCK ? Math.round(stats.paidAt[DROP_STOCK - 1]) : null,
    dropSeconds: Math.round(seconds * 100) / 100,
    serverCpuSeconds: Math.round(serverCpuSeconds * 100) / 100,
  };
}

async function dropRun(seed, webConcurrency) {
  const { file } = copyDatabase(seed, `drop-${webConcurrency}`, (sqlite) => {
    const changed = sqlite.prepare("UPDATE variants SET stock_on_hand = ?, stock_held = 0 WHERE sku = ?").run(DROP_STOCK, DROP_SKU).changes;
    if (changed !== 1) throw new Error(`no variant ${DROP_SKU} to drop`);
    return {};
  });
  const shop = await startShop(`drop server (${webConcurrency} process${webConcurrency > 1 ? "es" : ""})`, file, webConcurrency);
  try {
    await cannon({ url: shop.origin + TOTE_PAGE, headers: BROWSER_HEADERS, connections: 10, duration: WARMUP_SECONDS });
    // The limited bag's own page, viewed by first-time visitors: quiet, then during the drop.
    const sqlite = new Database(file, { readonly: true });
    const dropPage = `/products/${sqlite.prepare("SELECT p.slug FROM products p JOIN variants v ON v.product_id = p.id WHERE v.sku = ?").get(DROP_SKU).slug}`;
    sqlite.close();
    const pageViews = { url: shop.origin + dropPage, headers: BROWSER_HEADERS, connections: DROP_PAGE_CONNECTIONS };
    const quiet = summarise(await cannon({ ...pageViews, duration: 2 }));
    log(`the drop, WEB_CONCURRENCY=${webConcurrency}: ${DROP_SHOPPERS} shoppers, ${DROP_STOCK} in stock; ${dropPage} quietly: ${quiet.requestsPerSecond} req/s`);
    let viewing;
    const during = new Promise((resolve, reject) => {
      viewing = autocannon({ ...pageViews, duration: 120 }, (error, r) => (error ? reject(error) : resolve(r)));
    });
    const result = await drop(shop);
    viewing.stop();
    const busy = summarise(await during);
    result.pageViews = { quietRequestsPerSecond: quiet.requestsPerSecond, duringRequestsPerSecond: busy.requestsPerSecond, duringP99Ms: busy.p99Ms, non2xx: busy.non2xx };
    result.pageShareOfQuiet = quiet.requestsPerSecond > 0 ? busy.requestsPerSecond / quiet.requestsPerSecond : null;
    result.peakRssMb = Math.max(...shop.servingPids().map(peakRssMb).filter((v) => v !== null));
    log(`  page views during the drop: ${busy.requestsPerSecond} req/s (p99 ${busy.p99Ms} ms)`);
    log(`  ${result.ordersPlaced} orders, ${result.unitsOversold} oversold, ${result.responses5xx} 5xx, ${result.checkoutsPerSecond} checkouts/s, sold out after ${result.soldOutAfterMs} ms; ${result.dropSeconds} s, server CPU ${result.serverCpuSeconds} s; ${result.addsRefused} adds refused, ${result.turnedAwayAtCheckout} turned away at checkout`);
    return result;
  } finally {
    await shop.stop();
  }
}

/**
 * Where a process spent its CPU: self time per function, from a .cpuprofile,
 * counting only the samples inside `window` ([start, end] in µs of the
 * monotonic clock, which V8's profile timestamps and process.hrtime share),
 * so the server's start-up does not hide the requests.
 */
function profileSummary(file, window = null, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.start || at > window.end)) continue;
    const frame = byId.get(profile.samples[i]).callFrame;
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : "(native)";
    const name = `${frame.functionName || "(anonymous)"} ${where}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  }
  const idle = self.get("(idle) (native)") ?? 0;
  return {
    file: path.relative(ROOT, file),
    totalMs: Math.round(total / 1000),
    busyShare: total > 0 ? Math.round(((total - idle) / total) * 1000) / 10 : null,
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 })),
  };
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * (5): CPU profiles of pages rendered for a shopper with a cart, into
 * bench/output: the tote page and the cart page, each from its own server
 * process under load (node --cpu-prof), summarised over the load run only.
 */
async function cartPageProfiles(seed) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  for (const old of fs.readdirSync(OUTPUT)) if (old.endsWith(".cpuprofile")) fs.rmSync(path.join(OUTPUT, old));
  const profiles = {};
  for (const [key, label, pagePath] of [
    ["totePage", "tote page with a cart", TOTE_PAGE],
    ["cartPage", "cart page", "/cart"],
  ]) {
    const { file } = copyDatabase(seed, `profile-${key}`);
    const name = `${key === "totePage" ? "tote-page-with-cart" : "cart-page"}.cpuprofile`;
    const previous = process.env.BENCH_SERVER_NODE_ARGS;
    process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${OUTPUT} --cpu-prof-name=${name}`;
    const shop = await startShop(`profiled shop (${label})`, file, 1);
    if (previous === undefined) delete process.env.BENCH_SERVER_NODE_ARGS;
    else process.env.BENCH_SERVER_NODE_ARGS = previous;
    let window;
    try {
      const added = await request(`${shop.origin}/cart`, { method: "POST", headers: { origin: shop.origin, "content-type": "application/x-www-form-urlencoded" }, body: form({ intent: "add", sku: CART_SKU, quantity: "1" }) });
      const cookie = cookiePair(added);
      log(`CPU profile: ${label}`);
      const options = { url: shop.origin + pagePath, headers: { ...BROWSER_HEADERS, cookie } };
      await cannon({ ...options, duration: WARMUP_SECONDS });
      const start = monotonicMicros();
      const result = summarise(await cannon(options));
      window = { start, end: monotonicMicros() };
      log(`  ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms while profiled`);
    } finally {
      await shop.stop();
    }
    const written = path.join(OUTPUT, name);
    for (let i = 0; i < 50 && !fs.existsSync(written); i += 1) await sleep(100);
    profiles[key] = fs.existsSync(written) ? { label, ...profileSummary(written, window) } : null;
  }
  return profiles;
}

/** Wait (up to 15 s) until a server process uses under a tenth of a core over 200 ms. */
async function untilIdle(server) {
  for (let i = 0; i < 75; i += 1) {
    const before = cpuSeconds(server.child.pid);
    await sleep(200);
    if (cpuSeconds(server.child.pid) - before < 0.02) return;
  }
}

/** One autocannon run, also counting each connection's responses and slowest one (fairness). */
function cannonPerConnection(options) {
  return new Promise((resolve, reject) => {
    const perClient = new Map();
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      if (error) return reject(error);
      const counts = [...perClient.values()].map((c) => c.requests);
      while (counts.length < (options.connections ?? CONNECTIONS)) counts.push(0);
      counts.sort((a, b) => a - b);
      const sum = counts.reduce((n, c) => n + c, 0);
      const squares = counts.reduce((n, c) => n + c * c, 0);
      resolve({
        ...summarise(result),
        maxMs: result.latency.max,
        fairness: {
          // Jain's index: 1 when every connection got as many answers, 1/n when one got them all.
          jainIndex: squares > 0 ? Math.round(((sum * sum) / (counts.length * squares)) * 1000) / 1000 : null,
          fewestPerConnection: counts[0],
          mostPerConnection: counts.at(-1),
          slowestConnectionMaxMs: Math.max(0, ...[...perClient.values()].map((c) => c.maxMs)),
        },
      });
    });
    instance.on("response", (client, _status, _bytes, responseTime) => {
      let c = perClient.get(client);
      if (!c) perClient.set(client, (c = { requests: 0, maxMs: 0 }));
      c.requests += 1;
      c.maxMs = Math.max(c.maxMs, responseTime);
    });
  });
}

/**
 * (4): why the slowest requests wait at 50 connections. The bare server, the
 * cached tote page, the tote page with a cart and the cart page, interleaved
 * round by round; the servers run with bench/loop-monitor.mjs preloaded, so
 * each run reports the loop's delay, GC pauses, compression on the loop and
 * how evenly the connections were served, beside the client's latencies.
 */
async function tailLatency(seed) {
  const { file } = copyDatabase(seed, "tail");
  const shop = await startShop("shop (loop stats)", file, 1, { loopStats: true });
  let bare = null;
  try {
    const added = await request(`${shop.origin}/cart`, { method: "POST", headers: { origin: shop.origin, "content-type": "application/x-www-form-urlencoded" }, body: form({ intent: "add", sku: CART_SKU, quantity: "1" }) });
    const cookie = cookiePair(added);
    await request(shop.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    const captured = await request(shop.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    if (captured.headers["x-page-cache"] !== "hit") throw new Error("tail: the tote page did not come from the page cache");
    const replayHeaders = Object.fromEntries(Object.entries(captured.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)));
    fs.writeFileSync(path.join(TMP, "tail-page.json"), JSON.stringify({ status: captured.status, headers: replayHeaders }));
    fs.writeFileSync(path.join(TMP, "tail-page.body"), captured.body);
    bare = await startBare(path.join(TMP, "tail-page.json"), path.join(TMP, "tail-page.body"), { loopStats: true });
    const runs = [
      { key: "bare", label: "bare node:http, same bytes", server: bare, options: { url: bare.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
      { key: "cached", label: "tote page, cached", server: shop, options: { url: shop.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
      { key: "withCart", label: "tote page with a cart", server: shop, options: { url: shop.origin + TOTE_PAGE, headers: { ...BROWSER_HEADERS, cookie } } },
      { key: "cartPage", label: "cart page", server: shop, options: { url: `${shop.origin}/cart`, headers: { ...BROWSER_HEADERS, cookie } } },
    ];
    for (const run of runs) await cannon({ ...run.options, duration: WARMUP_SECONDS });
    const rounds = Object.fromEntries(runs.map((r) => [r.key, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const run of runs.map((_, i) => runs[(i + round) % runs.length])) {
        // Each run starts on an idle server: work the previous run left in flight would land in this one's figures.
        await untilIdle(run.server);
        await serverStats(run.server);
        const client = await cannonPerConnection(run.options);
        const server = await serverStats(run.server);
        rounds[run.key].push({ ...client, server });
        log(`tail round ${round + 1}/${ROUNDS} ${run.label}: ${client.requestsPerSecond} req/s (${client.requests} answers, ${client.non2xx} non-2xx, ${client.errors} errors), p99 ${client.p99Ms} ms, max ${client.maxMs} ms; loop delay p99 ${server?.loopDelay.p99Ms} ms, max ${server?.loopDelay.maxMs} ms; GC ${server?.gc.totalMs} ms (max ${server?.gc.maxMs}); compression ${server?.compression.totalMs} ms; Jain ${client.fairness.jainIndex}`);
      }
    }
    const med = (key, pick) => median(rounds[key].map(pick));
    const figures = Object.fromEntries(
      runs.map(({ key, label }) => [
        key,
        {
          label,
          requestsPerSecond: med(key, (r) => r.requestsPerSecond),
          p50Ms: med(key, (r) => r.p50Ms),
          p99Ms: med(key, (r) => r.p99Ms),
          maxMs: med(key, (r) => r.maxMs),
          loopDelayP99Ms: med(key, (r) => r.server?.loopDelay.p99Ms),
          loopDelayMaxMs: med(key, (r) => r.server?.loopDelay.maxMs),
          loopUtilization: med(key, (r) => r.server?.loopUtilization),
          gcShareOfTime: med(key, (r) => r.server?.gc.shareOfTime),
          gcMaxPauseMs: med(key, (r) => r.server?.gc.maxMs),
          gcMajorPauses: med(key, (r) => r.server?.gc.major),
          compressionShareOfTime: med(key, (r) => r.server?.compression.shareOfTime),
          compressionMaxMs: med(key, (r) => r.server?.compression.maxMs),
          jainIndex: med(key, (r) => r.fairness.jainIndex),
          fewestPerConnection: med(key, (r) => r.fairness.fewestPerConnection),
          mostPerConnection: med(key, (r) => r.fairness.mostPerConnection),
          // Busy loop time per request × connections: what a request waits behind the 49 others, served in turn.
          queueEstimateMs: med(key, (r) => (r.server && r.requestsPerSecond > 0 ? Math.round((CONNECTIONS * r.server.loopUtilization * 1000) / r.requestsPerSecond) : null)),
        },
      ]),
    );
    const perRound = (top, bottom, pick) => median(rounds[top].map((r, i) => (pick(rounds[bottom][i]) > 0 ? pick(r) / pick(rounds[bottom][i]) : null)));
    const ratios = {
      cachedThroughputShareOfBare: perRound("cached", "bare", (r) => r.requestsPerSecond),
      cachedP99ToBare: perRound("cached", "bare", (r) => r.p99Ms),
      cachedLoopDelayMaxToBare: perRound("cached", "bare", (r) => r.server?.loopDelay.maxMs ?? 0),
      withCartThroughputShareOfBare: perRound("withCart", "bare", (r) => r.requestsPerSecond),
      withCartP99ToBare: perRound("withCart", "bare", (r) => r.p99Ms),
      cartPageP99ToBare: perRound("cartPage", "bare", (r) => r.p99Ms),
    };
    return { figures, ratios, rounds: Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.map(({ server, ...client }) => ({ ...client, server }))])) };
  } finally {
    await Promise.all([shop.stop(), bare?.stop()]);
  }
}

/** (f): the JavaScript and CSS the product page loads, gzipped (level 9; see page-weight.mjs), and its HTML. */
async function pageWeight(origin, pagePath) {
  const page = await request(origin + pagePath, { headers: { ...BROWSER_HEADERS, "accept-encoding": "identity" } });
  const weight = await weighPage(page.body.toString("utf8"), origin, (url) => request(url, { headers: { "accept-encoding": "identity" } }));
  const sent = await request(origin + pagePath, { headers: BROWSER_HEADERS });
  return {
    jsGzipKb: kb(weight.jsBytes),
    jsFiles: weight.files.filter((f) => f.kind === "js").length,
    jsInlineGzipKb: kb(weight.inlineJsBytes),
    cssGzipKb: kb(weight.cssBytes),
    cssFiles: weight.files.filter((f) => f.kind === "css").length,
    htmlBytes: page.body.length,
    htmlSentBytes: sent.body.length,
    htmlSentEncoding: sent.headers["content-encoding"] ?? "identity",
  };
}

/** (g): Lighthouse, mobile (its default), median of runs per category. */
async function lighthousePage(origin, name, pagePath, extraHeaders) {
  const runs = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
    const out = path.join(TMP, `lighthouse-${name}-${i}.json`);
    const profile = fs.mkdtempSync(path.join(TMP, "chromium-"));
    const chromeFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`];
    const args = [
      path.join(ROOT, "bench/node_modules/lighthouse/cli/index.js"),
      origin + pagePath,
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--quiet",
      `--chrome-flags=${chromeFlags.join(" ")}`,
    ];
    if (extraHeaders) args.push(`--extra-headers=${JSON.stringify(extraHeaders)}`);
    // Chromium under load now and then fails to record a trace (NO_NAVSTART): try again.
    let lhr = null;
    for (let attempt = 1; lhr === null; attempt += 1) {
      try {
        await new Promise((resolve, reject) => {
          const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "pipe"] });
          let stderr = "";
          child.stderr.on("data", (d) => (stderr += d));
          child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse ${name} exited with ${code}: ${stderr.slice(-2000)}`))));
        });
        const report = JSON.parse(fs.readFileSync(out, "utf8"));
        if (report.runtimeError) throw new Error(`lighthouse ${name}: ${report.runtimeError.message}`);
        lhr = report;
      } catch (error) {
        if (attempt >= 3) throw error;
        log(`${error instanceof Error ? error.message.split("\n")[0] : error}; again`);
      }
    }
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([key, c]) => [key, Math.round((c.score ?? 0) * 100)]));
    // What kept a category from 100, for the report.
    const missed = [];
    for (const [key, category] of Object.entries(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) missed.push(`${key}: ${ref.id} (${audit.displayValue ?? Math.round(audit.score * 100)})`);
      }
    }
    runs.push({ scores, missed, metrics: { fcpMs: Math.round(lhr.audits["first-contentful-paint"]?.numericValue ?? 0), lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0), tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? 0), cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0 } });
    log(`lighthouse ${name} run ${i + 1}: ${JSON.stringify(scores)}`);
  }
  const categories = Object.keys(runs[0].scores);
  return {
    path: pagePath,
    scores: Object.fromEntries(categories.map((c) => [c, median(runs.map((r) => r.scores[c]))])),
    runs: runs.map((r) => r.scores),
    metrics: runs.map((r) => r.metrics),
    missed: [...new Set(runs.flatMap((r) => r.missed))],
  };
}

/** (h): statement counts, from the vitest test that asserts them. */
function statementCounts() {
  const out = path.join(TMP, "statements.json");
  try {
    execFileSync(path.join(ROOT, "node_modules/.bin/vitest"), ["run", "tests/integration/statement-count.test.ts"], {
      cwd: ROOT,
      env: { ...process.env, SKIP_BUILD: "1", BENCH_STATEMENTS_OUT: out },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    log(`statement-count test failed:\n${error.stdout?.toString().slice(-3000) ?? error}`);
  }
  return fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null;
}

// ------------------------------------------------------------------ report

function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown";
  return {
    cpus: os.cpus().length,
    nproc: Number(execFileSync("nproc").toString().trim()),
    cpuModel: cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

function table(rows) {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join("  ");
  return [line(["figure", "value", "target", "met"]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const fmt = (v, unit = "") => (v === null || v === undefined ? "n/a" : `${typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en-GB") : v.toFixed(2)) : v}${unit}`);
const pct = (v) => (v === null ? "n/a" : `${(v * 100).toFixed(1)} %`);

// ------------------------------------------------------------------ main

async function main() {
  const startedAt = new Date();
  const host = machine();
  if (want("lighthouse") && !fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  ensureBuild(log);
  log(`temporary files in ${TMP}`);
  const seed = seededDatabase();
  const normal = copyDatabase(seed, "normal");
  const shop = await startShop("shop", normal.file, 1);
  const addBody = form({ intent: "add", sku: CART_SKU, quantity: "1" });
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    commit: (() => {
      try {
        return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
      } catch {
        return null;
      }
    })(),
    machine: host,
    settings: { quick: QUICK, only: ONLY ? [...ONLY] : null, rounds: ROUNDS, secondsPerRun: SECONDS, connections: CONNECTIONS, lighthouseRuns: LIGHTHOUSE_RUNS, page: TOTE_PAGE, dropSku: DROP_SKU },
    targets: TARGETS,
  };
  const rows = [];
  const met = (ok) => (ok === null || ok === undefined ? "-" : ok ? "met" : "NOT MET");
  const checks = {};
  const check = (name, ok) => {
    checks[name] = ok;
    return met(ok);
  };

  if (want("load")) {
    const cartDb = copyDatabase(seed, "cart");
    const tenfold = copyDatabase(seed, "tenfold", (sqlite) => ({ grown: growCatalog(sqlite) }));
    log(`tenfold catalog: ${JSON.stringify(tenfold.grown)}`);
    const shop2 = await startShop("shop, 2 processes", normal.file, 2);
    const big = await startShop("shop, tenfold catalog", tenfold.file, 1);
    const carts = await startShop("shop for add to cart", cartDb.file, 1);

    // The page's response, captured once, for the bare server.
    await request(shop.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    const captured = await request(shop.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    if (captured.status !== 200) throw new Error(`product page answered ${captured.status}`);
    if (!decoded(captured).toString("utf8").includes("Complete it with a micro bag")) throw new Error("the product page shows no micro-bag suggestions");
    const replayHeaders = Object.fromEntries(Object.entries(captured.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)));
    fs.writeFileSync(path.join(TMP, "page.json"), JSON.stringify({ status: captured.status, headers: replayHeaders }));
    fs.writeFileSync(path.join(TMP, "page.body"), captured.body);
    const bare = await startBare(path.join(TMP, "page.json"), path.join(TMP, "page.body"));

    const bigPage = await request(big.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    if (bigPage.status !== 200) throw new Error(`tenfold product page answered ${bigPage.status}`);
    // A shopper with a tote in their cart: the tote page rendered for them (never from the cache).
    const cartAdded = await request(`${shop.origin}/cart`, { method: "POST", headers: { origin: shop.origin, "content-type": "application/x-www-form-urlencoded" }, body: addBody });
    const cartCookieForPage = cookiePair(cartAdded);
    if (!cartCookieForPage) throw new Error("no cart cookie for the tote page with a cart");
    const withCart = await request(shop.origin + TOTE_PAGE, { headers: { ...BROWSER_HEADERS, cookie: cartCookieForPage } });
    if (withCart.status !== 200 || withCart.headers["x-page-cache"]) throw new Error("the tote page with a cart came from the page cache");
    const firstVisit = await request(shop.origin + TOTE_PAGE, { headers: BROWSER_HEADERS });
    if (firstVisit.headers["x-page-cache"] !== "hit") throw new Error("the tote page for a first visit did not come from the page cache");
    const addCheck = await request(`${carts.origin}/cart?_data=routes%2Fcart`, { method: "POST", headers: { origin: carts.origin, "content-type": "application/x-www-form-urlencoded" }, body: addBody });
    if (addCheck.status !== 200 || !cookiePair(addCheck)) throw new Error(`add to cart answered ${addCheck.status}: ${decoded(addCheck)}`);

    const runs = [
      { key: "product", label: "product page (cached, first visit)", options: { url: shop.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
      { key: "productWithCart", label: "product page with a cart", options: { url: shop.origin + TOTE_PAGE, headers: { ...BROWSER_HEADERS, cookie: cartCookieForPage } } },
      { key: "bare", label: "bare node:http, same bytes", options: { url: bare.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
      { key: "tenfold", label: "product page, tenfold catalog", options: { url: big.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
      {
        // As the page's Add to cart button sends it with JavaScript; no cookie,
        // so every request starts a fresh cart.
        key: "addToCart",
        label: "add to cart",
        options: {
          url: `${carts.origin}/cart?_data=routes%2Fcart`,
          method: "POST",
          body: addBody,
          headers: { origin: carts.origin, "content-type": "application/x-www-form-urlencoded", accept: "*/*", "accept-encoding": "gzip, deflate, br", "user-agent": BROWSER_HEADERS["user-agent"] },
        },
      },
      { key: "twoProcesses", label: "product page, 2 processes", options: { url: shop2.origin + TOTE_PAGE, headers: BROWSER_HEADERS } },
    ];
    const load = await loadRounds(runs);
    const memory = { oneProcess: peakRssMb(shop.child.pid), twoProcesses: Math.max(...shop2.servingPids().map(peakRssMb)) };
    await Promise.all([bare.stop(), shop2.stop(), big.stop(), carts.stop()]);

    const product = combine(load.product);
    const bareFig = combine(load.bare);
    const tenfoldFig = combine(load.tenfold);
    const addFig = combine(load.addToCart);
    const cartPageFig = combine(load.productWithCart);
    const twoFig = combine(load.twoProcesses);
    const ratios = {
      productShareOfBare: ratio(load, "product", "bare"),
      productWithCartShareOfBare: ratio(load, "productWithCart", "bare"),
      tenfoldShareOfProduct: ratio(load, "tenfold", "product"),
      addToCartToProduct: ratio(load, "addToCart", "product"),
      twoProcessesToOne: ratio(load, "twoProcesses", "product"),
    };
    Object.assign(results, { productPage: product, productPageWithCart: cartPageFig, bareServer: bareFig, tenfold: { ...tenfoldFig, catalog: tenfold.grown }, addToCart: addFig, twoProcesses: twoFig, ratios });
    results.peakRssMb = { productPage: memory };
    rows.push(
      ["(a) tote page, cached (first visit), requests/s", fmt(product.requestsPerSecond), "", ""],
      ["(a) bare node:http, same bytes, requests/s", fmt(bareFig.requestsPerSecond), "", ""],
      ["(a) cached tote page / bare server", pct(ratios.productShareOfBare), "≥ 25 %", check("productShareOfBare", ratios.productShareOfBare >= TARGETS.productShareOfBare)],
      ["(a) cached tote page p50 (50 connections)", fmt(product.p50Ms, " ms"), "", ""],
      ["(a) cached tote page p99 (50 connections)", fmt(product.p99Ms, " ms"), "≤ 50 ms", check("productP99", product.requestsPerSecond > 0 && product.p99Ms <= TARGETS.productP99Ms)],
      ["(a) tote page with a cart, requests/s", fmt(cartPageFig.requestsPerSecond), "", ""],
      ["(a) tote page with a cart / bare server", pct(ratios.productWithCartShareOfBare), "≥ 4 %", check("productWithCartShareOfBare", ratios.productWithCartShareOfBare >= TARGETS.cartProductShareOfBare)],
      ["(a) tote page with a cart p99 (50 connections)", fmt(cartPageFig.p99Ms, " ms"), "≤ 250 ms", check("productWithCartP99", cartPageFig.requestsPerSecond > 0 && cartPageFig.p99Ms <= TARGETS.cartProductP99Ms)],
      ["(b) tenfold catalog, requests/s", fmt(tenfoldFig.requestsPerSecond), "", ""],
      ["(b) tenfold / normal catalog", pct(ratios.tenfoldShareOfProduct), "≥ 80 %", check("tenfold", ratios.tenfoldShareOfProduct >= TARGETS.tenfoldShare)],
      ["(c) add to cart, requests/s", fmt(addFig.requestsPerSecond), "", ""],
      ["(c) add to cart p99", fmt(addFig.p99Ms, " ms"), "", ""],
      ["(c) add to cart / product page", fmt(ratios.addToCartToProduct, "×"), "≥ 1.0×", check("addToCart", ratios.addToCartToProduct >= TARGETS.addToCartRatio)],
      ["(e) product page, 2 processes, requests/s", fmt(twoFig.requestsPerSecond), "", ""],
      ["(e) 2 processes / 1 process", fmt(ratios.twoProcessesToOne, "×"), "≥ 1.6×", check("twoProcesses", ratios.twoProcessesToOne >= TARGETS.twoProcessRatio)],
      ["(i) peak RSS, product page load (1 / 2 processes)", `${memory.oneProcess} / ${memory.twoProcesses} MB`, "≤ 200 MB", check("peakRssProductPage", Math.max(memory.oneProcess, memory.twoProcesses) <= TARGETS.peakRssMb)],
    );
  }

  if (want("drop")) {
    const drops = { oneProcess: await dropRun(seed, 1), twoProcesses: await dropRun(seed, 2) };
    results.drop = drops;
    results.peakRssMb = { ...results.peakRssMb, drop: { oneProcess: drops.oneProcess.peakRssMb, twoProcesses: drops.twoProcesses.peakRssMb } };
    for (const [key, label] of [
      ["oneProcess", "1 process"],
      ["twoProcesses", "2 processes"],
    ]) {
      const d = drops[key];
      rows.push(
        [`(d) drop, ${label}: orders placed`, fmt(d.ordersPlaced), `= ${TARGETS.dropOrders}`, check(`${key}DropOrders`, d.ordersPlaced === TARGETS.dropOrders)],
        [`(d) drop, ${label}: units oversold`, fmt(d.unitsOversold), "= 0", check(`${key}DropOversold`, d.unitsOversold === TARGETS.dropOversold)],
        [`(d) drop, ${label}: 5xx responses`, fmt(d.responses5xx), "= 0", check(`${key}Drop5xx`, d.responses5xx === TARGETS.drop5xx)],
        [`(d) drop, ${label}: checkouts/s`, fmt(d.checkoutsPerSecond), "≥ 250", check(`${key}DropRate`, d.checkoutsPerSecond !== null && d.checkoutsPerSecond >= TARGETS.dropCheckoutsPerSecond)],
        [`(d) drop, ${label}: sold out after`, fmt(d.soldOutAfterMs, " ms"), "", ""],
        [`(d) drop, ${label}: limited bag's page during / quiet`, pct(d.pageShareOfQuiet), "≥ 80 %", check(`${key}DropPage`, d.pageShareOfQuiet !== null && d.pageShareOfQuiet >= TARGETS.dropPageShareOfQuiet)],
      );
    }
    rows.push(["(i) peak RSS, drop (1 / 2 processes)", `${drops.oneProcess.peakRssMb} / ${drops.twoProcesses.peakRssMb} MB`, "≤ 200 MB", check("peakRssDrop", Math.max(drops.oneProcess.peakRssMb, drops.twoProcesses.peakRssMb) <= TARGETS.peakRssMb)]);
  }

  if (want("tail")) {
    log("tail latency at 50 connections (loop delay, GC, compression, fairness)");
    const tail = await tailLatency(seed);
    results.tailLatency = tail;
    const f = tail.figures;
    console.error("\nTail latency at 50 connections (medians of the interleaved rounds; loop and GC measured inside the server):");
    const cols = [
      ["req/s", "requestsPerSecond"],
      ["p50", "p50Ms"],
      ["p99", "p99Ms"],
      ["max", "maxMs"],
      ["loop p99", "loopDelayP99Ms"],
      ["loop max", "loopDelayMaxMs"],
      ["busy", "loopUtilization"],
      ["GC share", "gcShareOfTime"],
      ["GC max", "gcMaxPauseMs"],
      ["zlib share", "compressionShareOfTime"],
      ["zlib max", "compressionMaxMs"],
      ["Jain", "jainIndex"],
      ["min/conn", "fewestPerConnection"],
      ["max/conn", "mostPerConnection"],
      ["50×busy/req", "queueEstimateMs"],
    ];
    console.error(`  ${"".padEnd(24)}${cols.map(([c]) => c.padStart(12)).join("")}`);
    for (const fig of Object.values(f)) console.error(`  ${fig.label.padEnd(24)}${cols.map(([, k]) => fmt(fig[k]).padStart(12)).join("")}`);
    rows.push(
      ["(4) tail: cached tote page p99 / bare p99", fmt(tail.ratios.cachedP99ToBare, "×"), "", ""],
      ["(4) tail: cached tote page p99, max", `${fmt(f.cached.p99Ms, " ms")}, ${fmt(f.cached.maxMs, " ms")}`, "≤ 50 ms", check("tailCachedP99", f.cached.p99Ms <= TARGETS.productP99Ms)],
      ["(4) tail: cached page, loop delay max (bare)", `${fmt(f.cached.loopDelayMaxMs, " ms")} (${fmt(f.bare.loopDelayMaxMs, " ms")})`, "", ""],
      ["(4) tail: cached page, GC share / max pause", `${pct(f.cached.gcShareOfTime)} / ${fmt(f.cached.gcMaxPauseMs, " ms")}`, "", ""],
      ["(4) tail: tote page with a cart p99, max", `${fmt(f.withCart.p99Ms, " ms")}, ${fmt(f.withCart.maxMs, " ms")}`, "≤ 250 ms", check("tailWithCartP99", f.withCart.p99Ms <= TARGETS.cartProductP99Ms)],
      ["(4) tail: with a cart, 50 × busy time per request", fmt(f.withCart.queueEstimateMs, " ms"), "", ""],
      ["(4) tail: with a cart, GC share / max pause", `${pct(f.withCart.gcShareOfTime)} / ${fmt(f.withCart.gcMaxPauseMs, " ms")}`, "", ""],
      ["(4) tail: with a cart, compression share of time", pct(f.withCart.compressionShareOfTime), "", ""],
      ["(4) tail: with a cart, fairness (Jain; min-max per connection)", `${fmt(f.withCart.jainIndex)}; ${fmt(f.withCart.fewestPerConnection)}-${fmt(f.withCart.mostPerConnection)}`, "", ""],
      ["(4) tail: cart page p99 / bare p99", fmt(tail.ratios.cartPageP99ToBare, "×"), "", ""],
    );
  }

  if (want("weight")) {
    log("page weight");
    const weight = await pageWeight(shop.origin, TOTE_PAGE);
    results.weight = weight;
    rows.push(
      ["(f) product page JS, gzipped", fmt(weight.jsGzipKb, " KB"), "≤ 95 KB", check("productJs", weight.jsGzipKb <= TARGETS.productJsGzipKb)],
      ["(f) product page CSS, gzipped", fmt(weight.cssGzipKb, " KB"), "", ""],
      ["(f) product page HTML (sent gzipped)", `${fmt(weight.htmlBytes, " B")} (${fmt(weight.htmlSentBytes, " B")})`, "", ""],
    );
  }

  if (want("profile")) {
    const profiles = await cartPageProfiles(seed);
    results.cartPageProfiles = profiles;
    for (const profile of Object.values(profiles)) {
      if (!profile) continue;
      console.error(`\nCPU profile of the ${profile.label} (${profile.file}, ${profile.totalMs} ms sampled under load, ${profile.busyShare} % busy), self time:`);
      for (const f of profile.top) console.error(`  ${String(f.share).padStart(5)} %  ${f.name}`);
    }
    rows.push(
      ["(5) CPU profile, tote page with a cart", profiles.totePage ? profiles.totePage.file : "not written", "written", check("cartPageProfile", profiles.totePage !== null)],
      ["(5) CPU profile, cart page", profiles.cartPage ? profiles.cartPage.file : "not written", "written", check("cartPageProfileCart", profiles.cartPage !== null)],
    );
  }

  if (want("lighthouse")) {
    const added = await request(`${shop.origin}/cart`, { method: "POST", headers: { origin: shop.origin, "content-type": "application/x-www-form-urlencoded" }, body: addBody });
    const cartCookie = cookiePair(added);
    const lighthouse = {};
    for (const [name, pagePath, headers] of [
      ["home", "/", undefined],
      ["collection", "/collections/totes", undefined],
      ["product", TOTE_PAGE, undefined],
      ["cart", "/cart", { Cookie: cartCookie }],
    ]) {
      lighthouse[name] = await lighthousePage(shop.origin, name, pagePath, headers);
      const scores = Object.values(lighthouse[name].scores);
      rows.push([`(g) Lighthouse ${name} (perf/a11y/bp/seo)`, scores.join(" / "), "100 each", check(`lighthouse${name}`, scores.every((s) => s >= TARGETS.lighthouse))]);
    }
    results.lighthouse = lighthouse;
  }
  await shop.stop();

  if (want("statements")) {
    log("statement counts (vitest tests/integration/statement-count.test.ts)");
    const s = statementCounts();
    results.statements = s;
    if (s) {
      for (const [key, label] of [
        ["productPage", "product page"],
        ["productPageWithCart", "product page with a cart"],
        ["cartPage", "cart page"],
      ]) {
        rows.push([`(h) SQL statements, ${label} (normal / tenfold)`, `${s.normal[key]} / ${s.tenfold[key]}`, `equal, ≤ ${s.max[key]}`, check(`statements${key}`, s.normal[key] === s.tenfold[key] && s.tenfold[key] <= s.max[key])]);
      }
    } else {
      rows.push(["(h) SQL statements", "test failed", "equal, small", check("statements", false)]);
    }
  }

  host.loadAverageAtEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
  results.finishedAt = new Date().toISOString();
  results.met = checks;
  results.table = rows;
  console.log(`\nTote & Charm bench, ${results.finishedAt} (${host.nproc} cores, ${host.cpuModel}, Node ${host.node}; load average ${host.loadAverageAtStart.join(" ")} at start, ${host.loadAverageAtEnd.join(" ")} at end)\n`);
  console.log(table(rows));
  if (results.lighthouse) {
    const missed = Object.entries(results.lighthouse).flatMap(([name, p]) => p.missed.map((m) => `  ${name}: ${m}`));
    if (missed.length > 0) console.log(`\nLighthouse audits below 100:\n${missed.join("\n")}`);
  }
  if (ONLY) {
    console.log("\n--only: a partial run; bench/results.json left as it was.");
  } else {
    fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
    console.log("\nbench/results.json written.");
  }
}

async function cleanup() {
  await Promise.all([...running].map((entry) => entry.stop()));
  fs.rmSync(TMP, { recursive: true, force: true });
}

process.on("SIGINT", () => {
  cleanup().finally(() => process.exit(130));
});

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error);
    await cleanup();
    process.exit(1);
  });
