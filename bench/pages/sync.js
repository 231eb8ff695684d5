// What the sync suite (bench/suites/sync.js) calls in its page (window.sync): a course synced with
// the FHIR server of the run, and the raw fetch calls each measure is compared with. The server's
// base URL is given once (setServer). Every function resolves with numbers or small objects.
import { courseDocument, REALISTIC } from '../courses.js';
import { checkGoal, mount, toggleGoal, unmount } from './harness.js';

const { openStore, openSharedStore, startSync } = window.IptElements;
const SIZES = { REALISTIC };
/** The resource types the sync's mapping writes (src/fhir/codes.ts, RESOURCE_TYPES): one search each. */
export const TYPES = ['CarePlan', 'Condition', 'RelatedPerson', 'Goal', 'Encounter', 'Appointment', 'QuestionnaireResponse', 'Observation'];
const FHIR_JSON = 'application/fhir+json';
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

let base;
/** The FHIR base of the run's server, `http://127.0.0.1:<port>/fhir`. */
export function setServer(url) {
  base = url;
}

/**
 * A host's fetch that notes each request it makes: method, the path under the base, when it was
 * sent and when its answer's head arrived (performance.now()), and the status.
 */
function noting(log) {
  return async (input, init) => {
    const start = performance.now();
    const response = await fetch(input, init);
    log.push({ method: init.method ?? 'GET', path: new URL(input).pathname.slice(new URL(base).pathname.length + 1), start, answered: performance.now(), status: response.status });
    return response;
  };
}

/** The time spent waiting for answers (summed over the requests of a log) and what was asked, by method and type. */
function requests(log) {
  const asked = {};
  for (const e of log) {
    const what = `${e.method} ${e.path.split('/')[0]}`;
    asked[what] = (asked[what] ?? 0) + 1;
  }
  return { count: log.length, waiting: log.reduce((n, e) => n + (e.answered - e.start), 0), asked };
}

/** A patient of its own, created on the server with a plain FHIR create (a portal's server holds its patients). */
async function newPatient() {
  const response = await fetch(`${base}/Patient`, { method: 'POST', headers: { Accept: FHIR_JSON, 'Content-Type': FHIR_JSON }, body: JSON.stringify({ resourceType: 'Patient', active: true }) });
  if (response.status !== 201) throw new Error(`creating a Patient answered ${response.status}`);
  return `Patient/${(await response.json()).id}`;
}

const deleted = (database) => new Promise((resolve, reject) => {
  const req = indexedDB.deleteDatabase(database);
  req.onsuccess = () => resolve();
  req.onerror = () => reject(req.error);
  // \`blocked\` only says a connection is still open: a store closes once its last transaction is done, and the delete then goes on.
});

/** Imports a course of `size` for `patient` into a database made afresh (the profile outlives the run's server). */
async function seed(database, courseId, size, patient) {
  await deleted(database);
  const doc = courseDocument(courseId, SIZES[size]);
  const store = await openStore({ database });
  try {
    await store.importCourse({ ...doc, course: { ...doc.course, patient } }, { replace: true });
  } finally {
    store.close();
  }
}

/** Records of a course in a store (the course's own included). */
async function recordsOf(store, courseId) {
  const s = await store.getCourse(courseId);
  return 1 + s.sessions.length + s.people.length + s.disputes.length + s.goals.length + s.measures.length;
}

/** Runs a round now and throws unless it ended with nothing waiting and no conflict. */
async function settled(sync, what) {
  const status = await sync.syncNow();
  if (status.state !== 'idle' || status.waiting) throw new Error(`${what}: the sync ended ${status.state} with ${status.waiting} changes waiting (${status.error?.message ?? 'no error'})`);
  return status;
}

const quiet = { interval: 0, debounce: 3_600_000, target: null };

// ---------------------------------------------------------------- click to the server

let click;
/**
 * The realistic course for a patient of its own, pushed to the server by a sync started on the
 * page's shared store, the goal checklist mounted on it; and the floor's resource: a copy of the
 * checklist's goal `goalId` as the server holds it, for another patient (so that the sync never
 * sees it), which the raw PUT changes.
 */
