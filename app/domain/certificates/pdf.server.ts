/**
 * The certificate as a PDF (A4, pdfkit), modelled on the Swiss Einsatznachweis: who, for which organisations,
 * role and tasks, competencies, period, confirmed hours per organisation and in total, the confirming person,
 * the issue date, and the verification code with a QR code of its public page. The DejaVu fonts are embedded
 * (subset) so umlauts and dashes print the same everywhere; they are read from app/assets/fonts relative to the
 * working directory, which is the project root for the built server, the tests and the Docker image (/app).
 */
import { resolve } from "node:path";
import PdfKitDocument from "pdfkit";
import QRCode from "qrcode";
import { getFixedT } from "~/i18n/i18n.server";
import { utcToZurichParts } from "~/utils/zurich-time";
import type { CertificateDocument } from "./certificates.server";
import { formatCalendarDate, formatCertificateCode, formatHours } from "./limits";

export const FONT_DIR = resolve(process.cwd(), "app/assets/fonts");
const REGULAR = resolve(FONT_DIR, "DejaVuSans.ttf");
const BOLD = resolve(FONT_DIR, "DejaVuSans-Bold.ttf");

/** the public page that confirms the certificate */
export function verificationUrl(origin: string, code: string) {
  return `${origin}/verify/${code}`;
}

export async function renderCertificatePdf(certificate: CertificateDocument, { origin }: { origin: string }): Promise<Buffer> {
  const locale = certificate.locale;
  const t = getFixedT(locale);
  const hours = (n: number) => formatHours(n, locale);
  const url = verificationUrl(origin, certificate.code);
  const qr = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 240 });

  const doc = new PdfKitDocument({
    size: "A4",
    margin: 56,
    font: REGULAR,
    lang: locale === "en" ? "en-GB" : "de-CH",
    displayTitle: true,
    info: { Title: t("certificate.pdf.title"), Author: "Mitenand", Subject: certificate.volunteerName, Creator: "Mitenand" },
  });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolvePdf, reject) => {
    doc.on("end", () => resolvePdf(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const grey = "#555555";

  doc.font("regular").fontSize(9).fillColor(grey).text(t("certificate.pdf.issuer"), { width });
  doc.moveDown(0.8);
  doc.font("bold").fontSize(22).fillColor("black").text(t("certificate.pdf.title"), { width });
  doc.font("regular").fontSize(11).fillColor(grey).text(t("certificate.pdf.subtitle"), { width });
  doc.moveDown(1.2);

  doc.fillColor("black").font("regular").fontSize(11);
  doc.text(
    t("certificate.pdf.intro", {
      name: certificate.volunteerName,
      from: formatCalendarDate(certificate.periodFrom, locale),
      to: formatCalendarDate(certificate.periodTo, locale),
    }),
    { width },
  );
  doc.moveDown(1);

  for (const organisation of certificate.organisations) {
    doc.font("bold").fontSize(13).text(organisation.name, { width });
    doc.font("regular").fontSize(10).fillColor(grey).text(t("certificate.pdf.organisationHours", { hours: hours(organisation.hours) }), { width });
    doc.fillColor("black").moveDown(0.4);
    for (const line of organisation.lines) {
      doc.font("bold").fontSize(11).text(`${line.title} – ${t("certificate.pdf.hours", { hours: hours(line.hours) })}`, { width });
      if (line.roleDescription) {
        doc.font("bold").fontSize(10).text(t("certificate.pdf.role"), { width });
        doc.font("regular").fontSize(10).text(line.roleDescription, { width });
      }
      if (line.competencies) {
        doc.font("bold").fontSize(10).text(t("certificate.pdf.competencies"), { width });
        doc.font("regular").fontSize(10).text(line.competencies, { width });
      }
      doc.moveDown(0.5);
    }
    doc
      .font("regular")
      .fontSize(10)
      .text(t("certificate.pdf.confirmedBy", { name: organisation.confirmedByName ?? "–", organisation: organisation.name }), { width });
    doc.moveDown(1);
  }

  doc.font("bold").fontSize(12).text(t("certificate.pdf.total", { hours: hours(certificate.totalHours) }), { width });
  doc.font("regular").fontSize(10).text(t("certificate.pdf.issued", { date: formatCalendarDate(utcToZurichParts(certificate.issuedAt).date, locale) }), { width });
  doc.moveDown(1.5);

  // the verification block stays in one piece
  const qrSize = 96;
  if (doc.y + qrSize + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  doc.image(qr, left, top, { width: qrSize, height: qrSize });
  const textLeft = left + qrSize + 16;
  const textWidth = width - qrSize - 16;
  doc.font("bold").fontSize(10).text(t("certificate.pdf.verifyTitle"), textLeft, top, { width: textWidth });
  doc.font("regular").fontSize(10).text(t("certificate.pdf.verifyText"), textLeft, doc.y, { width: textWidth });
  doc.text(url, textLeft, doc.y, { width: textWidth, link: url });
  doc.font("bold").text(t("certificate.pdf.code", { code: formatCertificateCode(certificate.code) }), textLeft, doc.y, { width: textWidth });
  doc.y = Math.max(doc.y, top + qrSize) + 16;
  doc.font("regular").fontSize(8).fillColor(grey).text(t("certificate.pdf.footer"), left, doc.y, { width });

  doc.end();
  return done;
}
