// All configuration comes from environment variables, checked once here.
// Development and tests get safe defaults; production must say what it means.
import os from "node:os";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "~/http/client-address";
import { DEFAULT_SHOP_TIMEZONE, isTimeZone } from "~/domain/shop-time";

const DEV_SESSION_SECRET = "dev-only-session-secret-change-me-in-production";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

// SQLite is the one database the shop runs on: DATABASE_URL is a file path,
// optionally with file:. Anything else with a scheme ("mysql://…") would
// otherwise become a file of that name. PostgreSQL has its schema, migrations
// and migrator (docs/decisions/0016-postgresql-foundation.md) but not yet a
// data layer, so it is refused too. Only the scheme is echoed: the rest may
// hold a password.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i; // two letters or more, so C:\ stays a path
const databaseUrl = z
  .string()
  .min(1)
  .default("data/shop.sqlite")
  .transform((value, ctx) => {
    const scheme = SCHEME.exec(value)?.[1]!.toLowerCase();
    if (scheme === undefined) return value;
    if (scheme === "file") return value.slice("file:".length);
    ctx.addIssue({
      code: "custom",
      message:
        scheme === "postgres" || scheme === "postgresql"
          ? "PostgreSQL cannot run the shop yet: its schema and migrations exist (db/schema.pg.ts, db/migrations-pg) but the shop's data layer is SQLite-only; give a SQLite file path (e.g. data/shop.sqlite)."
          : `${scheme}: is not a database this shop can use; give a SQLite file path (e.g. data/shop.sqlite or file:/var/lib/shop/shop.sqlite).`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: databaseUrl,
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  PUBLIC_URL: z.url().optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_API_BASE: z.url().optional(),
  ALLOW_TEST_PAYMENTS: booleanFlag,
  CHECKOUT_HOLD_MINUTES: z.coerce.number().int().min(30).max(24 * 60).default(30),
  CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  // A share of carts (0–100 %) that sees no micro-bag suggestions; staff can
  // change it in /admin/offers, this is only the starting value.
  UPSELL_HOLDOUT_PERCENT: z.coerce.number().min(0).max(100).default(0),
  STRIPE_AUTOMATIC_TAX: booleanFlag,
  // Email: without SMTP_URL, messages are written as .eml files under MAIL_DIR.
  SMTP_URL: z
    .url("SMTP_URL must be a URL like smtp://user:pass@host:587")
    .refine((v) => /^smtps?:\/\/[^/]/.test(v), "SMTP_URL must start with smtp:// or smtps:// and name a host")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, "MAIL_FROM must be an address like Tote & Charm <orders@example.com>")
    .default("Tote & Charm <orders@example.com>"),
  MAIL_DIR: z.string().min(1).default("data/mail"),
  // The outbox sender: how often it looks for due side effects, and its first retry delay.
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(10 * 60_000).default(5_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60 * 60_000).default(30_000),
  // Password hashing takes 128 MiB a check outside the heap: at most as many at
  // once as there are cores and as fit in this budget; sign-ins beyond that wait
  // in a short line, and past it (or after the wait) get 503 with Retry-After.
  PASSWORD_HASHING_MEMORY_MB: z.coerce.number().int().min(128).max(64 * 1024).default(256),
  SIGN_IN_QUEUE_LENGTH: z.coerce.number().int().min(0).max(1000).default(8),
  SIGN_IN_QUEUE_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(10_000),
  // Behind a load balancer: off, a hop count, or the proxies' addresses (see http/client-address.ts).
  TRUST_PROXY: z.string().optional().transform((value, ctx) => {
    const parsed = parseTrustProxy(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }),
  // The back office shows times, and reads date filters, in this IANA zone ("Europe/London").
  SHOP_TIMEZONE: z
    .string()
    .default(DEFAULT_SHOP_TIMEZONE)
    .refine(isTimeZone, "SHOP_TIMEZONE must be a time zone name like Europe/London or America/New_York (or UTC)"),
  // Ready-to-send catalog pages for visitors without a cart, per process, in
  // MB (0 turns the cache off). 24 MB holds several hundred pages with their
  // gzip and brotli copies, inside the 200 MB a process may take.
  PAGE_CACHE_MB: z.coerce.number().min(0).max(1024).default(24),
  // How long a CDN in front may keep such a page (s-maxage); it may serve it
  // stale for five times as long while it asks again (stale-while-revalidate).
  CDN_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  // One line per request on stdout (http/access-log.ts): on unless NODE_ENV=test; 0 turns it off, 1 on.
  ACCESS_LOG: z.enum(["1", "0", "true", "false", "yes", "no"]).optional(),
  // Set by `remix dev` for the app server it runs: where to say a new build is being served.
  REMIX_DEV_ORIGIN: z.url().optional(),
});

/** Memory one scrypt check takes at the shop's settings (128·N·r bytes). */
const SCRYPT_MEMORY_MB = 128;

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  databaseFile: string;
  sessionSecret: string;
  publicUrl: string | null;
  stripe: { secretKey: string; webhookSecret: string; apiBase: URL | null } | null;
  testPayments: boolean;
  checkoutHoldMinutes: number;
  cartTtlDays: number;
  admin: { email: string; password: string } | null;
  webConcurrency: number;
  upsellHoldoutPercent: number;
  stripeAutomaticTax: boolean;
  mail: { smtpUrl: string | null; from: string; dir: string };
  outbox: { pollMs: number; retryBaseMs: number };
  passwordHashing: { concurrency: number; queueLimit: number; waitMs: number };
  trustProxy: TrustProxy;
  shopTimeZone: string;
  pageCache: { maxBytes: number; cdnMaxAgeSeconds: number };
  accessLog: boolean;
  remixDevOrigin: string | null;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and check a set of variables. Throws ConfigError whose message is one line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset so `FOO= npm start` behaves like no FOO.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const problems: string[] = [];

  if (isProduction && !e.SESSION_SECRET) {
    problems.push("SESSION_SECRET must be set in production (32+ random characters).");
  }
  const hasStripe = Boolean(e.STRIPE_SECRET_KEY);
  if (hasStripe && !e.STRIPE_WEBHOOK_SECRET) {
    problems.push("STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is.");
  }
  if (isProduction && !hasStripe && !e.ALLOW_TEST_PAYMENTS) {
    problems.push(
      "Refusing to start in production without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET; set ALLOW_TEST_PAYMENTS=1 to take test payments instead.",
    );
  }
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    problems.push("ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither.");
  }
  if (problems.length > 0) throw new ConfigError(problems.join(" "));

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    databaseFile: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, "") : null,
    stripe: hasStripe
      ? {
          secretKey: e.STRIPE_SECRET_KEY!,
          webhookSecret: e.STRIPE_WEBHOOK_SECRET!,
          apiBase: e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null,
        }
      : null,
    testPayments: !hasStripe,
    checkoutHoldMinutes: e.CHECKOUT_HOLD_MINUTES,
    cartTtlDays: e.CART_TTL_DAYS,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD } : null,
    webConcurrency: e.WEB_CONCURRENCY,
    upsellHoldoutPercent: e.UPSELL_HOLDOUT_PERCENT,
    stripeAutomaticTax: e.STRIPE_AUTOMATIC_TAX,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM, dir: e.MAIL_DIR },
    outbox: { pollMs: e.OUTBOX_POLL_MS, retryBaseMs: e.OUTBOX_RETRY_BASE_MS },
    passwordHashing: {
      concurrency: Math.max(1, Math.min(os.availableParallelism(), Math.floor(e.PASSWORD_HASHING_MEMORY_MB / SCRYPT_MEMORY_MB))),
      queueLimit: e.SIGN_IN_QUEUE_LENGTH,
      waitMs: e.SIGN_IN_QUEUE_WAIT_MS,
    },
    trustProxy: e.TRUST_PROXY,
    shopTimeZone: e.SHOP_TIMEZONE,
    pageCache: { maxBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024), cdnMaxAgeSeconds: e.CDN_MAX_AGE_SECONDS },
    accessLog: e.ACCESS_LOG === undefined ? e.NODE_ENV !== "test" : ["1", "true", "yes"].includes(e.ACCESS_LOG),
    remixDevOrigin: e.REMIX_DEV_ORIGIN ?? null,
  };
}

/**
 * Settings that start the shop but that its owner should hear about, once, at
 * start: in production, emails that are only written to files, and order links
 * in emails that cannot name the shop.
 */
export function configWarnings(e: Env): string[] {
  if (!e.isProduction) return [];
  const warnings: string[] = [];
  if (!e.mail.smtpUrl) {
    warnings.push(
      `WARNING: EMAILS ARE NOT BEING DELIVERED. SMTP_URL is not set, so order emails are written as .eml files under ${e.mail.dir} instead of being sent. Set SMTP_URL=smtp://user:pass@host:587 to send them.`,
    );
  }
  if (!e.publicUrl) {
    warnings.push(`WARNING: PUBLIC_URL is not set, so order links in emails point at http://localhost:${e.port}. Set PUBLIC_URL to the shop's address.`);
  }
  return warnings;
}

let cached: Env | null = null;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
