// Static files: read once, encoded in the background one file at a time, and
// served with the encoding the client accepts, fingerprinted assets cached forever.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStaticFiles, serveStatic } from "~/http/static.server";

let dir: string;
let server: http.Server;
let origin: string;
const script = "export const greeting = 'hello';\n".repeat(200);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-"));
  fs.mkdirSync(path.join(dir, "build"));
  fs.writeFileSync(path.join(dir, "build", "entry-ABC123.js"), script);
  fs.writeFileSync(path.join(dir, "build", "other-DEF456.js"), script.toUpperCase());
  fs.writeFileSync(path.join(dir, "robots.txt"), "User-agent: *\n");
  const files = loadStaticFiles(dir);
  server = http.createServer((req, res) => {
    if (!serveStatic(files, req, res, (req.url ?? "/").split("?", 1)[0]!)) {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(origin + pathname, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the encodings were never ready");
}

describe("static files", () => {
  it("serves every file brotli- and gzip-encoded once the background encoding is done, bytes intact", async () => {
    await eventually(async () => (await get("/build/other-DEF456.js", { "Accept-Encoding": "br" })).headers["content-encoding"] === "br");
    const br = await get("/build/entry-ABC123.js", { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get("/build/entry-ABC123.js", { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get("/build/entry-ABC123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(Number(plain.headers["content-length"])).toBe(Buffer.byteLength(script));
  });

  it("caches fingerprinted build files forever and the rest for an hour, with an ETag that answers 304", async () => {
    const asset = await get("/build/entry-ABC123.js");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(asset.headers["x-content-type-options"]).toBe("nosniff");
    const robots = await get("/robots.txt");
    expect(robots.headers["cache-control"]).toBe("public, max-age=3600");
    const again = await get("/build/entry-ABC123.js", { "If-None-Match": String(asset.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("leaves unknown paths to the app", async () => {
    expect((await get("/build/missing.js")).status).toBe(404);
  });
});
