// Scale. (1) A course of 200 sessions, 150 people and 100 goals: mounting the four widgets on it,
// then ticking a goal and moving a person, then recording a session with the counter's list of 200
// sessions open, each in a fresh page; the longest main-thread task of each phase (from a trace),
// against the 50 ms of a long task, and the time from the record form's submit to its ipt-change
// and to the counter rendered. (2) The same course with 20,000 people: mounting the four widgets on
// it in a fresh page, the longest task and the time until every ipt-ready; then one profiled load
// (a diagnosis, not a figure) that says what the tasks over 50 ms spent their time on. (3) Opening
// the realistic course in a database of 5,000 courses against the same in a database of 10, each
// load a fresh page.
import { HUGE } from '../courses.js';
import { median, iqr } from '../lib/stats.js';
import { load, longestTasks, openPage, profileTasks } from '../lib/browser.js';
import { READABLE_MAIN, readablePage } from '../lib/readable.js';

/** Records of the huge course, the course's own included. */
const HUGE_RECORDS = 1 + HUGE.sessions + HUGE.people + HUGE.disputes + HUGE.goals + HUGE.measures;

/**
 * What a sample of the profiled load was doing, by the function names of its stack (innermost
 * first), in the readable build (the same modules bundled by esbuild without minifying, so that the
 * names are the source's). The first rule that matches names it.
 */
const PARTS = [
  // idb's request wrapper reads request.result there: IndexedDB turns the stored records into objects.
  ['IndexedDB result (records deserialised)', (s) => s[0] === 'success'],
  ['validation of every record (#revive, valibot)', (s) => s.includes('#revive')],
  ['freezing the state', (s) => s.includes('freeze')],
  ['the rest of the store read', (s) => s.includes('#read') || s.includes('getCourse')],
  ['sorting the people (peopleInOrder)', (s) => s.includes('peopleInOrder')],
  ['formatting dates', (s) => s.includes('formatDate')],
  ['Lit render', (s) => s.includes('performUpdate')],
  ['garbage collection', (s) => s[0] === '(garbage collector)'],
  ['browser, not script (style, layout, paint, messages)', (s) => s[0] === '(program)' || s[0] === '(root)'],
  ['other script', () => true],
];
const classify = (stack) => PARTS.find(([, test]) => test(stack))[0];

const summary = (runs) => ({ median: median(runs), iqr: iqr(runs), max: Math.max(...runs), runs });

