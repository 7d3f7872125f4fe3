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
