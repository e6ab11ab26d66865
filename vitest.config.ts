import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
};

// Two projects so that unit tests run without the production build that the
// server-backed tests (integration and browser) need.
export default defineConfig({
  ...shared,
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        ...shared,
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles: ["tests/helpers/setup-env.ts"] },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: "server",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          setupFiles: ["tests/helpers/setup-env.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
