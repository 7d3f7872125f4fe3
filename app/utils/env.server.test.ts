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

const APP_URL = "https://mitenand.example";

test("production turns secure cookies on unless told otherwise", () => {
  expect(parseEnv({ NODE_ENV: "production", APP_URL }).cookieSecure).toBe(true);
  expect(parseEnv({ NODE_ENV: "production", APP_URL, COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
});

test("production refuses to boot without APP_URL, naming it", () => {
  expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_URL: required when NODE_ENV=production/);
});

test("APP_URL gives the canonical origin; development defaults to localhost and PORT", () => {
  expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://mitenand.example/" }).appOrigin).toBe("https://mitenand.example");
  expect(parseEnv({ APP_URL: "http://localhost:8080" }).appOrigin).toBe("http://localhost:8080");
  expect(parseEnv({ PORT: "4123" })).toMatchObject({ appOrigin: "http://localhost:4123", appUrlConfigured: false });
});

test("APP_URL must be an http(s) origin without path, query or credentials", () => {
  for (const bad of ["mitenand.example", "ftp://mitenand.example", "https://mitenand.example/app", "https://mitenand.example/?a=1", "https://u:p@mitenand.example"]) {
    expect(() => parseEnv({ APP_URL: bad })).toThrow(/APP_URL/);
  }
});

test("TRUST_PROXY is a number of hops; true and false mean 1 and 0", () => {
  expect(parseEnv({}).TRUST_PROXY).toBe(0);
  expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
  expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
  expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
  expect(() => parseEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
});

test("a bad value names the variable", () => {
  expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
  expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
});

test("an empty DATABASE_URL means the embedded database", () => {
  expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
});

test("mail settings have safe defaults", () => {
  const env = parseEnv({});
  expect(env.SMTP_URL).toBeUndefined();
  expect(env.MAIL_FROM).toBe("Mitenand <no-reply@mitenand.local>");
  expect(env.EMAIL_WORKER).toBe("inline");
  expect(env.DEV_MAILBOX).toBe(false);
  expect(parseEnv({ SMTP_URL: "", MAIL_FROM: "", EMAIL_WORKER: "", DEV_MAILBOX: "" })).toMatchObject({
    SMTP_URL: undefined,
    MAIL_FROM: "Mitenand <no-reply@mitenand.local>",
    EMAIL_WORKER: "inline",
    DEV_MAILBOX: false,
  });
});

test("mail settings are read and checked", () => {
  const env = parseEnv({
    SMTP_URL: "smtps://user:secret@mail.example.org:465",
    MAIL_FROM: "Mitenand Aargau <hallo@mitenand.example>",
    EMAIL_WORKER: "off",
    DEV_MAILBOX: "true",
  });
  expect(env.SMTP_URL).toBe("smtps://user:secret@mail.example.org:465");
  expect(env.MAIL_FROM).toBe("Mitenand Aargau <hallo@mitenand.example>");
  expect(env.EMAIL_WORKER).toBe("off");
  expect(env.DEV_MAILBOX).toBe(true);
  expect(parseEnv({ SMTP_URL: "smtp://mailpit:1025" }).SMTP_URL).toBe("smtp://mailpit:1025");
  expect(() => parseEnv({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL/);
  expect(() => parseEnv({ MAIL_FROM: "a@b.ch\r\nBcc: x@y.ch" })).toThrow(/MAIL_FROM/);
  expect(() => parseEnv({ EMAIL_WORKER: "separate" })).toThrow(/EMAIL_WORKER/);
  expect(() => parseEnv({ DEV_MAILBOX: "sure" })).toThrow(/DEV_MAILBOX/);
});

test("JOBS: the web process runs the periodic jobs unless it is off", () => {
  expect(parseEnv({}).JOBS).toBe("inline");
  expect(parseEnv({ JOBS: "" }).JOBS).toBe("inline");
  expect(parseEnv({ JOBS: "off" }).JOBS).toBe("off");
  expect(() => parseEnv({ JOBS: "no" })).toThrow(/JOBS/);
});

test("SIGNUP_LIMIT_PER_IP is a positive whole number, unset by default (the rate limit's own 10 applies)", () => {
  expect(parseEnv({}).SIGNUP_LIMIT_PER_IP).toBeUndefined();
  expect(parseEnv({ SIGNUP_LIMIT_PER_IP: "100" }).SIGNUP_LIMIT_PER_IP).toBe(100);
  for (const bad of ["0", "-1", "2.5", "many"]) expect(() => parseEnv({ SIGNUP_LIMIT_PER_IP: bad })).toThrow(/SIGNUP_LIMIT_PER_IP/);
});
