/**
 * The per-address limit on new accounts (issue 10): the /signup action, called as Remix calls it, counts every
 * attempt against `signup:ip:<address>` (RATE_LIMITS.signupPerIp, 10 an hour unless SIGNUP_LIMIT_PER_IP says
 * otherwise) and refuses the next one with 429 and Retry-After, before any account or email is written.
 */
import type { AppLoadContext } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import { TEST_PASSWORD, uniqueEmail } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { getEnv } from "~/utils/env.server";
import { action as signupAction } from "./signup";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

async function signUpFrom(ip: string, email: string) {
  const body = new FormData();
  for (const [key, value] of Object.entries({ name: "Lea Viele", email, password: TEST_PASSWORD, consent: "on" })) body.append(key, value);
  const request = new Request("http://localhost/signup", { method: "POST", body });
  const context = { cspNonce: "test", clientIp: ip } as AppLoadContext;
  try {
    const value = (await signupAction({ request, params: {}, context })) as { sentTo?: string | null };
    return { status: 200, retryAfter: null, sentTo: value.sentTo ?? null };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, retryAfter: thrown.headers.get("Retry-After"), sentTo: null };
  }
}

async function accountExists(email: string) {
  return (await db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst()) !== undefined;
}

test("the 11th account sign-up from one address is refused with 429 and Retry-After, nothing written; another address still signs up", async () => {
  expect(RATE_LIMITS.signupPerIp.limit).toBe(10);
  const limit = getEnv().SIGNUP_LIMIT_PER_IP ?? RATE_LIMITS.signupPerIp.limit;
  // a fresh address per run: on PostgreSQL the limit's row outlives the test
  const ip = `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
  for (let i = 1; i <= limit; i++) {
    const email = uniqueEmail();
    expect(await signUpFrom(ip, email), `sign-up ${i}`).toEqual({ status: 200, retryAfter: null, sentTo: email });
    expect(await accountExists(email)).toBe(true);
  }

  const refused = uniqueEmail();
  const answer = await signUpFrom(ip, refused);
  expect(answer.status).toBe(429);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(RATE_LIMITS.signupPerIp.windowSeconds);
  expect(await accountExists(refused)).toBe(false);
  expect(await db.selectFrom("outbox").select("id").where("recipient", "=", refused).execute()).toEqual([]);

  // the limit is per address: a neighbour is not affected
  const other = uniqueEmail();
  expect((await signUpFrom(randomUUID(), other)).status).toBe(200);
  expect(await accountExists(other)).toBe(true);
}, 120_000);
