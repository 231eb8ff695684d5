// Checks, against a running server, the HAPI behaviours that test/fhir-servers/README.md records.
// Usage: node test/fhir-servers/hapi/probe.mjs [base]   (default http://127.0.0.1:8091/fhir)
// Prints one line per check with what the server answered; exits 1 if any answer differs from the
// README. Uses fresh ids on every run, so it can run again on the same server.
const base = process.argv[2] ?? `http://127.0.0.1:${process.env.HAPI_PORT ?? 8091}/fhir`;
const run = Date.now().toString(36);
const JSON_TYPE = 'application/fhir+json';
let failed = 0;
let passed = 0;

function check(name, ok, seen) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${seen}`);
}

async function call(method, path, { body, headers = {} } = {}) {
  const init = { method, headers: { Accept: JSON_TYPE, ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = JSON_TYPE;
  }
  const url = path.startsWith('http') ? path : path === '' ? base : `${base}/${path}`;
  const res = await fetch(url, init);
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

const patient = `pat-${run}`;
const goal = (id, text, extra = {}) => ({
  resourceType: 'Goal',
  ...(id ? { id } : {}),
  lifecycleStatus: 'active',
  description: { text },
  subject: { reference: `Patient/${patient}` },
  ...extra,
});
const diag = (r) => r.json?.issue?.[0]?.diagnostics ?? '';
const total = async (query) => (await call('GET', query, { headers: { 'Cache-Control': 'no-cache' } })).json.total;

// CapabilityStatement
{
  const r = await call('GET', 'metadata');
  const rest = r.json?.rest?.[0] ?? {};
  const goalRes = rest.resource?.find((x) => x.type === 'Goal') ?? {};
  const goalInteractions = (goalRes.interaction ?? []).map((i) => i.code);
  const sysInteractions = (rest.interaction ?? []).map((i) => i.code);
  check('GET /metadata', r.status === 200 && r.json?.resourceType === 'CapabilityStatement',
    `${r.status} ${r.json?.resourceType} fhirVersion ${r.json?.fhirVersion} software ${r.json?.software?.name} ${r.json?.software?.version}`);
  check('Goal interactions include history-type', goalInteractions.includes('history-type'), goalInteractions.join(','));
  check('system interactions include transaction', sysInteractions.includes('transaction'), sysInteractions.join(','));
  check('Goal versioning, conditional create/update', goalRes.versioning === 'versioned-update' &&
    goalRes.conditionalCreate === true && goalRes.conditionalUpdate === true,
    `versioning ${goalRes.versioning}, conditionalCreate ${goalRes.conditionalCreate}, conditionalUpdate ${goalRes.conditionalUpdate}, conditionalDelete ${goalRes.conditionalDelete}`);
}

// Client-assigned ids
{
  const r = await call('PUT', `Patient/${patient}`, { body: { resourceType: 'Patient', id: patient } });
  check('PUT Patient with a client id (has a non-digit)', r.status === 201, `${r.status}`);
  const n = await call('PUT', `Patient/9${run.replace(/\D/g, '')}1`, { body: { resourceType: 'Patient', id: `9${run.replace(/\D/g, '')}1` } });
  check('PUT Patient with an all-digit client id', n.status === 400 && diag(n).includes('HAPI-0960'), `${n.status} ${diag(n).slice(0, 60)}`);
  const p = await call('POST', 'Patient', { body: { resourceType: 'Patient' } });
  check('POST Patient: server id, Location', p.status === 201 && /\/Patient\/\d+\/_history\/1$/.test(p.headers.get('location') ?? ''),
    `${p.status} Location ${p.headers.get('location')}`);
}

// Versions, ETag, If-Match on PUT
const g1 = `goal-${run}`;
{
  const c = await call('PUT', `Goal/${g1}`, { body: goal(g1, 'v1') });
  check('PUT create', c.status === 201 && c.headers.get('etag') === 'W/"1"' && c.json?.meta?.versionId === '1',
    `${c.status} ETag ${c.headers.get('etag')} versionId ${JSON.stringify(c.json?.meta?.versionId)} Location ${c.headers.get('location')} Content-Location ${c.headers.get('content-location')}`);
  const u = await call('PUT', `Goal/${g1}`, { body: goal(g1, 'v2'), headers: { 'If-Match': 'W/"1"' } });
  check('PUT with current If-Match W/"1"', u.status === 200 && u.headers.get('etag') === 'W/"2"', `${u.status} ETag ${u.headers.get('etag')}`);
  const s = await call('PUT', `Goal/${g1}`, { body: goal(g1, 'v3'), headers: { 'If-Match': 'W/"1"' } });
  check('PUT with stale If-Match W/"1"', s.status === 409 && diag(s).includes('HAPI-0989'), `${s.status} ${diag(s)}`);
  const q = await call('PUT', `Goal/${g1}`, { body: goal(g1, 'v3'), headers: { 'If-Match': '"2"' } });
  check('PUT with strong If-Match "2"', q.status === 200 && q.headers.get('etag') === 'W/"3"', `${q.status} ETag ${q.headers.get('etag')}`);
  const b = await call('PUT', `Goal/${g1}`, { body: goal(g1, 'v4'), headers: { 'If-Match': 'W/"abc"' } });
  check('PUT with a non-integer If-Match', b.status === 500 && diag(b).includes('HAPI-2223'), `${b.status} ${diag(b)}`);
  const nm = await call('GET', `Goal/${g1}`, { headers: { 'If-None-Match': 'W/"3"' } });
  check('GET with If-None-Match of the current version', nm.status === 304, `${nm.status}`);
}

// Conditional create and update
{
  const ident = { identifier: [{ system: 'urn:ipt-probe', value: `cc-${run}` }] };
  const h = { 'If-None-Exist': `identifier=urn:ipt-probe|cc-${run}` };
  const a = await call('POST', 'Goal', { body: goal(undefined, 'cc', ident), headers: h });
  const b = await call('POST', 'Goal', { body: goal(undefined, 'cc', ident), headers: h });
  const n = await total(`Goal?identifier=urn:ipt-probe|cc-${run}&_summary=count`);
  check('conditional create twice (If-None-Exist)', a.status === 201 && b.status === 200 && a.json?.id === b.json?.id && n === 1,
    `${a.status} then ${b.status}, ids ${a.json?.id}/${b.json?.id}, ${n} stored`);
  const ident2 = { identifier: [{ system: 'urn:ipt-probe', value: `cu-${run}` }] };
  const url = `Goal?identifier=urn:ipt-probe|cu-${run}`;
  const c = await call('PUT', url, { body: goal(undefined, 'cu', ident2) });
  const d = await call('PUT', url, { body: goal(undefined, 'cu 2', ident2) });
  check('conditional update twice (PUT ?identifier)', c.status === 201 && d.status === 200 && d.headers.get('etag') === 'W/"2"',
    `${c.status} then ${d.status} ETag ${d.headers.get('etag')}`);
}

// Search: by patient, _lastUpdated, the 60 s search cache, paging
{
  const q = `Goal?patient=${patient}`;
  const first = await call('GET', q);
  await call('PUT', `Goal/${g1}-b`, { body: goal(`${g1}-b`, 'other') });
  const again = await call('GET', q);
  const fresh = await call('GET', q, { headers: { 'Cache-Control': 'no-cache' } });
  check('search cache: same search again', again.json?.total === first.json?.total && again.headers.get('x-cache')?.startsWith('HIT'),
    `total ${first.json?.total} then ${again.json?.total} (X-Cache ${again.headers.get('x-cache')})`);
  check('search cache: Cache-Control: no-cache', fresh.json?.total === first.json?.total + 1 && !fresh.headers.get('x-cache'),
    `total ${fresh.json?.total} (X-Cache ${fresh.headers.get('x-cache')})`);
  const lu = await total(`Goal?patient=${patient}&_lastUpdated=gt2000-01-01`);
  check('search by patient with _lastUpdated', lu >= 4, `total ${lu}`);
  const page = await call('GET', `Goal?patient=${patient}&_count=2`, { headers: { 'Cache-Control': 'no-cache' } });
  const next = page.json?.link?.find((l) => l.relation === 'next')?.url;
  const page2 = next ? await call('GET', next) : undefined;
  check('paging with _count=2', !!next && page2?.status === 200 && page2.json?.entry?.length > 0,
    `next ${next} -> ${page2?.status}, ${page2?.json?.entry?.length} entries`);
}

// Transactions
{
  const bad = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { resource: goal(undefined, 'tx', { identifier: [{ system: 'urn:ipt-probe', value: `tx-${run}` }] }), request: { method: 'POST', url: 'Goal' } },
      { resource: goal(g1, 'tx stale'), request: { method: 'PUT', url: `Goal/${g1}`, ifMatch: 'W/"1"' } },
    ],
  };
  const r = await call('POST', '', { body: bad });
  const n = await total(`Goal?identifier=urn:ipt-probe|tx-${run}&_summary=count`);
  check('transaction whose 2nd entry fails (stale ifMatch)', r.status === 409 && n === 0, `${r.status} ${diag(r)}; first entry stored: ${n}`);
  const uuid = `urn:uuid:${crypto.randomUUID()}`;
  const ok = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: uuid, resource: { resourceType: 'Patient', identifier: [{ system: 'urn:ipt-probe', value: `p-${run}` }] },
        request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=urn:ipt-probe|p-${run}` } },
      { resource: { ...goal(undefined, 'tx ok', { identifier: [{ system: 'urn:ipt-probe', value: `tx2-${run}` }] }), subject: { reference: uuid } },
        request: { method: 'PUT', url: `Goal?identifier=urn:ipt-probe|tx2-${run}` } },
    ],
  };
  const t = await call('POST', '', { body: ok });
  const resp = (t.json?.entry ?? []).map((e) => `${e.response.status} ${e.response.location} etag ${e.response.etag}`);
  check('transaction with urn:uuid and conditional entries', t.status === 200 && t.json?.type === 'transaction-response',
    `${t.status} ${t.json?.type}: ${resp.join('; ')}`);
}

