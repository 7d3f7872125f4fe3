// Serves the reference build like Mitenand is served: express, compression (gzip), static files, Remix's request
// handler. Usage: node bench/reference/server.js <port> (after building it in bench/reference).
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const build = await import(join(here, "build/index.js"));
const port = Number(process.argv[2] ?? process.env.PORT ?? 3298);

const app = express();
app.disable("x-powered-by");
// gzip on the fly, as Mitenand answers dynamic pages (it refuses brotli there: flushed per streamed chunk, it
// halves the throughput)
app.use((req, _res, next) => {
  const accept = req.headers["accept-encoding"];
  if (accept) req.headers["accept-encoding"] = accept.replace(/\s*\bbr\b(;\s*q=[0-9.]+)?\s*,?/g, "").replace(/,\s*$/, "").trim();
  next();
});
app.use(compression());
app.use("/build", express.static(join(here, "public/build"), { immutable: true, maxAge: "1y" }));
app.get("/healthz", (_req, res) => res.send("ok"));
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(port, "127.0.0.1", () => console.log(`reference on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
