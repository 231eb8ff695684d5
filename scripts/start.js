// `npm start`: builds dist/ only when a source changed since the last finished build (scripts/built.js),
// says which, then serves the demo (scripts/serve.js).
import { spawnSync } from 'node:child_process';
import { staleBuild } from './built.js';

const why = staleBuild();
if (why) {
  console.log(`Building dist/ (${why})…`);
  const build = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  console.log('dist/ is up to date with the sources: not building (`npm run build` builds anyway).');
}
await import('./serve.js');
