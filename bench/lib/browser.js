// One headless Chromium for the whole run (every ratio is measured within it), pages on the
// local server, the bytes each page fetched, and the longest main-thread task from a trace.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { BROWSER_ARGS, findBrowser, HOW_TO } from '../../scripts/find-browser.js';

/**
 * `userDataDir` keeps the profile, and so the IndexedDB databases, between runs: the database of
 * 5,000 courses takes a minute or two to write and is written only when it is not there yet.
 */
export async function launch(userDataDir) {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(HOW_TO);
  // A run that was killed leaves the profile locked; no other bench run uses it at the same time.
  if (userDataDir) for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) rmSync(join(userDataDir, f), { force: true });
  return puppeteer.launch({
    executablePath,
    userDataDir,
    headless: true,
    args: [...BROWSER_ARGS, '--window-size=1280,1000', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
    defaultViewport: { width: 1280, height: 1000 },
    protocolTimeout: 300_000,
  });
}

/** A page that reports its errors, and the URLs of every response it received (for bytes shipped). */
export async function openPage(browser) {
  const page = await browser.newPage();
  const fetched = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('requestfinished', (r) => fetched.push(r.url()));
  page.setDefaultTimeout(120_000);
  return { page, fetched, errors };
}

let loads = 0;
/** Navigates with a fresh nonce (see server.js) and waits for `done` (an expression the page resolves). */
export async function load(page, url, done) {
  const sep = url.includes('?') ? '&' : '?';
  await page.goto(`${url}${sep}nonce=n${++loads}x${Date.now()}`, { waitUntil: 'load' });
  return page.evaluate(done);
}

/**
 * Runs `body` while tracing, and returns, for each label, the longest main-thread task of the
 * page's renderer between performance.mark(`${label}-start`) and performance.mark(`${label}-end`),
 * which the body makes, and how many tasks there took over 50 ms. Only the light `toplevel` and
 * `blink.user_timing` categories are recorded, so that tracing barely slows the page.
 */
export async function longestTasks(page, labels, body) {
  await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
  let result;
  let trace;
  try {
    result = await body();
  } finally {
    trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
  }
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const out = {};
  for (const label of labels) {
    const mark = (name) => events.filter((e) => e.name === name && e.cat?.includes('blink.user_timing')).at(-1);
    const start = mark(`${label}-start`);
    const end = mark(`${label}-end`);
    if (!start || !end) throw new Error(`trace marks ${label}-start/end not found`);
    // The renderer's main thread: the process that recorded the marks.
    const tasks = events.filter(
      (e) => e.ph === 'X' && e.pid === start.pid && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.name === 'ThreadControllerImpl::RunTask',
    );
    let longest = 0;
    let over50 = 0;
    for (const e of tasks) {
      if (e.ts + e.dur < start.ts || e.ts > end.ts) continue;
      longest = Math.max(longest, e.dur / 1000);
      if (e.dur > 50_000) over50++;
    }
    out[label] = { longest, over50 };
  }
  return { result, tasks: out };
}
