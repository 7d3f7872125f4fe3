/** GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise. For load balancers and CI. */
import { db, getDatabaseKind } from "~db/client.server";
import { checkDatabase } from "~/domain/health.server";

export async function loader() {
  const ok = await checkDatabase(db);
  return Response.json(
    { status: ok ? "ok" : "error", database: ok ? "ok" : "unreachable", kind: getDatabaseKind() },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
