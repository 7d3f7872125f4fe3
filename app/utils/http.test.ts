import { expect, test } from "vitest";
import { safeRedirect } from "./http";

test("same-site paths are kept", () => {
  expect(safeRedirect("/opportunities?q=deutsch")).toBe("/opportunities?q=deutsch");
});

test("other sites and tricks fall back", () => {
  for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example", "evil", "", null, undefined, "/\nx"]) {
    expect(safeRedirect(evil, "/home")).toBe("/home");
  }
});
