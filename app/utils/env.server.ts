// All configuration comes from environment variables, checked once here.
// Development and tests get safe defaults; production must say what it means.
import { z } from "zod";

const DEV_SESSION_SECRET = "dev-only-session-secret-change-me-in-production";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

// SQLite is the one database: DATABASE_URL is a file path, optionally with
// file:. Anything else with a scheme ("mysql://…") would otherwise become a
// file of that name. Only the scheme is echoed: the rest may hold a password.
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
          ? "PostgreSQL is not supported yet; give a SQLite file path (e.g. data/shop.sqlite)."
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
});

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
  };
}

let cached: Env | null = null;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