// Delete, If-Match on DELETE, read after delete, history
{
  const since = new Date(Date.now() - 1000).toISOString();
  const g2 = `del-${run}`;
  await call('PUT', `Goal/${g2}`, { body: goal(g2, 'd1') });
  await call('PUT', `Goal/${g2}`, { body: goal(g2, 'd2') });
  const d = await call('DELETE', `Goal/${g2}`, { headers: { 'If-Match': 'W/"1"' } });
  check('DELETE with stale If-Match W/"1" (current 2)', d.status === 200,
    `${d.status} ETag ${d.headers.get('etag')} Content-Location ${d.headers.get('content-location')} ${d.json?.issue?.[0]?.details?.coding?.[0]?.code}`);
  const again = await call('DELETE', `Goal/${g2}`);
  check('DELETE of a deleted resource', again.status === 200, `${again.status} ${again.json?.issue?.[0]?.details?.coding?.[0]?.code}`);
  const none = await call('DELETE', `Goal/never-${run}`);
  check('DELETE of an id never stored', none.status === 200, `${none.status} ${none.json?.issue?.[0]?.details?.coding?.[0]?.code}`);
  const r = await call('GET', `Goal/${g2}`);
  check('read after delete', r.status === 410, `${r.status} ${diag(r)}`);
  const h = await call('GET', `Goal/_history?_since=${encodeURIComponent(since)}`);
  const entries = (h.json?.entry ?? []).filter((e) => e.fullUrl?.endsWith(`/Goal/${g2}`));
  const del = entries.find((e) => e.request?.method === 'DELETE');
  check('GET Goal/_history?_since lists the delete', !!del && !del.resource,
    entries.map((e) => `${e.request.method} ${e.request.url}${e.resource ? '' : ' (no resource)'}`).join('; ') + `; total ${h.json?.total}`);
  const back = await call('PUT', `Goal/${g2}`, { body: goal(g2, 'back') });
  check('PUT re-creates a deleted resource, skipping a version', back.status === 201 && back.headers.get('etag') === 'W/"5"',
    `${back.status} ETag ${back.headers.get('etag')} (deleted as version 3)`);
}

