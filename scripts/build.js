// Builds the npm modules (tsc: ES modules and .d.ts in dist/), the single-file bundle and the
// Spanish file (rollup + terser), then prints their sizes and fails when the bundle is over budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/**
 * The single-file bundle's gzip budget. It was 30 KB before any widget existed; with all four
 * widgets, the container, the store and the model the bundle measured 36.1 KB on 2026-11-23, after
 * a size campaign (shared form, panel and undo code, template and CSS minification): Lit is 5.7 KB
 * of it, the model with valibot 3.5, the IndexedDB store with idb 4.5, English strings 3. Reaching 30
 * would mean dropping features the issues require or named dependencies (see README, "Size").
 * It is now a ratchet: what the four widgets cost; FHIR and other languages ship as separate files.
 * Raised to 39 KB on 2026-11-23 when the reliability work (issue 9) measured 38.2 KB: AES-GCM
 * encryption at rest, the field-level merge of two tabs' edits, and the widgets' conflict,
 * locked and retry states added 1.8 KB gzip over 36.4. Raised to 39.5 KB the same day for the
 * store's shared read of a course (one read for the widgets of a page, none after its own write;
 * the write's reads asked for in one round trip): 0.6 KB gzip for a cold start and a write path
 * that cost a fraction of what they did (BENCHMARKS.md). Then 40 KB, the same day, when the
 * bundle stood 30 bytes over for tables that scroll sideways on a phone instead of cutting off
 * their Edit, Remove and Further buttons. Raised to 41 KB on 2026-12-02 (issues 15, 16, 22), measured
 * against 39.7 KB before them: the element base cut into controllers (the course link, the
 * language, the panels) and one path for a write's events (model/crossings.ts) cost 0.6 KB, as
 * class and method names a minifier keeps; Show more under long lists 0.3 KB; the integrity fixes
 * (a store property that is no store, texts nobody touched kept as stored, one whole-number parser)
 * and a number field that selects its value on focus 0.3 KB. Then 41.6 KB for the rest of issue
 * 16's integrity fixes, measured at 41.52: records that cannot be read are set aside, counted and
 * said in the widgets, and never lost by an export, an import or a new start; plain records in a
 * sealed database are set aside; no key is adopted over sealed records; the first seal is all or
 * nothing (0.5 KB). Then 41.8 KB, measured at 41.73, for a database that is ours by its object
 * stores (never upgraded, written or wiped when it is another's), a database deleted elsewhere
 * that closes its stores and shows its widgets the course is gone, and host listeners that throw
 * without failing a write (0.2 KB). Then 42 KB, measured at 41.92, for what is heard from other
 * tabs validated (ids and known values only, rebuilt) and the widgets' reloads coalesced, and
 * IptErrors for a missing list of changes or IDBFactory (0.2 KB). Then 42.4 KB, measured at 42.3,
 * for the sync's part in the store (issue 17, which allows 0.5 KB): the outbox written in each
 * change's transaction, the database's version 3 with the outbox and sync tables, and the port the
 * separate sync file reaches the store by (0.38 KB). Then 43.1 KB, measured at 43.01, for a
 * course not stored yet (issue 22, item 1): any widget offers the start form, and one widget of
 * the page per store and course says the course is missing (0.6 KB). Then 43.7 KB, measured at
 * 43.61, for a refused value said next to its field in a clinician's words (issue 22, item 3: the
 * rule an IptError names, the words in English, aria-invalid and aria-describedby) (0.6 KB).
 * Then 43.8 KB, measured at 43.79, for heading-level on each widget and <ipt-course> (item 2) (0.18 KB).
 * Lower it when the bundle shrinks.
 */
export const BUDGET_GZIP = 43.8 * 1024;

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json']);
run('npx', ['--no-install', 'rollup', '-c', 'rollup.config.js', '--silent']);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function size(file) {
  const code = readFileSync(file);
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { gzip, line: `${file}: ${kb(code.length)} minified, ${kb(gzip)} gzip, ${kb(brotli)} brotli` };
}
const { gzip, line } = size('dist/ipt-elements.min.js');
console.log(`bundle ${line} (budget ${kb(BUDGET_GZIP)} gzip)`);
console.log(`Spanish ${size('dist/ipt-elements.es.min.js').line}`);
console.log(`FHIR ${size('dist/ipt-elements.fhir.min.js').line}`);
if (gzip > BUDGET_GZIP) {
  console.error(`The bundle is ${kb(gzip - BUDGET_GZIP)} over its gzip budget.`);
  process.exit(1);
}
// The sync file (loaded after the main bundle, whose model it uses; it carries the FHIR mapping
// it speaks): its own budget, a ratchet like the main one.
export const SYNC_BUDGET_GZIP = 20 * 1024;
const synced = size('dist/ipt-elements.sync.min.js');
console.log(`sync ${synced.line} (budget ${kb(SYNC_BUDGET_GZIP)} gzip)`);
if (synced.gzip > SYNC_BUDGET_GZIP) {
  console.error(`The sync file is ${kb(synced.gzip - SYNC_BUDGET_GZIP)} over its gzip budget.`);
  process.exit(1);
}
