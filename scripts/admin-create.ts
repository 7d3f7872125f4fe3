/**
 * CLI: npm run admin:create -- --email anna@example.org [--name "Anna Muster"] [--password …]
 *
 * Makes an existing account an admin, or creates a verified admin account (that needs a password). Without
 * --password, on a terminal, it asks for one when the account does not exist yet; a password on the command
 * line stays in the shell history, so prefer the prompt. The password is never printed.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, db, describeDatabase } from "../db/client.server";
import { prepareDatabase } from "../db/setup.server";
import { createOrPromoteAdmin, normalizeEmail } from "../app/domain/auth/accounts.server";
import { newPasswordField } from "../app/domain/auth/password-rules.server";
import { getFixedT } from "../app/i18n/i18n.server";

const USAGE = `Usage: npm run admin:create -- --email <address> [--name "<display name>"] [--password <password>]

Makes the account with this email an admin, or creates a verified admin account with that password.
Without --password on a terminal, you are asked for one if the account does not exist yet.`;

const argsSchema = z.object({
  email: z
    .string({ error: "--email is required" })
    .trim()
    .max(254, "--email must be at most 254 characters")
    .pipe(z.email("--email is not a valid email address")),
  name: z.string().trim().min(1, "--name must not be empty").max(100, "--name must be at most 100 characters").optional(),
  password: newPasswordField.optional(),
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

class UsageError extends Error {}

/** The schema's messages: i18n keys of the shared password rules (shown in English), or plain text. */
function describeIssues(error: z.ZodError) {
  const t = getFixedT("en");
  return error.issues
    .map((issue) => {
      if (!issue.message.startsWith("validation.")) return issue.message;
      const { minimum, maximum } = issue as unknown as { minimum?: number; maximum?: number };
      const text = t(issue.message, { minimum: Number(minimum), maximum: Number(maximum) });
      return issue.path.length ? `--${String(issue.path[0])}: ${text}` : text;
    })
    .join("\n");
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
      outcome();
    };
    const onData = (chunk: string) => {
      const chars = [...chunk];
      for (const [index, char] of chars.entries()) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          // a pasted answer to the next question stays for the next prompt
          const rest = chars.slice(index + 1).join("").replace(/^\n/, "");
          return finish(() => {
            if (rest) stdin.unshift(rest, "utf8");
            resolve(value);
          });
        }
        if (char === "\u0003") return finish(() => reject(new UsageError("Cancelled.")));
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

const parsedArgs = readArgs();
if (parsedArgs.help) {
  console.log(USAGE);
  process.exit(0);
}
const parsed = argsSchema.safeParse(parsedArgs);
if (!parsed.success) fail(`${describeIssues(parsed.error)}\n\n${USAGE}`);
const { email, name } = parsed.data;
let password = parsed.data.password;

let exitCode = 0;
const target = describeDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR });
try {
  await prepareDatabase(db);
  if (password === undefined) {
    const existing = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", normalizeEmail(email))
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!existing) {
      if (!process.stdin.isTTY) {
        throw new UsageError(`${target}: there is no account with ${email}. Give --password to create one.`);
      }
      console.log(`There is no account with ${email} yet: a new admin account will be created.`);
      const first = await promptHidden("Password: ");
      const checked = newPasswordField.safeParse(first);
      if (!checked.success) throw new UsageError(describeIssues(checked.error));
      if ((await promptHidden("Repeat the password: ")) !== first) throw new UsageError("The passwords do not match.");
      password = first;
    }
  }
  const result = await createOrPromoteAdmin({ email, name, password });
  console.log(
    result.created
      ? `${target}: created the verified admin account ${normalizeEmail(email)} (user ${result.userId}).`
      : `${target}: ${normalizeEmail(email)} (user ${result.userId}) is an admin now` +
          (password ? "; its password has been replaced." : "."),
  );
} catch (error) {
  console.error(error instanceof UsageError ? error.message : `admin:create failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await closeDatabase();
}
// set only now: closing PGlite resets process.exitCode to 0
process.exitCode = exitCode;
