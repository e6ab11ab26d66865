// node bench/sign-in-memory.mjs: what a flood of sign-ins costs the server.
//
// Starts the production server (node build/index.js, with the node flags of
// `npm start`) on a fresh temporary database and an ephemeral port, sends 50
// sign-ins at once (the owner's right password, each from its own loopback
// address 127.0.0.x so no address limit applies), asks for the home page while
// they are being checked, and prints the server's peak resident memory
// (VmHWM, and VmRSS sampled every 25 ms), the answers, and whether the page
// answered. Exits 1 if the peak reaches 450 MB or the page did not answer 200.
//
//   node bench/sign-in-memory.mjs [--count=50] [--page-after=200]
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./build.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const COUNT = Number(process.argv.find((a) => a.startsWith("--count="))?.slice("--count=".length) ?? 50);
// When the page is asked for, after the sign-ins are sent (ms).
const PAGE_AFTER_MS = Number(process.argv.find((a) => a.startsWith("--page-after="))?.slice("--page-after=".length) ?? 200);
const LIMIT_MB = 450;
const OWNER = { email: "owner@bench.test", password: "a long bench owner passphrase" };
const MB = 1024 * 1024;

function log(message) {
  process.stderr.write(`[sign-in-memory ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}


// The node flags `npm start` runs the shop with (the heap cap), so this measures that process.
function startNodeFlags() {
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const match = /\bnode((?: --\S+)*) build\/index\.js/.exec(start);
  return match ? match[1].split(" ").filter(Boolean) : [];
}

function startShop(databaseFile) {
  const child = spawn(process.execPath, [...startNodeFlags(), "build/index.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      ALLOW_TEST_PAYMENTS: "1",
      SESSION_SECRET: "bench-session-secret-at-least-32-characters-long",
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      // The hashing gate's settings pass through, to compare (see README).
      ...Object.fromEntries(
        ["PASSWORD_HASHING_MEMORY_MB", "SIGN_IN_QUEUE_LENGTH", "SIGN_IN_QUEUE_WAIT_MS"].filter((k) => process.env[k]).map((k) => [k, process.env[k]]),
      ),
      DATABASE_URL: databaseFile,
      HOST: "127.0.0.1",
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`shop did not start:\n${output}`)), 120_000);
    child.stderr.on("data", (d) => (output += d));
    child.stdout.on("data", (d) => {
      output += d;
      const match = /Shop listening on \S+ \(port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`shop exited with ${code}:\n${output}`));
    });
  });
}

function send(port, pathname, { from, form } = {}) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers = { Connection: "close" };
  if (body) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(body));
    headers["Sec-Fetch-Mode"] = "navigate";
  }
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: body ? "POST" : "GET", headers, localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("error", (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
    req.end(body);
  });
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

const mb = (bytes) => `${Math.round(bytes / MB)} MB`;

async function main() {
  ensureBuild(log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tote-sign-in-memory-"));
  log("starting the shop (migrate, seed, owner account)");
  const { child, port } = await startShop(path.join(dir, "shop.sqlite"));
  try {
    // The page once on a quiet server, for scale (this machine may be shared).
    await send(port, "/");
    const quietPage = await send(port, "/");
    const before = memoryOf(child.pid);
    let sampled = before.rss;
    const sampler = setInterval(() => {
      try {
        sampled = Math.max(sampled, memoryOf(child.pid).rss);
      } catch {
        // gone
      }
    }, 25);
    log(`${COUNT} sign-ins at once`);
    const flood = Promise.all(
      Array.from({ length: COUNT }, (_, i) => send(port, "/admin/login", { from: `127.0.0.${100 + (i % 150)}`, form: OWNER })),
    );
    await new Promise((resolve) => setTimeout(resolve, PAGE_AFTER_MS));
    const page = await send(port, "/");
    const answers = await flood;
    clearInterval(sampler);
    const after = memoryOf(child.pid);
    const peak = Math.max(after.peak, sampled);

    const byStatus = {};
    for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    const result = {
      signIns: COUNT,
      answers: byStatus,
      rssBeforeMb: Math.round(before.rss / MB),
      peakRssMb: Math.round(peak / MB),
      vmHwmMb: Math.round(after.peak / MB),
      sampledMaxRssMb: Math.round(sampled / MB),
      rssAfterMb: Math.round(after.rss / MB),
      pageStatus: page.status,
      pageAnswered: page.status === 200,
      pageMs: Math.round(page.ms),
      quietPageMs: Math.round(quietPage.ms),
      limitMb: LIMIT_MB,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `peak RSS ${mb(peak)} (limit ${LIMIT_MB} MB; before ${mb(before.rss)}, after ${mb(after.rss)}); ` +
        `home page during the flood: ${page.status === 200 ? "answered 200" : `did not answer 200 (${page.status})`} in ${Math.round(page.ms)} ms (${Math.round(quietPage.ms)} ms on the quiet server); ` +
        `sign-ins: ${Object.entries(byStatus).map(([s, n]) => `${n}× ${s}`).join(", ")}`,
    );
    process.exitCode = peak < LIMIT_MB * MB && page.status === 200 ? 0 : 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
