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

/** Runs `body` under a trace of `categories`: its result, the trace's events, and each thread's name by `pid:tid`. */
async function traced(page, categories, body) {
  await page.tracing.start({ categories });
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
  return { result, events, names };
}

/**
 * Runs `body` while tracing, and returns, for each label, the longest main-thread task of the
 * page's renderer between performance.mark(`${label}-start`) and performance.mark(`${label}-end`),
 * which the body makes, and how many tasks there took over 50 ms. Only the light `toplevel` and
 * `blink.user_timing` categories are recorded, so that tracing barely slows the page.
 */
export async function longestTasks(page, labels, body) {
  const { result, events, names } = await traced(page, ['toplevel', 'blink.user_timing'], body);
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

/** Trace events that name the browser's own rendering work inside a task (category devtools.timeline). */
const RENDERING = { UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint' };

/**
 * A diagnosis, not a figure (the sampling profiler and the timeline slow the page down): runs
 * `body` while tracing with V8's sampling profiler and the timeline, and returns every main-thread
 * task over `over` ms between the marks `${label}-start` and `${label}-end`, each with
 *  - `parts`: its script time by what `classify(stack)` names it (the stack is the sampled
 *    frames' function names, innermost first; each sample counts for the time until the next one),
 *  - `rendering`: the browser's style, layout and paint inside it (timeline events),
 *  - `measures`: the performance.measure() entries the page made inside it.
 * Times in ms; `at` is from the start mark. A task is clipped to the marks (starting a trace with
 * the profiler can make the task that holds the start mark begin long before it).
 */
export async function profileTasks(page, label, body, classify, over = 50) {
  const { result, events, names } = await traced(page, ['toplevel', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-v8.cpu_profiler'], body);
  const mark = (name) => events.filter((e) => e.name === name && e.cat?.includes('blink.user_timing')).at(-1);
  const start = mark(`${label}-start`);
  const end = mark(`${label}-end`);
  if (!start || !end) throw new Error(`trace marks ${label}-start/end not found`);
  const main = (e) => e.pid === start.pid && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
  const tasks = events
    .filter((e) => e.ph === 'X' && main(e) && e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => ({ t0: Math.max(e.ts, start.ts), t1: Math.min(e.ts + e.dur, end.ts) }))
    .filter((t) => t.t1 - t.t0 > over * 1000);

  // The sampled profile of the renderer's main thread: nodes and samples arrive in chunks.
  const profile = events.find((e) => e.name === 'Profile' && main(e));
  const nodes = new Map();
  const samples = [];
  if (profile) {
    let ts = profile.args.data.startTime;
    for (const c of events.filter((e) => e.name === 'ProfileChunk' && e.pid === profile.pid && e.id === profile.id)) {
      const d = c.args.data;
      for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      (d.cpuProfile?.samples ?? []).forEach((id, i) => {
        ts += d.timeDeltas[i];
        samples.push({ ts, id });
      });
    }
    samples.sort((a, b) => a.ts - b.ts);
  }
  const stacks = new Map();
  const stack = (id) => {
    if (!stacks.has(id)) {
      const out = [];
      for (let n = nodes.get(id); n; n = nodes.get(n.parent)) out.push(n.callFrame.functionName || '(anonymous)');
      stacks.set(id, out);
    }
    return stacks.get(id);
  };
  // Async measure events come as a begin and an end with the same id.
  const measures = new Map();
  for (const e of events.filter((x) => x.cat?.includes('blink.user_timing') && (x.ph === 'b' || x.ph === 'e'))) {
    const key = `${e.name}\u0000${e.id ?? e.id2?.local}`;
    const m = measures.get(key) ?? { name: e.name };
    m[e.ph === 'b' ? 'ts' : 'end'] = e.ts;
    measures.set(key, m);
  }
  const out = [];
  for (const { t0, t1 } of tasks) {
    const parts = {};
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      if (s.ts < t0 || s.ts > t1) continue;
      const until = Math.min(samples[i + 1]?.ts ?? t1, t1);
      const part = classify(stack(s.id));
      parts[part] = (parts[part] ?? 0) + (until - s.ts) / 1000;
    }
    const rendering = {};
    for (const e of events) {
      const kind = RENDERING[e.name];
      if (!kind || e.ph !== 'X' || !main(e) || e.ts < t0 || e.ts + e.dur > t1) continue;
      rendering[kind] = (rendering[kind] ?? 0) + e.dur / 1000;
    }
    out.push({
      at: (t0 - start.ts) / 1000,
      ms: (t1 - t0) / 1000,
      parts,
      rendering,
      measures: [...measures.values()].filter((m) => m.ts >= t0 && m.end <= t1).map((m) => ({ name: m.name, ms: (m.end - m.ts) / 1000 })),
    });
  }
  return { result, tasks: out };
}
