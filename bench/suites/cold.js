// Cold start: from the script tag to all four widgets rendered (ipt-ready, then laid out) with the
// realistic course already in IndexedDB, against the floor (the same records read with one raw
// getAll, the same DOM built with plain DOM calls). Loads alternate, each with its own nonce.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load, openPage } from '../lib/browser.js';
import { captureDom, floorPage } from '../lib/floor.js';
import { median, iqr } from '../lib/stats.js';

export const DATABASE = 'bench-cold';
export const COURSE = 'cold';

export async function coldStart({ browser, base, genDir, harness, reps, log }) {
  await harness.evaluate((db, c) => window.bench.seed(db, c, 'REALISTIC'), DATABASE, COURSE);
  const { page, errors } = await openPage(browser);
  await load(page, `${base}/bench/pages/cold-ipt.html`, 'window.coldDone');
  const template = await page.evaluate(captureDom, 'ipt-course');
  writeFileSync(resolve(genDir, 'cold-floor.html'), floorPage(template, DATABASE, COURSE));
  const floorUrl = `${base}/gen/cold-floor.html`;
  // The floor page must show what the widgets showed.
  await load(page, floorUrl, 'window.coldDone');
  const floorCheck = await page.evaluate(captureDom, 'ipt-course');
  if (floorCheck.counts.elements !== template.counts.elements) throw new Error('the floor page did not build the same DOM');
  const records = await page.evaluate('window.floorRecords');

  const ipt = [];
  const floor = [];
  for (let i = -3; i < reps; i++) {
    const a = await load(page, `${base}/bench/pages/cold-ipt.html`, 'window.coldDone');
    const b = await load(page, floorUrl, 'window.coldDone');
    if (i >= 0) ipt.push(a), floor.push(b);
  }
  await page.close();
  if (errors.length) throw new Error(`cold start pages reported errors: ${errors.join('; ')}`);
  const diagnosis = await diagnose(browser, base);
  log(`cold start: ipt ${median(ipt).toFixed(1)} ms, floor ${median(floor).toFixed(1)} ms`);
  return {
    reps,
    records,
    elements: template.counts.elements,
    textNodes: template.counts.text,
    ipt: { median: median(ipt), iqr: iqr(ipt), runs: ipt },
    floor: { median: median(floor), iqr: iqr(floor), runs: floor },
    ratio: median(ipt) / median(floor),
    diagnosis,
  };
}

/**
 * Where the ipt page's time goes, from separate, instrumented loads (not the timed ones): how
 * many IndexedDB reads it makes, the time each widget spends in its first render (Lit update),
 * and when the first and the last widget were ready.
 */
async function diagnose(browser, base, loads = 7) {
  const { page } = await openPage(browser);
  await page.evaluateOnNewDocument(() => {
    const d = (window.coldDiagnosis = { reads: 0, records: 0, renders: {}, ready: [] });
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (...args) {
      d.reads++;
      const req = getAll.apply(this, args);
      req.addEventListener('success', () => (d.records += req.result.length));
      return req;
    };
    const define = CustomElementRegistry.prototype.define;
    CustomElementRegistry.prototype.define = function (tag, ctor, options) {
      if (tag.startsWith('ipt-') && tag !== 'ipt-course') {
        const update = ctor.prototype.update;
        ctor.prototype.update = function (changed) {
          const t = performance.now();
          try {
            return update.call(this, changed);
          } finally {
            d.renders[tag] = (d.renders[tag] ?? 0) + performance.now() - t;
          }
        };
      }
      return define.call(this, tag, ctor, options);
    };
    document.addEventListener('ipt-ready', () => d.ready.push(performance.now() - window.coldStart));
  });
  const runs = [];
  for (let i = 0; i < loads; i++) {
    await load(page, `${base}/bench/pages/cold-ipt.html`, 'window.coldDone');
    runs.push(await page.evaluate('window.coldDiagnosis'));
  }
  await page.close();
  const tags = Object.keys(runs[0].renders);
  return {
    loads,
    reads: median(runs.map((r) => r.reads)),
    records: median(runs.map((r) => r.records)),
    renders: Object.fromEntries(tags.map((t) => [t, median(runs.map((r) => r.renders[t]))])),
    rendersTotal: median(runs.map((r) => Object.values(r.renders).reduce((a, b) => a + b, 0))),
    firstReady: median(runs.map((r) => r.ready[0])),
    lastReady: median(runs.map((r) => r.ready.at(-1))),
  };
}
