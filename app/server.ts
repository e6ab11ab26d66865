// The shop's HTTP server, compiled with the app into build/index.js.
//   node build/index.js            serve (migrates and seeds an empty database first)
//   node build/index.js --seed-only  migrate and seed, then exit
//   node build/index.js --create-owner [--reset-password]  owner account from ADMIN_EMAIL/ADMIN_PASSWORD, then exit
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createRequestHandler, installGlobals } from "@remix-run/node";
import { sendFetchResponse, toFetchRequest } from "~/http/adapter.server";
import { isCrossSiteRequest } from "~/http/cross-site";
import { loadStaticFiles, serveStatic } from "~/http/static.server";
import { ConfigError, env } from "~/utils/env.server";

installGlobals({ nativeFetch: true });

// Refuse to start on bad configuration, in one line. Everything that opens the
// database or reads a secret is imported later, dynamically, for this reason.
function loadConfig() {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

const config = loadConfig();

async function prepareDatabase() {
  // Imported lazily so a configuration error is reported before the database opens.
  const { runStartupTasks } = await import("~/services/startup.server");
  await runStartupTasks();
}

async function serve() {
  const { startBackgroundTasks, stopBackgroundTasks } = await import("~/services/startup.server");
  const { closeDatabase } = await import("~/utils/db.server");
  const build = await import("@remix-run/dev/server-build");
  const handleRequest = createRequestHandler(build, build.mode);
  const staticFiles = loadStaticFiles(path.resolve(process.cwd(), "public"), build.publicPath);

  const server = http.createServer(async (req, res) => {
    try {
      const pathname = (req.url ?? "/").split("?", 1)[0]!;
      if (serveStatic(staticFiles, req, res, pathname)) return;
      if (
        isCrossSiteRequest({
          method: req.method ?? "GET",
          pathname,
          host: req.headers.host,
          origin: req.headers.origin,
          secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
          publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : null,
        })
      ) {
        res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Cross-site form submissions are not accepted.");
        return;
      }
      const request = toFetchRequest(req, res, config.publicUrl ?? `http://${req.headers.host ?? "localhost"}`);
      const nonce = crypto.randomBytes(16).toString("base64");
      const response = await handleRequest(request, { nonce, clientAddress: req.socket.remoteAddress ?? "unknown" });
      await sendFetchResponse(req, res, response);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end("Something went wrong on our side. Please try again.");
      } else {
        res.destroy();
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  server.removeAllListeners("timeout");

  startBackgroundTasks();

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: finishing in-flight requests`);
    stopBackgroundTasks();
    server.close(() => {
      closeDatabase();
      process.exit(0);
    });
    server.closeIdleConnections();
    // Never hang forever on a stuck client.
    setTimeout(() => {
      closeDatabase();
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  return server;
}

function announce(address: Pick<AddressInfo, "port">, processes: number) {
  const url = config.publicUrl ?? `http://localhost:${address.port}`;
  console.log(`Shop listening on ${url} (port ${address.port}, ${processes} process${processes > 1 ? "es" : ""}, ${config.nodeEnv})`);
}

async function main() {
  if (process.argv.includes("--seed-only")) {
    await prepareDatabase();
    console.log(`Database ready at ${config.databaseFile}`);
    process.exit(0);
  }

  if (process.argv.includes("--create-owner")) {
    const { createOwnerFromCommandLine } = await import("../db/create-owner");
    process.exit(await createOwnerFromCommandLine(process.argv));
  }

  if (config.webConcurrency > 1 && cluster.isPrimary) {
    // The primary prepares the database once, then forks workers that share the port.
    await prepareDatabase();
    let announced = false;
    cluster.on("listening", (_worker, address) => {
      if (!announced) {
        announced = true;
        announce(address, config.webConcurrency);
      }
    });
    cluster.on("exit", (worker, code, signal) => {
      if (!shuttingDown) {
        console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        cluster.fork();
      }
    });
    let shuttingDown = false;
    const stop = (signal: NodeJS.Signals) => {
      shuttingDown = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      let remaining = Object.keys(cluster.workers ?? {}).length;
      if (remaining === 0) process.exit(0);
      cluster.on("exit", () => {
        remaining -= 1;
        if (remaining === 0) process.exit(0);
      });
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    for (let i = 0; i < config.webConcurrency; i += 1) cluster.fork();
    return;
  }

  if (cluster.isPrimary) await prepareDatabase();
  const server = await serve();
  if (cluster.isPrimary) announce(server.address() as AddressInfo, 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
