// A small bridge between node:http and Remix's fetch-style request handler,
// lighter than an Express stack in front of it.
import zlib from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import { renderedHtmlOf } from "./rendered-html";

/**
 * The fetch Request Remix sees. `url` is the request's checked address (see
 * request-limits.ts); `body` the body already read by readBody() (the server
 * reads every POST body before the app sees it).
 */
export function toFetchRequest(req: IncomingMessage, res: ServerResponse, url: URL, body?: Buffer): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  // An empty body without a type is an empty form, which every form route can read.
  if (body?.length === 0 && !headers.has("Content-Type")) headers.set("Content-Type", "application/x-www-form-urlencoded");

  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });

  const init: RequestInit = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (body && req.method !== "GET" && req.method !== "HEAD") {
    init.body = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  }
  return new Request(url, init);
}

/** How much of a refused body is still read (and thrown away) before the connection is cut. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/**
 * Answer a request with a short plain-text refusal, whether or not its body has
 * been read. The rest of the body is read and dropped, up to a limit, so the
 * client gets to read this answer instead of a connection reset.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const expectsContinue = /100-continue/i.test(String(req.headers.expect ?? ""));
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    // A client waiting for "100 Continue" sends no body: close rather than read one.
    ...(expectsContinue ? { Connection: "close" } : {}),
    ...headers,
  });
  res.end(message);
  if (expectsContinue || req.readableEnded) return;
  let drained = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MAX_MS);
  timer.unref();
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) cut();
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: "too_large" | "aborted" };

/**
 * Read a request body into memory, up to `limit` bytes. Stops at the first
 * byte over the limit (the caller answers 413 and refuse() drains the rest).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ ok: false, reason: "too_large" });
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onAbort = () => finish({ ok: false, reason: "aborted" });
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onClose);
  });
}

const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

/** Write a fetch Response to node; buffers small bodies and gzips text when asked. */
export async function sendFetchResponse(req: IncomingMessage, res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    res.setHeader(key, value);
  }
  // Pages set it with the rest of their security headers; data, redirects and
  // resource routes get it here, so no response is ever content-sniffed.
  if (!res.hasHeader("X-Content-Type-Options")) res.setHeader("X-Content-Type-Options", "nosniff");
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);

  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }

  // Every answer is buffered (the pages render to a string; no route streams).
  const contentType = response.headers.get("content-type") ?? "";
  const html = renderedHtmlOf(response);
  let body: Buffer = html !== undefined ? Buffer.from(html, "utf8") : Buffer.from(await response.arrayBuffer());
  const accept = String(req.headers["accept-encoding"] ?? "");
  if (
    body.length > 1024 &&
    !response.headers.has("content-encoding") &&
    COMPRESSIBLE_TYPE.test(contentType) &&
    /\bgzip\b/.test(accept)
  ) {
    // On the event loop: a page takes ~0.1 ms to compress, while handing it to
    // libuv's thread pool left the loop idle a fifth of the time under load
    // (measured: ~30 % more pages per second this way).
    body = zlib.gzipSync(body, { level: 6 });
    res.setHeader("Content-Encoding", "gzip");
    res.appendHeader("Vary", "Accept-Encoding");
  }
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
