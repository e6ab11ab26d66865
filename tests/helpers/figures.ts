// Reliability figures: each test records what it measured (inputs fuzzed, 5xx
// count, crash cycles…) in test-results/reliability.json, which
// tests/reliability-report.mjs renders into docs/reliability.md.
import fs from "node:fs";
import path from "node:path";

export const FIGURES_FILE = path.resolve(__dirname, "../../test-results/reliability.json");

/**
 * Merge `figures` under `section` (read-modify-write: test files run in
 * separate processes, each writing its own sections). A run with figures
 * lower than the target still records them; the report shows the date.
 */
export function recordFigures(
  section: string,
  figures: Record<string, unknown> | ((previous: Record<string, unknown> | undefined) => Record<string, unknown>),
) {
  fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  // A lock file keeps two test processes from losing each other's sections.
  const lock = `${FIGURES_FILE}.lock`;
  const deadline = Date.now() + 5_000;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = fs.openSync(lock, "wx");
    } catch {
      if (Date.now() > deadline) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(fs.readFileSync(FIGURES_FILE, "utf8")) as Record<string, unknown>;
    } catch {
      all = {};
    }
    const next = typeof figures === "function" ? figures(all[section] as Record<string, unknown> | undefined) : figures;
    all[section] = { ...next, recordedAt: new Date().toISOString() };
    const tmp = `${FIGURES_FILE}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 2) + "\n");
    fs.renameSync(tmp, FIGURES_FILE);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}
