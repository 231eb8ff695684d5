// Runs the browser tests, prints `N passed, N failed`, and fails when a test fails or none ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser, HOW_TO } from './find-browser.js';
import { staleBuild } from './built.js';

if (!findBrowser()) {
  console.error(HOW_TO);
  process.exit(1);
}
// The bundle test (test/bundle/) loads the built single-file bundle: build it first when it is
// missing or older than a source (scripts/built.js), unless this run is limited to files that do not need it.
const args0 = process.argv.slice(2);
const limited = args0.includes('--files') && !args0.some((a) => /bundle|security|fhir/.test(a));
const stale = limited ? undefined : staleBuild();
if (stale) {
  console.log(`Building the bundle for the bundle test (${stale})…`);
  const build = spawnSync('node', ['scripts/build.js'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dir = mkdtempSync(join(tmpdir(), 'ipt-tests-'));
const countsFile = join(dir, 'counts.json');
const args = ['web-test-runner', ...process.argv.slice(2)];
const run = spawnSync('npx', ['--no-install', ...args], {
  stdio: 'inherit',
  env: { ...process.env, IPT_TEST_COUNTS: countsFile },
});
let counts;
try {
  counts = JSON.parse(readFileSync(countsFile, 'utf8'));
} catch {
  counts = undefined;
}
rmSync(dir, { recursive: true, force: true });
if (process.argv.includes('--watch')) process.exit(run.status ?? 1);
if (!counts) {
  console.error('The test runner reported no results.');
  console.log('0 passed, 0 failed');
  process.exit(1);
}
if (counts.passed + counts.failed === 0) {
  console.error('No test ran: that is a failure, not a pass.');
  process.exit(1);
}
process.exit(run.status === 0 && counts.failed === 0 ? 0 : 1);
