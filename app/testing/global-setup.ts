/**
 * Vitest global setup. On the embedded database, migrate one in-memory PGlite once and dump it; every test
 * file then starts its own in-memory PGlite from that dump (PGLITE_TEMPLATE). On PostgreSQL, migrate the
 * shared database once so test files don't race to do it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "../../db/client.server";
import { prepareDatabase } from "../../db/setup.server";

export default async function setup() {
  if (process.env.DATABASE_URL) {
    const { db } = createDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
    await prepareDatabase(db);
    await db.destroy();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "mitenand-test-"));
  const file = join(dir, "template.tar");
  const { db, pglite } = createDatabase({ pgliteDir: "memory://" });
  await prepareDatabase(db);
  const dump = await pglite!.dumpDataDir("none");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  if (!pglite!.closed) await pglite!.close();
  process.env.PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
