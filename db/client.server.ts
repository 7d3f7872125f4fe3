/**
 * The one Kysely instance of a process. With DATABASE_URL it talks to PostgreSQL through postgres.js;
 * without it, PGlite (PostgreSQL compiled to WASM) runs in-process on PGLITE_DIR (default ./data/pglite,
 * "memory://" keeps everything in memory, as the tests do). Same migrations, same queries on both.
 */
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import postgres from "postgres";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  /** connections in the postgres.js pool */
  poolSize?: number;
  /**
   * For in-memory PGlite only: a data directory dump (PGlite dumpDataDir) to start from. The test setup
   * makes one migrated template per run, so each test file starts in ~1 s instead of running initdb.
   */
  pgliteTemplate?: string;
}

export function describeDatabase(options: DatabaseOptions): string {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    return `postgres://${url.host}${url.pathname}`;
  }
  return `pglite:${options.pgliteDir ?? defaultPgliteDir()}`;
}

function defaultPgliteDir() {
  return "./data/pglite";
}

export interface DatabaseHandle {
  db: DB;
  kind: DatabaseKind;
  pglite?: PGlite;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connection: { application_name: "mitenand" },
    });
    return { db: new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) }), kind: "postgres" };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  const extensions = { unaccent, pg_trgm };
  const template = options.pgliteTemplate;
  const pglite =
    dir === "memory://"
      ? template && existsSync(template)
        ? new PGlite({ extensions, loadDataDir: new Blob([readFileSync(template)]) })
        : new PGlite({ extensions })
      : new PGlite(dir, { extensions });
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), kind: "pglite", pglite };
}

declare global {
  // survives module re-evaluation in dev so a rebuild does not open a second PGlite on the same folder
  var __mitenandDb: DatabaseHandle | undefined;
}

function fromEnv() {
  globalThis.__mitenandDb ??= createDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || undefined,
    pgliteTemplate: process.env.PGLITE_TEMPLATE || undefined,
    poolSize: Number(process.env.DATABASE_POOL_SIZE) || undefined,
  });
  return globalThis.__mitenandDb;
}

/**
 * The process-wide database, configured from DATABASE_URL / PGLITE_DIR on first use (not on import: a script
 * that only imports a module must not open, and then hold open, the embedded database).
 */
export const db: DB = new Proxy({} as DB, {
  get(_target, property) {
    const real = fromEnv().db;
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export function getDatabaseKind(): DatabaseKind {
  return fromEnv().kind;
}

export async function closeDatabase() {
  const handle = globalThis.__mitenandDb;
  globalThis.__mitenandDb = undefined;
  // closing PGlite while it is still starting leaves it spinning; let it finish first
  await handle?.pglite?.waitReady.catch(() => {});
  await handle?.db.destroy();
}
