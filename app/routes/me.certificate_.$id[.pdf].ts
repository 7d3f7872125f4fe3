/** GET /me/certificate/:id.pdf — one of the volunteer's own certificates as a PDF; revoked or foreign: 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/domain/auth/permissions.server";
import { getOwnCertificate } from "~/domain/certificates/certificates.server";
import { renderCertificatePdf } from "~/domain/certificates/pdf.server";
import { idParam } from "~/domain/organisations/access.server";
import { appOrigin } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const certificate = await getOwnCertificate({ id, userId: user.id });
  if (!certificate || certificate.revokedAt) throw new Response("Not Found", { status: 404 });
  const pdf = await renderCertificatePdf(certificate, { origin: appOrigin() });
  const name = certificate.locale === "en" ? "certificate" : "einsatznachweis";
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="mitenand-${name}-${certificate.code}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
