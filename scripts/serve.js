// Serves the repository on 127.0.0.1 (loopback only) and prints the demo's address; beside it, the
// FHIR server the demo's sync talks to (Medplum's FHIR router over memory, the tests' server,
// started and stopped by PID, on 127.0.0.1:8092, the address the demo page and its CSP name).
// DEMO_FHIR=0 leaves it out.
import { startDevServer } from '@web/dev-server';
import { KINDS, startServer } from '../test/fhir-servers/launch.js';

const port = Number(process.env.PORT ?? 8000);
await startDevServer({
  config: { rootDir: '.', port, hostname: '127.1', nodeResolve: false, watch: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
let fhir = '';
if (process.env.DEMO_FHIR !== '0') {
  try {
    const server = await startServer('medplum', { port: KINDS.medplum.defaultPort });
    fhir = server.baseUrl;
    console.log(`FHIR server for the demo's sync: ${fhir} (pid ${server.pid}; in memory: gone when this stops)`);
  } catch (error) {
    console.error(`The demo's FHIR server did not start (${error.message}); the demo runs without sync.`);
  }
}
console.log(`ipt-elements demo: http://127.0.0.1:${port}/demo/   (Ctrl+C to stop)`);
