import { expect, test } from "vitest";
import commonPasswords from "./data/common-passwords.json";
import { newPasswordField } from "./password-rules.server";
import { hashPassword, isCommonPassword, passwordLength, verifyAgainstDummy, verifyPassword } from "./password.server";

test("hash and verify round-trip any Unicode; a wrong password does not verify", async () => {
  for (const password of ["Grüezi mitenand 🌍🇨🇭", "Äpfel-Öl-Übermut-éèà", "日本語のパスワード", "  spaces around  "]) {
    const hash = await hashPassword(password);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(hash, password)).toBe(true);
    expect(await verifyPassword(hash, `${password}x`)).toBe(false);
    expect(await verifyPassword(hash, password.trim())).toBe(password === password.trim());
  }
});

test("the same password hashes differently each time (salted)", async () => {
  const [a, b] = await Promise.all([hashPassword("Treffpunkt-Aarau"), hashPassword("Treffpunkt-Aarau")]);
  expect(a).not.toBe(b);
});

test("composed (NFC) and decomposed (NFD) forms of 'Zürich' are the same password", async () => {
  const nfc = "Zürich-Hauptbahnhof".normalize("NFC");
  const nfd = "Zürich-Hauptbahnhof".normalize("NFD");
  expect(nfc).not.toBe(nfd);
  expect(await verifyPassword(await hashPassword(nfc), nfd)).toBe(true);
  expect(await verifyPassword(await hashPassword(nfd), nfc)).toBe(true);
});

test("a broken or foreign hash does not verify and does not throw", async () => {
  expect(await verifyPassword("", "x")).toBe(false);
  expect(await verifyPassword("not a hash", "x")).toBe(false);
  expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "x")).toBe(false);
  expect(await verifyAgainstDummy("anything")).toBe(false);
});

test("the common-password list is substantial and checked case-insensitively", () => {
  expect(commonPasswords.length).toBeGreaterThanOrEqual(3000);
  for (const password of ["password1", "PASSWORD1", "Passwort", "12345678", "iloveyou"]) {
    expect(commonPasswords).toContain(password.toLowerCase());
    expect(isCommonPassword(password)).toBe(true);
  }
  // "Passwort123" is not in the (English-heavy) list: only what the list holds is refused
  expect(isCommonPassword("Passwort123")).toBe(commonPasswords.includes("passwort123"));
  expect(isCommonPassword("Treffpunkt-Aarau-2026")).toBe(false);
});

test("the new-password rules: 8 to 256 characters (code points), not a common one", () => {
  const issues = (value: unknown) => {
    const result = newPasswordField.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };
  expect(issues("Treffpunkt-Aarau-2026")).toEqual([]);
  expect(issues("password1")).toEqual(["validation.passwordCommon"]);
  expect(issues("kurz")).toEqual(["validation.passwordTooShort"]);
  expect(issues("")).toEqual(["validation.required"]);
  expect(issues(undefined)).toEqual(["validation.required"]);
  expect(issues("x".repeat(257))).toEqual(["validation.passwordTooLong"]);
  expect(issues("x".repeat(256))).toEqual([]);
  // eight emoji are eight characters, though sixteen UTF-16 code units
  expect(passwordLength("🌍".repeat(8))).toBe(8);
  expect(issues("🌍".repeat(8))).toEqual([]);
  expect(issues("🌍".repeat(7))).toEqual(["validation.passwordTooShort"]);
});

test("argon2id hashing time (OWASP parameters), median of 5 runs", async () => {
  await hashPassword("warm-up-the-module");
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await hashPassword(`Treffpunkt-Aarau-${run}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(`argon2id hash (m=19456 KiB, t=2, p=1): median ${median.toFixed(1)} ms over 5 runs [${times.map((t) => t.toFixed(1)).join(", ")}]`);
  // slow enough to hurt guessing, fast enough for a login on a small machine
  expect(median).toBeGreaterThan(1);
  expect(median).toBeLessThan(2000);
});
