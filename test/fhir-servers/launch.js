/**
 * Starts and stops the FHIR servers the sync tests run against, by PID.
 *
 *   import { startServer, stopServer, serverKind, freePort } from './launch.js';
 *   const server = await startServer(serverKind(), { port: await freePort() });
 *   // server.baseUrl === 'http://127.0.0.1:<port>/fhir'
 *   await stopServer(server);
 *
 * The kind comes from `IPT_FHIR_SERVER` (`medplum` by default, or `hapi`). A kind is one entry of
 * KINDS, started in one of two ways:
 * - `command`: a process that stays in the foreground. The launcher spawns it, writes its PID
 *   file, and kills that PID to stop it (SIGTERM, then SIGKILL after 5 s).
 * - `script`: a shell script with `start` and `stop` (the script keeps its own PID file). The
 *   launcher runs `start`, waits for the server to answer, and runs `stop` to stop it.
 * Either way startServer resolves when a search on the server answers 2xx, and every server it
 * started is stopped when this process exits or gets SIGINT / SIGTERM.
 * PID and log files: <os.tmpdir()>/ipt-fhir-servers/<kind>-<port>.{pid,log}; the log goes when the
 * server is stopped, and stays when a start fails (the error quotes its end).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const RUN_DIR = join(tmpdir(), 'ipt-fhir-servers');

/**
 * @typedef {object} Kind
 * @property {number} defaultPort
 * @property {(port: number) => string} baseUrl  the FHIR base, no trailing slash
 * @property {string} readyPath  a request (relative to the base) that answers 2xx once the server works
 * @property {number} startTimeoutMs
 * @property {(port: number) => {file: string, args: string[], env?: Record<string, string>}} [command]
 * @property {{file: string, env?: (port: number) => Record<string, string>}} [script]
 */

/** @type {Record<string, Kind>} */
export const KINDS = {
  medplum: {
    defaultPort: 8092,
    baseUrl: (port) => `http://127.0.0.1:${port}/fhir`,
    readyPath: 'Patient?_count=1',
    startTimeoutMs: 120_000,
    command: (port) => ({ file: process.execPath, args: [join(here, 'medplum', 'server.js'), String(port)] }),
  },
  // HAPI FHIR's JPA server (Java; hapi/server.sh builds it with Maven and starts it by PID). A cold
  // JVM start takes one to three minutes on a loaded 2-core machine. HAPI caches identical searches
  // for 60 s: a client that polls sends `Cache-Control: no-cache`.
  hapi: {
    defaultPort: 8091,
    baseUrl: (port) => `http://127.0.0.1:${port}/fhir`,
    readyPath: 'Patient?_count=1',
    startTimeoutMs: 300_000,
    script: { file: join(here, 'hapi', 'server.sh'), env: (port) => ({ HAPI_PORT: String(port), HAPI_RUN_DIR: join(RUN_DIR, `hapi-${port}`) }) },
  },
};

/** The kind named by IPT_FHIR_SERVER, `medplum` when unset. */
export function serverKind() {
  return process.env.IPT_FHIR_SERVER || 'medplum';
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} RunningServer
 * @property {string} kind
 * @property {number} port
 * @property {string} baseUrl
 * @property {number | undefined} pid  the server's process (undefined for a script kind)
 * @property {number} startMs  from the start command to the first 2xx answer
 * @property {string} pidFile
 * @property {string} logFile
 * @property {() => Promise<void>} stop
 */

/** @type {Set<RunningServer>} */
const running = new Set();

