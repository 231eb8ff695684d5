// The write path: from a user action (tick a goal in <ipt-goal-checklist>, move a person with the
// Further/Closer buttons of <ipt-relationship-circle>) to the change stored and ipt-change fired,
// against the same record written by a plain control's listener with raw IndexedDB and with Dexie 4.
// The three alternate within each round; the widget is mounted alone (the row "all four widgets"
// mounts them together: the other three then re-read the course on the same change).
import { median, iqr } from '../lib/stats.js';
import { load, openPage } from '../lib/browser.js';

export const DATABASE = 'bench-write';
export const COURSE = 'write';

const summary = (runs) => ({ median: median(runs), iqr: iqr(runs), runs });

export async function writePath({ browser, base, harness, reps, log }) {
  await harness.evaluate((db, c) => window.bench.seed(db, c, 'REALISTIC'), DATABASE, COURSE);
  const { page, errors } = await openPage(browser);
  await load(page, `${base}/bench/pages/harness.html`, 'window.benchReady');
  await page.evaluate((db, c) => window.bench.openFloors(db, c), DATABASE, COURSE);
  const actions = [
    { name: 'tick a goal', fn: 'checkGoal', kind: 'goal', id: 'g2', tag: 'ipt-goal-checklist', run: (id) => window.bench.checkGoal(id) },
    { name: 'move a person', fn: 'movePerson', kind: 'person', id: 'p2', tag: 'ipt-relationship-circle', run: (id) => window.bench.movePerson(id) },
  ];
  const out = [];
  for (const a of actions) {
    for (const together of [false, true]) {
      await page.evaluate((db, c, tags) => window.bench.mount(db, c, tags), DATABASE, COURSE, together ? undefined : [a.tag]);
      const ipt = [];
      const stored = [];
      const raw = [];
      const dexie = [];
      for (let i = -3; i < reps; i++) {
        const r = await page.evaluate(a.run, a.id);
        const w = await page.evaluate((k, id) => window.bench.floorAction('raw', k, id), a.kind, a.id);
        const d = await page.evaluate((k, id) => window.bench.floorAction('dexie', k, id), a.kind, a.id);
        if (i < 0) continue;
        ipt.push(r.total);
        stored.push(r.stored);
        raw.push(w);
        dexie.push(d);
      }
      // One more action, instrumented: the IndexedDB requests it made and the renders it caused.
      const diagnosis = await page.evaluate((fn, id) => window.bench.countRequests(fn, id), a.fn, a.id);
      await page.evaluate(() => window.bench.unmount());
      const row = {
        diagnosis,
        action: a.name,
        together,
        ipt: summary(ipt),
        stored: summary(stored),
        raw: summary(raw),
        dexie: summary(dexie),
      };
      row.vsRaw = row.ipt.median / row.raw.median;
      row.vsDexie = row.ipt.median / row.dexie.median;
      row.storedVsRaw = row.stored.median / row.raw.median;
      out.push(row);
      log(`write: ${a.name}${together ? ' (all four)' : ''}: ipt ${row.ipt.median.toFixed(2)} ms (stored at ${row.stored.median.toFixed(2)}), raw ${row.raw.median.toFixed(2)}, dexie ${row.dexie.median.toFixed(2)}`);
    }
  }
  await page.evaluate(() => window.bench.closeFloors());
  await page.close();
  if (errors.length) throw new Error(`write page errors: ${errors.join('; ')}`);
  return { reps, rows: out };
}
