import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { readFileSync, writeFileSync } from 'node:fs';
import { BROWSER_ARGS, findBrowser, HOW_TO } from './scripts/find-browser.js';
import { freePort, serverKind, startServer, stopServer } from './test/fhir-servers/launch.js';
import { devicePlugin } from './test/sync/device/plugin.js';

const executablePath = findBrowser();
if (!executablePath) {
  console.error(HOW_TO);
  process.exit(1);
}

/** Counts every test (and every file that failed to load) and prints `N passed, N failed`. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const s of sessions) {
        const before = failed;
        if (s.testResults) walk(s.testResults);
        if (s.passed === false && failed === before) failed++; // the file failed to load or threw outside a test
      }
      const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
      console.log(`\n${line}`);
      if (process.env.IPT_TEST_COUNTS) writeFileSync(process.env.IPT_TEST_COUNTS, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

/**
 * React is published as CommonJS only; the React example's test imports it from test/frameworks/react-bundle.js, an
 * ES module esbuild bundles on request (what an app's bundler would do).
 */
function reactAsModule() {
  let body;
  return {
    name: 'react-as-module',
    async serve(context) {
      if (context.path !== '/test/frameworks/react-bundle.js') return undefined;
      body ??= (
        await build({
          stdin: {
            contents: "export { default as React } from 'react'; export { default as ReactDOM } from 'react-dom'; export { default as ReactDOMClient } from 'react-dom/client';",
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
          define: { 'process.env.NODE_ENV': '"development"' },
        })
      ).outputFiles[0].text;
      return { body, type: 'js' };
    },
  };
}

/**
 * The FHIR server of the sync tests (test/sync/), a real engine started with test/fhir-servers/launch.js
 * (IPT_FHIR_SERVER picks the kind, medplum by default) on a free port of 127.0.0.1. The tests import
 * `/__ipt-fhir.js` (`FHIR_BASE`, `FHIR_KIND`); the first request for it starts the server, so a run
 * without the sync tests starts none. (A plugin's serverStart cannot tell: it sees the dev server's
 * config, not the test files of the run.) serverStop stops it by PID; launch.js also stops it when
 * this process exits.
 */
function fhirServer() {
  /** @type {Promise<import('./test/fhir-servers/launch.js').RunningServer> | undefined} */
  let starting;
  let logger;
  return {
    name: 'ipt-fhir-server',
    serverStart(args) {
      logger = args.logger;
    },
    async serve(context) {
      if (context.path !== '/__ipt-fhir.js') return undefined;
      starting ??= (async () => {
        // A server started before the run (scripts/test-hapi.js: a JVM takes minutes to start) is used as it is.
        if (process.env.IPT_FHIR_BASE) return { kind: serverKind(), baseUrl: process.env.IPT_FHIR_BASE, external: true };
        const server = await startServer(serverKind(), { port: await freePort() });
        logger?.log(`FHIR server (${server.kind}) for the sync tests at ${server.baseUrl}, pid ${server.pid ?? '-'}, ready in ${server.startMs} ms`);
        return server;
      })();
      try {
        const server = await starting;
        return { body: `export const FHIR_BASE = ${JSON.stringify(server.baseUrl)};\nexport const FHIR_KIND = ${JSON.stringify(server.kind)};\n`, type: 'js' };
      } catch (error) {
        return { body: `throw new Error(${JSON.stringify(`The FHIR server for the sync tests did not start: ${error.message}`)});\n`, type: 'js' };
      }
    },
    async serverStop() {
      const server = await starting?.catch(() => undefined);
      if (server && !server.external) await stopServer(server);
    },
  };
}

/** The policy of issue 9, sent with every file under /test/security/csp/ (the strict-CSP page of csp.test.ts). */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; require-trusted-types-for 'script'";
function strictCsp() {
  return async (context, next) => {
    if (!context.path.startsWith('/test/security/csp/')) return next();
    // The page as a host would serve it: not through the dev server's transforms, which add a script of their own.
    if (context.path === '/test/security/csp/page.html') {
      context.body = readFileSync('test/security/csp/page.html', 'utf8');
      context.type = 'html';
    } else await next();
    context.set('Content-Security-Policy', STRICT_CSP);
  };
}

export default {
  files: ['test/**/*.test.ts', 'test/**/*.test.html'],
  nodeResolve: true,
  // 127.1 binds the server to 127.0.0.1 only ('localhost' listened on every interface here).
  hostname: '127.1',
  concurrency: 2,
  // WTR_PORT lets two runs share a machine (the default searches from 8000 and two runs can race for it).
  ...(process.env.WTR_PORT ? { port: Number(process.env.WTR_PORT) } : {}),
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  // The watchdog of a whole test file (default 120 s) must leave room for the tests that say they
  // need more (this.timeout): the model-based store tests alone take over two minutes on a busy machine.
  testsFinishTimeout: 600000,
  middleware: [strictCsp()],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.test.json' }),
    reactAsModule(),
    fhirServer(),
    devicePlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: [...BROWSER_ARGS, '--lang=en-US'] } })], // en-US: the date fields must follow the page's language, not the browser's
  reporters: [defaultReporter(), countingReporter()],
};