export async function clickSetup(database, courseId, goalId) {
  const patient = await newPatient();
  await seed(database, courseId, 'REALISTIC', patient);
  await mount(database, courseId, ['ipt-goal-checklist']);
  const log = [];
  const sync = startSync(await openSharedStore({ database }), { baseUrl: base, fetch: noting(log), patient, ...quiet });
  await settled(sync, 'the first push');
  const pushed = requests(log);
  const search = await fetch(`${base}/Goal?${new URLSearchParams({ patient, _count: '100' })}`, { headers: { Accept: FHIR_JSON, 'Cache-Control': 'no-cache' }, cache: 'no-store' });
  const goal = (await search.json()).entry.map((e) => e.resource).find((r) => r.identifier?.some((i) => i.value === `${courseId}/${goalId}`));
  if (!goal) throw new Error(`the server holds no Goal for ${goalId}`);
  const { id: _, meta: __, ...body } = goal;
  const created = await fetch(`${base}/Goal`, { method: 'POST', headers: { Accept: FHIR_JSON, 'Content-Type': FHIR_JSON }, body: JSON.stringify({ ...body, subject: { reference: await newPatient() } }) });
  if (created.status !== 201) throw new Error(`creating the floor's Goal answered ${created.status}`);
  click = { sync, log, goalId, goal: goal.id, copy: await created.json() };
  return { patient, pushed };
}

/**
 * One click on the goal's checkbox, then syncNow() right after its ipt-change: the times from the
 * click to ipt-change, to the answer of the sync's PUT of the Goal (the server holds it), and to
 * syncNow() resolved (the round over); and the requests the round made.
 */
export async function clickToServer() {
  click.log.length = 0;
  const r = await checkGoal(click.goalId, async () => {
    const status = await click.sync.syncNow();
    return { status, at: performance.now() };
  });
  const put = click.log.find((e) => e.method === 'PUT' && e.path === `Goal/${click.goal}`);
  if (!put || put.status !== 200) throw new Error(`the round made no PUT of the Goal that succeeded (${click.log.map((e) => `${e.method} ${e.path} ${e.status}`).join(', ')})`);
  const { state, waiting } = r.after.status;
  if (state !== 'idle' || waiting) throw new Error(`after the click the sync ended ${state} with ${waiting} waiting`);
  return {
    change: r.total,
    server: put.answered - r.t0,
    round: r.after.at - r.t0,
    firstRequest: click.log[0].start - r.t0,
    putSent: put.start - r.t0,
    ...requests(click.log),
  };
}

/** The floor: the same Goal's change as one raw fetch PUT (If-Match, the resource in the answer), from building its body to the answer's head. */
export async function rawPut() {
  const c = click.copy;
  const t0 = performance.now();
  const body = JSON.stringify({ ...c, lifecycleStatus: c.lifecycleStatus === 'completed' ? 'active' : 'completed' });
  const response = await fetch(`${base}/Goal/${c.id}`, {
    method: 'PUT',
    headers: { Accept: FHIR_JSON, 'Content-Type': FHIR_JSON, 'If-Match': `W/"${c.meta.versionId}"`, Prefer: 'return=representation' },
    body,
    cache: 'no-store',
  });
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`the raw PUT answered ${response.status}`);
  click.copy = await response.json();
  await tick(30);
  return ms;
}

export function clickDone() {
  click?.sync.stop();
  unmount();
  click = undefined;
}

// ---------------------------------------------------------------- first pull

/** A course of `size` on the server for a patient of its own, pushed from a database that is deleted again. */
export async function serverCourse(database, courseId, size) {
  const patient = await newPatient();
  await seed(database, courseId, size, patient);
  const store = await openStore({ database });
  const log = [];
  const t0 = performance.now();
  try {
    const sync = startSync(store, { baseUrl: base, fetch: noting(log), patient, ...quiet });
    await settled(sync, `pushing the course of ${size}`);
    sync.stop();
    return { patient, records: await recordsOf(store, courseId), ms: performance.now() - t0, ...requests(log) };
  } finally {
    store.close();
    await deleted(database);
  }
}

