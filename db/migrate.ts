/** CLI: npm run db:migrate — migrates the database named by DATABASE_URL (or the embedded PGlite). */
import { closeDatabase, db, describeDatabase } from "./client.server";
import { prepareDatabase } from "./setup.server";

const { applied } = await prepareDatabase(db);
console.log(
  `${describeDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR })}: ` +
    (applied.length ? `applied ${applied.join(", ")}` : "already up to date"),
);
await closeDatabase();
