// For tests on PostgreSQL: the run's server (started once by the global setup,
// tests/helpers/postgres-server.ts) and a fresh database per test file, dropped
// after the file's tests.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

declare module "vitest" {
  interface ProvidedContext {
    /** The run's PostgreSQL server, as a superuser (see global-setup.ts). */
    postgresUrl: string;
  }
}

export type TestDatabase = {
  name: string;
  url: string;
  drop(): Promise<void>;
};

function serverUrl(): string {
  const url = inject("postgresUrl");
  if (!url) throw new Error("no PostgreSQL for this run: tests/helpers/global-setup.ts provides it to the server project");
  return url;
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the run's server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * This test file's database, made before its tests and dropped after them,
 * with a connection pool on it. Read `url` and `pool` inside tests or hooks.
 */
export function postgresDatabaseOfFile(): { readonly url: string; readonly pool: pg.Pool; readonly name: string } {
  let database: TestDatabase | null = null;
  let pool: pg.Pool | null = null;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 30 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  const ready = () => {
    if (!database || !pool) throw new Error("the test database is made in beforeAll: use it inside tests or hooks");
    return { database, pool };
  };
  return {
    get url() {
      return ready().database.url;
    },
    get name() {
      return ready().database.name;
    },
    get pool() {
      return ready().pool;
    },
  };
}
