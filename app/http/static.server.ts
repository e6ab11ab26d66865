// Files under public/ are read once at start and served from memory, gzip and
// brotli encoded ahead of time. Fingerprinted build assets are cached forever.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";

interface StaticFile {
  body: Buffer;
  gzip: Buffer | null;
  brotli: Buffer | null;
  etag: string;
  contentType: string;
  cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};

const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".map", ".json", ".svg", ".txt", ".xml", ".ico", ".webmanifest"]);

function walk(dir: string, base = dir, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export function loadStaticFiles(publicDir: string, publicPath = "/build/"): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const pending: StaticFile[] = [];
  for (const file of walk(publicDir)) {
    const urlPath = "/" + path.relative(publicDir, file).split(path.sep).join("/");
    const ext = path.extname(file).toLowerCase();
    const body = fs.readFileSync(file);
    const entry: StaticFile = {
      body,
      gzip: null,
      brotli: null,
      etag: `"${crypto.createHash("sha1").update(body).digest("base64url")}"`,
      contentType: CONTENT_TYPES[ext] ?? "application/octet-stream",
      cacheControl: urlPath.startsWith(publicPath)
        ? "public, max-age=31536000, immutable"
        : "public, max-age=3600",
    };
    files.set(urlPath, entry);
    if (COMPRESSIBLE.has(ext) && body.length > 512) pending.push(entry);
  }
  compressInTurn(pending);
  return files;
}

/**
 * Encode the files off the event loop after start (brotli at quality 11 takes
 * about a second for the whole bundle), one at a time: a restart after a crash
 * serves at once, in full until each file's encodings are ready, and a single
 * encoder's memory is all this ever costs (parallel encoders left ~25 MB behind).
 */
function compressInTurn(queue: StaticFile[]) {
  const entry = queue.shift();
  if (!entry) return;
  zlib.gzip(entry.body, { level: 9 }, (gzipError, gzip) => {
    if (!gzipError) entry.gzip = gzip;
    zlib.brotliCompress(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }, (brotliError, brotli) => {
      if (!brotliError) entry.brotli = brotli;
      compressInTurn(queue);
    });
  });
}

/** Serve a static file if the path names one; returns false otherwise. */
export function serveStatic(
  files: Map<string, StaticFile>,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const file = files.get(pathname);
  if (!file) return false;
  res.setHeader("Content-Type", file.contentType);
  res.setHeader("Cache-Control", file.cacheControl);
  res.setHeader("ETag", file.etag);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Vary", "Accept-Encoding");
  if (req.headers["if-none-match"] === file.etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  const accept = String(req.headers["accept-encoding"] ?? "");
  let body = file.body;
  if (file.brotli && /\bbr\b/.test(accept)) {
    body = file.brotli;
    res.setHeader("Content-Encoding", "br");
  } else if (file.gzip && /\bgzip\b/.test(accept)) {
    body = file.gzip;
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", body.length);
  res.statusCode = 200;
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
