// The benchmark suite: `npm run bench` (or `node bench/run.js [suite ...]` for some suites only;
// suites: size cold write scale peers memory sync). Installs the bench's own packages when missing,
// builds when dist/ is missing, serves the repository on 127.0.0.1:8720-8729, runs every suite in
// one headless Chromium, prints the table and writes BENCHMARKS.md (a partial run prints only).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const SUITES = ['size', 'cold', 'write', 'scale', 'peers', 'memory', 'sync'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const s of asked) if (!SUITES.includes(s)) throw new Error(`Unknown suite ${s}: choose from ${SUITES.join(', ')}`);
const chosen = asked.length ? asked : SUITES;
/** Repetitions: BENCH_REPS scales them all (e.g. 0.3 for a quick look). */
const scale = Number(process.env.BENCH_REPS ?? 1);
const reps = (n) => Math.max(3, Math.round(n * scale));
const log = (s) => console.error(`[bench] ${s}`);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!['dexie', 'lforms', 'survey-core', 'survey-js-ui'].every((p) => existsSync(`bench/node_modules/${p}/package.json`))) {
  log('installing the benchmark packages into bench/node_modules');
  execFileSync(npm, ['install', '--prefix', 'bench', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
}
if (!existsSync('dist/ipt-elements.min.js') || !existsSync('dist/define.js')) {
  log('building (dist/ is missing)');
  execFileSync(npm, ['run', 'build'], { stdio: 'inherit' });
}

const { serve } = await import('./server.js');
const { launch, load, openPage } = await import('./lib/browser.js');
const { measureSizes, buildBudget } = await import('./lib/sizes.js');
const { report } = await import('./lib/report.js');

const genDir = resolve(root, 'bench/node_modules/.ipt-bench');
mkdirSync(genDir, { recursive: true });
const started = Date.now();
const results = { started: new Date().toISOString() };

// Sizes first: the peer suite loads the goal checklist built alone.
if (chosen.includes('size') || chosen.includes('peers')) {
  results.size = { rows: await measureSizes(root, genDir), budget: buildBudget(root) };
  log('sizes measured');
}

const server = await serve(root, genDir);
const browser = await launch(resolve(genDir, 'profile'));
results.browser = await browser.version();
try {
  const { page: harness, errors } = await openPage(browser);
  await load(harness, `${server.url}/bench/pages/harness.html`, 'window.benchReady');
  const ctx = { browser, base: server.url, genDir, harness, log };
  const suites = {
    cold: async () => (await import('./suites/cold.js')).coldStart({ ...ctx, reps: reps(25) }),
    write: async () => (await import('./suites/write.js')).writePath({ ...ctx, reps: reps(30) }),
    scale: async () => (await import('./suites/scale.js')).scaleSuite({ ...ctx, reps: reps(8), openReps: reps(20) }),
    peers: async () => (await import('./suites/peers.js')).peers({ ...ctx, reps: reps(15), sizes: results.size.rows }),
    memory: async () => (await import('./suites/memory.js')).memory({ ...ctx, runs: 3, cycles: 500 }),
    sync: async () => (await import('./suites/sync.js')).syncSuite({ ...ctx, reps: reps(20), largeReps: reps(5) }),
  };
  for (const name of chosen) {
    if (!suites[name]) continue;
    const t = Date.now();
    results[name] = await suites[name]();
    log(`${name} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  if (errors.length) log(`harness page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
results.seconds = (Date.now() - started) / 1000;
writeFileSync(resolve(genDir, 'results.json'), JSON.stringify(results, null, 2));

const { table, markdown } = report(results, root);
console.log(table);
if (chosen.length === SUITES.length) {
  writeFileSync(resolve(root, 'BENCHMARKS.md'), markdown);
  log(`wrote BENCHMARKS.md (${results.seconds.toFixed(0)} s)`);
} else {
  log(`partial run (${chosen.join(', ')}): BENCHMARKS.md left as it was; results in ${genDir}/results.json`);
}
