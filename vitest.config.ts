import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests sit beside the code; integration tests use the process database: an in-memory PGlite per
// test file, or the PostgreSQL named by DATABASE_URL (CI runs the suite both ways).
export default defineConfig({
  resolve: {
    alias: {
      "~db": fileURLToPath(new URL("./db", import.meta.url)),
      "~": fileURLToPath(new URL("./app", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules", "build", "e2e"],
    environment: "node",
    globalSetup: ["app/testing/global-setup.ts"],
    // the texts of both locales, as on the server (the browser loads only its own)
    setupFiles: ["app/i18n/resources.server.ts"],
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      PGLITE_DIR: "memory://",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
