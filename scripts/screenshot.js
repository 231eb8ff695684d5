// Renders the demo in headless Chromium, light and dark, at 390 px and 1280 px wide, into
// docs/screenshots/*.png. Usage: npm run screenshots (builds first).
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startDevServer } from '@web/dev-server';
import { BROWSER_ARGS, findBrowser, HOW_TO } from './find-browser.js';

const executablePath = findBrowser();
if (!executablePath) {
  console.error(HOW_TO);
  process.exit(1);
}
const port = 8123;
const server = await startDevServer({
  config: { rootDir: '.', port, hostname: '127.1', nodeResolve: false, watch: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const out = process.env.SCREENSHOT_DIR ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({ executablePath, headless: true, args: BROWSER_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
      await page.goto(`http://127.0.0.1:${port}/demo/?sample`, { waitUntil: 'networkidle0' });
      await page.waitForFunction(() => [...document.querySelectorAll('ipt-session-counter')].every((el) => el.shadowRoot?.querySelector('[part=summary]')));
      const file = `${out}/demo-${scheme}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
