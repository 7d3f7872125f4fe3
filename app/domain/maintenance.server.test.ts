import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createSessionFor, createUser } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { runMaintenance } from "./maintenance.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("expired sessions, stale rate limits and old audit IPs are cleaned up; live data stays", async () => {
  const user = await createUser();
  await createSessionFor(user.id);
  await db
    .insertInto("user_session")
    .values({ id: `expired${user.id}xxxxxxxxxxxxxx`, user_id: user.id, secret_hash: Buffer.alloc(32), expires_at: new Date(Date.now() - 1000) })
    .execute();
  const key = `test:maintenance:${user.id}`;
  await db.insertInto("rate_limit").values({ key, window_started_at: sql`now() - interval '2 days'`, hits: 3 }).execute();
  await db
    .insertInto("audit_event")
    .values({ action: "user.login", actor_user_id: user.id, ip: "192.0.2.1", occurred_at: sql`now() - interval '400 days'` as never })
    .execute();

  await runMaintenance();

  const sessions = await db.selectFrom("user_session").select("id").where("user_id", "=", user.id).execute();
  expect(sessions).toHaveLength(1);
  expect(await db.selectFrom("rate_limit").select("key").where("key", "=", key).executeTakeFirst()).toBeUndefined();
  const old = await db.selectFrom("audit_event").select("ip").where("actor_user_id", "=", user.id).where("action", "=", "user.login").execute();
  expect(old.every((row) => row.ip === null)).toBe(true);
});
