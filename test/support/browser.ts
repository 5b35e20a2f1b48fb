import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../../scripts/lib/embedded';

export const SCREENSHOT_DIR = join(ROOT, 'reports/screenshots');

/**
 * Debian's Chromium (installed by `scripts/setup.sh --test`) driven by playwright-core.
 * The flags keep it off the network: this machine reaches no host but its own.
 */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
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
  });
}
