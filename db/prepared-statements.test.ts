/**
 * Kysely's queries on PostgreSQL run as prepared statements (db/client.server.ts, prepareStatements): one round
 * trip for a statement the connection has seen, instead of Parse + Describe, a wait, then Bind + Execute.
 * PostgreSQL only: PGlite runs in-process.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { expect, test } from "vitest";
import { createDatabase, PREPARE_MAX_SQL_LENGTH } from "./client.server";

const databaseUrl = process.env.DATABASE_URL;

/** one connection, so the statements it prepared are the ones pg_prepared_statements shows */
function singleConnection() {
  return createDatabase({ databaseUrl: databaseUrl!, poolSize: 1 }).db;
}

test.skipIf(!databaseUrl)("a repeated query is prepared once on its connection and reused; a long one is not prepared", async () => {
  const db = singleConnection();
  try {
    const marker = `m${randomUUID().replaceAll("-", "")}`;
    for (let i = 0; i < 3; i++) {
      const { rows } = await sql<{ next: number }>`select ${i}::int + 1 as next /* ${sql.raw(marker)} */`.execute(db);
      expect(rows[0].next).toBe(i + 1);
    }
    const padding = "x".repeat(PREPARE_MAX_SQL_LENGTH);
    const { rows } = await sql<{ n: number }>`select ${7}::int as n /* ${sql.raw(`${marker} ${padding}`)} */`.execute(db);
    expect(rows[0].n).toBe(7);
    const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like ${`%${marker}%`}`.execute(db);
    expect(prepared.rows.map((r) => r.statement)).toEqual([`select $1::int + 1 as next /* ${marker} */`]);
  } finally {
    await db.destroy();
  }
});

test.skipIf(!databaseUrl)("a prepared statement still works after the table it reads changed", async () => {
  const db = singleConnection();
  const table = `prepared_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  try {
    await sql.raw(`create table ${table} (id int primary key)`).execute(db);
    await sql.raw(`insert into ${table} values (1)`).execute(db);
    const read = () => sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${1}`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1 }]);
    await sql.raw(`alter table ${table} add column label text default 'a'`).execute(db);
    expect((await read()).rows).toEqual([{ id: 1, label: "a" }]);
  } finally {
    await sql.raw(`drop table if exists ${table}`).execute(db);
    await db.destroy();
  }
});
