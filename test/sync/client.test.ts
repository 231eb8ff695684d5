import { expect } from '@open-wc/testing';
import { IDENTIFIER_SYSTEMS, type FhirResource } from '../../src/fhir/index.js';
import { identifierValue } from '../../src/fhir/codes.js';
import { IptError } from '../../src/model/index.js';
import { FhirClient, SyncError, type HostFetch, type SyncErrorKind } from '../../src/sync/index.js';
import { rejection } from '../fixtures.js';
import { issuesOf, loadDefinitions } from '../fhir/validator.js';
import { newPatient } from './helpers.js';
import { FHIR_BASE, FHIR_KIND } from './server.js';

const SYSTEM = IDENTIFIER_SYSTEMS.goal;
/** The identifier value of a goal record, as the mapping writes it. */
const valueOf = (recordId: string) => identifierValue(`course:${crypto.randomUUID()}`, 'goal', recordId);
const idOf = (patient: string, value: string) => ({ system: SYSTEM, value, patient });

/** A Goal as the mapping writes one; it passes R4 structure validation (checked). */
function goal(patient: string, value: string, extra: Record<string, unknown> = {}): FhirResource {
  const resource = {
    resourceType: 'Goal',
    identifier: [{ system: SYSTEM, value }],
    lifecycleStatus: 'active',
    description: { text: 'Talk with my sister once a week' },
    subject: { reference: patient },
    ...extra,
  };
  expect(issuesOf(resource), 'the Goal a test creates is valid R4').to.deep.equal([]);
  return resource;
}

/** Whether a URL is the base URL or under it: HAPI's `next` links are the base itself with a query (`[base]?_getpages=…`). */
function underBase(url: string): boolean {
  const [base, asked_] = [new URL(FHIR_BASE), new URL(url)];
  return asked_.origin === base.origin && (asked_.pathname === base.pathname || asked_.pathname.startsWith(`${base.pathname}/`));
}

/** Every URL the host's fetch was asked for in this test, server or not. */
let asked: string[] = [];
/** The host's fetch: the browser's own, recording what it is asked. */
const hostFetch: HostFetch = (input, init) => {
  asked.push(`${init.method} ${input}`);
  return fetch(input, init);
};
const client = (extra: Partial<ConstructorParameters<typeof FhirClient>[0]> = {}) => new FhirClient({ baseUrl: FHIR_BASE, fetch: hostFetch, ...extra });

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** The SyncError a call rejects with, checked to be one of the kind. */
async function failure(promise: Promise<unknown>, kind: SyncErrorKind): Promise<SyncError> {
  const error = await rejection(promise);
  expect(error, error.message).to.be.instanceOf(SyncError);
  expect((error as SyncError).kind, error.message).to.equal(kind);
  return error as SyncError;
}

