// The sync tests against HAPI FHIR's JPA server (issue 18): builds the server with Maven (cached in
// ~/.m2), starts it on a free port of 127.0.0.1, waits for it to answer, runs the browser tests of
// test/sync/ against it, and stops it by PID, also when a test fails or the run is interrupted.
// Prints `N passed, N failed` like `npm test`. Needs Java 17 and Maven (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import { freePort, startServer, stopServer } from '../test/fhir-servers/launch.js';

const build = spawnSync('bash', ['test/fhir-servers/hapi/server.sh', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The HAPI FHIR test server did not build (Java 17 and Maven are needed).');
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const started = Date.now();
const server = await startServer('hapi', { port: await freePort() });
console.log(`HAPI FHIR at ${server.baseUrl}, pid ${server.pid ?? '-'}, answered after ${((Date.now() - started) / 1000).toFixed(0)} s`);
let status = 1;
try {
  const run = spawnSync('node', ['scripts/test.js', '--files', 'test/sync/**/*.test.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, IPT_FHIR_SERVER: 'hapi', IPT_FHIR_BASE: server.baseUrl },
  });
  status = run.status ?? 1;
} finally {
  await stopServer(server);
}
process.exit(status);
