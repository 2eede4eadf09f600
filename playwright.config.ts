import { defineConfig } from "@playwright/test";

// One output folder per run: two runs at once (several people on one machine) would otherwise
// delete each other's traces. Workers inherit the variable from the run that set it.
process.env.PW_RUN_ID ??= `${Date.now()}-${process.pid}`;

// Debian's chromium only: nothing here downloads a browser.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${process.env.PW_RUN_ID}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./tests/support/e2e-global-setup.ts",
  use: {
    baseURL: process.env.SUPABASE_URL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
