// The shop's HTTP server, compiled with the app into build/index.js.
//   node build/index.js            serve (migrates and seeds an empty database first)
//   node build/index.js --seed-only  migrate and seed, then exit
//   node build/index.js --create-owner [--reset-password]  owner account from ADMIN_EMAIL/ADMIN_PASSWORD, then exit
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { broadcastDevReady, createRequestHandler, installGlobals } from "@remix-run/node";
import { formatAccessLogLine, watchResponse } from "~/http/access-log";
import { readBody, refuse, sendFetchResponse, toFetchRequest } from "~/http/adapter.server";
import { clientInfo } from "~/http/client-address";
import { isCrossSiteRequest } from "~/http/cross-site";
import {
  ALLOWED_METHODS,
  HEADERS_TIMEOUT_MS,
  MAX_HEADER_BYTES,
  MAX_HEADERS_COUNT,
  REFUSALS,
  REQUEST_TIMEOUT_MS,
  bodyLimit,
  contentTypeRefusal,
  declaredLength,
  headerCount,
  isValidHost,
  requestTarget,
  requestUrl,
  type Refusal,
} from "~/http/request-limits";
import { PRIVATE_PAGE_CACHE_CONTROL, sendCachedPage } from "~/http/cached-page.server";
import { pageKeyFor, type PageKey } from "~/http/page-cache";
import { renderTurn } from "~/http/render-turns";
import { htmlResponse, renderedHtmlOf } from "~/http/rendered-html";
import { loadStaticFiles, serveStatic } from "~/http/static.server";
import { ConfigError, configWarnings, env } from "~/utils/env.server";

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
  const { startOutboxSender, stopOutboxSender } = await import("~/services/outbox.server");
  const { registerOutboxHandlers } = await import("~/services/outbox-handlers.server");
  registerOutboxHandlers();
  const { closeDatabase } = await import("~/utils/db.server");
  const pageCache = await import("~/services/page-cache.server");
  const { getCatalog } = await import("~/models/catalog.server");
  const build = await import("@remix-run/dev/server-build");
  const handleRequest = createRequestHandler(build, build.mode);
  const staticFiles = loadStaticFiles(path.resolve(process.cwd(), "public"), build.publicPath);

  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;

  // Set on SIGTERM/SIGINT: requests already in flight finish, on connections that then close.
  let shuttingDown = false;

  const cachedPageOptions = {
    production: config.isProduction,
    development: config.nodeEnv === "development",
    checkoutOrigins: config.stripe ? ["https://checkout.stripe.com"] : [],
    cdnMaxAgeSeconds: config.pageCache.cdnMaxAgeSeconds,
  };
  // Renders of a cacheable page under way: visitors asking for it meanwhile wait for that one render.
  const rendering = new Map<string, Promise<void>>();

  /** Serve a page from the cache, rendering it first if needed. False when it cannot be cached (then rendered and sent here). */
  const servePageFromCache = async (req: http.IncomingMessage, res: http.ServerResponse, key: PageKey, url: URL, clientAddress: string) => {
    let page = pageCache.currentPage(key);
    if (page) return sendCachedPage(req, res, page, cachedPageOptions, "hit");
    const pending = rendering.get(key.key);
    if (pending) {
      await pending;
      // Still current? (A change during that render makes it outdated at once.)
      page = pageCache.currentPage(key);
      if (page) return sendCachedPage(req, res, page, cachedPageOptions, "hit");
    }
    let done!: () => void;
    rendering.set(key.key, new Promise<void>((resolve) => (done = resolve)));
    try {
      await renderTurn();
      const before = getCatalog();
      const deps = pageCache.newPageDependencies();
      const request = toFetchRequest(req, res, url);
      const response = await handleRequest(request, { nonce: "", clientAddress, pageCache: deps });
      const html = renderedHtmlOf(response) ?? (await response.text());
      page = await pageCache.storePage(key, { status: response.status, headers: response.headers, html }, deps, before);
      if (page) return sendCachedPage(req, res, page, cachedPageOptions, "miss");
      // Not a page to keep (a 404, a redirect): sent as rendered, for this request only.
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", PRIVATE_PAGE_CACHE_CONTROL);
      await sendFetchResponse(req, res, htmlResponse(html, { status: response.status, statusText: response.statusText, headers: response.headers }));
    } finally {
      rendering.delete(key.key);
      done();
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const refused = (refusal: Refusal, headers?: Record<string, string>) => refuse(req, res, refusal.status, refusal.message, headers);
    if (shuttingDown) res.setHeader("Connection", "close");
    // Set once the address is checked; a refused address is logged as "-".
    let url: URL | null = null;
    if (config.accessLog) {
      watchResponse(res, ({ ms, bytes, aborted }) =>
        console.log(formatAccessLogLine({ method: req.method ?? "-", url, status: res.statusCode, ms, bytes, aborted })),
      );
    }
    try {
      // The address, method and body size are checked before anything is read.
      const target = requestTarget(req.url);
      if (target === null) return refused(REFUSALS.badTarget);
      // Node keeps the first of several Host headers; a proxy may have used another (RFC 9112: 400).
      if (headerCount(req.rawHeaders, "host") > 1) return refused(REFUSALS.badHost);
      // Behind a trusted proxy, the client's address, protocol and host are the ones it forwarded.
      const client = clientInfo(config.trustProxy, req.socket.remoteAddress, req.headers);
      const host = client.host ?? req.headers.host;
      if (!publicOrigin && !isValidHost(host)) return refused(REFUSALS.badHost);
      url = requestUrl(publicOrigin ?? `${client.protocol ?? "http"}://${host}`, target);
      if (url === null) return refused(REFUSALS.badTarget);
      const pathname = url.pathname;
      const method = req.method ?? "GET";
      if (!ALLOWED_METHODS.has(method)) return refused(REFUSALS.method, { Allow: [...ALLOWED_METHODS].join(", ") });
      if (serveStatic(staticFiles, req, res, pathname)) return;
      if (
        isCrossSiteRequest({
          method,
          pathname,
          host,
          origin: req.headers.origin,
          secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
          publicOrigin,
        })
      ) {
        return refuse(req, res, 403, "Cross-site form submissions are not accepted.");
      }
      let body: Buffer | undefined;
      let multipartForm: FormData | undefined;
      if (method === "POST") {
        const contentType = req.headers["content-type"];
        const limit = bodyLimit(pathname, contentType);
        const length = declaredLength(req.headers["content-length"]);
        if (Number.isNaN(length)) return refused(REFUSALS.badLength);
        if (length !== null && length > limit) return refused(REFUSALS.tooLarge(limit));
        if (/100-continue/i.test(String(req.headers.expect ?? ""))) res.writeContinue();
        const read = await readBody(req, limit);
        if (!read.ok) return read.reason === "too_large" ? refused(REFUSALS.tooLarge(limit)) : undefined;
        const typeProblem = contentTypeRefusal(pathname, contentType, read.body.length);
        if (typeProblem) return refused(typeProblem);
        if (read.body.length > 0 && contentType?.toLowerCase().startsWith("multipart/")) {
          // Parsed here, once: a boundary the body does not follow is refused here, not a 500 in
          // the route, and an upload route takes the parsed form from its load context.
          try {
            multipartForm = await new Request(url, { method: "POST", body: new Uint8Array(read.body), headers: { "Content-Type": contentType } }).formData();
          } catch {
            return refused(REFUSALS.unreadableForm);
          }
        }
        body = read.body;
      }
      // Catalog pages for visitors without a cart: the same bytes for all of them.
      const pageKey = pageCache.pageCacheEnabled()
        ? pageKeyFor({ method, url, cookie: req.headers.cookie, authorization: req.headers.authorization })
        : null;
      if (pageKey) {
        if (shuttingDown) res.setHeader("Connection", "close");
        if (method === "GET") return await servePageFromCache(req, res, pageKey, url, client.address);
        // HEAD: from the cache when the page is there (Remix renders no body for HEAD, nothing to keep).
        const page = pageCache.currentPage(pageKey);
        if (page) return sendCachedPage(req, res, page, cachedPageOptions, "hit");
      }
      // Taking turns with other renders lets cached pages and static files be answered between them.
      await renderTurn();
      // A reader who left while waiting: no page to render for them (forms are still handled).
      if ((method === "GET" || method === "HEAD") && req.socket.destroyed) return;
      const request = toFetchRequest(req, res, url, body);
      const nonce = crypto.randomBytes(16).toString("base64");
      // One load context per request: loaders keep per-request reads on it (services/cart.server.ts).
      const response = await handleRequest(request, { nonce, clientAddress: client.address, multipartForm });
      // A page rendered for one visitor (a cart, a session) is theirs alone, at a CDN too.
      if (!response.headers.has("Cache-Control") && (response.headers.get("Content-Type") ?? "").startsWith("text/html")) {
        response.headers.set("Cache-Control", PRIVATE_PAGE_CACHE_CONTROL);
      }
      // A keep-alive connection would hold the shutdown open until its timeout.
      if (shuttingDown) res.setHeader("Connection", "close");
      await sendFetchResponse(req, res, response);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.end("Something went wrong on our side. Please try again.");
      } else {
        res.destroy();
      }
    }
  };

  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // How often those two timeouts are checked (node's default is 30 s).
      connectionsCheckingInterval: 1_000,
    },
    handle,
  );
  // A client that sends "Expect: 100-continue" gets the 413 before sending its body.
  server.on("checkContinue", handle);
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  server.keepAliveTimeout = 65_000;
  server.removeAllListeners("timeout");

  startBackgroundTasks();
  startOutboxSender();

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: finishing in-flight requests`);
    stopBackgroundTasks();
    stopOutboxSender();
    server.close(() => {
      closeDatabase();
      console.log("Stopped: in-flight requests finished, database closed.");
      process.exit(0);
    });
    server.closeIdleConnections();
    // Never hang forever on a stuck client.
    setTimeout(() => {
      closeDatabase();
      console.error("Stopped after 10 s with requests still open; database closed.");
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // Under `remix dev`, which restarts this process on every rebuild and waits for this word.
  if (config.nodeEnv === "development" && config.remixDevOrigin) await broadcastDevReady(build, config.remixDevOrigin);
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

  // Once per start, not once per worker.
  if (cluster.isPrimary) for (const warning of configWarnings(config)) console.warn(warning);

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
