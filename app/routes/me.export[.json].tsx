/**
 * POST /me/export.json: the signed-in person's data as a JSON file (nDSG Art. 25 and 28). A resource route, so
 * the action's Response reaches the browser as it is (a download), also for a plain form post. A POST because
 * every export is written to the audit log; a GET just goes to the page that explains the export.
 */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/domain/auth/accounts.server";
import { requireUser } from "~/domain/auth/permissions.server";
import { clientIp } from "~/utils/request.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const exported = await exportAccountData({ userId: user.id, ip: clientIp(context) });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mitenand-export.json"',
      "Cache-Control": "no-store",
    },
  });
}

export function loader() {
  return redirect("/me/export");
}
