// A small bridge between node:http and Remix's fetch-style request handler,
// lighter than an Express stack in front of it.
import { Readable } from "node:stream";
import zlib from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";

export function toFetchRequest(req: IncomingMessage, res: ServerResponse, origin: string): Request {
  const url = new URL(req.url ?? "/", origin);
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);

  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });

  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  return new Request(url, init);
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
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);

  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }

  const contentType = response.headers.get("content-type") ?? "";
  const streaming = contentType.startsWith("text/event-stream") || response.headers.has("x-stream");
  if (streaming) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
    return;
  }

  let body: Buffer = Buffer.from(await response.arrayBuffer());
  const accept = String(req.headers["accept-encoding"] ?? "");
  if (
    body.length > 1024 &&
    !response.headers.has("content-encoding") &&
    COMPRESSIBLE_TYPE.test(contentType) &&
    /\bgzip\b/.test(accept)
  ) {
    body = zlib.gzipSync(body, { level: 6 });
    res.setHeader("Content-Encoding", "gzip");
    res.appendHeader("Vary", "Accept-Encoding");
  }
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
