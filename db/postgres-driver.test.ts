/**
 * The postgres.js patch (patches/postgres+3.4.9.patch): with it, killing the backends of a busy pool settles
 * every query with a catchable error and the pool recovers; without it the process dies from
 * Immediate.nextWrite (or a query never settles). PostgreSQL only: PGlite has no sockets to lose.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";

const databaseUrl = process.env.DATABASE_URL;
const child = join(process.cwd(), "db/testing/postgres-close-child.mjs");

function runChild(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const proc = spawn(process.execPath, [child], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    proc.stdout.on("data", (chunk) => (output += chunk));
    proc.stderr.on("data", (chunk) => (output += chunk));
    // the child bounds its own waits (5–10 s); this is only the backstop
    const timer = setTimeout(() => proc.kill("SIGKILL"), 50_000);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("the installed postgres.js carries the patch in the ESM and CJS builds", () => {
  for (const file of ["node_modules/postgres/src/connection.js", "node_modules/postgres/cjs/src/connection.js"]) {
    expect(readFileSync(file, "utf8")).toContain("mitenand patch");
  }
});

test.skipIf(!databaseUrl)(
  "patched: terminated backends under load settle every query with an error and the pool recovers",
  async () => {
    const { code, output } = await runChild({ DATABASE_URL: databaseUrl! });
    expect(output).toContain("CHILD OK");
    expect(output).toMatch(/reserved, 2nd query after terminate: (CONNECTION_CLOSED|ECONNRESET)/);
    expect(code).toBe(0);
  },
  60_000,
);

test.skipIf(!databaseUrl)(
  "unpatched postgres 3.4.9 dies (or hangs) in the same run: the test can fail",
  async () => {
    // the pristine driver: a copy of the installed one with the patch reversed
    const dir = mkdtempSync(join(tmpdir(), "mitenand-pg-unpatched-"));
    try {
      const copy = join(dir, "postgres");
      cpSync("node_modules/postgres", copy, { recursive: true });
      execFileSync("patch", ["-R", "-p3", "-s", "-d", copy, "-i", join(process.cwd(), "patches/postgres+3.4.9.patch")]);
      expect(readFileSync(join(copy, "src/connection.js"), "utf8")).not.toContain("mitenand patch");
      const { code, output } = await runChild({
        DATABASE_URL: databaseUrl!,
        POSTGRES_MODULE: pathToFileURL(join(copy, "src/index.js")).href,
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/Cannot read properties of null \(reading 'write'\)|did not settle/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
