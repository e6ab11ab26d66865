#!/usr/bin/env node
// Many more SIGKILL cycles than the test suite runs:
//   npm run crash-loop -- 500
// builds the app once, then runs tests/integration/crash-safety.test.ts with
// CRASH_CYCLES set. Figures go to test-results/reliability.json ("crashLoop").
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const cycles = Number(process.argv[2] ?? 500);
if (!Number.isInteger(cycles) || cycles < 1) {
  console.error("usage: npm run crash-loop -- <cycles>");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(
  "npx",
  ["vitest", "run", "tests/integration/crash-safety.test.ts", "-t", "SIGKILL"],
  { cwd: root, stdio: "inherit", env: { ...process.env, CRASH_CYCLES: String(cycles) } },
);
process.exit(result.status ?? 1);
