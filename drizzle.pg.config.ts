// drizzle-kit for the PostgreSQL twin of the schema (db/schema.pg.ts); the
// SQLite one is drizzle.config.ts. Each dialect has its own migrations folder.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
  casing: "snake_case",
});
