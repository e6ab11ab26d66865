// The real server process: what it does at start, and how it refuses bad configuration.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { startShop, tempDatabaseFile } from "../helpers/server";

const ROOT = path.resolve(__dirname, "../..");

describe("server start", () => {
  it("refuses production without Stripe keys, saying so in one line", () => {
    if (process.env.SHOP_BUILD_ERROR) throw new Error(process.env.SHOP_BUILD_ERROR);
    const result = spawnSync(process.execPath, ["build/index.js"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), DATABASE_URL: tempDatabaseFile(), PORT: "0" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: Refusing to start in production without STRIPE_SECRET_KEY/);
  });

  it.each([
    ["mysql://shop:hunter2@db.example:3306/shop", /^Configuration error: DATABASE_URL: mysql: /],
    ["postgres://shop:hunter2@db.example/shop", /^Configuration error: DATABASE_URL: PostgreSQL cannot run the shop yet: [^\n]*SQLite-only/],
  ])("refuses DATABASE_URL=%s in one line, creating nothing", (databaseUrl, message) => {
    if (process.env.SHOP_BUILD_ERROR) throw new Error(process.env.SHOP_BUILD_ERROR);
    // Run from an empty folder: a URL taken for a path would leave "mysql:/…" in it.
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "shop-bad-db-url-"));
    try {
      const result = spawnSync(process.execPath, [path.join(ROOT, "build/index.js")], {
        cwd,
        env: { PATH: process.env.PATH, NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), ALLOW_TEST_PAYMENTS: "1", DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1" },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(result.status).not.toBe(0);
      expect(result.status).not.toBeNull();
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).not.toContain("hunter2");
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("migrates and seeds an empty database, in WAL mode, and answers /healthz", async () => {
    const shop = await startShop();
    try {
      const res = await fetch(`${shop.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: "ok" });
      const db = new Database(shop.databaseFile, { readonly: true });
      const counts = db.prepare("SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM bundle_offers) AS offers").get() as { products: number; offers: number };
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      db.close();
      expect(counts.products).toBeGreaterThanOrEqual(30);
      expect(counts.offers).toBeGreaterThanOrEqual(2);
      expect(shop.output()).toMatch(/Shop listening on http:\/\/localhost:\d+/);
    } finally {
      await shop.stop();
    }
  });
});
