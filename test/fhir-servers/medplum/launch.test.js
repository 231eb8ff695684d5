/**
 * The launcher (../launch.js) with the Medplum server: stop by PID, cleanup when the process that
 * started a server is interrupted or killed, and the script kind (start/stop) through server.sh.
 * Run: node --test test/fhir-servers/medplum/
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KINDS, freePort, startServer, stopServer } from '../launch.js';

const here = dirname(fileURLToPath(import.meta.url));
const launcher = join(here, '..', 'launch.js');

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const answers = (url) =>
  fetch(`${url}/Patient?_count=1`).then(
    (res) => res.ok,
    () => false,
  );
const until = async (check, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/** Starts a medplum server from a child process; resolves with the child and what it printed. */
async function startInChild(port) {
  const code = `
    import { startServer } from ${JSON.stringify(launcher)};
    const s = await startServer('medplum', { port: ${port} });
    console.log(JSON.stringify({ pid: s.pid, pidFile: s.pidFile, baseUrl: s.baseUrl }));
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before the server answered`)));
  });
  return { child, ...JSON.parse(line) };
}

test('startServer answers at /fhir; stopServer kills the PID and removes the PID file', async () => {
  const server = await startServer('medplum', { port: await freePort() });
  assert.match(server.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
  assert.ok(server.startMs > 0);
  assert.ok(existsSync(server.pidFile));
  assert.ok(await answers(server.baseUrl));
  await assert.rejects(startServer('medplum', { port: server.port }), /already answers/);
  await stopServer(server);
  assert.equal(alive(server.pid), false);
  assert.equal(existsSync(server.pidFile), false);
  assert.equal(await answers(server.baseUrl), false);
});

test('a server is stopped when the process that started it gets SIGINT', async () => {
  const { child, pid, pidFile, baseUrl } = await startInChild(await freePort());
  assert.ok(alive(pid));
  child.kill('SIGINT');
  assert.ok(await until(() => !alive(pid)), 'server still running');
  assert.equal(existsSync(pidFile), false);
  assert.equal(await answers(baseUrl), false);
});

test('after the starter was killed outright, stopServer(kind, {port}) stops the orphan by its PID file', async () => {
  const port = await freePort();
  const { child, pid, pidFile } = await startInChild(port);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  assert.ok(alive(pid), 'SIGKILL leaves the server running');
  assert.ok(existsSync(pidFile));
  await stopServer('medplum', { port });
  assert.equal(alive(pid), false);
  assert.equal(existsSync(pidFile), false);
});

test('a script kind (start/stop) works: medplum/server.sh through the launcher', async () => {
  KINDS['medplum-script'] = {
    ...KINDS.medplum,
    command: undefined,
    script: { file: join(here, 'server.sh'), env: (port) => ({ IPT_FHIR_PORT: String(port) }) },
  };
  try {
    const server = await startServer('medplum-script', { port: await freePort() });
    assert.equal(server.pid, undefined);
    assert.ok(await answers(server.baseUrl));
    await stopServer(server);
    assert.equal(await answers(server.baseUrl), false);
  } finally {
    delete KINDS['medplum-script'];
  }
});
