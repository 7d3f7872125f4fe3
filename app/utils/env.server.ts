/**
 * Environment, validated once at boot. Everything has a safe default so `npm start` needs nothing but an
 * optional DATABASE_URL and PORT; a bad value stops the process with a message that names the variable.
 */
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

function isOrigin(value: string) {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data/pglite")),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * The canonical address of the site (scheme, host, port; no path), e.g. https://mitenand.example. Every
   * absolute URL the app writes (email links, feeds, API links, JSON-LD, share links) comes from it, never
   * from request headers, and the same-origin check accepts exactly its origin. Required in production;
   * in development and tests it defaults to http://localhost:$PORT.
   */
  APP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        isOrigin,
        "must be the site's origin: http:// or https://, host and optional port, without path, query or credentials (e.g. https://mitenand.example)",
      )
      .optional(),
  ),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (and set X-Forwarded-Proto):
   * 0 (default) trusts none; 1 for one proxy (nginx, Caddy, a load balancer). The client's address is then
   * the entry that many hops from the right — never the left-most one, which the client writes itself.
   * `true`/`false` are accepted as 1/0.
   */
  TRUST_PROXY: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : value === "true" ? "1" : value === "false" ? "0" : value),
    z.coerce.number().int("must be a number of proxy hops (0, 1, 2, …)").min(0).max(10).default(0),
  ),
  /**
   * New accounts per client address and hour; unset: RATE_LIMITS.signupPerIp (10). A school or library whose
   * people sign up together behind one address may need more; the e2e suite, whose journeys all come from one
   * address, sets it higher.
   */
  SIGNUP_LIMIT_PER_IP: z.preprocess(emptyAsUndefined, z.coerce.number().int("must be a whole number").min(1).max(10_000).optional()),
  /**
   * The site is served over https: Secure cookies, HSTS, upgrade-insecure-requests. Defaults to on in
   * production; turn off only for a production build served over plain http (the local demo does).
   */
  COOKIE_SECURE: z.preprocess(emptyAsUndefined, booleanString.optional()),
  /** where mail goes (smtp:// or smtps://, credentials in the URL). Unset: kept in the dev mailbox, or held in production */
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  /** the From header of every email */
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[^\r\n]+$/, "must be one line")
      .default("Mitenand <no-reply@mitenand.local>"),
  ),
  /** `off` when a separate `npm run worker` process sends the outbox instead of the web process */
  EMAIL_WORKER: z.preprocess(emptyAsUndefined, z.enum(["inline", "off"]).default("inline")),
  /**
   * `off` when a separate `npm run worker` process runs the periodic jobs (schedules, sign-up offers and reminders,
   * saved-search alerts, next-shift refresh) instead of the web process, which then spends no time on them
   */
  JOBS: z.preprocess(emptyAsUndefined, z.enum(["inline", "off"]).default("inline")),
  /**
   * Serve /dev/mailbox (every queued email, tokens included) in production too. For the e2e tests only:
   * never on a server that anybody else can reach. Outside production it is always there.
   */
  DEV_MAILBOX: z.preprocess(emptyAsUndefined, booleanString.default(false)),
  /** cache the public listing pages for anonymous visitors (app/server/page-cache.server.ts); `false` to turn off */
  PAGE_CACHE: z.preprocess(emptyAsUndefined, booleanString.default(true)),
  /**
   * Signs the unsubscribe links of alert and invitation emails (HMAC-SHA256). Unset: a random secret that the
   * migration 2026-12-03T1340 stored in the database (table app_secret) is used, the same for every instance.
   * Changing it makes the links in emails already sent invalid.
   */
  APP_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
});

export type Env = z.infer<typeof envSchema> & {
  cookieSecure: boolean;
  isProduction: boolean;
  /** APP_URL's origin (scheme://host[:port]), or http://localhost:$PORT where APP_URL is unset outside production */
  appOrigin: string;
  /** APP_URL was set explicitly (else development may also accept the request's own origin) */
  appUrlConfigured: boolean;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee README.md, section "Configuration".`);
  }
  const isProduction = result.data.NODE_ENV === "production";
  if (isProduction && !result.data.APP_URL) {
    throw new Error(
      "Invalid environment configuration:\n  APP_URL: required when NODE_ENV=production — the site's public address, e.g. https://mitenand.example\nSee README.md, section \"Configuration\".",
    );
  }
  const appOrigin = result.data.APP_URL ? new URL(result.data.APP_URL).origin : `http://localhost:${result.data.PORT}`;
  return {
    ...result.data,
    isProduction,
    cookieSecure: result.data.COOKIE_SECURE ?? isProduction,
    appOrigin,
    appUrlConfigured: Boolean(result.data.APP_URL),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
