import pdfParse from "pdf-parse/lib/pdf-parse.js";
import { expect, test } from "vitest";
import type { CertificateDocument } from "./certificates.server";
import { renderCertificatePdf } from "./pdf.server";

function certificate(overrides: Partial<CertificateDocument> = {}): CertificateDocument {
  return {
    id: 1,
    code: "K7QW2MZXAB3CDEFGH4JR",
    volunteerName: "Jürg Müller-Schärer",
    locale: "de",
    periodFrom: "2026-01-01",
    periodTo: "2026-11-30",
    totalHours: 12.5,
    issuedAt: new Date("2026-12-03T10:00:00Z"),
    revokedAt: null,
    revokeReason: null,
    organisations: [
      {
        id: 7,
        name: "Verein Deutsch für alle",
        hours: 12.5,
        confirmedByName: "Regula Bühler",
        lines: [{ title: "Konversationsgruppe Aarau", roleDescription: "Gesprächsrunden leiten", competencies: "Interkulturelle Kommunikation", hours: 12.5 }],
      },
    ],
    ...overrides,
  };
}

test("the German certificate reads back with name, organisation, texts, hours, confirming person and code", async () => {
  const pdf = await renderCertificatePdf(certificate(), { origin: "https://mitenand.example" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const { text, numpages } = await pdfParse(pdf);
  expect(numpages).toBe(1);
  expect(text).toContain("Einsatznachweis");
  expect(text).toContain("Jürg Müller-Schärer");
  expect(text).toContain("Verein Deutsch für alle");
  expect(text).toContain("Gesprächsrunden leiten");
  expect(text).toContain("Interkulturelle Kommunikation");
  expect(text).toContain("Bestätigte Stunden insgesamt: 12.5");
  expect(text).toContain("Regula Bühler");
  expect(text).toContain("1. Januar 2026");
  expect(text).toContain("K7QW-2MZX-AB3C-DEFG-H4JR");
  expect(text).toContain("https://mitenand.example/verify/K7QW2MZXAB3CDEFGH4JR");
  // the fonts are embedded (no reliance on the reader's Helvetica)
  expect(pdf.toString("latin1")).toMatch(/\/FontFile2/);
  // A4: 595.28 × 841.89 pt
  expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
});

test("the English certificate is in English", async () => {
  const pdf = await renderCertificatePdf(certificate({ locale: "en", totalHours: 3.25 }), { origin: "https://mitenand.example" });
  const { text } = await pdfParse(pdf);
  expect(text).toContain("Certificate of volunteer work");
  expect(text).toContain("Total confirmed hours: 3.25");
  expect(text).toContain("1 January 2026");
  expect(text).not.toContain("Einsatznachweis");
});

test("many organisations flow onto further pages and keep the verification block whole", async () => {
  const organisations = Array.from({ length: 12 }, (_, i) => ({
    id: i + 1,
    name: `Organisation ${i + 1}`,
    hours: 2,
    confirmedByName: `Person ${i + 1}`,
    lines: [{ title: `Angebot ${i + 1}`, roleDescription: "Aufgaben ".repeat(30), competencies: "Kompetenzen ".repeat(20), hours: 2 }],
  }));
  const pdf = await renderCertificatePdf(certificate({ organisations, totalHours: 24 }), { origin: "https://mitenand.example" });
  const { text, numpages } = await pdfParse(pdf);
  expect(numpages).toBeGreaterThan(1);
  expect(text).toContain("Organisation 12");
  expect(text).toContain("K7QW-2MZX-AB3C-DEFG-H4JR");
});