/**
 * The first pull of a patient's course into a fresh database: from startSync() to the end of its
 * first round (the `ipt-sync` status after `syncing`), the store opened before. With `label`,
 * between the marks `<label>-start` and `<label>-end` (the end 50 ms after the round, for the
 * tasks it left). Checks that the round ended idle with the course's `expected` records here.
 */
export async function firstPull(database, courseId, patient, expected, label) {
  await deleted(database);
  const store = await openStore({ database });
  const log = [];
  try {
    if (label) performance.mark(`${label}-start`);
    const t0 = performance.now();
    const sync = startSync(store, { baseUrl: base, fetch: noting(log), patient, ...quiet });
    const status = await new Promise((resolve) => sync.addEventListener('ipt-sync', (e) => e.detail.state !== 'syncing' && resolve(e.detail)));
    const ms = performance.now() - t0;
    if (label) {
      await tick(50);
      performance.mark(`${label}-end`);
    }
    sync.stop();
    if (status.state !== 'idle') throw new Error(`the first pull ended ${status.state} (${status.error?.message ?? 'no error'})`);
    const records = await recordsOf(store, courseId);
    if (records !== expected) throw new Error(`the first pull brought ${records} records, not ${expected}`);
    return { ms, records, ...requests(log), searched: [...new Set(log.filter((e) => e.method === 'GET' && e.path !== 'metadata').map((e) => e.path))] };
  } finally {
    store.close();
    await deleted(database);
  }
}

/** The floor: the searches of a first pull (one per resource type, as the sync asks them) with raw fetch, one after another, each answer parsed. */
export async function rawSearches(patient) {
  const t0 = performance.now();
  let resources = 0;
  for (const type of TYPES) {
    const response = await fetch(`${base}/${type}?${new URLSearchParams({ patient, _sort: '_lastUpdated', _count: '100' })}`, { headers: { Accept: FHIR_JSON, 'Cache-Control': 'no-cache' }, cache: 'no-store' });
    if (response.status !== 200) throw new Error(`the raw search of ${type} answered ${response.status}`);
    resources += (await response.json()).entry?.length ?? 0;
  }
  return { ms: performance.now() - t0, resources };
}

// ---------------------------------------------------------------- the local write path

let writes;
/**
 * Two databases with the realistic course of one patient: a store on each, a sync with its default
 * interval and debounce started on one (its first round pushed the course), none on the other.
 */
export async function writeSetup(onDatabase, offDatabase, courseId) {
  const patient = await newPatient();
  await seed(onDatabase, courseId, 'REALISTIC', patient);
  await seed(offDatabase, courseId, 'REALISTIC', patient);
  const on = await openStore({ database: onDatabase });
  const off = await openStore({ database: offDatabase });
  const sync = startSync(on, { baseUrl: base, fetch: noting([]), patient, target: null });
  await settled(sync, 'the first push');
  let rounds = 0;
  sync.addEventListener('ipt-sync', (e) => e.detail.state === 'syncing' && rounds++);
  writes = { on, off, sync, courseId, rounds: () => rounds };
}

/** One store.write of a goal ticked or unticked, in the store with the sync (`on`) or without (`off`). */
export async function writeOne(which, goalId = 'g2') {
  const store = writes[which];
  const goal = (await store.getCourse(writes.courseId)).goals.find((g) => g.id === goalId);
  const change = { op: 'put', entity: 'goal', record: toggleGoal(goal) };
  const t0 = performance.now();
  await store.write(writes.courseId, [change]);
  const ms = performance.now() - t0;
  await tick(20);
  return ms;
}

/** Stops the sync and closes both stores; resolves with the rounds the sync ran meanwhile (a round during the writes would weigh on them). */
export async function writeDone() {
  const rounds = writes.rounds();
  writes.sync.stop();
  writes.on.close();
  writes.off.close();
  writes = undefined;
  return rounds;
}
