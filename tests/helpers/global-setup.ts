// Builds the production bundle once per test run, for the tests that start the
// real server (the "server" project in vitest.config.ts: integration and browser
// tests; unit tests run without it). Set SKIP_BUILD=1 to reuse build/.
// A failed build does not stop the run: startShop() reports it instead.
import { execFileSync } from "node:child_process";

export default function setup() {
  if (process.env.SKIP_BUILD === "1") return;
  try {
    execFileSync("npx", ["remix", "build"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    process.env.SHOP_BUILD_ERROR = stderr.slice(-4000) || "remix build failed";
  }
}
