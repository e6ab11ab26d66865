// The yardstick for the product page: a bare node:http server answering every
// request with the bytes the shop sent for that page once (same status, headers
// and body, compressed or not), so the bench can tell what the shop's own work costs.
//   node bench/bare-server.mjs <response.json> <body file>
import fs from "node:fs";
import http from "node:http";

const [, , headFile, bodyFile] = process.argv;
if (!headFile || !bodyFile) {
  console.error("usage: node bench/bare-server.mjs <response.json> <body file>");
  process.exit(2);
}
const { status, headers } = JSON.parse(fs.readFileSync(headFile, "utf8"));
const body = fs.readFileSync(bodyFile);

const server = http.createServer((req, res) => {
  // Drain any request body, as the shop would have to.
  req.resume();
  res.writeHead(status, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`Bare server listening on port ${typeof address === "object" && address ? address.port : "?"}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
