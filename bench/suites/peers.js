// Peers: a checklist of 20 goals in <ipt-goal-checklist> (read from IndexedDB) against the same
// checklist as a form in LHC-Forms (lforms' prebuilt web component) and in SurveyJS (survey-core +
// survey-js-ui): the bytes each page fetched (gzip and brotli, as a server would send them) and the
// time from the first script tag until the 20 check boxes are in the page and laid out. The four
// pages alternate within each round, each load with its own nonce (no compiled code reused).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checklistGoals } from '../courses.js';
import { load, openPage } from '../lib/browser.js';
import { compressed } from '../lib/sizes.js';
import { median, iqr } from '../lib/stats.js';

const PAGES = [
  { key: 'ipt', name: '<ipt-goal-checklist>, single-file bundle', path: '/bench/pages/peer-ipt.html' },
  { key: 'iptAlone', name: '<ipt-goal-checklist> alone (npm build, esbuild)', path: '/bench/pages/peer-ipt-alone.html' },
  { key: 'lforms', name: 'LHC-Forms (lforms) web component', path: '/gen/peer-lforms.html', template: 'peer-lforms.html' },
  { key: 'survey', name: 'SurveyJS (survey-core + survey-js-ui)', path: '/gen/peer-survey.html', template: 'peer-survey.html' },
];

function version(pkg) {
  return JSON.parse(readFileSync(resolve('bench/node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** The bytes of every response a page load received, read from disk and compressed. */
function bytesOf(urls, base, root, genDir) {
  const total = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const url of new Set(urls)) {
    if (!url.startsWith(base)) continue;
    const path = decodeURIComponent(new URL(url).pathname);
    const file = path.startsWith('/gen/') ? resolve(genDir, path.slice(5)) : resolve(root, path.slice(1));
    const size = compressed(readFileSync(file));
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
    total.files.push(path);
  }
  return total;
}

export async function peers({ browser, base, genDir, harness, reps, log }) {
  const root = process.cwd();
  await harness.evaluate(() => window.bench.seed('bench-peers', 'checklist', 'CHECKLIST'));
  const goals = JSON.stringify(checklistGoals()).replace(/</g, '\\u003c');
  for (const p of PAGES) {
    if (p.template) writeFileSync(resolve(genDir, p.template), readFileSync(resolve(root, 'bench/pages', p.template), 'utf8').replace('__GOALS__', goals));
  }
  const { page, fetched, errors } = await openPage(browser);
  const rows = {};
  for (const p of PAGES) {
    fetched.length = 0;
    const first = await load(page, `${base}${p.path}`, 'window.peerDone');
    if (first.boxes !== 20) throw new Error(`${p.name}: ${first.boxes} check boxes instead of 20`);
    rows[p.key] = { name: p.name, bytes: bytesOf(fetched, base, root, genDir), runs: [] };
  }
  for (let i = -2; i < reps; i++) {
    for (const p of PAGES) {
      const { ms } = await load(page, `${base}${p.path}`, 'window.peerDone');
      if (i >= 0) rows[p.key].runs.push(ms);
    }
  }
  await page.close();
  if (errors.length) log(`peer pages reported: ${[...new Set(errors)].slice(0, 5).join('; ')}`);
  for (const r of Object.values(rows)) {
    r.median = median(r.runs);
    r.iqr = iqr(r.runs);
  }
  for (const r of Object.values(rows)) {
    r.timeVsIpt = r.median / rows.ipt.median;
    r.gzipVsIpt = r.bytes.gzip / rows.ipt.bytes.gzip;
  }
  log(`peers: ${Object.values(rows).map((r) => `${r.name} ${r.median.toFixed(0)} ms, ${(r.bytes.gzip / 1024).toFixed(1)} KB gzip`).join('; ')}`);
  return { reps, rows, versions: { lforms: version('lforms'), 'survey-core': version('survey-core'), 'survey-js-ui': version('survey-js-ui'), dexie: version('dexie') } };
}
