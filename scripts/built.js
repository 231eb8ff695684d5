// Whether dist/ holds a finished build of the sources as they are now: the stamp a build leaves
// when it succeeds (every bundle within its budget), against the newest of its inputs. Used by
// `npm start` (scripts/start.js) and the tests (scripts/test.js), which build only when it is stale.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = 'dist/.built';
const INPUTS = ['src', 'scripts/build.js', 'rollup.config.js', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

const newest = (path) =>
  statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path, { recursive: true }).map((f) => statSync(join(path, f)).mtimeMs)) : statSync(path).mtimeMs;

/** Why dist/ must be built again, or undefined when it is up to date. */
export function staleBuild() {
  if (!existsSync(STAMP)) return 'no finished build in dist/';
  const built = statSync(STAMP).mtimeMs;
  const changed = INPUTS.filter((p) => existsSync(p) && newest(p) > built);
  return changed.length ? `changed since the last build: ${changed.join(', ')}` : undefined;
}

/** Marks dist/ as built from the sources as they are now (the last step of a build that succeeded). */
export function markBuilt() {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
