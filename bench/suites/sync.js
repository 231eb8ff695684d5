// Sync (issue 17): the course synced with a real FHIR engine, Medplum's FHIR router
// (test/fhir-servers/launch.js starts it on a free port of 127.0.0.1 and stops it by PID), against
// the same HTTP done with raw fetch, each pair alternating in one page:
// (1) click to resource on the server: a goal ticked in <ipt-goal-checklist>, then syncNow() right
//     after its ipt-change, until the answer to the sync's PUT of that Goal; against a raw fetch PUT
//     of the same Goal (a copy for another patient, so the sync never sees it);
// (2) the first pull of the realistic course (60 records) into a fresh database, from startSync()
//     to the end of its first round, against the same searches (one per resource type) with fetch;
// (3) the local write path: store.write of one goal in a store with a sync started (its default
//     interval and debounce) against a store without;
// (4) a course of 2,000 records (written to the server in one transaction of the SDK's own FHIR
//     export) pulled into a fresh database, the longest main-thread task from a
//     trace; then one profiled pull of the readable build (a diagnosis, not a figure): where the
//     script time of the tasks over 50 ms goes.
import { resolve } from 'node:path';
import { freePort, startServer, stopServer } from '../../test/fhir-servers/launch.js';
import { courseDocument, REALISTIC, SYNC_LARGE } from '../courses.js';
import { iqr, median } from '../lib/stats.js';
import { load, longestTasks, openPage, profileTasks } from '../lib/browser.js';
import { READABLE_MAIN, readablePage } from '../lib/readable.js';

const count = (size) => 1 + size.sessions + size.people + size.disputes + size.goals + size.measures;
const summary = (runs) => ({ median: median(runs), iqr: iqr(runs), max: Math.max(...runs), runs });

/**
 * What a sample of the profiled pull was doing, by the function names of its stack (innermost
 * first) in the readable build; the first rule that matches names it.
 */
const PARTS = [
  ['IndexedDB result (records deserialised)', (s) => s[0] === 'success'],
  ['JSON.parse of the answers (FhirClient #json)', (s) => s.includes('#json')],
  // serverRefs maps every resource of the course to its server id, a urn:uuid (entryUrl, derivedUuid's hash) per entry.
  ['serverRefs (every reference of the course, hashed: urnOf, derivedUuid)', (s) => s.includes('serverRefs')],
  ['withServerReferences (references rewritten)', (s) => s.includes('withServerReferences')],
  ['overlay and unchanged (each resource compared with the server copy)', (s) => s.includes('overlay') || s.includes('unchanged')],
  ["reading the server's resources as a course (Mapping.read, fromFhirBundle)", (s) => s.includes('fromFhirBundle') || s.includes('readTheirs')],
  ['the SDK part of each resource (ownedParts, Mapping.resources, toFhirBundle)', (s) => s.includes('ownedParts') || s.includes('toFhirBundle')],
  ['reconcile', (s) => s.includes('reconcile')],
  ['commit (envelopes, validation, the transaction)', (s) => s.includes('commit')],
  ['readLocal (the course and the mirror read back)', (s) => s.includes('readLocal')],
  ['push (what to push, compared with the mirror)', (s) => s.includes('push')],
  ['checking the answers (#resource, #searchPages, changedSince)', (s) => s.includes('#searchPages') || s.includes('changedSince') || s.includes('#resource')],
  ["the store's read (getCourse, #revive, freeze)", (s) => s.includes('getCourse') || s.includes('#revive') || s.includes('freeze')],
  ['garbage collection', (s) => s[0] === '(garbage collector)'],
  ['browser, not script (style, layout, paint, messages)', (s) => s[0] === '(program)' || s[0] === '(root)'],
  ['other script', () => true],
];
const classify = (stack) => PARTS.find(([, test]) => test(stack))[0];

const FHIR_JSON = 'application/fhir+json';

/**
 * The large course on the server for a patient of its own. Pushing 2,000 records through the sync
 * (one conditional create each) takes minutes on this engine, so the course is written in one
 * transaction instead: the SDK's own FHIR export of it (dist/fhir, what the sync's mapping pushes),
 * each entry a POST, the server resolving the `urn:uuid:` references to the ids it gives.
 */
async function seedLarge(root, baseUrl, courseId) {
  const { toFhirBundle } = await import(resolve(root, 'dist/fhir/index.js'));
  const send = async (path, body) => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { Accept: FHIR_JSON, 'Content-Type': FHIR_JSON }, body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`sync: POST ${path || '/'} answered ${response.status}: ${JSON.stringify(json.issue ?? '').slice(0, 300)}`);
    return json;
  };
  const patient = `Patient/${(await send('/Patient', { resourceType: 'Patient', active: true })).id}`;
  const doc = courseDocument(courseId, SYNC_LARGE);
  const bundle = toFhirBundle({ ...doc, course: { ...doc.course, patient } });
  const t0 = performance.now();
  const answer = await send('', { ...bundle, type: 'transaction', entry: bundle.entry.map((e) => ({ ...e, request: { method: 'POST', url: e.resource.resourceType } })) });
  const created = answer.entry.filter((e) => String(e.response?.status).startsWith('201')).length;
  if (created !== bundle.entry.length) throw new Error(`sync: the transaction created ${created} of ${bundle.entry.length} resources`);
  return { patient, records: count(SYNC_LARGE), resources: created, ms: performance.now() - t0 };
}