/**
 * Starts a server of the given kind and resolves once it answers.
 * @param {string} [kindName]
 * @param {{port?: number}} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(kindName = serverKind(), { port } = {}) {
  const kind = KINDS[kindName];
  if (!kind) throw new Error(`Unknown FHIR server kind ${JSON.stringify(kindName)}: one of ${Object.keys(KINDS).join(', ')}`);
  if (kind.script && !existsSync(kind.script.file)) {
    throw new Error(`IPT_FHIR_SERVER=${kindName} needs ${kind.script.file}, which this checkout does not have`);
  }
  port ??= kind.defaultPort;
  const baseUrl = kind.baseUrl(port);
  if (await answers(`${baseUrl}/${kind.readyPath}`)) {
    throw new Error(`Something already answers at ${baseUrl}: stop it first (stopServer('${kindName}', {port: ${port}}) if this launcher started it)`);
  }

  mkdirSync(RUN_DIR, { recursive: true });
  const pidFile = join(RUN_DIR, `${kindName}-${port}.pid`);
  const logFile = join(RUN_DIR, `${kindName}-${port}.log`);
  const log = openSync(logFile, 'w');
  const started = performance.now();
  /** @type {RunningServer} */
  const server = { kind: kindName, port, baseUrl, pid: undefined, startMs: 0, pidFile, logFile, stop: () => stopServer(server) };

  /** @type {Promise<string> | undefined} resolves with a reason when the process ends early */
  let exited;
  running.add(server); // from here on, stopped on exit or SIGINT/SIGTERM
  watchExit();
  try {
    if (kind.command) {
      const { file, args, env } = kind.command(port);
      const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
      exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`));
        child.on('error', (err) => resolve(`could not start: ${err.message}`));
      });
      if (child.pid === undefined) throw new Error(`${kindName} server ${await exited}`);
      server.pid = child.pid;
      writeFileSync(pidFile, `${child.pid}\n`);
    } else if (kind.script) {
      const script = spawn('bash', [kind.script.file, 'start'], { env: { ...process.env, ...kind.script.env?.(port) }, stdio: ['ignore', log, log] });
      const status = await new Promise((resolve) => {
        script.on('exit', (code, signal) => resolve(signal ?? code));
        script.on('error', (err) => resolve(err.message));
      });
      if (status !== 0) throw new Error(`${kind.script.file} start failed (${status})`);
    } else {
      throw new Error(`FHIR server kind ${kindName} has neither a command nor a script`);
    }
    const deadline = Date.now() + kind.startTimeoutMs;
    for (;;) {
      if (await answers(`${baseUrl}/${kind.readyPath}`)) break;
      const early = exited && (await Promise.race([exited, sleep(250).then(() => undefined)]));
      if (early) throw new Error(`${kindName} server ${early} before it answered`);
      if (!exited) await sleep(250);
      if (Date.now() > deadline) throw new Error(`${kindName} server did not answer at ${baseUrl} within ${kind.startTimeoutMs} ms`);
    }
    server.startMs = Math.round(performance.now() - started);
    return server;
  } catch (err) {
    await stopServer(server, { keepLog: true }).catch(() => {});
    throw new Error(`${err.message}\n--- ${logFile} ---\n${tail(logFile)}`, { cause: err });
  } finally {
    closeSync(log);
  }
}

/**
 * Stops a server that startServer started: the handle it returned, or its kind and port (reads the
 * PID file, e.g. after the process that started it died).
 * @param {RunningServer | string} server
 * @param {{port?: number, keepLog?: boolean}} [options]  the log is removed unless keepLog
 */
export async function stopServer(server, { port, keepLog = false } = {}) {
  if (typeof server === 'string') {
    const kindName = server;
    port ??= KINDS[kindName]?.defaultPort;
    const pidFile = join(RUN_DIR, `${kindName}-${port}.pid`);
    const pidInFile = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
    // A PID file can outlive its process, and the PID be reused: kill it only if it still runs our command.
    const pid = pidInFile !== undefined && runsCommandOf(pidInFile, KINDS[kindName], port) ? pidInFile : undefined;
    server = [...running].find((s) => s.kind === kindName && s.port === port) ?? {
      kind: kindName, port, baseUrl: '', pid, startMs: 0, pidFile,
      logFile: join(RUN_DIR, `${kindName}-${port}.log`), stop: async () => {},
    };
  }
  running.delete(server);
  const kind = KINDS[server.kind];
  if (kind?.script) {
    spawnSync('bash', [kind.script.file, 'stop'], { env: { ...process.env, ...kind.script.env?.(server.port) }, stdio: 'ignore' });
  } else if (server.pid !== undefined && alive(server.pid)) {
    process.kill(server.pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (alive(server.pid) && Date.now() < deadline) await sleep(50);
    if (alive(server.pid)) process.kill(server.pid, 'SIGKILL');
  }
  rmSync(server.pidFile, { force: true });
  if (!keepLog) rmSync(server.logFile, { force: true });
}

/** Stops what is still running, synchronously (for process exit). */
function stopAllNow() {
  for (const server of running) {
    const kind = KINDS[server.kind];
    if (kind?.script) spawnSync('bash', [kind.script.file, 'stop'], { env: { ...process.env, ...kind.script.env?.(server.port) }, stdio: 'ignore' });
    else if (server.pid !== undefined && alive(server.pid)) process.kill(server.pid, 'SIGKILL');
    rmSync(server.pidFile, { force: true });
    rmSync(server.logFile, { force: true });
  }
  running.clear();
}

let watching = false;
function watchExit() {
  if (watching) return;
  watching = true;
  process.on('exit', stopAllNow);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      stopAllNow();
      process.kill(process.pid, signal); // the default action, now that our listener is gone
    });
  }
}

/**
 * Whether the process runs the kind's command (Linux: /proc/<pid>/cmdline; elsewhere assumed).
 * @param {number} pid
 * @param {Kind | undefined} kind
 * @param {number} port
 */
function runsCommandOf(pid, kind, port) {
  if (!kind?.command || !alive(pid)) return false;
  let cmdline;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return true;
  }
  return kind.command(port).args.every((arg) => cmdline.includes(arg));
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} url */
async function answers(url) {
  try {
    const res = await fetch(url, { headers: { Accept: 'application/fhir+json', 'Cache-Control': 'no-cache' }, signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} file */
function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
