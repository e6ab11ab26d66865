// Builds the production bundle once per test run, for the tests that start the
// real server (the "server" project in vitest.config.ts: integration and browser
// tests; unit tests run without it). Set SKIP_BUILD=1 to reuse build/.
// A failed build does not stop the run: startShop() reports it instead.
// It also starts the run's one PostgreSQL (tests/helpers/postgres-server.ts),
// while the build runs, and hands its address to the test files.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startTestPostgres } from "./postgres-server";

async function build() {
  if (process.env.SKIP_BUILD === "1") return;
  try {
    await promisify(execFile)("npx", ["remix", "build"], {
      env: { ...process.env, NODE_ENV: "production" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    process.env.SHOP_BUILD_ERROR = stderr.slice(-4000) || "remix build failed";
  }
}

export default async function setup(project: TestProject) {
  const [postgres] = await Promise.all([startTestPostgres(), build()]);
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
