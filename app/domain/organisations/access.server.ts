/**
 * Route guard for an organisation's pages: the organisation by its slug (404 if there is none), and the
 * signed-in user's role in it (login redirect for visitors, 403 below the required role).
 */
import type { OrganisationRole } from "~db/schema";
import { requireOrgRole } from "~/domain/auth/permissions.server";
import { notFound } from "~/utils/http";
import { getOrganisationBySlug } from "./organisations.server";

export async function requireOrganisationAccess(request: Request, { slug, role }: { slug: string | undefined; role: OrganisationRole }) {
  const organisation = slug ? await getOrganisationBySlug({ slug }) : null;
  if (!organisation) notFound();
  const access = await requireOrgRole(request, { orgId: organisation.id, role });
  return { organisation, user: access.user, role: access.role };
}

/** Route params that are database ids: anything else is a 404, never a query with a bad number. */
export function idParam(value: string | undefined) {
  if (!value || !/^[1-9]\d{0,8}$/.test(value)) notFound();
  return Number(value);
}
