// A small SMTP server for the e2e run: the app sends its mail here (SMTP_URL), as it would to a real provider,
// and every message that arrives is written as it came over the wire (envelope + raw RFC 5322 text) to a folder
// that the journeys read (`receivedMail` in e2e/helpers.ts). Started by e2e/start-server.js.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

/** The folder of the SMTP sink that serves the app on `appPort` (one run per port at a time). */
export function smtpSinkDir(root, appPort) {
  return join(root, "data", `e2e-mail-${appPort}`);
}

export async function startSmtpSink(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    // plain SMTP on localhost: without STARTTLS nodemailer does not try the self-signed default certificate
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        count += 1;
        const name = `${String(Date.now()).padStart(15, "0")}-${String(count).padStart(6, "0")}.json`;
        const message = {
          receivedAt: new Date().toISOString(),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        // written whole, then renamed: a reader never sees half a message
        writeFileSync(join(dir, `.${name}`), JSON.stringify(message));
        renameSync(join(dir, `.${name}`), join(dir, name));
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
