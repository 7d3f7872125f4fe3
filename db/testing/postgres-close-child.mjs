// Child process of db/postgres-driver.test.ts: drives postgres.js the way the app does (Kysely over reserved
// connections) while its backends are terminated, and exits 0 only if every query settled and the pool works
// again afterwards. Unpatched postgres 3.4.9 dies here with "Cannot read properties of null (reading 'write')"
// from Immediate.nextWrite, or hangs (a stale nextWriteTimer), which the parent sees as exit code 1 / a timeout.
import { Kysely, sql } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";

// POSTGRES_MODULE: another copy of the driver (the test points it at an unpatched one)
const { default: postgres } = await import(process.env.POSTGRES_MODULE ?? "postgres");

const url = process.env.DATABASE_URL;
const appName = `mitenand-close-test-${process.pid}`;
const client = postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: appName } });
const killer = postgres(url, { max: 1, onnotice: () => {} });
const db = new Kysely({ dialect: new PostgresJSDialect({ postgres: client }) });

const terminateAll = () => killer`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${appName}`;

function settledWithin(promise, ms, what) {
  return Promise.race([
    promise.then(
      () => "ok",
      (error) => error.code ?? error.message,
    ),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms).unref()),
  ]);
}

// 1. upstream #1208: a reserved connection whose backend died, used again
const reserved = await client.reserve();
const [{ pid }] = await reserved`select pg_backend_pid() as pid`;
await killer`select pg_terminate_backend(${pid})`;
console.log("reserved, 1st query after terminate:", await settledWithin(reserved`select 1`, 5000, "1st query"));
console.log("reserved, 2nd query after terminate:", await settledWithin(reserved`select 1`, 5000, "2nd query"));
reserved.release();

// 2. what the app does under load: many small Kysely queries and transactions while every backend is killed
for (let round = 0; round < 5; round++) {
  const work = [];
  for (let i = 0; i < 40; i++) {
    // settled right away: a rejection must not count as unhandled while the loop is still queueing work
    work.push(settledWithin(sql`select pg_sleep(0.005), ${i}::int as i`.execute(db), 10_000, `query ${i}`));
    work.push(
      settledWithin(
        db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await sql`select 2`.execute(trx);
        }),
        10_000,
        `transaction ${i}`,
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 5 + round * 3));
  await terminateAll();
  const outcomes = await Promise.all(work);
  const counts = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  console.log(`round ${round}:`, JSON.stringify(counts));
}

// 3. the pool recovers: every connection answers again (no connection left with a stale write timer)
const started = Date.now();
const answers = await Promise.all(
  Array.from({ length: 16 }, (_, i) => settledWithin(sql`select ${i}::int as i`.execute(db), 5000, `query ${i} after recovery`)),
);
if (answers.some((answer) => answer !== "ok")) {
  console.error("queries after recovery failed:", answers);
  process.exit(2);
}
console.log(`recovered: 16 queries in ${Date.now() - started} ms`);
await db.destroy();
await killer.end();
console.log("CHILD OK");
