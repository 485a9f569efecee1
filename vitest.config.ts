import { defineConfig } from "vitest/config";

// Tests that start servers, browsers or DuckDB need room on a noisy 2-core machine: generous timeouts, and files run
// in forked processes so a native crash (DuckDB, chromium) cannot take the runner down.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { DOTENV_CONFIG_QUIET: "true", TZ: "UTC" },
  },
});
