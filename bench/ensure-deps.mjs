#!/usr/bin/env node
// The bench's own tools (autocannon, lighthouse) live in bench/package.json so
// the shop's install stays lean. Installed here on the first `npm run bench`,
// and again when bench/package-lock.json changes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const lock = path.join(BENCH, "package-lock.json");
// npm writes this copy of the lockfile into node_modules at every install.
const installed = path.join(BENCH, "node_modules", ".package-lock.json");

if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
  process.stderr.write("[bench] installing the bench's tools (npm --prefix bench ci)\n");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BENCH, stdio: "inherit" });
}