export async function scaleSuite({ browser, base, genDir, harness, reps, openReps, log }) {
  await harness.evaluate(() => window.bench.seed('bench-scale', 'large', 'LARGE'));
  const { page, errors } = await openPage(browser);
  const large = { render: [], update: [], record: [], renderMs: [], goalMs: [], personMs: [], recordChangeMs: [], recordRenderedMs: [], observed: [], widgets: { render: {}, update: {} } };
  let counts;
  for (let i = -1; i < reps; i++) {
    await load(page, `${base}/bench/pages/harness.html`, 'window.benchReady');
    const { result, tasks } = await longestTasks(page, ['render', 'update', 'record'], () => page.evaluate(() => window.bench.scaleRun('bench-scale', 'large')));
    // 201 sessions after recording one, of which the list shows 200 and a Show more button.
    const { rows, more, sessions } = result.record;
    if (sessions !== 201 || rows !== 200 || !more) throw new Error(`scale: after recording a session the counter holds ${sessions} sessions and lists ${rows}${more ? ' with' : ' without'} Show more, not 201, 200 and Show more`);
    if (i < 0) continue;
    large.render.push(tasks.render.longest);
    large.update.push(tasks.update.longest);
    large.record.push(tasks.record.longest);
    large.renderMs.push(result.render);
    large.goalMs.push(result.goal);
    large.personMs.push(result.person);
    large.recordChangeMs.push(result.record.change);
    large.recordRenderedMs.push(result.record.rendered);
    large.observed.push(...result.renderLong, ...result.updateLong, ...result.recordLong);
    counts = result.counts;
    for (const phase of ['render', 'update']) {
      for (const [tag, ms] of Object.entries(result[`${phase}Widgets`])) (large.widgets[phase][tag] ??= []).push(ms);
    }
  }
  log(`scale: longest task rendering ${median(large.render).toFixed(1)} ms, updating ${median(large.update).toFixed(1)} ms, recording a session ${median(large.record).toFixed(1)} ms`);
  log(`scale: recording a session, submit → ipt-change ${median(large.recordChangeMs).toFixed(1)} ms, → rendered ${median(large.recordRenderedMs).toFixed(1)} ms`);

  // The huge course: the large one with 20,000 people, in a database of its own. It is seeded once
  // (about half a minute) and kept in the profile; seeded again when its count of records differs.
  const hugeSeed = Date.now();
  let hugeRecords = await harness.evaluate(() => window.bench.recordCount('bench-huge', 'huge'));
  if (hugeRecords !== HUGE_RECORDS) {
    hugeRecords = await harness.evaluate(() => window.bench.seedHuge('bench-huge', 'huge'));
    if (hugeRecords !== HUGE_RECORDS) throw new Error(`scale: the huge course holds ${hugeRecords} records, not ${HUGE_RECORDS}`);
    log(`scale: seeded the huge course (${hugeRecords} records) in ${((Date.now() - hugeSeed) / 1000).toFixed(0)} s`);
  }
  const huge = { render: [], over50: [], ready: [], readyAt: {}, observed: [], widgets: {} };
  let hugeCounts;
  let hugeRows;
  let hugeNodes;
  for (let i = -1; i < reps; i++) {
    await load(page, `${base}/bench/pages/harness.html`, 'window.benchReady');
    const { result, tasks } = await longestTasks(page, ['huge'], () => page.evaluate(() => window.bench.hugeRun('bench-huge', 'huge')));
    if (result.rows !== 200 || !result.more) throw new Error(`scale: the circle's table on the huge course shows ${result.rows} rows${result.more ? '' : ' and no Show more'}, not 200 and Show more`);
    if (i < 0) continue;
    huge.render.push(tasks.huge.longest);
    huge.over50.push(tasks.huge.over50);
    huge.ready.push(result.ready);
    huge.observed.push(...result.long);
    for (const [tag, ms] of Object.entries(result.readyAt)) (huge.readyAt[tag] ??= []).push(ms);
    for (const [tag, ms] of Object.entries(result.widgets)) (huge.widgets[tag] ??= []).push(ms);
    hugeCounts = result.counts;
    hugeRows = result.rows;
    hugeNodes = result.nodes;
  }
  log(`scale: huge course (${HUGE.people} people), longest task rendering ${median(huge.render).toFixed(1)} ms, every ipt-ready after ${median(huge.ready).toFixed(0)} ms`);

  // Where the huge course's long tasks go: one load of the readable build, profiled.
  const readable = await readablePage(genDir, { page: 'harness-readable.html', title: 'ipt-elements bench harness', bundles: [READABLE_MAIN], module: '/bench/pages/harness.js', global: 'bench' });
  await load(page, `${base}${readable}`, 'window.benchReady');
  const profiled = await profileTasks(page, 'huge', () => page.evaluate(() => window.bench.hugeRun('bench-huge', 'huge', { measure: true })), classify);
  const diagnosis = {
    ready: profiled.result.ready,
    readyAt: profiled.result.readyAt,
    tasks: profiled.tasks.map((t) => ({ ...t, parts: Object.fromEntries(Object.entries(t.parts).sort((a, b) => b[1] - a[1])) })),
  };
  log(`scale: huge course, profiled load (readable build): ${diagnosis.tasks.length} tasks over 50 ms, longest first:`);
  for (const t of [...diagnosis.tasks].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    const parts = Object.entries(t.parts).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`);
    const rendering = Object.entries(t.rendering).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`);
    log(`  ${t.ms.toFixed(0)} ms at +${t.at.toFixed(0)}: ${parts.join(', ')}${rendering.length ? ` | timeline ${rendering.join(', ')}` : ''}${t.measures.length ? ` | ${t.measures.map((m) => `${m.name} ${m.ms.toFixed(0)}`).join(', ')}` : ''}`);
  }

  // 5,000 courses against 10: the same course, the rest copies of it written raw.
  // (The profile is kept between runs: a database already holding its courses is not written again.)
  const seedMany = async (database, n) => {
    await harness.evaluate((db) => window.bench.seed(db, 'open', 'REALISTIC'), database);
    const have = await harness.evaluate((db) => window.bench.courseCount(db), database);
    return have === n ? have : harness.evaluate((db, k) => window.bench.seedFiller(db, 'open', k), database, n - 1);
  };
  const t = Date.now();
  const few = await seedMany('bench-10', 10);
  const many = await seedMany('bench-5000', 5000);
  log(`scale: seeded ${few} and ${many} courses in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  const open10 = [];
  const open5000 = [];
  for (let i = -2; i < openReps; i++) {
    const order = i % 2 ? ['bench-10', 'bench-5000'] : ['bench-5000', 'bench-10'];
    for (const db of order) {
      await load(page, `${base}/bench/pages/harness.html`, 'window.benchReady');
      const ms = await page.evaluate((d) => window.bench.mount(d, 'open'), db);
      if (i >= 0) (db === 'bench-10' ? open10 : open5000).push(ms);
    }
  }
  await page.close();
  if (errors.length) throw new Error(`scale page errors: ${errors.join('; ')}`);
  log(`scale: opening with 10 courses ${median(open10).toFixed(1)} ms, with 5,000 ${median(open5000).toFixed(1)} ms`);
  return {
    reps,
    openReps,
    counts,
    render: summary(large.render),
    update: summary(large.update),
    record: summary(large.record),
    renderMs: summary(large.renderMs),
    goalMs: summary(large.goalMs),
    personMs: summary(large.personMs),
    recordChangeMs: summary(large.recordChangeMs),
    recordRenderedMs: summary(large.recordRenderedMs),
    observedLongTasks: large.observed.length,
    observedLongest: large.observed.length ? Math.max(...large.observed) : 0,
    widgets: Object.fromEntries(
      Object.entries(large.widgets).map(([phase, byTag]) => [phase, Object.fromEntries(Object.entries(byTag).map(([tag, runs]) => [tag, median(runs)]))]),
    ),
    huge: {
      size: HUGE,
      records: hugeRecords,
      render: summary(huge.render),
      over50: median(huge.over50),
      ready: summary(huge.ready),
      readyAt: Object.fromEntries(Object.entries(huge.readyAt).map(([tag, runs]) => [tag, median(runs)])),
      widgets: Object.fromEntries(Object.entries(huge.widgets).map(([tag, runs]) => [tag, median(runs)])),
      observedLongTasks: huge.observed.length,
      observedLongest: huge.observed.length ? Math.max(...huge.observed) : 0,
      counts: hugeCounts,
      rows: hugeRows,
      nodes: hugeNodes,
      diagnosis,
    },
    courses: { few, many },
    open10: summary(open10),
    open5000: summary(open5000),
    ratio: median(open5000) / median(open10),
  };
}