/** The parts of a profiled pull's tasks, summed, longest first. */
function sumParts(tasks) {
  const parts = {};
  for (const t of tasks) for (const [k, v] of Object.entries(t.parts)) parts[k] = (parts[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(parts).sort((a, b) => b[1] - a[1]));
}

export async function syncSuite({ browser, base, genDir, reps, largeReps, log }) {
  const root = process.cwd();
  const server = await startServer('medplum', { port: await freePort() });
  log(`sync: Medplum FHIR router at ${server.baseUrl} (PID ${server.pid}), answering after ${server.startMs} ms`);
  const { page, errors } = await openPage(browser);
  const open = async (path = '/bench/pages/sync.html') => {
    await load(page, `${base}${path}`, 'window.benchReady');
    await page.evaluate((url) => window.sync.setServer(url), server.baseUrl);
  };
  try {
    await open();

    // (1) Click to resource on the server.
    const setup = await page.evaluate(() => window.sync.clickSetup('bench-sync-click', 'sync-click', 'g2'));
    log(`sync: realistic course pushed (${setup.pushed.count} requests)`);
    const click = { server: [], round: [], change: [], raw: [], putSent: [], waiting: [] };
    let clickRequests;
    for (let i = -3; i < reps; i++) {
      const r = await page.evaluate(() => window.sync.clickToServer());
      const raw = await page.evaluate(() => window.sync.rawPut());
      if (i < 0) continue;
      click.server.push(r.server);
      click.round.push(r.round);
      click.change.push(r.change);
      click.putSent.push(r.putSent);
      click.waiting.push(r.waiting);
      click.raw.push(raw);
      clickRequests = r.asked;
    }
    await page.evaluate(() => window.sync.clickDone());
    const clickRow = {
      server: summary(click.server),
      round: summary(click.round),
      change: summary(click.change),
      putSent: summary(click.putSent),
      waiting: summary(click.waiting),
      raw: summary(click.raw),
      requests: clickRequests,
    };
    clickRow.ratio = clickRow.server.median / clickRow.raw.median;
    log(`sync: click → on the server ${median(click.server).toFixed(1)} ms (round over at ${median(click.round).toFixed(1)}), raw PUT ${median(click.raw).toFixed(1)} ms: ${clickRow.ratio.toFixed(2)}x; the PUT sent at ${median(click.putSent).toFixed(1)} ms, ${median(click.waiting).toFixed(1)} ms waiting for answers; requests ${JSON.stringify(clickRequests)}`);

    // (2) First pull of the realistic course.
    const realistic = await page.evaluate(() => window.sync.serverCourse('bench-sync-source', 'sync-pull', 'REALISTIC'));
    if (realistic.records !== count(REALISTIC)) throw new Error(`sync: the realistic course holds ${realistic.records} records, not ${count(REALISTIC)}`);
    const pull = { sync: [], raw: [], waiting: [] };
    let pullInfo;
    let rawResources;
    for (let i = -2; i < reps; i++) {
      const s = await page.evaluate((p, n) => window.sync.firstPull('bench-sync-pull', 'sync-pull', p, n), realistic.patient, realistic.records);
      const raw = await page.evaluate((p) => window.sync.rawSearches(p), realistic.patient);
      if (i < 0) continue;
      pull.sync.push(s.ms);
      pull.waiting.push(s.waiting);
      pull.raw.push(raw.ms);
      pullInfo = s;
      rawResources = raw.resources;
    }
    const types = await page.evaluate(() => window.sync.TYPES);
    const searched = pullInfo.searched.map((p) => p.split('/')[0]);
    if (searched.length !== types.length || !types.every((t) => searched.includes(t))) throw new Error(`sync: the first pull searched ${searched.join(', ')}, the floor ${types.join(', ')}`);
    const pullRow = { records: realistic.records, resources: rawResources, sync: summary(pull.sync), waiting: summary(pull.waiting), raw: summary(pull.raw), requests: pullInfo.asked };
    pullRow.ratio = pullRow.sync.median / pullRow.raw.median;
    log(`sync: first pull of ${realistic.records} records ${median(pull.sync).toFixed(1)} ms, raw searches ${median(pull.raw).toFixed(1)} ms: ${pullRow.ratio.toFixed(2)}x; ${median(pull.waiting).toFixed(1)} ms waiting for answers; requests ${JSON.stringify(pullInfo.asked)}`);

    // (3) The local write path, a sync started against none.
    await page.evaluate(() => window.sync.writeSetup('bench-sync-on', 'bench-sync-off', 'sync-write'));
    const write = { on: [], off: [] };
    for (let i = -5; i < reps * 2; i++) {
      const order = i % 2 ? ['on', 'off'] : ['off', 'on'];
      for (const which of order) {
        const ms = await page.evaluate((w) => window.sync.writeOne(w), which);
        if (i >= 0) write[which].push(ms);
      }
    }
    const rounds = await page.evaluate(() => window.sync.writeDone());
    const writeRow = { on: summary(write.on), off: summary(write.off), rounds };
    writeRow.ratio = writeRow.on.median / writeRow.off.median;
    log(`sync: store.write with a sync ${median(write.on).toFixed(2)} ms, without ${median(write.off).toFixed(2)} ms: ${writeRow.ratio.toFixed(2)}x (${rounds} rounds ran meanwhile)`);

    // (4) A course of 2,000 records pulled: the longest task.
    const large = await seedLarge(root, server.baseUrl, 'sync-large');
    log(`sync: the course of ${large.records} records written to the server in one transaction in ${(large.ms / 1000).toFixed(1)} s`);
    const big = { longest: [], over50: [], ms: [] };
    let bigInfo;
    // A pull that a failed request ended (`offline`: the loaded server dropped a connection) is
    // counted, said in the report, and run again, twice at most.
    const failures = [];
    for (let i = -1; i < largeReps; i++) {
      await open();
      let traced;
      try {
        traced = await longestTasks(page, ['pull'], () => page.evaluate((p, n) => window.sync.firstPull('bench-sync-pull', 'sync-large', p, n, 'pull'), large.patient, large.records));
      } catch (error) {
        const message = String(error.message).split('\n')[0];
        if (!message.includes('the first pull ended offline') || failures.length === 2) throw error;
        failures.push(message);
        log(`sync: a pull of the large course failed, run again: ${message}`);
        i--;
        continue;
      }
      const { result, tasks } = traced;
      if (i < 0) continue;
      big.longest.push(tasks.pull.longest);
      big.over50.push(tasks.pull.over50);
      big.ms.push(result.ms);
      bigInfo = result;
    }
    log(`sync: pull of ${large.records} records, longest task ${median(big.longest).toFixed(1)} ms, ${median(big.over50)} over 50 ms, ${(median(big.ms) / 1000).toFixed(1)} s`);

    // Where the script time goes: one pull of each course in the readable build, profiled.
    await open(await readablePage(genDir, { page: 'sync-readable.html', title: 'ipt-elements bench: sync', bundles: [READABLE_MAIN, { entry: 'dist/sync/bundle.js', file: 'ipt-elements.sync.readable.js' }], module: '/bench/pages/sync.js', global: 'sync' }));
    const profiled = await profileTasks(page, 'pull', () => page.evaluate((p, n) => window.sync.firstPull('bench-sync-pull', 'sync-large', p, n, 'pull'), large.patient, large.records), classify);
    const diagnosis = {
      ms: profiled.result.ms,
      tasks: profiled.tasks.map((t) => ({ ...t, parts: Object.fromEntries(Object.entries(t.parts).sort((a, b) => b[1] - a[1])) })),
    };
    diagnosis.parts = sumParts(diagnosis.tasks);
    log(`sync: pull of ${large.records} records, profiled (readable build): ${diagnosis.tasks.length} tasks over 50 ms, longest first:`);
    for (const t of [...diagnosis.tasks].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
      const parts = Object.entries(t.parts).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      log(`  ${t.ms.toFixed(0)} ms at +${t.at.toFixed(0)}: ${parts.join(', ')}`);
    }
    const small = await profileTasks(page, 'pull', () => page.evaluate((p, n) => window.sync.firstPull('bench-sync-pull', 'sync-pull', p, n, 'pull'), realistic.patient, realistic.records), classify, 0);
    const smallParts = sumParts(small.tasks);
    log(`sync: first pull of the realistic course, profiled: script ${Object.values(smallParts).reduce((a, b) => a + b, 0).toFixed(0)} ms in ${small.tasks.length} tasks over ${small.result.ms.toFixed(0)} ms: ${Object.entries(smallParts).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);

    if (errors.length) throw new Error(`sync page errors: ${errors.join('; ')}`);
    return {
      reps,
      largeReps,
      server: { kind: server.kind, startMs: server.startMs },
      click: clickRow,
      pull: { ...pullRow, profile: { ms: small.result.ms, tasks: small.tasks.length, parts: smallParts } },
      write: writeRow,
      large: {
        size: SYNC_LARGE,
        records: large.records,
        resources: large.resources,
        seedMs: large.ms,
        longest: summary(big.longest),
        over50: median(big.over50),
        ms: summary(big.ms),
        requests: bigInfo.asked,
        failures,
        diagnosis,
      },
    };
  } finally {
    await page.close();
    await stopServer(server);
  }
}
