/**
 * Playwright: user journeys against the production build, Chromium only. e2e/start-server.js prepares a fresh,
 * seeded database (PGlite in a throwaway folder, or DATABASE_URL as given) and starts server.js on E2E_PORT.
 */
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const isCI = Boolean(process.env.CI);

// Debian's chromium where it is installed (CI, this machine: nothing to download); else Playwright's own browser
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // the machine has 2 cores; server, database and browsers share them
  workers: 2,
  // generous: axe and the longer journeys run on 2 shared cores
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    // German is the default language; tests that need English create their own context
    locale: "de-CH",
    timezoneId: "Europe/Zurich",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        headless: true,
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node e2e/start-server.js",
    url: `${baseURL}/healthz`,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM (not Playwright's default SIGKILL) so start-server.js can stop the server and remove its PGlite folder
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
