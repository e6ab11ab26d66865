// The production build the bench scripts measure: rebuilt only when a source
// is newer than build/index.js.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function ensureBuild(log) {
  const built = path.join(ROOT, "build/index.js");
  const sources = ["app", "db", "remix.config.js", "package-lock.json"].map((p) => newestMtime(path.join(ROOT, p)));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...sources)) return;
  log("building (npx remix build)");
  execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
}
