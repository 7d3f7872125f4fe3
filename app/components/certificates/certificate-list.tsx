/** The volunteer's issued certificates: period, hours, code, state; download the PDF, open the verification page, revoke. */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formatCalendarDate, formatCertificateCode, formatHours } from "~/domain/certificates/limits";

export interface CertificateListItem {
  id: number;
  code: string;
  periodFrom: string;
  periodTo: string;
  totalHours: number;
  organisations: string[];
  revoked: boolean;
}

export function CertificateList({ certificates }: { certificates: CertificateListItem[] }) {
  const { t, i18n } = useTranslation();
  if (certificates.length === 0) return <p>{t("certificate.page.noneIssued")}</p>;
  return (
    <ul className="certificate-list">
      {certificates.map((c) => {
        const code = formatCertificateCode(c.code);
        return (
          <li key={c.id} className="card certificate-list__item" data-testid="certificate">
            <p className="certificate-list__orgs">
              <strong>{c.organisations.join(", ")}</strong>
            </p>
            <dl className="facts">
              <div>
                <dt>{t("certificate.page.period")}</dt>
                <dd>
                  {formatCalendarDate(c.periodFrom, i18n.language)} – {formatCalendarDate(c.periodTo, i18n.language)}
                </dd>
              </div>
              <div>
                <dt>{t("certificate.page.hours")}</dt>
                <dd>{formatHours(c.totalHours, i18n.language)}</dd>
              </div>
              <div>
                <dt>{t("certificate.page.code")}</dt>
                <dd>
                  <code data-testid="certificate-code">{code}</code>
                </dd>
              </div>
              <div>
                <dt>{t("certificate.page.state")}</dt>
                <dd>{c.revoked ? t("certificate.page.revoked") : t("certificate.page.valid")}</dd>
              </div>
            </dl>
            {c.revoked ? null : (
              <div className="button-row">
                <a className="button" href={`/me/certificate/${c.id}.pdf`} download aria-label={t("certificate.page.downloadLabel", { code })}>
                  {t("certificate.page.download")}
                </a>
                <a className="button button--ghost" href={`/verify/${c.code}`}>
                  {t("certificate.page.verifyLink")}
                </a>
                <RevokeCertificateForm id={c.id} code={code} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Revokes one certificate (POST intent=revoke to the page it is on): the volunteer's list and the organisation's
 * certificates page. `code` is the formatted code that names the certificate to screen readers.
 */
export function RevokeCertificateForm({ id, code }: { id: number; code: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="certificateId" value={id} />
      <button type="submit" className="button button--danger" aria-label={t("certificate.page.revokeLabel", { code })}>
        {t("certificate.page.revoke")}
      </button>
    </Form>
  );
}