// Instance history without _since: its total comes from a 1-minute cache and the page is cut to it
{
  const g3 = `hist-${run}`;
  await call('PUT', `Goal/${g3}`, { body: goal(g3, 'h1') });
  const h1 = await call('GET', `Goal/${g3}/_history`);
  await call('PUT', `Goal/${g3}`, { body: goal(g3, 'h2') });
  const h2 = await call('GET', `Goal/${g3}/_history`, { headers: { 'Cache-Control': 'no-cache' } });
  const hs = await call('GET', `Goal/${g3}/_history?_since=2000-01-01T00:00:00Z`);
  const urls = (r) => (r.json?.entry ?? []).map((e) => e.request.url.replace(/.*_history\//, 'v')).join(',');
  check('instance _history right after an update (count cached 60 s)', h1.json?.total === 1 && h2.json?.total === 1 && urls(h2) === 'v2',
    `before: total ${h1.json?.total} [${urls(h1)}]; after: total ${h2.json?.total} [${urls(h2)}]; with _since: total ${hs.json?.total} [${urls(hs)}]`);
}

// CORS
{
  const pre = await fetch(`${base}/Goal/x`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:8000',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-type,if-match,if-none-exist,cache-control',
    },
  });
  const allow = pre.headers.get('access-control-allow-origin');
  const methods = pre.headers.get('access-control-allow-methods');
  check('CORS preflight from http://localhost:8000', pre.status === 200 && allow === 'http://localhost:8000' && /DELETE/.test(methods ?? ''),
    `${pre.status} Allow-Origin ${allow}; Allow-Methods ${methods}; Allow-Headers ${pre.headers.get('access-control-allow-headers')}`);
  const get = await fetch(`${base}/Goal/${g1}`, { headers: { Origin: 'http://localhost:8000' } });
  const expose = get.headers.get('access-control-expose-headers') ?? '';
  check('CORS on a GET exposes ETag, Location, Content-Location', ['ETag', 'Location', 'Content-Location'].every((x) => expose.includes(x)),
    `Allow-Origin ${get.headers.get('access-control-allow-origin')}; Expose ${expose}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
