/** CLI: npm run db:seed — migrates the database named by DATABASE_URL (or the embedded PGlite) and adds the demo scene. */
import { closeDatabase, db, describeDatabase } from "./client.server";
import { seedDemo } from "./seed/demo.server";
import { prepareDatabase } from "./setup.server";

const target = describeDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR });
try {
  await prepareDatabase(db);
  const started = performance.now();
  const result = await seedDemo(db);
  const took = `${Math.round(performance.now() - started)} ms`;
  console.log(
    result.created
      ? `${target}: demo data seeded: ${result.regions} regions, ${result.organisations} organisations, ` +
          `${result.opportunities} opportunities (${result.schedules} weekly), ${result.shifts} shifts, ${result.users} users, ` +
          `${result.coordinators} region coordinators, ${result.organisationMembers} organisation members (${took})`
      : `${target}: demo data already present, nothing created (${took})`,
  );
} finally {
  await closeDatabase();
}
