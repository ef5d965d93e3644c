import fs from 'node:fs';
import os from 'node:os';
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts run their end-to-end specs side by side.
const PORT = Number(process.env.E2E_PORT ?? 4310);
const baseURL = `http://127.0.0.1:${PORT}`;

// A fresh database per run. Workers load this file too: they inherit the main process's directory
// through the environment instead of making empty ones of their own.
process.env.SB_E2E_DIR ??= fs.mkdtempSync(os.tmpdir() + '/sb-e2e-');
const dataDir = process.env.SB_E2E_DIR;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  // One retry on CI, reported as flaky rather than hidden: a shared 2-core machine has slow moments.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx server/main.ts',
    env: {
      PORT: String(PORT),
      NODE_ENV: 'test',
      DATABASE_URL: 'sqlite:' + dataDir + '/e2e.db',
      // Sign-ups from this country wait for manual review (the 202 path of POST /api/signups).
      SIGNUP_REVIEW_COUNTRIES: 'NG',
      // Every spec signs up from 127.0.0.1.
      SIGNUPS_PER_ADDRESS_PER_HOUR: '10000',
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
