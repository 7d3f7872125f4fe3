/**
 * GET …/signups.csv?shift=ID — the sign-up list of one shift (or of a flexible opportunity) for the day, as a
 * spreadsheet opens it: UTF-8 with BOM, ";" separated, and cells that would start a formula neutralised.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { toCsv } from "~/domain/signups/csv";
import { formatShiftRange } from "~/domain/signups/emails.server";
import { listSignupsForOrganisation } from "~/domain/signups/organisation.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const shiftParam = new URL(request.url).searchParams.get("shift");
  const shiftId = shiftParam === null ? undefined : idParam(shiftParam);
  const listed = await listSignupsForOrganisation({ orgId: organisation.id, opportunityId, actor: user, shiftId });
  if (!listed || (shiftId !== undefined && listed.shifts.length === 0)) throw new Response("Not Found", { status: 404 });
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const rows: string[][] = [[t("signups.csv.shift"), t("signups.csv.name"), t("signups.csv.email"), t("signups.csv.status"), t("signups.csv.position"), t("signups.csv.message"), t("signups.csv.hours")]];
  for (const shift of listed.shifts) {
    const label = shift.startsAt && shift.endsAt ? formatShiftRange(shift.startsAt, shift.endsAt, locale) : t("signups.flexible");
    for (const s of shift.signups) {
      rows.push([label, s.name, s.email ?? "", t(`signups.status.${s.status}`), s.waitlistPosition ? String(s.waitlistPosition) : "", s.message ?? "", s.hours ?? ""]);
    }
  }
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mitenand-signups-${opportunityId}${shiftId ? `-${shiftId}` : ""}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
