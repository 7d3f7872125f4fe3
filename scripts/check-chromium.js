// Run before the Playwright journeys (`npm run test:e2e`): is there a Chromium to drive? The journeys use
// CHROMIUM_PATH, else Debian's /usr/bin/chromium (what CI installs), else Playwright's own download. Without any,
// say exactly what to run instead of failing deep inside Playwright.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The browser the journeys will use, or null. `bundled` is Playwright's own Chromium path (may not exist). */
export function findChromium({ env, exists, bundled }) {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (bundled && exists(bundled)) return bundled;
  return null;
}

/** What to tell a person who has none. */
export function missingChromiumMessage({ env, isRoot }) {
  const lines = ["No Chromium found for the Playwright journeys (npm run test:e2e)."];
  if (env.CHROMIUM_PATH) lines.push(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there.`);
  lines.push(
    "Install one, then run the tests again:",
    `  Debian/Ubuntu: ${isRoot ? "" : "sudo "}apt-get update && ${isRoot ? "" : "sudo "}apt-get install -y chromium   (what .ci/run does)`,
    "  with internet access: npx playwright install chromium",
    "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
  return lines.join("\n");
}

async function bundledChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const found = findChromium({ env: process.env, exists: existsSync, bundled: await bundledChromium() });
  if (!found) {
    console.error(missingChromiumMessage({ env: process.env, isRoot: process.getuid?.() === 0 }));
    process.exit(1);
  }
}
