// Builds the npm modules (tsc: ES modules and .d.ts in dist/) and the single-file bundle
// (rollup + terser), then prints the bundle's size and fails when it is over budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const BUDGET_GZIP = 30 * 1024;

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json']);
run('npx', ['--no-install', 'rollup', '-c', 'rollup.config.js', '--silent']);

const bundle = readFileSync('dist/ipt-elements.min.js');
const gzip = gzipSync(bundle, { level: 9 }).length;
const brotli = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`bundle dist/ipt-elements.min.js: ${kb(bundle.length)} minified, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(BUDGET_GZIP)} gzip)`);
if (gzip > BUDGET_GZIP) {
  console.error(`The bundle is ${kb(gzip - BUDGET_GZIP)} over its gzip budget.`);
  process.exit(1);
}
