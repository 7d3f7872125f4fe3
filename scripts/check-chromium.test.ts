import { expect, test } from "vitest";
import { DEBIAN_CHROMIUM, findChromium, missingChromiumMessage } from "./check-chromium.js";

const only = (...paths: string[]) => (path: string) => paths.includes(path);

test("CHROMIUM_PATH wins; then Debian's chromium; then Playwright's own", () => {
  expect(findChromium({ env: { CHROMIUM_PATH: "/opt/chrome" }, exists: only("/opt/chrome", DEBIAN_CHROMIUM), bundled: undefined })).toBe("/opt/chrome");
  expect(findChromium({ env: {}, exists: only(DEBIAN_CHROMIUM, "/pw/chrome"), bundled: "/pw/chrome" })).toBe(DEBIAN_CHROMIUM);
  expect(findChromium({ env: {}, exists: only("/pw/chrome"), bundled: "/pw/chrome" })).toBe("/pw/chrome");
});

test("no browser at all, or a CHROMIUM_PATH that points nowhere: nothing found", () => {
  expect(findChromium({ env: {}, exists: only(), bundled: "/pw/chrome" })).toBeNull();
  expect(findChromium({ env: { CHROMIUM_PATH: "/nope" }, exists: only(DEBIAN_CHROMIUM), bundled: undefined })).toBeNull();
});

test("the message says exactly what to run", () => {
  const asRoot = missingChromiumMessage({ env: {}, isRoot: true });
  expect(asRoot).toContain("apt-get install -y chromium");
  expect(asRoot).not.toContain("sudo");
  expect(asRoot).toContain("npx playwright install chromium");
  expect(missingChromiumMessage({ env: {}, isRoot: false })).toContain("sudo apt-get install -y chromium");
  expect(missingChromiumMessage({ env: { CHROMIUM_PATH: "/nope" }, isRoot: true })).toContain("CHROMIUM_PATH is set to /nope");
});
