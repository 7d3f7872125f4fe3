import { expect, test } from "vitest";
import { z } from "zod";
import { emailField, isHoneypotFilled, parseForm } from "./forms";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

const schema = z.object({ email: emailField, name: z.string().trim().min(1).max(5), password: z.string().min(8) });

test("valid input is parsed and trimmed", () => {
  const result = parseForm(schema, form({ email: " Anna@Example.org ", name: " Anna ", password: "longenough" }));
  expect(result).toEqual({ success: true, data: { email: "Anna@Example.org", name: "Anna", password: "longenough" } });
});

test("each problem becomes an i18n key on its field", () => {
  const result = parseForm(schema, form({ email: "not-an-email", name: "toolongname", password: "short" }));
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.errors.email).toEqual([{ key: "validation.email" }]);
  expect(result.errors.name).toEqual([{ key: "validation.tooLong", values: { maximum: 5 } }]);
  expect(result.errors.password).toEqual([{ key: "validation.tooShort", values: { minimum: 8 } }]);
});

test("missing and empty fields are 'required'", () => {
  const result = parseForm(schema, form({ email: "" }));
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.errors.email).toEqual([{ key: "validation.required" }]);
  expect(result.errors.name).toEqual([{ key: "validation.required" }]);
  expect(result.errors.password).toEqual([{ key: "validation.required" }]);
});

test("passwords are never echoed back", () => {
  const result = parseForm(schema, form({ email: "x", name: "", password: "secret-value" }));
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.values.password).toBeUndefined();
  expect(result.values.email).toBe("x");
});

test("the honeypot catches bots", () => {
  expect(isHoneypotFilled(form({ homepage: "http://spam" }))).toBe(true);
  expect(isHoneypotFilled(form({ homepage: "" }))).toBe(false);
});
