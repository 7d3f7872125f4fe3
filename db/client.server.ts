/**
 * The one Kysely instance of a process. With DATABASE_URL it talks to PostgreSQL through postgres.js;
 * without it, PGlite (PostgreSQL compiled to WASM) runs in-process on PGLITE_DIR (default ./data/pglite,
 * "memory://" keeps everything in memory, as the tests do). Same migrations, same queries on both.
 */
import { CompiledQuery, Kysely, type DatabaseConnection, type Driver } from "kysely";
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
  /** PostgreSQL's statement_timeout for this pool's sessions; 0: none (default STATEMENT_TIMEOUT_MS) */
  statementTimeoutMs?: number;
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
    const statementTimeoutMs = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // fail fast while the server is away (the default is 30 s), see "Outages" below
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      // postgres.js waits (0.5–1) × min(3^n / 100, 20) s before reconnecting after the n-th failed connection of
      // the pool; once every connection was killed at once that is up to 20 s without a connection while the
      // server is already back. A second at most instead.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // jit off: every query here is a short request's; PostgreSQL's estimate for a branch that never runs (the
      // recommendations' full candidate query behind a CASE) crossed jit_above_cost and compiling took 370 ms
      connection: { application_name: "mitenand", jit: "off", ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}) },
    });
    prepareStatements(client);
    const dialect = new ResilientPostgresJSDialect({ postgres: client }, statementTimeoutMs > 0 ? statementTimeoutMs + QUERY_DEADLINE_EXTRA_MS : 0);
    return { db: new Kysely<Database>({ dialect }), kind: "postgres" };
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

/** Longer statements (bulk inserts of many rows) run unprepared: each would stay in the connection's cache. */
export const PREPARE_MAX_SQL_LENGTH = 8_000;

/**
 * kysely-postgres-js runs every query through postgres.js' `unsafe()`, which does not prepare: Parse + Describe,
 * a round trip for the parameter types, then Bind + Execute, and PostgreSQL parses and plans the text every time.
 * Prepared (named, per connection, as postgres.js' own tagged queries are), a statement the connection has run
 * before is one round trip and one socket write. postgres.js keeps a connection's statements until the connection
 * closes (max_lifetime recycles it every 30–60 min) and re-prepares one whose plan a schema change invalidated.
 * Not for a transaction-pooling proxy (PgBouncer in transaction mode) in front of PostgreSQL.
 */
function prepareStatements(client: postgres.Sql) {
  const reserve = client.reserve.bind(client);
  client.reserve = async () => {
    const connection = await reserve();
    const unsafe = connection.unsafe.bind(connection);
    connection.unsafe = ((query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
      unsafe(query, parameters, { prepare: query.length <= PREPARE_MAX_SQL_LENGTH, ...options })) as typeof connection.unsafe;
    return connection;
  };
}

// --- outages ----------------------------------------------------------------------------------------------------
//
// While PostgreSQL restarts or fails over, requests must fail within seconds (and become the 503 page, see
// app/server/outage.server.ts) instead of queueing for the pool: postgres.js connects with a 2 s timeout, the
// server ends any statement after STATEMENT_TIMEOUT_MS, and this process gives up on a query whose answer does
// not come QUERY_DEADLINE_EXTRA_MS later (a server that vanished without closing the socket). Waiting for a pooled
// connection is bounded too: briefly while connections have just failed (every waiter would otherwise take its
// turn at a 2 s connect attempt), generously otherwise (a busy pool under load is not an outage).

export const CONNECT_TIMEOUT_SECONDS = 2;
/** DATABASE_STATEMENT_TIMEOUT_MS overrides it; 0 turns both the statement timeout and the query deadline off */
export const STATEMENT_TIMEOUT_MS = 15_000;
/** how much longer than the statement timeout a query may take before this process stops waiting for it */
const QUERY_DEADLINE_EXTRA_MS = 5_000;
const ACQUIRE_DEADLINE_MS = { healthy: 15_000, failing: 2_500 };
/** how long after the last connection failure the pool counts as failing */
const FAILING_FOR_MS = 10_000;

/** Error codes (postgres.js, Node sockets, PostgreSQL SQLSTATE) that mean "the database is not reachable now". */
const UNAVAILABLE_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "DATABASE_DEADLINE",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01", // admin_shutdown: terminated by the server (fast shutdown, pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
  "57014", // query_canceled: statement_timeout
]);

/** Whether `error` (or its cause) says the database is unreachable or gave up, as opposed to a bug or bad data. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

class DatabaseDeadlineError extends Error {
  readonly code = "DATABASE_DEADLINE";
  constructor(what: string, ms: number) {
    super(`database: ${what} took longer than ${ms} ms`);
  }
}

let lastFailureAt = 0;

function noteOutcome(error: unknown) {
  if (isDatabaseUnavailable(error)) lastFailureAt = Date.now();
}

/** `promise`, or a DatabaseDeadlineError after `ms`; `late` receives a value that arrives after the deadline */
function withDeadline<T>(promise: Promise<T>, ms: number, what: string, late?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  return Promise.race([
    promise.then((value) => {
      if (expired) late?.(value);
      return value;
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new DatabaseDeadlineError(what, ms));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * kysely-postgres-js with deadlines (see above). Also: Kysely 0.28's PostgresDriver.rollbackTransaction calls a
 * private method that kysely-postgres-js' connections lack, so a failed ROLLBACK (the connection died inside a
 * transaction) surfaced as "connection[PRIVATE_MARK_FOR_DISCARD_METHOD] is not a function" instead of the
 * connection error; the rollback here lets the connection error through.
 */
class ResilientPostgresJSDialect extends PostgresJSDialect {
  readonly #queryDeadlineMs: number;
  constructor(config: ConstructorParameters<typeof PostgresJSDialect>[0], queryDeadlineMs: number) {
    super(config);
    this.#queryDeadlineMs = queryDeadlineMs;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const failing = Date.now() - lastFailureAt < FAILING_FOR_MS;
      const ms = failing ? ACQUIRE_DEADLINE_MS.failing : ACQUIRE_DEADLINE_MS.healthy;
      try {
        const connection = await withDeadline(acquire(), ms, "waiting for a connection", (late) => {
          // given to us after we stopped waiting: straight back to the pool
          void driver.releaseConnection(late);
        });
        return this.#queryDeadlineMs > 0 ? withQueryDeadline(connection, this.#queryDeadlineMs) : connection;
      } catch (error) {
        noteOutcome(error);
        throw error;
      }
    };
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("rollback"));
    };
    return driver;
  }
}

function withQueryDeadline(connection: DatabaseConnection, ms: number): DatabaseConnection {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = async (query) => {
    try {
      return await withDeadline(execute(query), ms, "a query");
    } catch (error) {
      noteOutcome(error);
      throw error;
    }
  };
  return connection;
}

declare global {
  // survives module re-evaluation in dev so a rebuild does not open a second PGlite on the same folder
  var __mitenandDb: DatabaseHandle | undefined;
}

function statementTimeoutFromEnv() {
  const raw = process.env.DATABASE_STATEMENT_TIMEOUT_MS;
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (0: none), not "${raw}"`);
  return ms;
}

function fromEnv() {
  globalThis.__mitenandDb ??= createDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || undefined,
    pgliteTemplate: process.env.PGLITE_TEMPLATE || undefined,
    poolSize: Number(process.env.DATABASE_POOL_SIZE) || undefined,
    statementTimeoutMs: statementTimeoutFromEnv(),
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
