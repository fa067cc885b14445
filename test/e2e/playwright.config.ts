import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the web mode.
 *
 * Never a downloaded browser: the executable is the system's Chromium, and
 * the flags keep it from reaching for Google's services on a closed network.
 */
export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e',
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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
  projects: [
    { name: 'chromium', testMatch: /(web|media|workspace|grid|review|player)\.spec\.ts/u },
    { name: 'electron', testMatch: /electron\.spec\.ts/u },
  ],
});
