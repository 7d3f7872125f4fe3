// What `npm run demo` sets and prints, apart from scripts/demo.js so a test can check it: the demo keeps every
// email visible in /dev/mailbox (a newcomer can sign up, verify, reset a password and accept an invitation
// without a mail server), and the startup output names the URL, the demo accounts and their password.

/** the password of every demo account (db/seed/demo-data.ts DEMO_PASSWORD; a test keeps them equal) */
export const DEMO_PASSWORD = "Mitenand-Demo-2026";

export const DEMO_ACCOUNTS = [
  ["admin@mitenand.example", "admin"],
  ["koordination.rif-region-aarau@mitenand.example", "coordinator, RIF Region Aarau"],
  ["verein-treffpunkt-welt-aarau@mitenand.example", "owner, Verein Treffpunkt Welt Aarau"],
  ["freiwillig1@mitenand.example", "volunteer (freiwillig1 … freiwillig6)"],
];

/** The environment of the demo server: a production build on plain http with the dev mailbox on. */
export function demoEnv(source) {
  const env = { COOKIE_SECURE: "false", DEV_MAILBOX: "true", ...source, NODE_ENV: "production" };
  // a production build needs its public address; the local demo is http://localhost:PORT
  env.APP_URL ||= `http://localhost:${env.PORT || 3000}`;
  return env;
}

/** The lines printed before the server starts. */
export function demoWelcome(env) {
  const url = env.APP_URL;
  const width = Math.max(...DEMO_ACCOUNTS.map(([email]) => email.length));
  const lines = [
    "",
    `Mitenand demo: ${url}`,
    "",
    `Demo accounts (password ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map(([email, role]) => `  ${email.padEnd(width)}  ${role}`),
    "",
  ];
  if (env.DEV_MAILBOX === "true" || env.DEV_MAILBOX === "1" || env.DEV_MAILBOX === "yes") {
    lines.push(`Emails are not sent: every email the demo writes is in the demo mailbox, ${url}/dev/mailbox`, "");
  } else {
    lines.push("DEV_MAILBOX is off: emails stay queued unless SMTP_URL is set.", "");
  }
  return lines.join("\n");
}
