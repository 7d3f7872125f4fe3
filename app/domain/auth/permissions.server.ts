/**
 * Who is asking, and may they? Helpers for loaders and actions that throw a Response when the answer is no:
 * a redirect to the login page for anonymous visitors, 403 for a known object they may not touch, 404 for
 * objects that don't exist. What a person may do comes from the database (admin flag, coordinator of a region,
 * member of an organisation), never from a form field.
 */
import { redirect } from "@remix-run/node";
import { db } from "~db/client.server";
import { safeRedirect } from "~/utils/http";
import type { OrganisationRole } from "~db/schema";
import { readSessionToken, validateSessionToken, type SessionMenu, type SessionUser, type ValidSession } from "./session.server";

export type { SessionUser };

const cache = new WeakMap<Request, Promise<{ session: ValidSession; user: SessionUser; menu: SessionMenu } | null>>();

/** The signed-in user of this request, or null; looked up once per request. */
export function getAuth(request: Request) {
  let pending = cache.get(request);
  if (!pending) {
    pending = validateSessionToken(readSessionToken(request));
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request) {
  return (await getAuth(request))?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${search}`);
}

export async function requireAuth(request: Request) {
  const auth = await getAuth(request);
  if (!auth) throw loginRedirect(request);
  return auth;
}

export async function requireUser(request: Request) {
  return (await requireAuth(request)).user;
}

/** Login and sign-up pages: a signed-in person goes where they were headed (`redirectTo`), else to their account. */
export async function requireAnonymous(request: Request) {
  if (await getAuth(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/me/account"));
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!user.isAdmin) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Coordinator of the given region, or of the region that covers the given Gemeinde. Admins pass too. */
export async function requireCoordinatorOf(request: Request, target: { regionId: number } | { bfsNr: number }) {
  const user = await requireUser(request);
  if (user.isAdmin) return user;
  let query = db
    .selectFrom("region_coordinator as rc")
    .select("rc.region_id")
    .where("rc.user_id", "=", user.id);
  query =
    "regionId" in target
      ? query.where("rc.region_id", "=", target.regionId)
      : query.innerJoin("region_gemeinde as rg", "rg.region_id", "rc.region_id").where("rg.bfs_nr", "=", target.bfsNr);
  if (!(await query.executeTakeFirst())) throw new Response("Forbidden", { status: 403 });
  return user;
}

const ROLE_RANK: Record<OrganisationRole, number> = { editor: 1, owner: 2 };

/** At least `role` in the organisation (an owner may do what an editor may). 404 if it doesn't exist. */
export async function requireOrgRole(request: Request, { orgId, role }: { orgId: number; role: OrganisationRole }) {
  const user = await requireUser(request);
  const row = await db
    .selectFrom("organisation as o")
    .leftJoin("organisation_member as m", (join) => join.onRef("m.organisation_id", "=", "o.id").on("m.user_id", "=", user.id))
    .select(["o.id", "m.role"])
    .where("o.id", "=", orgId)
    .executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  if (!row.role || ROLE_RANK[row.role] < ROLE_RANK[role]) throw new Response("Forbidden", { status: 403 });
  return { user, role: row.role };
}
