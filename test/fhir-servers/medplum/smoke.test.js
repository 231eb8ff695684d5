/**
 * The few behaviours of the Medplum FHIR router server that a sync client relies on.
 * Run: node --test test/fhir-servers/medplum/
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freePort, startServer } from '../launch.js';

/** @type {import('../launch.js').RunningServer} */
let server;
before(async () => {
  server = await startServer('medplum', { port: await freePort() });
});
after(async () => {
  await server?.stop();
});

async function fhir(method, path, body, headers = {}) {
  const res = await fetch(`${server.baseUrl}/${path}`, {
    method,
    headers: {
      Accept: 'application/fhir+json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const SYSTEM = 'https://ipt-elements.dev/fhir/identifier/goal';
async function newPatient() {
  const res = await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Smoke' }] });
  assert.equal(res.status, 201);
  return `Patient/${res.body.id}`;
}
const goal = (patient, extra = {}) => ({
  resourceType: 'Goal',
  lifecycleStatus: 'active',
  description: { text: 'Talk to my sister once a week' },
  subject: { reference: patient },
  ...extra,
});

test('create answers 201 with ETag W/"versionId" and a Location', async () => {
  const res = await fhir('POST', 'Goal', goal(await newPatient()));
  assert.equal(res.status, 201);
  assert.ok(res.body.id);
  assert.ok(res.body.meta.versionId);
  assert.equal(res.headers.get('etag'), `W/"${res.body.meta.versionId}"`);
  assert.equal(res.headers.get('location'), `${server.baseUrl}/Goal/${res.body.id}`);
});

test('an update with a stale If-Match is refused (412 or 409) and changes nothing', async () => {
  const created = (await fhir('POST', 'Goal', goal(await newPatient()))).body;
  const etag = `W/"${created.meta.versionId}"`;
  const first = await fhir('PUT', `Goal/${created.id}`, { ...created, lifecycleStatus: 'completed' }, { 'If-Match': etag });
  assert.equal(first.status, 200);
  assert.notEqual(first.headers.get('etag'), etag);

  const stale = await fhir('PUT', `Goal/${created.id}`, { ...created, lifecycleStatus: 'cancelled' }, { 'If-Match': etag });
  assert.ok([409, 412].includes(stale.status), `status ${stale.status}`);
  assert.equal(stale.body.resourceType, 'OperationOutcome');
  const now = await fhir('GET', `Goal/${created.id}`);
  assert.equal(now.body.lifecycleStatus, 'completed');
});

test('a conditional create (If-None-Exist) is idempotent', async () => {
  const patient = await newPatient();
  const value = `smoke-${crypto.randomUUID()}`;
  const body = goal(patient, { identifier: [{ system: SYSTEM, value }] });
  const headers = { 'If-None-Exist': `identifier=${SYSTEM}|${value}` };
  const first = await fhir('POST', 'Goal', body, headers);
  const second = await fhir('POST', 'Goal', body, headers);
  assert.equal(first.status, 201);
  assert.equal(second.status, 200);
  assert.equal(second.body.id, first.body.id);
  const found = await fhir('GET', `Goal?identifier=${encodeURIComponent(`${SYSTEM}|${value}`)}`);
  assert.equal(found.body.entry.length, 1);
});

test('a search by patient and _lastUpdated=gt, sorted by _lastUpdated, finds what changed since', async () => {
  const patient = await newPatient();
  const old = (await fhir('POST', 'Goal', goal(patient))).body;
  await new Promise((resolve) => setTimeout(resolve, 5));
  const since = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const a = (await fhir('POST', 'Goal', goal(patient))).body;
  const b = (await fhir('PUT', `Goal/${old.id}`, { ...old, lifecycleStatus: 'completed' })).body;
  await fhir('POST', 'Goal', goal(await newPatient())); // another patient's

  const res = await fhir('GET', `Goal?patient=${patient}&_lastUpdated=gt${since}&_sort=_lastUpdated`);
  assert.equal(res.status, 200);
  assert.equal(res.body.resourceType, 'Bundle');
  assert.deepEqual(
    res.body.entry.map((e) => e.resource.id),
    [a.id, b.id],
  );
});

test('a CORS preflight is answered for any origin, with the headers a FHIR client sends and reads', async () => {
  const res = await fetch(`${server.baseUrl}/Goal/some-id`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:8000',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-type,if-match',
    },
  });
  assert.ok([200, 204].includes(res.status), `status ${res.status}`);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const list = (name) => (res.headers.get(name) ?? '').toLowerCase().split(/\s*,\s*/);
  for (const method of ['get', 'post', 'put', 'delete']) assert.ok(list('access-control-allow-methods').includes(method), method);
  for (const header of ['content-type', 'if-match', 'if-none-exist', 'authorization']) {
    assert.ok(list('access-control-allow-headers').includes(header), header);
  }
  for (const header of ['etag', 'location']) assert.ok(list('access-control-expose-headers').includes(header), header);
});