/** A fetch that answers every request with the same canned answer (a host's fetch, a proxy's page). */
function answering(make: () => Response | Promise<Response>): HostFetch {
  return (input, init) => {
    asked.push(`${init.method} ${input}`);
    return Promise.resolve(make());
  };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/fhir+json', ...headers } });

/** The real server's answer to a request, its JSON changed by `edit` (for what a server could answer but this one does not). */
async function edited(input: string, init: RequestInit, edit: (body: Record<string, unknown>) => void): Promise<Response> {
  const real = await fetch(input, init);
  const body = await real.json();
  edit(body);
  return new Response(JSON.stringify(body), { status: real.status, headers: real.headers });
}

describe(`FhirClient against a real FHIR server (${FHIR_KIND})`, function () {
  this.timeout(60000);
  before(loadDefinitions);
  beforeEach(() => {
    asked = [];
  });
  afterEach(function () {
    // Nothing is ever asked of the host's fetch outside the base URL.
    const outside = asked.filter((a) => !underBase(a.split(' ')[1]!));
    if (this.currentTest?.state === 'passed') expect(outside, 'requests outside the base URL').to.deep.equal([]);
  });

  it('creates conditionally: the same identifier again answers the same resource, and makes no duplicate', async () => {
    const c = client();
    const patient = await newPatient();
    const value = valueOf('g1');
    const first = await c.create(goal(patient, value), idOf(patient, value));
    expect(first.created).to.equal(true);
    expect(first.id).to.be.a('string').and.not.equal('');
    expect(first.versionId).to.be.a('string').and.not.equal('');
    expect(first.resource.subject).to.deep.equal({ reference: patient });
    expect(issuesOf(first.resource)).to.deep.equal([]);

    const again = await c.create(goal(patient, value, { lifecycleStatus: 'proposed' }), idOf(patient, value));
    expect(again.created).to.equal(false);
    expect(again.id).to.equal(first.id);
    expect(again.versionId).to.equal(first.versionId);
    expect(again.resource.lifecycleStatus, 'the stored resource, not what was sent').to.equal('active');
    const found = await all(c.search('Goal', { identifier: `${SYSTEM}|${value}`, patient }));
    expect(found.map((r) => r.id)).to.deep.equal([first.id]);
    const post = asked.filter((a) => a.startsWith('POST'));
    expect(post).to.deep.equal([`POST ${FHIR_BASE}/Goal`, `POST ${FHIR_BASE}/Goal`]);
  });

  it('scopes a conditional create to the patient: the same identifier for another patient is another resource', async () => {
    const c = client();
    const value = valueOf('g1');
    const [a, b] = [await newPatient(), await newPatient()];
    const forA = await c.create(goal(a, value), idOf(a, value));
    const forB = await c.create(goal(b, value), idOf(b, value));
    expect(forB.created).to.equal(true);
    expect(forB.id).not.to.equal(forA.id);
  });

  it('matches an identifier value whole, whatever characters it holds', async () => {
    const c = client();
    const patient = await newPatient();
    // Characters of a URL query (& = + % # space) and of FHIR search syntax (, $ \): sent escaped, matched whole.
    // (`|` is refused: Medplum splits a token on it even when escaped, so the condition would match nothing.)
    const odd = 'course 1/g&x=1+2%20#3,4$6\\7';
    const plain = 'course 1/g';
    const first = await c.create(goal(patient, odd), idOf(patient, odd));
    const again = await c.create(goal(patient, odd), idOf(patient, odd));
    expect([first.created, again.created]).to.deep.equal([true, false]);
    expect(again.id).to.equal(first.id);
    const other = await c.create(goal(patient, plain), idOf(patient, plain));
    expect(other.created, 'a value that is a prefix of the other is another identifier').to.equal(true);
    expect(other.id).not.to.equal(first.id);
  });

  it('sends no id and none of the server\'s meta on a create, and keeps the tags', async () => {
    const c = client();
    const patient = await newPatient();
    const value = valueOf('g1');
    const tag = { system: 'https://ipt-elements.dev/fhir/tag', code: 'test' };
    const body = goal(patient, value, { id: 'client-chosen', meta: { versionId: 'v-client', lastUpdated: '2001-01-01T00:00:00.000Z', tag: [tag] } });
    const saved = await c.create(body, idOf(patient, value));
    expect(saved.id).not.to.equal('client-chosen');
    expect(saved.versionId).not.to.equal('v-client');
    const meta = saved.resource.meta as { lastUpdated: string; tag?: unknown[] };
    expect(meta.lastUpdated.startsWith('2001')).to.equal(false);
    expect(meta.tag).to.deep.equal([tag]);
    expect(body.id, 'the caller\'s resource is left as it was').to.equal('client-chosen');
  });

  it('updates with the current version; a stale version is a conflict and changes nothing', async () => {
    const c = client();
    const patient = await newPatient();
    const value = valueOf('g1');
    const created = await c.create(goal(patient, value), idOf(patient, value));
    const updated = await c.update({ ...created.resource, lifecycleStatus: 'completed' }, created.versionId);
    expect(updated.created).to.equal(false);
    expect(updated.id).to.equal(created.id);
    expect(updated.versionId).not.to.equal(created.versionId);
    expect(updated.resource.lifecycleStatus).to.equal('completed');
    expect(issuesOf(updated.resource)).to.deep.equal([]);

    const stale = await failure(c.update({ ...created.resource, lifecycleStatus: 'cancelled' }, created.versionId), 'conflict');
    expect(stale.status).to.equal(FHIR_KIND === 'hapi' ? 409 : 412);
    expect(stale.resourceType).to.equal('Goal');
    for (const value_ of [created.id, created.versionId, patient, value]) expect(stale.message).not.to.include(value_);
    const now = await c.read('Goal', created.id, { patient });
    expect(now?.resource.lifecycleStatus).to.equal('completed');
    expect(now?.versionId).to.equal(updated.versionId);
  });

  it('removes; removing again is done too, a read then finds nothing, and an update fails', async () => {
    const c = client();
    const patient = await newPatient();
    const value = valueOf('g1');
    const created = await c.create(goal(patient, value), idOf(patient, value));
    expect((await all(c.search('Goal', { patient }))).map((r) => r.id)).to.deep.equal([created.id]);
    expect(await c.remove('Goal', created.id, created.versionId)).to.equal(true);
    // Removing again: Medplum answers 404; HAPI 200 with an OperationOutcome coded SUCCESSFUL_DELETE_ALREADY_DELETED.
    expect(await c.remove('Goal', created.id)).to.equal(false);
    // A read: Medplum answers 404, HAPI 410.
    expect(await c.read('Goal', created.id)).to.equal(undefined);
    if (FHIR_KIND === 'hapi') {
      // HAPI answers the update with 409: its current version is the delete, which the If-Match does not name.
      const error = await failure(c.update(created.resource, created.versionId), 'conflict');
      expect(error.status).to.equal(409);
    } else {
      // Medplum answers 404: the resource is not there.
      const error = await failure(c.update(created.resource, created.versionId), 'gone');
      expect(error.status).to.equal(404);
    }
    // The same search as before the delete: HAPI would answer it from its 60 s search cache (the old total, `X-Cache: HIT`)
    // but for `Cache-Control: no-cache`, which the client sends (and the browser's fetch with `cache: 'no-store'` adds too).
    expect(await all(c.search('Goal', { patient }))).to.deep.equal([]);
  });

  it('changedSince finds what changed for the patient, and its cursor advances on the server\'s clock', async () => {
    const c = client();
    const patient = await newPatient();
    const other = await newPatient();
    const [va, vb, vo] = [valueOf('a'), valueOf('b'), valueOf('o')];
    const a = await c.create(goal(patient, va), idOf(patient, va));
    const b = await c.create(goal(patient, vb), idOf(patient, vb));
    await c.create(goal(other, vo), idOf(other, vo));

    const first = await c.changedSince('Goal', patient);
    expect(first.resources.map((r) => r.id)).to.have.members([a.id, b.id]);
    const stamps = [a, b].map((s) => (s.resource.meta as { lastUpdated: string }).lastUpdated);
    expect(first.cursor).to.equal(stamps.sort((x, y) => Date.parse(x) - Date.parse(y))[1]);

    const updated = await c.update({ ...a.resource, lifecycleStatus: 'on-hold' }, a.versionId);
    const second = await c.changedSince('Goal', patient, first.cursor, 0);
    const changedA = second.resources.find((r) => r.id === a.id);
    expect(changedA?.meta).to.include({ versionId: updated.versionId });
    expect(second.resources.every((r) => r.id === a.id || (r.meta as { lastUpdated: string }).lastUpdated === first.cursor), 'only what changed at or after the cursor').to.equal(true);
    expect(Date.parse(second.cursor!)).to.be.greaterThan(Date.parse(first.cursor!));
    expect(second.cursor).to.equal((updated.resource.meta as { lastUpdated: string }).lastUpdated);

    const quiet = await c.changedSince('Goal', patient, second.cursor, 0);
    expect(quiet.resources.map((r) => r.id), 'ge: the resource at the cursor itself').to.deep.equal([a.id]);
    expect(quiet.cursor).to.equal(second.cursor);
    const overlapping = await c.changedSince('Goal', patient, second.cursor, 3_600_000);
    expect(overlapping.resources.map((r) => r.id), 'an overlap reaches back before the cursor').to.have.members([a.id, b.id]);

    const nothing = await c.changedSince('Goal', await newPatient());
    expect(nothing).to.deep.equal({ resources: [], cursor: undefined });
  });

  it('changedSince reads past one page: next links, or else by _lastUpdated', async () => {
    const c = client();
    const patient = await newPatient();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const value = valueOf(`g${i}`);
      ids.push((await c.create(goal(patient, value), idOf(patient, value))).id);
    }
    asked = [];
    const changes = await c.changedSince('Goal', patient, undefined, 0, { pageSize: 2 });
    expect(changes.resources.map((r) => r.id)).to.deep.equal(ids);
    expect(asked.length, 'several pages').to.be.greaterThan(2);
    if (FHIR_KIND === 'hapi') {
      // HAPI links the next page as the base itself with a query: followed, as it is under the base URL.
      expect(asked.slice(1).every((a) => a.startsWith(`GET ${FHIR_BASE}?_getpages=`)), 'the pages after the first by HAPI\'s next links').to.equal(true);
    } else {
      // Medplum gives no next links: the next page is another search, from the latest _lastUpdated seen.
      expect(asked.slice(1).every((a) => a.startsWith(`GET ${FHIR_BASE}/Goal?`) && a.includes('_lastUpdated=ge')), 'the pages after the first by _lastUpdated').to.equal(true);
    }
    // a page of the same size as the rest: read until a page is short
    const exact = await c.changedSince('Goal', patient, undefined, 0, { pageSize: 5 });
    expect(exact.resources.map((r) => r.id)).to.deep.equal(ids);
  });

  it('search follows a next link under the base URL and drops what it yielded already, by id and version', async () => {
    const plain = client();
    const patient = await newPatient();
    const [va, vb] = [valueOf('a'), valueOf('b')];
    const a = await plain.create(goal(patient, va), idOf(patient, va));
    const b = await plain.create(goal(patient, vb), idOf(patient, vb));
    let updated = '';
    // The first page links to a second one that asks the same search again (a server that pages
    // could give an entry twice); before that second page, A gets a new version.
    const paging: HostFetch = async (input, init) => {
      asked.push(`${init.method} ${input}`);
      if (!input.includes('_offset=0')) {
        return edited(input, init, (bundle) => {
          bundle.link = [{ relation: 'next', url: `${input}&_offset=0` }];
        });
      }
      updated = (await plain.update({ ...a.resource, lifecycleStatus: 'on-hold' }, a.versionId)).versionId;
      return fetch(input, init);
    };
    const found = await all(client({ fetch: paging }).search('Goal', { patient, _sort: '_lastUpdated' }));
    expect(found.map((r) => [r.id, (r.meta as { versionId: string }).versionId])).to.deep.equal([
      [a.id, a.versionId],
      [b.id, b.versionId],
      [a.id, updated],
    ]);
  });

  it('refuses a next link that leads outside the base URL, and does not follow it', async () => {
    const patient = await newPatient();
    const value = valueOf('g1');
    await client().create(goal(patient, value), idOf(patient, value));
    for (const elsewhere of ['https://elsewhere.example/fhir/Goal?page=2', `${new URL(FHIR_BASE).origin}/other/Goal?page=2`, `${FHIR_BASE}-other/Goal`]) {
      asked = [];
      const linking: HostFetch = async (input, init) => {
        asked.push(`${init.method} ${input}`);
        return edited(input, init, (bundle) => {
          bundle.link = [{ relation: 'next', url: elsewhere }];
        });
      };
      const error = await failure(all(client({ fetch: linking }).search('Goal', { patient })), 'bad-answer');
      expect(error.message).not.to.include(elsewhere);
      expect(asked, elsewhere).to.have.length(1);
    }
  });

  it('reads a create answered without a body from its Location', async () => {
    const patient = await newPatient();
    const value = valueOf('g1');
    // What a server that honours `Prefer: return=minimal` by default answers: the status and headers only.
    const minimal: HostFetch = async (input, init) => {
      asked.push(`${init.method} ${input}`);
      const real = await fetch(input, init);
      return init.method === 'POST' ? new Response(null, { status: real.status, headers: real.headers }) : real;
    };
    const saved = await client({ fetch: minimal }).create(goal(patient, value), idOf(patient, value));
    expect(saved.created).to.equal(true);
    expect(asked).to.deep.equal([`POST ${FHIR_BASE}/Goal`, `GET ${FHIR_BASE}/Goal/${saved.id}`]);
    expect((saved.resource.meta as { versionId: string }).versionId).to.equal(saved.versionId);
  });

  it('capabilities: what the server\'s CapabilityStatement says, read once per client', async () => {
    const c = client();
    const capabilities = await c.capabilities();
    if (FHIR_KIND === 'medplum') {
      // Medplum answers /metadata with an empty Bundle: no CapabilityStatement, so no history.
      expect([...capabilities.historyType]).to.deep.equal([]);
      const error = await rejection(c.historySince('Goal', '2026-01-01T00:00:00Z'));
      expect(error).to.be.instanceOf(IptError);
    } else {
      expect(capabilities.historyType.has('Goal')).to.equal(true);
    }
    await c.capabilities();
    expect(asked.filter((a) => a.endsWith('/metadata'))).to.have.length(1);
  });

  it('historySince lists what changed and what was deleted since an instant, where the server has a type history', async () => {
    const c = client();
    if (FHIR_KIND === 'medplum') {
      // Medplum has no type history (and no CapabilityStatement that would list one): refused before any request of it.
      const error = await rejection(c.historySince('Goal', '2026-01-01T00:00:00Z'));
      expect(error).to.be.instanceOf(IptError);
      expect(asked.filter((a) => a.includes('_history'))).to.deep.equal([]);
      return;
    }
    // HAPI: `Goal/_history?_since=` lists every version since, newest first; a delete is an entry with request DELETE, no resource and no time.
    const patient = await newPatient();
    const [va, vb, vc] = [valueOf('a'), valueOf('b'), valueOf('c')];
    const vbefore = valueOf('before');
    const before = await c.create(goal(patient, vbefore), idOf(patient, vbefore));
    const a = await c.create(goal(patient, va), idOf(patient, va));
    const b = await c.create(goal(patient, vb), idOf(patient, vb));
    const since = (a.resource.meta as { lastUpdated: string }).lastUpdated;
    const updated = await c.update({ ...a.resource, lifecycleStatus: 'on-hold' }, a.versionId);
    expect(await c.remove('Goal', b.id)).to.equal(true);
    const added = await c.create(goal(patient, vc), idOf(patient, vc));

    const changes = await c.historySince('Goal', since);
    const versions = new Map(changes.resources.map((r) => [r.id, (r.meta as { versionId: string }).versionId]));
    expect(versions.get(a.id), 'the latest version of what changed').to.equal(updated.versionId);
    expect(versions.get(added.id), 'what was created since').to.equal(added.versionId);
    expect(versions.has(b.id), 'what was deleted is no change').to.equal(false);
    expect(versions.has(before.id), 'what did not change since').to.equal(false);
    expect(changes.deleted).to.deep.include({ type: 'Goal', id: b.id });
    expect(changes.deleted.filter((d) => d.id === a.id || d.id === added.id)).to.deep.equal([]);
    // The type's history is every patient's: other test files write Goals on the same server meanwhile.
    const last = (added.resource.meta as { lastUpdated: string }).lastUpdated;
    expect(Date.parse(changes.cursor!), "the latest change's time (a delete has none), this test's or a later one").to.be.at.least(Date.parse(last));
    for (const r of changes.resources) expect(issuesOf(r)).to.deep.equal([]);
  });
});

