import { expect, test } from "vitest";
import { formatCertificateCode, normalizeCertificateCode } from "./limits";

test("a code prints in groups of four and reads back with dashes, spaces and lower case", () => {
  const code = "ABCDEFGHIJKLMNOPQR27";
  expect(formatCertificateCode(code)).toBe("ABCD-EFGH-IJKL-MNOP-QR27");
  expect(normalizeCertificateCode("abcd-efgh ijkl-mnop-qr27")).toBe(code);
  expect(normalizeCertificateCode("ABCDEFGHIJKLMNOPQR18")).toBeNull();
  expect(normalizeCertificateCode("ABCD")).toBeNull();
});
