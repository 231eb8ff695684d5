// Serves the repository on 127.0.0.1 (loopback only) and prints the demo's address.
import { startDevServer } from '@web/dev-server';

const port = Number(process.env.PORT ?? 8000);
await startDevServer({
  config: { rootDir: '.', port, hostname: '127.1', nodeResolve: false, watch: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`ipt-elements demo: http://127.0.0.1:${port}/demo/   (Ctrl+C to stop)`);
