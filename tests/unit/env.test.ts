import os from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, configWarnings, parseEnv } from "~/utils/env.server";

const SECRET = "s".repeat(40);

describe("configuration", () => {
  it("has safe defaults for development: SQLite under data/, test payments, port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      nodeEnv: "development",
      port: 3000,
      databaseFile: "data/shop.sqlite",
      stripe: null,
      testPayments: true,
      checkoutHoldMinutes: 30,
      webConcurrency: 1,
    });
  });

  it("reads Stripe settings, including a stand-in API base", () => {
    const env = parseEnv({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1", STRIPE_API_BASE: "http://127.0.0.1:12111" });
    expect(env.testPayments).toBe(false);
    expect(env.stripe?.apiBase?.port).toBe("12111");
  });

  it("refuses production without Stripe keys unless test payments are allowed, in one line", () => {
    const attempt = () => parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Refusing to start in production without STRIPE_SECRET_KEY[^\n]*ALLOW_TEST_PAYMENTS=1/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET, ALLOW_TEST_PAYMENTS: "1" }).testPayments).toBe(true);
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ALLOW_TEST_PAYMENTS: "1" })).toThrow(/SESSION_SECRET must be set/);
  });

  it("explains bad values", () => {
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ CHECKOUT_HOLD_MINUTES: "10" })).toThrow(/CHECKOUT_HOLD_MINUTES/);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_1" })).toThrow(/STRIPE_WEBHOOK_SECRET must be set/);
    expect(() => parseEnv({ ADMIN_EMAIL: "owner@example.com" })).toThrow(/go together/);
  });

  it("stops on a malformed SMTP_URL, in one line that names it", () => {
    for (const bad of ["not a url", "http://mail.example.com", "smtp:/mail.example.com", "mail.example.com:587"]) {
      const attempt = () => parseEnv({ SMTP_URL: bad });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/^SMTP_URL: [^\n]*smtp/);
    }
    expect(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587" }).mail.smtpUrl).toBe("smtp://user:pass@mail.example.com:587");
    expect(parseEnv({ SMTP_URL: "smtps://mail.example.com" }).mail.smtpUrl).toBe("smtps://mail.example.com");
    expect(parseEnv({}).mail).toEqual({ smtpUrl: null, from: "Tote & Charm <orders@example.com>", dir: "data/mail" });
    expect(() => parseEnv({ MAIL_FROM: "Tote & Charm <not an address>" })).toThrow(/MAIL_FROM/);
  });

  it("warns once, loudly, when production writes emails to files instead of sending them", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: SECRET, ALLOW_TEST_PAYMENTS: "1", PUBLIC_URL: "https://shop.example" };
    const [warning, ...rest] = configWarnings(parseEnv({ ...production, MAIL_DIR: "/var/mail/shop" }));
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^WARNING: EMAILS ARE NOT BEING DELIVERED/);
    expect(warning).toContain("/var/mail/shop");
    expect(configWarnings(parseEnv({ ...production, SMTP_URL: "smtp://mail.example.com" }))).toEqual([]);
    expect(configWarnings(parseEnv({}))).toEqual([]);
    const { PUBLIC_URL: _, ...withoutUrl } = production;
    expect(configWarnings(parseEnv({ ...withoutUrl, SMTP_URL: "smtp://mail.example.com" }))).toEqual([expect.stringMatching(/PUBLIC_URL is not set/)]);
  });

  it("runs at most as many password hashes at once as there are cores and as fit the memory budget", () => {
    const cores = os.availableParallelism();
    expect(parseEnv({}).passwordHashing).toEqual({ concurrency: Math.min(cores, 2), queueLimit: 8, waitMs: 10_000 });
    expect(parseEnv({ PASSWORD_HASHING_MEMORY_MB: "128" }).passwordHashing.concurrency).toBe(1);
    expect(parseEnv({ PASSWORD_HASHING_MEMORY_MB: "65536" }).passwordHashing.concurrency).toBe(cores);
    expect(parseEnv({ SIGN_IN_QUEUE_LENGTH: "0", SIGN_IN_QUEUE_WAIT_MS: "250" }).passwordHashing).toMatchObject({ queueLimit: 0, waitMs: 250 });
    expect(() => parseEnv({ SIGN_IN_QUEUE_LENGTH: "-1" })).toThrow(/SIGN_IN_QUEUE_LENGTH/);
    expect(() => parseEnv({ PASSWORD_HASHING_MEMORY_MB: "64" })).toThrow(/PASSWORD_HASHING_MEMORY_MB/);
  });

  it("trusts no proxy unless TRUST_PROXY says so, and stops on a value it cannot use", () => {
    expect(parseEnv({}).trustProxy).toEqual({ kind: "off" });
    expect(parseEnv({ TRUST_PROXY: "1" }).trustProxy).toEqual({ kind: "hops", hops: 1 });
    expect(() => parseEnv({ TRUST_PROXY: "the load balancer" })).toThrow(/^TRUST_PROXY: .*"the load balancer"[^\n]*$/);
  });

  it("accepts a file: prefix on DATABASE_URL", () => {
    expect(parseEnv({ DATABASE_URL: "file:/tmp/x.sqlite" }).databaseFile).toBe("/tmp/x.sqlite");
  });

  it.each([
    ["data/shop.sqlite", "data/shop.sqlite"],
    ["/var/lib/shop/shop.sqlite", "/var/lib/shop/shop.sqlite"],
    ["./shop.sqlite", "./shop.sqlite"],
    ["file:data/shop.sqlite", "data/shop.sqlite"],
    ["FILE:/tmp/x.sqlite", "/tmp/x.sqlite"],
    ["./backup:2026.sqlite", "./backup:2026.sqlite"],
    [":memory:", ":memory:"],
  ])("takes DATABASE_URL=%s as the SQLite file %s", (value, file) => {
    expect(parseEnv({ DATABASE_URL: value }).databaseFile).toBe(file);
  });

  it.each([
    "postgres://shop:hunter2@db.internal:5432/shop",
    "postgresql://shop:hunter2@db.internal/shop",
    "POSTGRES://db.internal/shop",
  ])("refuses DATABASE_URL=%s in one line: PostgreSQL cannot run the shop yet", (value) => {
    const attempt = () => parseEnv({ DATABASE_URL: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^DATABASE_URL: PostgreSQL cannot run the shop yet: its schema and migrations exist [^\n]*data layer is SQLite-only; give a SQLite file path[^\n]*$/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it.each([
    ["mysql://shop:hunter2@db.internal:3306/shop", "mysql"],
    ["mariadb://db.internal/shop", "mariadb"],
    ["sqlserver://db.internal", "sqlserver"],
    ["mongodb+srv://shop:hunter2@cluster0.example.net/shop", "mongodb+srv"],
    ["sqlite://data/shop.sqlite", "sqlite"],
    ["http://db.internal/shop", "http"],
    ["redis:6379", "redis"],
  ])("refuses DATABASE_URL=%s in one line naming the scheme, never the password", (value, scheme) => {
    const attempt = () => parseEnv({ DATABASE_URL: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^DATABASE_URL: ${scheme.replace("+", "\\+")}: [^\\n]*SQLite file path[^\\n]*$`));
    expect(attempt).not.toThrow(/hunter2/);
  });
});
