// The load generator's ceiling for one page: a bare node:http server (no framework, no database) that answers
// every request with the bytes it was given, so `npm run bench` can show how many such pages per second the
// load generator itself can take in on this machine. Usage: node bench/echo-server.js <port> <file> [encoding]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const [port, file, encoding = "identity"] = process.argv.slice(2);
const body = readFileSync(file);
createServer((_req, res) => {
  const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length };
  if (encoding !== "identity") headers["Content-Encoding"] = encoding;
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(`echo server on ${port}: ${body.length} bytes`));
