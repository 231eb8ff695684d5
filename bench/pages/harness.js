// What the runner calls in the harness page (window.bench): seeding, mounting, user actions and
// their floors. Every function resolves with plain numbers (milliseconds) or small objects.
import { courseDocument, TODAY, REALISTIC, LARGE, HUGE, CHECKLIST } from '../courses.js';

const { openStore, openSharedStore } = window.IptElements;
const SIZES = { REALISTIC, LARGE, CHECKLIST };
export const WIDGETS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'];
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- seeding

/** Imports a course through the store, replacing any course with the same id. */
export async function seed(database, courseId, size = 'REALISTIC') {
  const store = await openStore({ database });
  try {
    await store.importCourse(courseDocument(courseId, SIZES[size]), { replace: true });
  } finally {
    store.close();
  }
}

function rawOpen(name) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = tx.onabort = () => reject(tx.error);
});
const range = (courseId) => IDBKeyRange.bound([courseId], [courseId, []]);

/** Every stored envelope of a course, read with raw IndexedDB. */
export async function rawRead(database, courseId) {
  const db = await rawOpen(database);
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction('records').objectStore('records').getAll(range(courseId));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/**
 * Fills a database with `count` more courses: copies of a course already stored (`template`),
 * written as its stored envelopes with raw IndexedDB (importing 5,000 courses through the store
 * would take minutes and measure nothing of interest). Resolves with the number of courses.
 */
export async function seedFiller(database, template, count, perTx = 100) {
  const envelopes = await rawRead(database, template);
  const db = await rawOpen(database);
  try {
    for (let first = 0; first < count; first += perTx) {
      const tx = db.transaction('records', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('records');
      for (let n = first; n < Math.min(count, first + perTx); n++) {
        const courseId = `filler-${String(n).padStart(5, '0')}`;
        for (const e of envelopes) {
          const data = e.entity === 'course' ? { ...e.data, id: courseId } : { ...e.data, courseId };
          store.put({ ...e, courseId, id: e.entity === 'course' ? courseId : e.id, data });
        }
      }
      await done(tx);
    }
  } finally {
    db.close();
  }
  return courseCount(database);
}

/**
 * Seeds the huge course (20,000 people, courses.js): a document may hold at most 10,000 records, so
 * the course is imported with the large course's 150 people (the disputes name the first ten), and
 * the other people are added through the store's public write path, `perWrite` puts to a
 * transaction, each validated as a widget's write is. Resolves with the number of records stored.
 */
export async function seedHuge(database, courseId, perWrite = 1000) {
  const doc = courseDocument(courseId, HUGE);
  const store = await openStore({ database });
  try {
    await store.importCourse({ ...doc, people: doc.people.slice(0, LARGE.people) }, { replace: true });
    for (let i = LARGE.people; i < doc.people.length; i += perWrite) {
      await store.apply(courseId, doc.people.slice(i, i + perWrite).map((record) => ({ op: 'put', entity: 'person', record })));
    }
  } finally {
    store.close();
  }
  return recordCount(database, courseId);
}

/** How many records (the course's own included) a course holds, counted with raw IndexedDB. */
export async function recordCount(database, courseId) {
  // Opening a database that is not there would create it empty, at a version the store then takes as its own.
  if (!(await indexedDB.databases()).some((d) => d.name === database)) return 0;
  const db = await rawOpen(database);
  try {
    if (!db.objectStoreNames.contains('records')) return 0;
    return await new Promise((resolve, reject) => {
      const req = db.transaction('records').objectStore('records').count(range(courseId));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** How many courses a database holds. */
export async function courseCount(database) {
  const store = await openStore({ database });
  const n = (await store.listCourses()).length;
  store.close();
  return n;
}

// ---------------------------------------------------------------- mounting

let mounted;
/** Mounts an <ipt-course> with the widgets `tags`; resolves with ms until every one is ready and laid out. */
export async function mount(database, courseId, tags = WIDGETS) {
  unmount();
  const host = document.createElement('ipt-course');
  host.setAttribute('course-id', courseId);
  host.setAttribute('database', database);
  host.setAttribute('today', TODAY);
  for (const t of tags) host.append(document.createElement(t));
  let left = tags.length;
  const ready = new Promise((resolve) => {
    host.addEventListener('ipt-ready', () => --left === 0 && resolve());
  });
  const t0 = performance.now();
  document.body.append(host);
  await ready;
  void document.documentElement.offsetHeight;
  const ms = performance.now() - t0;
  mounted = host;
  return ms;
}

export function unmount() {
  mounted?.remove();
  mounted = undefined;
}

const widget = (tag) => mounted.querySelector(tag);
const next = (target, type) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));

/** Lets the widget finish what followed the write (its re-render) and the page go idle. */
async function settle(...tags) {
  await tick(0);
  for (const t of tags) await widget(t)?.updateComplete;
  await tick(30);
}

// ---------------------------------------------------------------- the write path

let shared;
/**
 * The time from a user action to its ipt-change, and to the moment the write was committed; with
 * `after`, that is awaited right after the ipt-change (before the page settles) and its result given
 * as `after`, with `t0`, the action's start (performance.now()).
 */
async function action(tag, act, after) {
  shared ??= await openSharedStore({ database: mounted.getAttribute('database') });
  const el = widget(tag);
  let stored = 0;
  const stop = shared.subscribe(mounted.getAttribute('course-id'), () => (stored ||= performance.now()));
  const changed = next(el, 'ipt-change');
  const t0 = performance.now();
  act(el.shadowRoot);
  await changed;
  const t1 = performance.now();
  const then = await after?.();
  stop();
  await settle(...WIDGETS);
  return { total: t1 - t0, stored: stored - t0, ...(after ? { t0, after: then } : {}) };
}

/** Ticks (or unticks) the first goal that is not achieved by default, in the goal checklist (`after`: see action). */
export function checkGoal(goalId = 'g2', after = undefined) {
  return action('ipt-goal-checklist', (root) => root.querySelector(`[data-goal="${goalId}"] input[type=checkbox]`).click(), after);
}

/** Moves a person one ring out, or in when already on the outermost ring, with the table's buttons. */
export function movePerson(personId = 'p2') {
  return action('ipt-relationship-circle', (root) => {
    const row = root.querySelector(`tr[data-person-id="${personId}"]`);
    (row.querySelector('[data-dir="1"]:not(:disabled)') ?? row.querySelector('[data-dir="-1"]:not(:disabled)')).click();
  });
}

// The floors: a plain checkbox and a plain button whose listener writes the same envelope with
// raw IndexedDB (or Dexie 4), then dispatches an event, as a hand-written page would.

let floor;
/** Opens the raw connection and the Dexie database (seeded with the same records) for the floors. */
export async function openFloors(database, courseId) {
  const envelopes = await rawRead(database, courseId);
  const db = await rawOpen(database);
  const dexie = new window.Dexie(`${database}-dexie`);
  dexie.version(1).stores({ records: '[courseId+entity+id], entity' });
  await dexie.open();
  await dexie.table('records').bulkPut(envelopes);
  const box = document.createElement('input');
  box.type = 'checkbox';
  const button = document.createElement('button');
  button.textContent = 'Further';
  const area = document.createElement('div');
  area.append(box, button);
  document.body.append(area);
  floor = { db, dexie, box, button, area, byKey: new Map(envelopes.map((e) => [`${e.entity}:${e.id}`, e])) };
}

export function closeFloors() {
  floor?.db.close();
  floor?.dexie.close();
  floor?.area.remove();
  floor = undefined;
}

/** A goal ticked when it is not achieved, unticked when it is, as the checklist's checkbox does. */
export function toggleGoal(goal) {
  const achieved = goal.achievement === 'achieved';
  const data = achieved
    ? { ...goal, lifecycle: 'active', achievement: 'in-progress', achieved: undefined }
    : { ...goal, lifecycle: 'completed', achievement: 'achieved', achieved: TODAY };
  if (!data.achieved) delete data.achieved;
  return data;
}

/** The next version of a stored record, as the widgets' own action would write it. */
function nextRecord(kind, id) {
  const e = floor.byKey.get(`${kind}:${id}`);
  let data;
  if (kind === 'goal') {
    data = toggleGoal(e.data);
  } else {
    data = { ...e.data, ring: e.data.ring >= 3 ? e.data.ring - 1 : e.data.ring + 1 };
  }
  const next = { ...e, rev: e.rev + 1, updated: Date.now(), data };
  floor.byKey.set(`${kind}:${id}`, next);
  return next;
}

const writers = {
  raw: (record) => {
    const tx = floor.db.transaction('records', 'readwrite');
    tx.objectStore('records').put(record);
    return done(tx);
  },
  dexie: (record) => floor.dexie.table('records').put(record),
};

/** A floor write: `kind` goal (the checkbox) or person (the button), by `how` raw or dexie. */
export async function floorAction(how, kind, id) {
  const control = kind === 'goal' ? floor.box : floor.button;
  const type = kind === 'goal' ? 'change' : 'click';
  const listener = async () => {
    await writers[how](nextRecord(kind, id));
    control.dispatchEvent(new CustomEvent('floor-change', { bubbles: true, composed: true, detail: { entity: kind, id, op: 'update' } }));
  };
  control.addEventListener(type, listener, { once: true });
  const changed = next(control, 'floor-change');
  const t0 = performance.now();
  control.click();
  await changed;
  const ms = performance.now() - t0;
  await tick(30);
  return ms;
}

/** The IndexedDB requests and transactions one call of `name` (checkGoal, movePerson) makes. */
export async function countRequests(name, ...args) {
  const counts = { transactions: 0 };
  const restore = [];
  const wrap = (proto, method, key = method) => {
    const original = proto[method];
    restore.push(() => (proto[method] = original));
    proto[method] = function (...a) {
      counts[key] = (counts[key] ?? 0) + 1;
      return original.apply(this, a);
    };
  };
  for (const m of ['get', 'getAll', 'put', 'delete', 'openCursor']) wrap(IDBObjectStore.prototype, m);
  wrap(IDBDatabase.prototype, 'transaction', 'transactions');
  takeRenders();
  try {
    const result = await { checkGoal, movePerson }[name](...args);
    return { ...result, counts, renders: takeRenders() };
  } finally {
    restore.forEach((r) => r());
  }
}

/**
 * Records a session with the session counter's form, its list of recorded sessions open (the large
 * course: 200 rows), as a clinician does: the time from the submit to its ipt-change, and to the
 * counter rendered with it. The session is then removed again (outside the times), so that every
 * page finds the course as seeded.
 */
export async function recordSession(date = TODAY) {
  shared ??= await openSharedStore({ database: mounted.getAttribute('database') });
  const el = widget('ipt-session-counter');
  const details = el.shadowRoot.querySelector('details.sessions');
  if (!details.open) {
    const toggled = next(details, 'toggle');
    details.open = true;
    await toggled;
    await el.updateComplete;
  }
  const form = el.shadowRoot.querySelector('#record-form');
  form.querySelector('[name="date"]').value = date;
  const changed = next(el, 'ipt-change');
  const t0 = performance.now();
  form.requestSubmit();
  const { detail } = await changed;
  const t1 = performance.now();
  await el.updateComplete;
  const t2 = performance.now();
  await settle(...WIDGETS);
  // The list shows its first 200 rows and a Show more button (src/elements/controllers/paging.ts).
  return {
    change: t1 - t0,
    rendered: t2 - t0,
    rows: el.shadowRoot.querySelectorAll('details.sessions tbody tr').length,
    more: !!el.shadowRoot.querySelector('details.sessions button[data-more="sessions"]'),
    sessions: el.course.sessions.length,
    undo: () => shared.remove(detail.courseId, 'session', detail.id),
  };
}

// ---------------------------------------------------------------- scale

/** Waits for the next frame to be produced (the work a change leaves for rendering included). */
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/**
 * Mounts the four widgets on a course, then ticks a goal and moves a person, then records a session
 * with the counter's list of sessions open, between the marks render-start/-end, update-start/-end
 * and record-start/-end (for the trace); also counts the long tasks the page's own
 * PerformanceObserver saw in each phase.
 */
/** The longest synchronous render (Lit update) of each widget since the last call, in ms. */
const renders = {};
let wrapped = false;
/** Set for a diagnosis: each render is also a performance.measure (`render <tag>`) that a trace shows. */
let measureRenders = false;
function takeRenders() {
  if (!wrapped) {
    wrapped = true;
    for (const tag of WIDGETS) {
      const proto = customElements.get(tag).prototype;
      const update = proto.update;
      proto.update = function (changed) {
        const t = performance.now();
        try {
          return update.call(this, changed);
        } finally {
          const now = performance.now();
          renders[tag] = Math.max(renders[tag] ?? 0, now - t);
          if (measureRenders) performance.measure(`render ${tag}`, { start: t, end: now });
        }
      };
    }
  }
  const out = { ...renders };
  for (const k of Object.keys(renders)) delete renders[k];
  return out;
}

export async function scaleRun(database, courseId) {
  takeRenders();
  const long = [];
  const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  performance.mark('render-start');
  const render = await mount(database, courseId);
  await frame();
  await tick(50);
  performance.mark('render-end');
  const renderLong = long.splice(0);
  const renderWidgets = takeRenders();
  performance.mark('update-start');
  const goal = await checkGoal('g2');
  await frame();
  const person = await movePerson('p2');
  await frame();
  await tick(50);
  performance.mark('update-end');
  const updateLong = long.splice(0);
  const updateWidgets = takeRenders();
  const counts = Object.fromEntries(WIDGETS.map((t) => [t, widget(t).shadowRoot.querySelectorAll('*').length]));
  performance.mark('record-start');
  const session = await recordSession();
  await frame();
  await tick(50);
  performance.mark('record-end');
  observer.disconnect();
  const recordLong = long.splice(0);
  await session.undo();
  await settle(...WIDGETS);
  return {
    render,
    goal: goal.total,
    person: person.total,
    record: { change: session.change, rendered: session.rendered, rows: session.rows, more: session.more, sessions: session.sessions },
    renderLong,
    updateLong,
    recordLong,
    counts,
    renderWidgets,
    updateWidgets,
  };
}

/**
 * Mounts the four widgets on the huge course in this fresh page, between the marks huge-start and
 * huge-end (for the trace): the time until every ipt-ready (and a forced layout), when each widget
 * was ready, the long tasks the page's own observer saw, each widget's longest render, and what
 * the circle's table shows (200 rows and a Show more button, src/elements/controllers/paging.ts).
 * With `measure`, each widget's render is also a performance.measure, for a profiled trace.
 */
export async function hugeRun(database, courseId, { measure = false } = {}) {
  takeRenders();
  measureRenders = measure;
  const long = [];
  const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const readyAt = {};
  const onReady = (e) => (readyAt[e.target.localName] ??= performance.now());
  document.addEventListener('ipt-ready', onReady);
  performance.mark('huge-start');
  const t0 = performance.now();
  const ready = await mount(database, courseId);
  await frame();
  await tick(50);
  performance.mark('huge-end');
  measureRenders = false;
  observer.disconnect();
  document.removeEventListener('ipt-ready', onReady);
  const circle = widget('ipt-relationship-circle').shadowRoot;
  return {
    ready,
    readyAt: Object.fromEntries(WIDGETS.map((t) => [t, readyAt[t] - t0])),
    long,
    widgets: takeRenders(),
    counts: Object.fromEntries(WIDGETS.map((t) => [t, widget(t).shadowRoot.querySelectorAll('*').length])),
    rows: circle.querySelectorAll('table tbody tr').length,
    nodes: circle.querySelectorAll('svg g.node').length,
    more: !!circle.querySelector('button[data-more="people"]'),
  };
}

// ---------------------------------------------------------------- memory

/** Mounts and unmounts the four widgets `times` times (each mount waits for every ipt-ready). */
export async function cycle(database, courseId, times) {
  for (let i = 0; i < times; i++) {
    await mount(database, courseId);
    unmount();
  }
  await tick(50);
  return document.querySelectorAll('*').length;
}

