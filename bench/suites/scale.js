// Scale. (1) A course of 200 sessions, 150 people and 100 goals: mounting the four widgets on it,
// then ticking a goal and moving a person, then recording a session with the counter's list of 200
// sessions open, each in a fresh page; the longest main-thread task of each phase (from a trace),
// against the 50 ms of a long task, and the time from the record form's submit to its ipt-change
// and to the counter rendered. (2) Opening the realistic course in
// a database of 5,000 courses against the same in a database of 10, each load a fresh page.
import { median, iqr } from '../lib/stats.js';
import { load, longestTasks, openPage } from '../lib/browser.js';

const summary = (runs) => ({ median: median(runs), iqr: iqr(runs), max: Math.max(...runs), runs });

export async function scaleSuite({ browser, base, harness, reps, openReps, log }) {
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
    courses: { few, many },
    open10: summary(open10),
    open5000: summary(open5000),
    ratio: median(open5000) / median(open10),
  };
}
