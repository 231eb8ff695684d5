#!/usr/bin/env node
/**
 * Starts a FHIR server through launch.js, measures it and prints what it does for each interaction a
 * sync client uses (exact statuses and headers), then stops it. The figures and findings in
 * README.md come from this script.
 *
 *   node test/fhir-servers/probe.js            # IPT_FHIR_SERVER, default medplum
 *   IPT_FHIR_SERVER=hapi node test/fhir-servers/probe.js
 *
 * It only observes: nothing here decides what the server should do.
 */
import { readFileSync } from 'node:fs';
import { freePort, serverKind, startServer } from './launch.js';

const kind = serverKind();
const server = await startServer(kind, { port: await freePort() });
const B = server.baseUrl;
const say = (label, value) => console.log(`${label.padEnd(44)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);

/** RSS of the server process in MB (Linux), or 'n/a'. */
function rss() {
  if (server.pid === undefined) return 'n/a';
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? `${Math.round(Number(m[1]) / 1024)} MB` : 'n/a';
}

/** One request; JSON in and out. */
async function http(method, path, body, headers = {}) {
  const res = await fetch(`${B}/${path}`, {
    method,
    headers: {
      Accept: 'application/fhir+json',
      'Cache-Control': 'no-cache',
      ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  const h = (name) => res.headers.get(name) ?? undefined;
  return { status: res.status, etag: h('etag'), location: h('location'), lastModified: h('last-modified'), headers: res.headers, body: json };
}
const text = (r) => r.body?.issue?.[0]?.details?.text ?? r.body?.issue?.[0]?.diagnostics;
const ids = (bundle) => (bundle?.entry ?? []).map((e) => e.resource?.id);
const goal = (patientRef, extra = {}) => ({
  resourceType: 'Goal',
  lifecycleStatus: 'active',
  description: { text: 'Probe goal' },
  subject: { reference: patientRef },
  ...extra,
});
const sys = 'https://ipt-elements.dev/fhir/identifier/goal';

try {
  say('kind, base', `${kind} ${B}`);
  say('start to first answer', `${server.startMs} ms`);
  say('RSS after start', rss());

  // ---- 200 requests: 100 creates, 100 searches
  const patient = (await http('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Load' }] })).body;
  for (let i = 0; i < 100; i++) await http('POST', 'Goal', goal(`Patient/${patient.id}`, { identifier: [{ system: sys, value: `load-${i}` }] }));
  for (let i = 0; i < 100; i++) await http('GET', `Goal?patient=Patient/${patient.id}&_lastUpdated=gt2000-01-01&_sort=_lastUpdated&_count=10`);
  say('RSS after 200 more requests', rss());

  // ---- create, read
  const pat = await http('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Probe' }] });
  const P = `Patient/${pat.body.id}`;
  const before = new Date(Date.now() - 1000).toISOString();
  const c = await http('POST', 'Goal', goal(P));
  say('POST Goal', { status: c.status, etag: c.etag, location: c.location, lastModified: c.lastModified });
  say('  created meta, id', { id: c.body.id, meta: c.body.meta });
  const r = await http('GET', `Goal/${c.body.id}`);
  say('GET Goal/id', { status: r.status, etag: r.etag, lastModified: r.lastModified });

  // ---- update and If-Match
  const vOld = c.body.meta.versionId;
  const u = await http('PUT', `Goal/${c.body.id}`, { ...c.body, lifecycleStatus: 'completed' }, { 'If-Match': `W/"${vOld}"` });
  say('PUT If-Match current', { status: u.status, etag: u.etag, versionId: u.body?.meta?.versionId });
  const stale = await http('PUT', `Goal/${c.body.id}`, { ...c.body, lifecycleStatus: 'cancelled' }, { 'If-Match': `W/"${vOld}"` });
  say('PUT If-Match stale', { status: stale.status, outcome: stale.body?.id, text: text(stale) });
  const strong = await http('PUT', `Goal/${c.body.id}`, { ...c.body, lifecycleStatus: 'cancelled' }, { 'If-Match': `"${vOld}"` });
  say('PUT If-Match stale, strong "v"', { status: strong.status });
  const bare = await http('PUT', `Goal/${c.body.id}`, { ...c.body, lifecycleStatus: 'on-hold' }, { 'If-Match': vOld });
  say('PUT If-Match stale, unquoted v', { status: bare.status, lifecycleStatus: bare.body?.lifecycleStatus });
  const noMatch = await http('PUT', `Goal/${c.body.id}`, { ...c.body, lifecycleStatus: 'active' });
  say('PUT without If-Match (last write wins)', { status: noMatch.status });
  const unknownId = crypto.randomUUID();
  const ifMatchMissing = await http('PUT', `Goal/${unknownId}`, { ...goal(P), id: unknownId }, { 'If-Match': 'W/"1"' });
  say('PUT If-Match to unknown id', { status: ifMatchMissing.status });
  const newUuid = crypto.randomUUID();
  const upsert = await http('PUT', `Goal/${newUuid}`, { ...goal(P), id: newUuid });
  say('PUT new UUID id (update as create)', { status: upsert.status, id: upsert.body?.id, etag: upsert.etag, location: upsert.location });
  const upsertName = await http('PUT', 'Goal/ipt-goal-1', { ...goal(P), id: 'ipt-goal-1' });
  say('PUT new id "ipt-goal-1"', { status: upsertName.status, id: upsertName.body?.id ?? text(upsertName) });
  const upsertNum = await http('PUT', 'Goal/12345', { ...goal(P), id: '12345' });
  say('PUT new id "12345"', { status: upsertNum.status, id: upsertNum.body?.id ?? text(upsertNum) });
  const odd = await http('PUT', 'Goal/has_underscore', { ...goal(P), id: 'has_underscore' });
  const long = 'x'.repeat(70);
  const tooLong = await http('PUT', `Goal/${long}`, { ...goal(P), id: long });
  say('PUT new id "has_underscore", 70 chars', [odd.status, tooLong.status]);
  const postId = await http('POST', 'Goal', { ...goal(P), id: 'client-chosen' });
  say('POST with id "client-chosen"', { status: postId.status, id: postId.body?.id });
  const postMeta = await http('POST', 'Goal', { ...goal(P), meta: { versionId: 'v-client', lastUpdated: '2001-01-01T00:00:00.000Z' } });
  say('POST with meta.versionId/lastUpdated', { status: postMeta.status, meta: postMeta.body?.meta, etag: postMeta.etag });
  const putMeta = await http('PUT', `Goal/${c.body.id}`, { ...noMatch.body, meta: { versionId: 'v-client', lastUpdated: '2001-01-01T00:00:00.000Z' } });
  say('PUT with meta.versionId/lastUpdated', { status: putMeta.status, meta: putMeta.body?.meta });
  const invalid = await http('POST', 'Goal', { resourceType: 'Goal', bogus: 1 });
  say('POST Goal with unknown element, no required', { status: invalid.status, text: text(invalid) });
  const wrongType = await http('POST', 'Goal', { resourceType: 'Patient' });
  say('POST Goal with resourceType Patient', { status: wrongType.status, text: text(wrongType) });
  const badJson = await fetch(`${B}/Goal`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: '{' });
  say('POST invalid JSON', { status: badJson.status });
  const minimal = await http('POST', 'Goal', goal(P), { Prefer: 'return=minimal' });
  say('POST Prefer: return=minimal', { status: minimal.status, bodyReturned: minimal.body !== undefined });
  const inm = await http('GET', `Goal/${c.body.id}`, undefined, { 'If-None-Match': putMeta.etag });
  say('GET If-None-Match current ETag', { status: inm.status });

  // ---- PATCH and DELETE with a stale If-Match
  const patchStale = await fetch(`${B}/Goal/${c.body.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': `W/"${vOld}"` },
    body: JSON.stringify([{ op: 'replace', path: '/lifecycleStatus', value: 'proposed' }]),
  });
  say('PATCH If-Match stale', { status: patchStale.status });

  // ---- conditional create
  const ident = `${sys}|cc-${Date.now()}`;
  const cc1 = await http('POST', 'Goal', goal(P, { identifier: [{ system: sys, value: ident.split('|')[1] }] }), { 'If-None-Exist': `identifier=${ident}` });
  const cc2 = await http('POST', 'Goal', goal(P, { identifier: [{ system: sys, value: ident.split('|')[1] }] }), { 'If-None-Exist': `identifier=${ident}` });
  const ccs = await http('GET', `Goal?identifier=${encodeURIComponent(ident)}`);
  say('POST If-None-Exist, first', { status: cc1.status, etag: cc1.etag, location: cc1.location });
  say('POST If-None-Exist, again', { status: cc2.status, sameId: cc2.body?.id === cc1.body?.id, etag: cc2.etag, location: cc2.location });
  say('  resources with that identifier', ccs.body?.total ?? ids(ccs.body).length);
  const race = `race-${Date.now()}`;
  const raced = await Promise.all(
    Array.from({ length: 10 }, () =>
      http('POST', 'Goal', goal(P, { identifier: [{ system: sys, value: race }] }), { 'If-None-Exist': `identifier=${sys}|${race}` }),
    ),
  );
  const raceCount = await http('GET', `Goal?identifier=${encodeURIComponent(`${sys}|${race}`)}`);
  say('10 parallel POST If-None-Exist, same id', { statuses: raced.map((x) => x.status).sort().join(','), resources: raceCount.body?.total });
  await http('POST', 'Goal', goal(P, { identifier: [{ system: sys, value: 'dup' }] }));
  await http('POST', 'Goal', goal(P, { identifier: [{ system: sys, value: 'dup' }] }));
  const cc3 = await http('POST', 'Goal', goal(P), { 'If-None-Exist': `identifier=${sys}|dup` });
  say('POST If-None-Exist, 2 matches', { status: cc3.status, text: text(cc3) });
  const ccUnknown = await http('POST', 'Goal', goal(P), { 'If-None-Exist': 'no-such-param=1' });
  const ccUnknown2 = await http('POST', 'Goal', goal(P), { 'If-None-Exist': 'no-such-param=1' });
  say('POST If-None-Exist unknown param, twice', [ccUnknown.status, ccUnknown2.status]);

  // ---- conditional update
  const cuIdent = `cu-${Date.now()}`;
  const cuUrl = `Goal?identifier=${encodeURIComponent(`${sys}|${cuIdent}`)}&patient=${P}`;
  const cu1 = await http('PUT', cuUrl, goal(P, { identifier: [{ system: sys, value: cuIdent }] }));
  const cu2 = await http('PUT', cuUrl, goal(P, { identifier: [{ system: sys, value: cuIdent }], lifecycleStatus: 'completed' }));
  say('PUT Goal?identifier&patient, no match', { status: cu1.status, etag: cu1.etag, location: cu1.location });
  say('PUT Goal?identifier&patient, 1 match', { status: cu2.status, sameId: cu2.body?.id === cu1.body?.id, etag: cu2.etag });
  const cu3 = await http('PUT', `Goal?identifier=${encodeURIComponent(`${sys}|dup`)}`, goal(P));
  say('PUT Goal?identifier, 2 matches', { status: cu3.status, text: text(cu3) });
  const cu4 = await http('PUT', cuUrl, { ...goal(P, { identifier: [{ system: sys, value: cuIdent }] }), id: crypto.randomUUID() });
  say('PUT Goal?..., body id differs from match', { status: cu4.status, text: text(cu4) });
  const cu5 = await http('PUT', cuUrl, goal(P, { identifier: [{ system: sys, value: cuIdent }] }), { 'If-Match': 'W/"stale"' });
  say('PUT Goal?..., stale If-Match', { status: cu5.status, text: text(cu5) });

  // ---- search
  const mk = [];
  for (let i = 0; i < 5; i++) mk.push((await http('POST', 'Goal', goal(P))).body);
  const s1 = await http('GET', `Goal?patient=${P}&_lastUpdated=gt${before}&_sort=_lastUpdated`);
  const lu = (s1.body.entry ?? []).map((e) => e.resource.meta.lastUpdated);
  say('search patient + _lastUpdated=gt + _sort', {
    status: s1.status, type: s1.body.type, total: s1.body.total, entries: lu.length,
    ascending: lu.every((v, i) => i === 0 || lu[i - 1] <= v), link: s1.body.link ?? null,
    fullUrl: s1.body.entry?.[0]?.fullUrl ?? null, searchMode: s1.body.entry?.[0]?.search ?? null,
  });
  const s2 = await http('GET', `Goal?patient=${P}&_sort=-_lastUpdated&_count=2`);
  say('search _count=2, _sort=-_lastUpdated', { entries: s2.body.entry?.length, total: s2.body.total, link: s2.body.link ?? null, newestFirst: s2.body.entry?.[0]?.resource?.id === mk.at(-1).id });
  const s3 = await http('GET', `Goal?patient=${P}&_sort=_lastUpdated&_count=2&_offset=2`);
  say('search _count=2&_offset=2', { entries: s3.body.entry?.length, total: s3.body.total });
  const last = mk.at(-1).meta.lastUpdated;
  const gtSame = await http('GET', `Goal?patient=${P}&_lastUpdated=gt${last}`);
  const geSame = await http('GET', `Goal?patient=${P}&_lastUpdated=ge${last}`);
  say('_lastUpdated=gt/ge the newest lastUpdated', { gt: ids(gtSame.body).length, ge: ids(geSame.body).length });
  const sameMs = new Set(mk.map((g) => g.meta.lastUpdated)).size;
  say('  distinct lastUpdated among 5 quick creates', sameMs);
  const byId = await http('GET', `Goal?patient=${pat.body.id}`);
  say('search patient=<bare id>', { status: byId.status, entries: ids(byId.body).length });
  const bySubject = await http('GET', `Goal?subject=${P}`);
  say('search subject=Patient/id', { entries: ids(bySubject.body).length });
  const unknownParam = await http('GET', `Goal?no-such-param=1`);
  say('search unknown parameter', { status: unknownParam.status, entries: ids(unknownParam.body).length, text: text(unknownParam) ?? null });
  const unknownType = await http('GET', `NoSuchType?_count=1`);
  say('search unknown resource type', { status: unknownType.status, type: unknownType.body?.resourceType, total: unknownType.body?.total });
  const form = await fetch(`${B}/Goal/_search`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `patient=${P}` });
  say('POST Goal/_search (form)', { status: form.status, entries: ((await form.json()).entry ?? []).length });
  const meta = await http('GET', 'metadata');
  say('GET metadata', { status: meta.status, resourceType: meta.body?.resourceType, type: meta.body?.type ?? null });

  // ---- history
  const h = await http('GET', `Goal/${c.body.id}/_history`);
  say('GET Goal/id/_history', { status: h.status, type: h.body?.type, entries: h.body?.entry?.length });
  const h2 = await http('GET', `Goal/${c.body.id}/_history`);
  const order = (b) => (b?.entry ?? []).map((e) => e.resource.meta.lastUpdated);
  const desc = (a) => a.every((v, i) => i === 0 || a[i - 1] >= v);
  say('  order: 1st call, 2nd call', [desc(order(h.body)) ? 'newest first' : 'not newest first', desc(order(h2.body)) ? 'newest first' : 'not newest first']);
  say('  entry fullUrl / request / response', [h.body?.entry?.[0]?.fullUrl ?? null, h.body?.entry?.[0]?.request ?? null, h.body?.entry?.[0]?.response ?? null]);
  const vr = await http('GET', `Goal/${c.body.id}/_history/${vOld}`);
  say('GET Goal/id/_history/vid (first version)', { status: vr.status, etag: vr.etag });
  const ht = await http('GET', `Goal/_history?_since=${before}`);
  say('GET Goal/_history (type level)', { status: ht.status, text: text(ht) });
  const hs = await http('GET', `_history`);
  say('GET _history (system level)', { status: hs.status, resourceType: hs.body?.resourceType, type: hs.body?.type, total: hs.body?.total });

  // ---- delete
  const d = await http('DELETE', `Goal/${mk[0].id}`);
  say('DELETE Goal/id', { status: d.status, body: d.body?.resourceType, outcome: d.body?.id });
  const rd = await http('GET', `Goal/${mk[0].id}`);
  say('GET after DELETE', { status: rd.status, outcome: rd.body?.id });
  const hd = await http('GET', `Goal/${mk[0].id}/_history`);
  say('GET _history after DELETE', { status: hd.status });
  const sd = await http('GET', `Goal?patient=${P}&_lastUpdated=gt${before}`);
  say('search after DELETE lists it', ids(sd.body).includes(mk[0].id));
  const dd = await http('DELETE', `Goal/${mk[0].id}`);
  say('DELETE again', { status: dd.status });
  const dStale = await http('DELETE', `Goal/${mk[1].id}`, undefined, { 'If-Match': 'W/"stale"' });
  say('DELETE If-Match stale', { status: dStale.status });
  const recreate = await http('PUT', `Goal/${mk[0].id}`, { ...mk[0], meta: undefined });
  say('PUT to a deleted id', { status: recreate.status });

  // ---- transaction with urn:uuid references
  const pu = `urn:uuid:${crypto.randomUUID()}`;
  const tx = await http('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: goal(pu), request: { method: 'POST', url: 'Goal' } },
      { fullUrl: pu, resource: { resourceType: 'Patient', name: [{ family: 'Tx' }] }, request: { method: 'POST', url: 'Patient' } },
    ],
  });
  const txGoal = tx.body?.entry?.[0];
  say('transaction POST Patient + Goal(urn:uuid)', {
    status: tx.status, type: tx.body?.type,
    entryStatus: tx.body?.entry?.map((e) => e.response?.status),
    location: txGoal?.response?.location, etagInEntry: txGoal?.response?.etag ?? null,
    subject: txGoal?.resource?.subject?.reference, patientLocation: tx.body?.entry?.[1]?.response?.location,
  });
  // atomicity: a create, then an entry that fails
  const txFailIdent = `txfail-${Date.now()}`;
  const txFail = await http('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { resource: goal(P, { identifier: [{ system: sys, value: txFailIdent }] }), request: { method: 'POST', url: 'Goal' } },
      { resource: { ...putMeta.body }, request: { method: 'PUT', url: `Goal/${c.body.id}`, ifMatch: 'W/"stale"' } },
    ],
  });
  const leftover = await http('GET', `Goal?identifier=${encodeURIComponent(`${sys}|${txFailIdent}`)}`);
  say('transaction, 2nd entry fails (stale ifMatch)', { status: txFail.status, text: text(txFail), firstEntryKept: ids(leftover.body).length });
  const batchFail = await http('POST', '', {
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      { resource: goal(P), request: { method: 'POST', url: 'Goal' } },
      { resource: { ...putMeta.body }, request: { method: 'PUT', url: `Goal/${c.body.id}`, ifMatch: 'W/"stale"' } },
    ],
  });
  say('batch, 2nd entry fails', { status: batchFail.status, type: batchFail.body?.type, entryStatus: batchFail.body?.entry?.map((e) => e.response?.status) });
  const bu = `urn:uuid:${crypto.randomUUID()}`;
  const batchRef = await http('POST', '', {
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      { fullUrl: bu, resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
      { resource: goal(bu), request: { method: 'POST', url: 'Goal' } },
    ],
  });
  say('batch with urn:uuid reference', { status: batchRef.status, subject: batchRef.body?.entry?.[1]?.resource?.subject?.reference });
  // conditional entries in a transaction
  const condTx = (n, conditional) => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: Array.from({ length: n }, (_, i) => {
      const value = `lim-${Date.now()}-${n}-${i}`;
      const resource = goal(P, { identifier: [{ system: sys, value }] });
      return conditional
        ? { resource, request: { method: 'PUT', url: `Goal?identifier=${encodeURIComponent(`${sys}|${value}`)}` } }
        : { resource, request: { method: 'POST', url: 'Goal' } };
    }),
  });
  for (const n of [8, 9]) {
    const t = await http('POST', '', condTx(n, true));
    say(`transaction, ${n} conditional PUTs`, { status: t.status, text: text(t) ?? t.body?.type });
  }
  const t9 = await http('POST', '', condTx(9, false));
  say('transaction, 9 plain POSTs', { status: t9.status, type: t9.body?.type });
  const mixed = condTx(9, false);
  mixed.entry[0].request.ifNoneExist = `identifier=${sys}|${mixed.entry[0].resource.identifier[0].value}`;
  const t1c8 = await http('POST', '', mixed);
  say('transaction, 1 ifNoneExist + 8 plain POSTs', { status: t1c8.status, text: text(t1c8) ?? t1c8.body?.type });
  const upd = (n) => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: Array.from({ length: n }, () => {
      const id = crypto.randomUUID();
      return { resource: { ...goal(P), id }, request: { method: 'PUT', url: `Goal/${id}` } };
    }),
  });
  for (const n of [50, 51]) {
    const t = await http('POST', '', upd(n));
    say(`transaction, ${n} PUTs`, { status: t.status, text: text(t) ?? t.body?.type });
  }
  const b51 = await http('POST', '', { ...upd(51), type: 'batch' });
  say('batch, 51 PUTs', { status: b51.status, type: b51.body?.type });
  const bc9 = await http('POST', '', { ...condTx(9, true), type: 'batch' });
  say('batch, 9 conditional PUTs', { status: bc9.status, type: bc9.body?.type });

  // ---- CORS
  const pre = await fetch(`${B}/Goal/${c.body.id}`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'if-match,content-type' },
  });
  say('OPTIONS preflight', { status: pre.status, origin: pre.headers.get('access-control-allow-origin') });
  say('  allow-methods', pre.headers.get('access-control-allow-methods'));
  say('  allow-headers', pre.headers.get('access-control-allow-headers'));
  say('  expose-headers', pre.headers.get('access-control-expose-headers'));
  say('RSS at the end', rss());
} finally {
  await server.stop();
}
