/** POST /logout ends this session. A GET changes nothing and just goes home. */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/domain/audit/audit.server";
import { getAuth } from "~/domain/auth/permissions.server";
import { invalidateSession, serializeBlankSessionCookie } from "~/domain/auth/session.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) {
    await invalidateSession(auth.session.id);
    await recordAudit({ action: "user.logout", actorUserId: auth.user.id, subjectType: "user", subjectId: auth.user.id, ip: clientIp(context) });
  }
  return redirectWithToast("/", { key: "toast.loggedOut", type: "info" }, { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