describe('FhirClient: what goes wrong between the host and the server', function () {
  this.timeout(20000);
  before(loadDefinitions);
  beforeEach(() => {
    asked = [];
  });
  const failing = (fetch: HostFetch, timeout?: number) => new FhirClient({ baseUrl: FHIR_BASE, fetch, ...(timeout ? { timeout } : {}) });

  it('a fetch that rejects (no network) is offline', async () => {
    const offline = failing(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(offline.read('Goal', 'g1'), 'offline');
    expect(error.status).to.equal(undefined);
    await failure(offline.create(goal('Patient/p1', 'c1/g1'), idOf('Patient/p1', 'c1/g1')), 'offline');
    const network = failing(() => Promise.reject(new DOMException('A network error occurred.', 'NetworkError')));
    await failure(all(network.search('Goal', { patient: 'Patient/p1' })), 'offline');
  });

  it('a server that answers too late is a timeout: a fetch that never resolves, and a body that never ends', async () => {
    let signal: AbortSignal | undefined;
    const never = failing((_input, init) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => {});
    }, 50);
    const error = await failure(never.read('Goal', 'g1'), 'timeout');
    expect(error.resourceType).to.equal('Goal');
    expect(signal?.aborted, 'the request is aborted').to.equal(true);
    const endless = failing(() => Promise.resolve(new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"resourceType":')) }), { status: 200 })), 50);
    await failure(endless.read('Goal', 'g1'), 'timeout');
  });

  it('an HTML error page is a server error with a 5xx status, a bad answer with a 2xx', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1><p>Goal for Patient/p1</p></body></html>';
    const gateway = failing(answering(() => new Response(page, { status: 502, headers: { 'Content-Type': 'text/html' } })));
    const error = await failure(gateway.read('Goal', 'g1'), 'server');
    expect(error.status).to.equal(502);
    expect(error.message).not.to.include('Bad Gateway');
    await failure(failing(answering(() => new Response('busy', { status: 429 }))).read('Goal', 'g1'), 'server');
    const login = failing(answering(() => new Response(page, { status: 200, headers: { 'Content-Type': 'text/html' } })));
    await failure(login.read('Goal', 'g1'), 'bad-answer');
    await failure(all(login.search('Goal', { patient: 'Patient/p1' })), 'bad-answer');
  });

  it('401 and 403 are unauthorized; other refusals a bad answer, that never quotes the server', async () => {
    const outcome = (status: number) => json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'identifier c1/g1 of Patient/p1' }] }, status);
    for (const status of [401, 403]) {
      const error = await failure(failing(answering(() => outcome(status))).read('Goal', 'g1'), 'unauthorized');
      expect(error.status).to.equal(status);
    }
    const refused = await failure(failing(answering(() => outcome(400))).create(goal('Patient/p1', 'c1/g1'), idOf('Patient/p1', 'c1/g1')), 'bad-answer');
    expect(refused.status).to.equal(400);
    for (const value of ['c1/g1', 'Patient/p1', 'identifier']) expect(refused.message).not.to.include(value);
    expect(refused.message).to.equal('FHIR POST Goal: the server refused the request (HTTP 400)');
  });

  it('a resource of another type, of another patient, or without the identifier asked for is a bad answer', async () => {
    const observation = { resourceType: 'Observation', id: 'o1', meta: { versionId: '1' }, status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } };
    const readError = await failure(failing(answering(() => json(observation))).read('Goal', 'o1'), 'bad-answer');
    expect(readError.message).to.equal('FHIR GET Goal: the answer is a resource of type Observation');
    const bundle = (resources: unknown[]) => json({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
    const stored = (patient: string, id = 'g1') => ({ ...goal(patient, 'c1/g1'), id, meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00.000Z' } });
    await failure(all(failing(answering(() => bundle([stored('Patient/p1'), observation]))).search('Goal', { patient: 'Patient/p1' })), 'bad-answer');
    const otherPatient = await failure(failing(answering(() => bundle([stored('Patient/p2')]))).changedSince('Goal', 'Patient/p1'), 'bad-answer');
    expect(otherPatient.message).to.include('subject.reference').and.not.include('p2');
    await failure(failing(answering(() => json(stored('Patient/p2'), 201))).create(goal('Patient/p1', 'c1/g1'), idOf('Patient/p1', 'c1/g1')), 'bad-answer');
    await failure(failing(answering(() => json(stored('Patient/p1'), 200))).create(goal('Patient/p1', 'c1/g2'), idOf('Patient/p1', 'c1/g2')), 'bad-answer');
    await failure(failing(answering(() => json({ ...stored('Patient/p1'), id: 'g2' }))).read('Goal', 'g1'), 'bad-answer');
    await failure(failing(answering(() => json(stored('Patient/p1', '..')))).changedSince('Goal', 'Patient/p1'), 'bad-answer');
    const searchNotBundle = failing(answering(() => json(stored('Patient/p1'))));
    await failure(all(searchNotBundle.search('Goal', { patient: 'Patient/p1' })), 'bad-answer');
  });

  it('remove: a 2xx whose OperationOutcome says nothing was deleted (HAPI\'s storage codes) is false, any other 2xx true', async () => {
    const coded = (code: string) => json({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', details: { coding: [{ system: 'https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code', code }] } }] });
    const removed = (answer: () => Response) => failing(answering(answer)).remove('Goal', 'g1');
    expect(await removed(() => coded('SUCCESSFUL_DELETE_ALREADY_DELETED'))).to.equal(false);
    expect(await removed(() => coded('SUCCESSFUL_DELETE_NOT_FOUND'))).to.equal(false);
    expect(await removed(() => coded('SUCCESSFUL_DELETE'))).to.equal(true);
    expect(await removed(() => new Response(null, { status: 204 }))).to.equal(true);
    expect(await removed(() => new Response('deleted', { status: 200 }))).to.equal(true);
    expect(await removed(() => json({ resourceType: 'OperationOutcome', issue: [] }, 404))).to.equal(false);
  });

  it('a redirect is not followed', async () => {
    const redirecting = failing(answering(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/fhir/Goal/g1' } })));
    await failure(redirecting.read('Goal', 'g1'), 'bad-answer');
    expect(asked).to.have.length(1);
  });

  it('historySince reads a type\'s history where the server has one: changes and deletes, the latest event of each id', async () => {
    // The server here is a canned answer in the shapes a history Bundle takes (a delete as request DELETE
    // without a resource, as FHIR R4 says; as a 410 on the version URL, or a tombstone marked
    // meta.deleted, as Medplum's server wrote them); HAPI's own is checked for real above. The
    // entries are not newest first throughout (Medplum's instance history flips its order on each
    // call): the latest by time decides.
    const capability = { resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], rest: [{ mode: 'server', resource: [{ type: 'Goal', interaction: [{ code: 'read' }, { code: 'history-type' }] }, { type: 'Condition', interaction: [{ code: 'history-instance' }] }] }] };
    const version = (id: string, v: string, at: string) => ({ ...goal('Patient/p1', `c1/${id}`), id, meta: { versionId: v, lastUpdated: at } });
    const history = {
      resourceType: 'Bundle',
      type: 'history',
      entry: [
        { fullUrl: `${FHIR_BASE}/Goal/g1`, resource: version('g1', '2', '2026-01-02T00:00:00.000Z'), request: { method: 'PUT', url: 'Goal/g1' }, response: { status: '200 OK' } },
        { fullUrl: `${FHIR_BASE}/Goal/g2`, request: { method: 'DELETE', url: 'Goal/g2' }, response: { status: '204 No Content', lastModified: '2026-01-04T00:00:00.000Z' } },
        { fullUrl: `${FHIR_BASE}/Goal/g3`, response: { status: '410 Gone', lastModified: '2026-01-02T00:00:00.000Z' }, request: { method: 'GET', url: 'Goal/g3/_history/2' } },
        { fullUrl: `${FHIR_BASE}/Goal/g2`, resource: version('g2', '1', '2026-01-02T00:00:00.000Z'), request: { method: 'POST', url: 'Goal' }, response: { status: '201 Created' } },
        { resource: { resourceType: 'Goal', id: 'g4', meta: { versionId: '2', lastUpdated: '2026-01-03T00:00:00.000Z', deleted: true } } },
        { resource: version('g4', '1', '2026-01-02T00:00:00.000Z') },
        { fullUrl: `${FHIR_BASE}/Goal/g1`, resource: version('g1', '3', '2026-01-03T00:00:00.000Z'), request: { method: 'PUT', url: 'Goal/g1' }, response: { status: '200 OK' } },
      ],
    };
    const server: HostFetch = (input, init) => {
      asked.push(`${init.method} ${input}`);
      return Promise.resolve(json(input.endsWith('/metadata') ? capability : history));
    };
    const c = failing(server);
    expect([...(await c.capabilities()).historyType]).to.deep.equal(['Goal']);
    const changes = await c.historySince('Goal', '2026-01-01T00:00:00.000Z');
    expect(changes.resources.map((r) => [r.id, (r.meta as { versionId: string }).versionId])).to.deep.equal([['g1', '3']]);
    expect(changes.deleted).to.have.deep.members([
      { type: 'Goal', id: 'g2' },
      { type: 'Goal', id: 'g3' },
      { type: 'Goal', id: 'g4' },
    ]);
    expect(changes.cursor).to.equal('2026-01-04T00:00:00.000Z');
    expect(asked.at(-1)).to.equal(`GET ${FHIR_BASE}/Goal/_history?_since=2026-01-01T00%3A00%3A00.000Z`);
    expect((await rejection(c.historySince('Condition', '2026-01-01T00:00:00Z'))).message).to.include('history');
  });

  it('refuses bad arguments before any request, naming the field', async () => {
    const c = failing(answering(() => json({})));
    const cases: Array<[Promise<unknown>, string]> = [
      [c.read('goal', 'g1'), 'type'],
      [c.read('Goal', '../Patient/1'), 'id'],
      [c.read('Goal', '..'), 'id'],
      [c.read('Goal', 'g1', { patient: 'Maria Lopez' }), 'patient'],
      [c.create(goal('Patient/p1', 'c1/g1'), { system: SYSTEM, value: 'c1/g1', patient: 'Patient?identifier=x|1' }), 'identifier.patient'],
      [c.create(goal('Patient/p1', 'c1/g1'), { system: SYSTEM, value: '', patient: 'Patient/p1' }), 'identifier.value'],
      [c.create(goal('Patient/p1', 'c1|g1'), { system: SYSTEM, value: 'c1|g1', patient: 'Patient/p1' }), 'identifier.value'],
      [c.create(goal('Patient/p1', 'c1/g1'), { system: SYSTEM, value: 'c1/g2', patient: 'Patient/p1' }), 'identifier'],
      [c.create(goal('Patient/p1', 'c1/g1'), { system: `${SYSTEM}-other`, value: 'c1/g1', patient: 'Patient/p1' }), 'identifier'],
      [c.create(goal('Patient/p1', 'c1/g1'), { system: SYSTEM, value: 'c1/g1', patient: 'Patient/p2' }), 'identifier.patient'],
      [c.update({ resourceType: 'Goal' }, '1'), 'id'],
      [c.update({ resourceType: 'Goal', id: 'g1' }, 'W/"1"'), 'versionId'],
      [c.remove('Goal', 'g/1'), 'id'],
      [c.changedSince('Goal', 'Patient/p1', 'yesterday'), 'since'],
      [c.changedSince('Goal', 'Patient/p1', undefined, -1), 'overlapMs'],
    ];
    for (const [promise, field] of cases) {
      const error = await rejection(promise);
      expect(error, field).to.be.instanceOf(IptError);
      expect(error.field).to.equal(field);
    }
    expect(asked).to.deep.equal([]);
    for (const baseUrl of ['fhir.example/r4', 'https://fhir.example/r4?x=1', 'ftp://fhir.example/r4', 'https://user:pw@fhir.example/r4']) {
      expect(() => new FhirClient({ baseUrl, fetch })).to.throw(IptError, 'baseUrl');
    }
    expect(() => new FhirClient({ baseUrl: FHIR_BASE, fetch, timeout: 0 })).to.throw(IptError, 'timeout');
    expect(new FhirClient({ baseUrl: `${FHIR_BASE}/`, fetch }).baseUrl).to.equal(FHIR_BASE);
  });
});
