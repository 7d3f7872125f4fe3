/**
 * /verify/:code — the public check of a certificate: for a valid code the volunteer's name, the organisations,
 * the period and the confirmed hours, nothing else; a revoked certificate says so (410) without any personal
 * data, an unknown code too (404). Rate limited per IP against guessing; never cached (not a page-cache path,
 * and no-store).
 */
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { consumeRateLimit, RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import { verifyCertificate } from "~/domain/certificates/certificates.server";
import { formatCalendarDate, formatCertificateCode, formatHours, normalizeCertificateCode } from "~/domain/certificates/limits";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { clientIp } from "~/utils/request.server";
import { utcToZurichParts } from "~/utils/zurich-time";

const NO_STORE = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const limit = await consumeRateLimit(`certificate-verify:ip:${clientIp(context)}`, RATE_LIMITS.certificateVerifyPerIp);
  if (!limit.allowed) throw new Response("Too Many Requests", { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds), ...NO_STORE } });
  const locale = await getLocale(request);
  const title = getFixedT(locale)("certificate.verify.title");
  const code = normalizeCertificateCode(params.code ?? "");
  const result = code ? await verifyCertificate({ code }) : ({ state: "unknown" } as const);
  if (result.state === "unknown") return data({ title, state: "unknown" as const, certificate: null, revokedOn: null }, { status: 404, headers: NO_STORE });
  if (result.state === "revoked") {
    return data({ title, state: "revoked" as const, certificate: null, revokedOn: utcToZurichParts(result.revokedAt).date }, { status: 410, headers: NO_STORE });
  }
  const c = result.certificate;
  return data(
    {
      title,
      state: "valid" as const,
      revokedOn: null,
      certificate: {
        code: c.code,
        volunteerName: c.volunteerName,
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        totalHours: c.totalHours,
        issuedOn: utcToZurichParts(c.issuedAt).date,
        organisations: c.organisations.map((o) => ({ name: o.name, hours: o.hours })),
      },
    },
    { headers: NO_STORE },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const headers = new Headers(NO_STORE);
  const retryAfter = errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }, { name: "robots", content: "noindex" }];

export default function VerifyCertificate() {
  const { title, state, certificate: c, revokedOn } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatCalendarDate(d, i18n.language);
  return (
    <section aria-labelledby="page-title" className="form-page form-page--wide verify-page">
      <h1 id="page-title">{title}</h1>
      {state === "valid" && c ? (
        <div className="alert alert--success verify-result" data-testid="verify-result" data-state="valid">
          <p>
            <strong>{t("certificate.verify.valid")}</strong>
          </p>
          <p>{t("certificate.verify.validText", { date: date(c.issuedOn) })}</p>
          <dl className="facts facts--wide">
            <div>
              <dt>{t("certificate.verify.name")}</dt>
              <dd>{c.volunteerName}</dd>
            </div>
            <div>
              <dt>{t("certificate.verify.organisations")}</dt>
              <dd>
                <ul className="plain-list">
                  {c.organisations.map((o) => (
                    <li key={o.name}>{t("certificate.verify.organisationHours", { name: o.name, hours: formatHours(o.hours, i18n.language) })}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t("certificate.verify.period")}</dt>
              <dd>{t("certificate.verify.periodValue", { from: date(c.periodFrom), to: date(c.periodTo) })}</dd>
            </div>
            <div>
              <dt>{t("certificate.verify.hours")}</dt>
              <dd data-testid="verify-hours">{formatHours(c.totalHours, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t("certificate.page.code")}</dt>
              <dd>
                <code>{formatCertificateCode(c.code)}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : state === "revoked" ? (
        <div className="alert alert--error verify-result" data-testid="verify-result" data-state="revoked">
          <p>
            <strong>{t("certificate.verify.revoked")}</strong>
          </p>
          <p>{t("certificate.verify.revokedText", { date: revokedOn ? date(revokedOn) : "" })}</p>
        </div>
      ) : (
        <div className="alert alert--error verify-result" data-testid="verify-result" data-state="unknown">
          <p>
            <strong>{t("certificate.verify.unknown")}</strong>
          </p>
          <p>{t("certificate.verify.unknownText")}</p>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
