#!/usr/bin/env node
// Dependency checks, run by .ci/run before the tests (and `npm run check-deps`):
//
// 1. The Remix floor: package-lock.json must not hold any Remix framework
//    package (@remix-run/*, the v2 release train) below 2.17.3, the first with
//    the published security fixes. @remix-run packages with their own version
//    lines (router, web-*) are listed but left to the audit.
// 2. `npm audit --omit=dev`: fails on a high or critical advisory in a package
//    the shop runs in production (AUDIT_FAIL_LEVEL=moderate|low to be stricter);
//    prints the rest, and the dev-only findings, without failing. If the
//    registry's audit endpoint cannot be reached, says so loudly and goes on
//    (AUDIT_REQUIRED=1 makes that a failure): the floor above still holds.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REMIX_FLOOR = "2.17.3";
/** @remix-run packages versioned on their own, not part of the 2.x framework train. */
export const INDEPENDENT = new Set(["router", "web-blob", "web-fetch", "web-file", "web-form-data", "web-stream", "node-fetch-server", "headers"]);
const LEVELS = ["info", "low", "moderate", "high", "critical"];

/** -1, 0 or 1, comparing x.y.z (a pre-release sorts before its release). */
export function compareVersions(a, b) {
  const parse = (v) => {
    const [core, pre] = String(v).split("-", 2);
    return { nums: core.split(".").map((n) => Number.parseInt(n, 10) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i += 1) {
    if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) < (y.nums[i] ?? 0) ? -1 : 1;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** Every @remix-run package in a lockfile (v2/v3 "packages" map), with whether it is below the floor. */
export function remixPackages(lock, floor = REMIX_FLOOR) {
  const found = [];
  for (const [key, meta] of Object.entries(lock.packages ?? {})) {
    const match = /(?:^|\/)node_modules\/@remix-run\/([^/]+)$/.exec(key);
    if (!match) continue;
    const name = match[1];
    const independent = INDEPENDENT.has(name);
    found.push({
      name: `@remix-run/${name}`,
      path: key,
      version: meta.version,
      independent,
      belowFloor: !independent && compareVersions(meta.version, floor) < 0,
    });
  }
  return found;
}

/** Counts by severity and the findings, from `npm audit --json` output. */
export function summariseAudit(report) {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, report?.metadata?.vulnerabilities?.[l] ?? 0]));
  const findings = Object.values(report?.vulnerabilities ?? {}).map((v) => ({
    name: v.name,
    severity: v.severity,
    range: v.range,
    advisories: (v.via ?? []).filter((x) => typeof x === "object").map((x) => `${x.title} (${x.url})`),
    fix: v.fixAvailable === true ? "npm audit fix" : v.fixAvailable ? `${v.fixAvailable.name}@${v.fixAvailable.version}` : "no fix yet",
  }));
  return { counts, findings };
}

export function failsAt(counts, level = "high") {
  const from = LEVELS.indexOf(level);
  return LEVELS.slice(from < 0 ? 3 : from).reduce((n, l) => n + (counts[l] ?? 0), 0);
}

function audit(root, omitDev) {
  const args = ["audit", "--json", ...(omitDev ? ["--omit=dev"] : [])];
  const run = spawnSync("npm", args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  try {
    const report = JSON.parse(run.stdout);
    if (report.error) return { ok: false, reason: report.message || report.error.summary || report.error.code || "the audit endpoint returned an error" };
    return { ok: true, report };
  } catch {
    return { ok: false, reason: (run.stderr || run.stdout || `npm exited with ${run.status}`).trim().split("\n").slice(-3).join(" ") };
  }
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  let failed = false;

  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const remix = remixPackages(lock);
  console.log(`Remix packages (floor ${REMIX_FLOOR} for the framework packages):`);
  for (const p of remix) {
    const mark = p.independent ? "own version line" : p.belowFloor ? `BELOW ${REMIX_FLOOR}` : "ok";
    console.log(`  ${p.name.padEnd(28)} ${String(p.version).padEnd(10)} ${mark}${p.path.split("node_modules/").length > 2 ? `  (${p.path})` : ""}`);
  }
  const below = remix.filter((p) => p.belowFloor);
  if (remix.filter((p) => !p.independent).length === 0) {
    console.error("  no Remix framework package found in package-lock.json");
    failed = true;
  }
  if (below.length > 0) {
    console.error(`FAIL: ${below.length} Remix package(s) below ${REMIX_FLOOR}: ${below.map((p) => `${p.name}@${p.version}`).join(", ")}`);
    failed = true;
  }

  const level = process.env.AUDIT_FAIL_LEVEL ?? "high";
  const production = audit(root, true);
  if (!production.ok) {
    const message = `npm audit could not run (${production.reason}).`;
    if (process.env.AUDIT_REQUIRED === "1") {
      console.error(`FAIL: ${message}`);
      failed = true;
    } else {
      console.warn(`WARNING: ${message} Production dependencies were NOT audited in this run.`);
    }
  } else {
    const { counts, findings } = summariseAudit(production.report);
    console.log(`npm audit --omit=dev: ${LEVELS.slice(1).map((l) => `${counts[l]} ${l}`).join(", ")}`);
    for (const f of findings) {
      console.log(`  ${f.severity.padEnd(8)} ${f.name}@${f.range}  fix: ${f.fix}`);
      for (const a of f.advisories) console.log(`           ${a}`);
    }
    const blocking = failsAt(counts, level);
    if (blocking > 0) {
      console.error(`FAIL: ${blocking} production advisory(ies) at ${level} or above.`);
      failed = true;
    }
  }
  const all = audit(root, false);
  if (all.ok) {
    const { counts } = summariseAudit(all.report);
    console.log(`npm audit (dev tools included, for information): ${LEVELS.slice(1).map((l) => `${counts[l]} ${l}`).join(", ")}`);
  }
  console.log(failed ? "dependency checks FAILED" : "dependency checks passed");
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
