import { expect, test } from "vitest";
import { parseEnv } from "./env.server";

test("an empty environment gets safe defaults", () => {
  const env = parseEnv({});
  expect(env.PORT).toBe(3000);
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env.PGLITE_DIR).toBe("./data/pglite");
  expect(env.isProduction).toBe(false);
  expect(env.cookieSecure).toBe(false);
});

test("production turns secure cookies on unless told otherwise", () => {
  expect(parseEnv({ NODE_ENV: "production" }).cookieSecure).toBe(true);
  expect(parseEnv({ NODE_ENV: "production", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
});

test("a bad value names the variable", () => {
  expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
  expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
});

test("an empty DATABASE_URL means the embedded database", () => {
  expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
});
