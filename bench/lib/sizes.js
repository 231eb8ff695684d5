// Size: the single-file bundle, and each element imported alone from the npm build (dist/), bundled
// minified with esbuild as a host's build would (lit, idb and valibot included, registration
// included), gzip -9 and brotli q11. Also writes the goal checklist alone as a classic script for
// the peer comparison.
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export function compressed(code) {
  const buf = Buffer.isBuffer(code) ? code : Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The npm entries a host imports: [label, module under dist/, exported class, tag]. */
const ENTRIES = [
  ['<ipt-session-counter>', 'elements/session-counter/session-counter.js', 'IptSessionCounter', 'ipt-session-counter'],
  ['<ipt-relationship-circle>', 'elements/relationship-circle/relationship-circle.js', 'IptRelationshipCircle', 'ipt-relationship-circle'],
  ['<ipt-dispute-tracker>', 'elements/dispute-tracker/dispute-tracker.js', 'IptDisputeTracker', 'ipt-dispute-tracker'],
  ['<ipt-goal-checklist>', 'elements/goal-checklist/goal-checklist.js', 'IptGoalChecklist', 'ipt-goal-checklist'],
  ['<ipt-course>', 'elements/course.js', 'IptCourse', 'ipt-course'],
];

async function bundle(contents, root) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Every size row; writes `goal-checklist.min.js` into genDir. */
export async function measureSizes(root, genDir) {
  const dist = resolve(root, 'dist');
  const rows = [];
  const bundleFile = resolve(dist, 'ipt-elements.min.js');
  rows.push({ what: 'ipt-elements.min.js (single-file bundle: four widgets, <ipt-course>, store, model, English)', ...compressed(readFileSync(bundleFile)), bundle: true });
  for (const [label, path, name, tag] of ENTRIES) {
    const code = await bundle(`import { ${name} } from ${JSON.stringify(resolve(dist, path))};\ncustomElements.define(${JSON.stringify(tag)}, ${name});\n`, root);
    rows.push({ what: `${label} alone (npm build + esbuild --minify)`, ...compressed(code) });
    if (tag === 'ipt-goal-checklist') writeFileSync(resolve(genDir, 'goal-checklist.min.js'), code);
  }
  const all = await bundle(`import ${JSON.stringify(resolve(dist, 'define.js'))};\n`, root);
  rows.push({ what: 'all elements via ipt-elements/define (npm build + esbuild --minify)', ...compressed(all) });
  for (const [file, what] of [
    ['ipt-elements.es.min.js', 'Spanish, optional'],
    ['ipt-elements.fhir.min.js', 'FHIR R4 export and import, optional'],
  ]) {
    if (existsSync(resolve(dist, file))) rows.push({ what: `${file} (${what})`, ...compressed(readFileSync(resolve(dist, file))) });
  }
  return rows;
}

/** The budget constant the build enforces (scripts/build.js). */
export function buildBudget(root) {
  const m = /BUDGET_GZIP\s*=\s*(\d+)\s*\*\s*1024/.exec(readFileSync(resolve(root, 'scripts/build.js'), 'utf8'));
  return m ? Number(m[1]) * 1024 : undefined;
}
