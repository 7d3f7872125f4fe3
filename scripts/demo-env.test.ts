import { expect, test } from "vitest";
import { DEMO_PASSWORD as SEEDED_PASSWORD, buildDemoUsers } from "../db/seed/demo-data";
import { isDevMailboxEnabled } from "../app/domain/notifications/mailbox.server";
import { parseEnv } from "../app/utils/env.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoEnv, demoWelcome } from "./demo-env.js";

test("the demo server runs the production build with the dev mailbox on, so its emails can be read", () => {
  const env = demoEnv({ PATH: "/usr/bin" });
  expect(env).toMatchObject({ NODE_ENV: "production", DEV_MAILBOX: "true", COOKIE_SECURE: "false", APP_URL: "http://localhost:3000" });
  const parsed = parseEnv(env);
  expect(parsed.isProduction).toBe(true);
  expect(isDevMailboxEnabled(parsed)).toBe(true);
});

test("the demo env keeps what the caller set, except NODE_ENV", () => {
  expect(demoEnv({ PORT: "4000", DEV_MAILBOX: "false", NODE_ENV: "development" })).toMatchObject({
    APP_URL: "http://localhost:4000",
    DEV_MAILBOX: "false",
    NODE_ENV: "production",
  });
});

test("the startup output names the URL, the mailbox, the demo accounts and their password", () => {
  const text = demoWelcome(demoEnv({}));
  expect(text).toContain("http://localhost:3000");
  expect(text).toContain("http://localhost:3000/dev/mailbox");
  expect(text).toContain(`password ${DEMO_PASSWORD}`);
  for (const [email] of DEMO_ACCOUNTS) expect(text).toContain(email);
  expect(demoWelcome(demoEnv({ DEV_MAILBOX: "false" }))).not.toContain("/dev/mailbox");
});

test("the printed accounts and password are the seeded ones", () => {
  expect(DEMO_PASSWORD).toBe(SEEDED_PASSWORD);
  const seeded = new Set(buildDemoUsers().map((user: { email: string }) => user.email));
  expect(DEMO_ACCOUNTS.map(([email]) => email).filter((email) => !seeded.has(email))).toEqual([]);
});
