// The table printed at the end of a run and BENCHMARKS.md. Targets are judged here; where one is
// missed, the matching section of bench/why.md (hand-written, kept by the generator) says why,
// with {{placeholders}} filled from this run's figures.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { kb, ms, ratio } from './stats.js';

const KB = 1024;

function machine(results) {
  const cpu = os.cpus()[0]?.model?.trim() || 'unknown';
  let nproc = String(os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // not on PATH: os.cpus() it is
  }
  let system = `${os.type()} ${os.release()}`;
  try {
    const pretty = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) system = `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux
  }
  return [
    ['date', results.started.slice(0, 10)],
    ['CPU', `${cpu}, ${nproc} cores (nproc)`],
    ['memory', `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`],
    ['system', system],
    ['Node.js', process.version],
    ['browser', `${results.browser.replace('Chrome/', 'Chromium ')}, headless, driven by puppeteer-core`],
    ['run', `${Math.round(results.seconds)} s for the whole suite`],
  ];
}

/** The profiled load's tasks over 50 ms, longest first, as a Markdown list: what each spent its time on. */
function where(diagnosis, top = 6) {
  const list = [...diagnosis.tasks].sort((a, b) => b.ms - a.ms).slice(0, top);
  if (!list.length) return '(no task over 50 ms in the profiled load)';
  return list
    .map((t) => {
      const parts = Object.entries(t.parts)
        .filter(([, v]) => v >= 1)
        .map(([k, v]) => `${k} ${ms(v)} ms`)
        .join('; ');
      const rendering = Object.entries(t.rendering).filter(([, v]) => v >= 1);
      const renders = t.measures.filter((m) => m.name.startsWith('render ')).map((m) => `${m.name.slice(7)} ${ms(m.ms)} ms`);
      return `- a task of ${ms(t.ms)} ms, ${ms(t.at)} ms after the mount began: ${parts || 'no samples'}${rendering.length ? ` (timeline: ${rendering.map(([k, v]) => `${k} ${ms(v)} ms`).join(', ')})` : ''}${renders.length ? `; widget renders in it: ${renders.join(', ')}` : ''}`;
    })
    .join('\n');
}

/** The profiled task that read the course: the one where IndexedDB's result was deserialised. */
function readTask(diagnosis) {
  const t = [...diagnosis.tasks].sort((a, b) => (b.parts['IndexedDB result (records deserialised)'] ?? 0) - (a.parts['IndexedDB result (records deserialised)'] ?? 0))[0];
  if (!t || !t.parts['IndexedDB result (records deserialised)']) return '(not found in the profiled load)';
  const part = (k) => ms(t.parts[k] ?? 0);
  return `${ms(t.ms)} ms: IndexedDB's result ${part('IndexedDB result (records deserialised)')} ms, validation ${part('validation of every record (#revive, valibot)')} ms, garbage collection ${part('garbage collection')} ms, freezing ${part('freezing the state')} ms, the rest of the read ${part('the rest of the store read')} ms`;
}

const over = (value, limit, unit = (x) => x.toFixed(2)) => (value <= limit ? 'met' : `missed by ${unit(value - limit)} (${((value / limit - 1) * 100).toFixed(0)}% over)`);
const mdTable = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const plain = (head, rows) => {
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(width[i])).join('  ');
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

/** Judges every target; returns the summary rows and the placeholders for why.md. */
function judge(r) {
  const rows = [];
  const vars = {};
  if (r.size) {
    const bundle = r.size.rows.find((x) => x.bundle);
    const goal = r.size.rows.find((x) => x.what.startsWith('<ipt-goal-checklist>'));
    rows.push({
      key: 'size',
      what: 'Size: single-file bundle, gzip',
      figure: kb(bundle.gzip),
      target: '≤ 30 KB gzip',
      result: over(bundle.gzip, 30 * KB, (d) => kb(d)),
      met: bundle.gzip <= 30 * KB,
    });
    Object.assign(vars, {
      'size.bundle': kb(bundle.gzip),
      'size.raw': kb(bundle.raw),
      'size.over': kb(bundle.gzip - 30 * KB),
      'size.budget': r.size.budget ? kb(r.size.budget) : 'n/a',
      'size.goal': goal ? kb(goal.gzip) : 'n/a',
      'size.course': kb(r.size.rows.find((x) => x.what.startsWith('<ipt-course>'))?.gzip ?? NaN),
    });
  }
  if (r.cold) {
    rows.push({
      key: 'cold',
      what: 'Cold start, realistic course, vs floor',
      figure: `${ms(r.cold.ipt.median)} ms vs ${ms(r.cold.floor.median)} ms = ${ratio(r.cold.ratio)}`,
      target: '≤ 2x',
      result: over(r.cold.ratio, 2, (d) => `${d.toFixed(2)}x`),
      met: r.cold.ratio <= 2,
    });
    const d = r.cold.diagnosis;
    Object.assign(vars, {
      'cold.ratio': ratio(r.cold.ratio),
      'cold.reads': String(d.reads),
      'cold.records': String(d.records),
      'cold.perRead': String(r.cold.records),
      'cold.renders': `${ms(d.rendersTotal)} ms (${Object.entries(d.renders).map(([t, v]) => `${t} ${ms(v)}`).join(', ')})`,
      'cold.firstReady': ms(d.firstReady),
      'cold.lastReady': ms(d.lastReady),
      'cold.elements': String(r.cold.elements),
    });
  }
  if (r.write) {
    for (const row of r.write.rows.filter((x) => !x.together)) {
      rows.push({
        key: 'write',
        what: `Write: ${row.action} → ipt-change, vs raw IndexedDB put`,
        figure: `${ms(row.ipt.median)} ms vs ${ms(row.raw.median)} ms = ${ratio(row.vsRaw)}`,
        target: '≤ 1.5x',
        result: over(row.vsRaw, 1.5, (d) => `${d.toFixed(2)}x`),
        met: row.vsRaw <= 1.5,
      });
    }
    const goal = r.write.rows.find((x) => !x.together && x.action === 'tick a goal');
    const d = goal.diagnosis;
    Object.assign(vars, {
      'write.stored': ms(goal.stored.median),
      'write.total': ms(goal.ipt.median),
      'write.raw': ms(goal.raw.median),
      'write.storedVsRaw': ratio(goal.storedVsRaw),
      'write.transactions': String(d.counts.transactions),
      'write.requests': Object.entries(d.counts)
        .filter(([k]) => k !== 'transactions')
        .map(([k, v]) => `${v} ${k}`)
        .join(', '),
    });
  }
  if (r.scale) {
    const s = r.scale;
    rows.push({
      key: 'scale-render',
      what: 'Scale: longest task, rendering 200 sessions / 150 people / 100 goals',
      figure: `${ms(s.render.median)} ms (worst ${ms(s.render.max)})`,
      target: '≤ 50 ms',
      result: over(s.render.median, 50, (d) => `${ms(d)} ms`),
      met: s.render.median <= 50,
    });
    rows.push({
      key: 'scale-update',
      what: 'Scale: longest task, updating (tick a goal, move a person)',
      figure: `${ms(s.update.median)} ms (worst ${ms(s.update.max)})`,
      target: '≤ 50 ms',
      result: over(s.update.median, 50, (d) => `${ms(d)} ms`),
      met: s.update.median <= 50,
    });
    rows.push({
      key: 'scale-record',
      what: 'Scale: record a session with 200 listed, submit → counter rendered',
      figure: `${ms(s.recordRenderedMs.median)} ms (worst ${ms(s.recordRenderedMs.max)})`,
      target: '≤ 1000 ms',
      result: over(s.recordRenderedMs.median, 1000, (d) => `${ms(d)} ms`),
      met: s.recordRenderedMs.median <= 1000,
    });
    if (s.huge) {
      const h = s.huge;
      const people = h.size.people.toLocaleString('en');
      rows.push({
        key: 'scale-huge',
        what: `Scale: longest task, rendering ${people} people (and the large course's 200 sessions / 100 goals)`,
        figure: `${ms(h.render.median)} ms (worst ${ms(h.render.max)})`,
        target: '≤ 50 ms',
        result: over(h.render.median, 50, (d) => `${ms(d)} ms`),
        met: h.render.median <= 50,
      });
      rows.push({
        key: 'scale-huge-ready',
        what: `Scale: ${people} people, mount → every ipt-ready`,
        figure: `${ms(h.ready.median)} ms (worst ${ms(h.ready.max)}; the large course ${ms(s.renderMs.median)} ms)`,
        target: 'none set',
        result: 'reported',
        met: true,
      });
      Object.assign(vars, {
        'scale.huge.people': people,
        'scale.huge.records': h.records.toLocaleString('en'),
        'scale.huge.longest': ms(h.render.median),
        'scale.huge.over50': String(h.over50),
        'scale.huge.ready': ms(h.ready.median),
        'scale.huge.readyAt': Object.entries(h.readyAt).map(([t, v]) => `${t} ${ms(v)} ms`).join(', '),
        'scale.huge.widgets': Object.entries(h.widgets).map(([t, v]) => `${t} ${ms(v)} ms`).join(', '),
        'scale.huge.nodes': h.nodes === undefined ? 'n/a' : h.nodes.toLocaleString('en'),
        'scale.huge.where': where(h.diagnosis),
        'scale.huge.read': readTask(h.diagnosis),
        'scale.large.longest': ms(s.render.median),
      });
    }
    rows.push({
      key: 'open',
      what: 'Scale: open a course among 5,000 vs among 10',
      figure: `${ms(s.open5000.median)} ms vs ${ms(s.open10.median)} ms = ${ratio(s.ratio)}`,
      target: '≤ 1.2x',
      result: over(s.ratio, 1.2, (d) => `${d.toFixed(2)}x`),
      met: s.ratio <= 1.2,
    });
    Object.assign(vars, {
      'scale.widgetsRender': Object.entries(s.widgets.render).map(([t, v]) => `${t} ${ms(v)} ms`).join(', '),
      'scale.widgetsUpdate': Object.entries(s.widgets.update).map(([t, v]) => `${t} ${ms(v)} ms`).join(', '),
      'scale.counts': Object.entries(s.counts).map(([t, v]) => `${t} ${v}`).join(', '),
      'scale.elements': String(Object.values(s.counts).reduce((a, b) => a + b, 0)),
    });
  }
  if (r.sync) {
    const s = r.sync;
    const x = (d) => `${d.toFixed(2)}x`;
    /** A ratio row: `a` (ipt-elements) against `b`, within `limit` times. */
    const ratioRow = (key, what, a, b, value, limit) =>
      rows.push({ key, what, figure: `${ms(a.median)} ms vs ${ms(b.median)} ms = ${ratio(value)}`, target: `≤ ${limit}x`, result: over(value, limit, x), met: value <= limit });
    ratioRow('sync-click', 'Sync: tick a goal → the Goal on the server (syncNow), vs raw fetch PUT', s.click.server, s.click.raw, s.click.ratio, 1.5);
    ratioRow('sync-pull', `Sync: first pull of the realistic course (${s.pull.records} records), fresh database, vs the same searches with fetch`, s.pull.sync, s.pull.raw, s.pull.ratio, 1.5);
    ratioRow('sync-write', 'Sync: store.write of one record, a sync started vs none', s.write.on, s.write.off, s.write.ratio, 1.2);
    rows.push({
      key: 'sync-large',
      what: `Sync: longest task, first pull of a course of ${s.large.records.toLocaleString('en')} records`,
      figure: `${ms(s.large.longest.median)} ms (worst ${ms(s.large.longest.max)}; ${s.large.over50} tasks over 50 ms)`,
      target: '≤ 50 ms',
      result: over(s.large.longest.median, 50, (d) => `${ms(d)} ms`),
      met: s.large.longest.median <= 50,
    });
    const asked = (a) => Object.entries(a).map(([k, v]) => `${v} ${k}`).join(', ');
    const parts = (p) => Object.entries(p).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${ms(v)} ms`).join('; ');
    Object.assign(vars, {
      'sync.click.server': ms(s.click.server.median),
      'sync.click.raw': ms(s.click.raw.median),
      'sync.click.ratio': ratio(s.click.ratio),
      'sync.click.change': ms(s.click.change.median),
      'sync.click.putSent': ms(s.click.putSent.median),
      'sync.click.waiting': ms(s.click.waiting.median),
      'sync.click.round': ms(s.click.round.median),
      'sync.click.requests': asked(s.click.requests),
      'sync.click.count': String(Object.values(s.click.requests).reduce((a, b) => a + b, 0)),
      'sync.pull.sync': ms(s.pull.sync.median),
      'sync.pull.raw': ms(s.pull.raw.median),
      'sync.pull.ratio': ratio(s.pull.ratio),
      'sync.pull.waiting': ms(s.pull.waiting.median),
      'sync.pull.requests': asked(s.pull.requests),
      'sync.pull.profile': `${parts(s.pull.profile.parts)} (${s.pull.profile.tasks} tasks, the pull ${ms(s.pull.profile.ms)} ms)`,
      'sync.write.rounds': String(s.write.rounds),
      'sync.large.records': s.large.records.toLocaleString('en'),
      'sync.large.longest': ms(s.large.longest.median),
      'sync.large.over50': String(s.large.over50),
      'sync.large.ms': ms(s.large.ms.median),
      'sync.large.requests': asked(s.large.requests),
      'sync.large.parts': parts(s.large.diagnosis.parts),
      'sync.large.where': where(s.large.diagnosis).replaceAll('after the mount began', 'after startSync()'),
    });
  }
  if (r.memory) {
    const worst = Math.max(...r.memory.growth);
    rows.push({
      key: 'memory',
      what: `Memory: heap growth after ${r.memory.cycles} mounts + unmounts of the four widgets`,
      figure: `${kb(r.memory.median)} (median of ${r.memory.runs} runs; worst ${kb(worst)})`,
      target: '< 1 MB',
      result: worst < 1024 * KB ? 'met' : `missed by ${kb(worst - 1024 * KB)}`,
      met: worst < 1024 * KB,
    });
  }
  return { rows, vars };
}

/** The sections of bench/why.md, by key (`## key` headings), placeholders filled. */
function why(root, vars) {
  let text = '';
  try {
    text = readFileSync(resolve(root, 'bench/why.md'), 'utf8');
  } catch {
    return {};
  }
  const fill = (s) => s.replace(/\{\{([\w.]+)\}\}/g, (_, k) => vars[k] ?? `(${k}: not measured)`);
  const out = {};
  for (const part of text.split(/^## /m).slice(1)) {
    const [key, ...body] = part.split('\n');
    out[key.trim()] = fill(body.join('\n').trim());
  }
  return out;
}

export function report(r, root = process.cwd()) {
  const { rows, vars } = judge(r);
  const reasons = why(root, vars);
  const summaryHead = ['target', 'figure (median)', 'target', 'result'];
  const summary = rows.map((x) => [x.what, x.figure, x.target, x.result]);

  // The console table: the summary, then the comparisons without a target.
  const extra = [];
  if (r.write) {
    for (const row of r.write.rows) {
      extra.push([`Write: ${row.action}${row.together ? ' (all four widgets on the page)' : ''}`, `${ms(row.ipt.median)} ms (stored at ${ms(row.stored.median)})`, `raw ${ms(row.raw.median)} ms, Dexie ${ms(row.dexie.median)} ms`, `${ratio(row.vsRaw)} raw, ${ratio(row.vsDexie)} Dexie`]);
    }
  }
  if (r.peers) {
    for (const p of Object.values(r.peers.rows)) {
      extra.push([`Peers: ${p.name}`, `${ms(p.median)} ms to usable`, `${kb(p.bytes.gzip)} gzip shipped`, `${ratio(p.timeVsIpt)} time, ${ratio(p.gzipVsIpt)} bytes vs ipt`]);
    }
  }
  const table = [
    'ipt-elements benchmarks (medians; every ratio measured in one Chromium session)',
    '',
    plain(summaryHead, summary),
    '',
    plain(['comparison', 'ipt-elements', 'others', 'ratio'], extra),
  ].join('\n');

  // BENCHMARKS.md
  const md = [];
  md.push('# Benchmarks');
  md.push('');
  md.push(
    'Generated by `npm run bench` (bench/run.js); do not edit by hand, run it again. The explanations of missed targets come from `bench/why.md`. Every figure is a median over repeated runs, and every comparison is a ratio of two medians measured in the same headless Chromium session, the runs of the two sides alternating: on a shared machine absolute times are noise, ratios are what carry over.',
  );
  md.push('');
  md.push('## Machine');
  md.push('');
  md.push(mdTable(['', ''], machine(r)));
  md.push('');
  if (r.peers) md.push(`Packages compared: ${Object.entries(r.peers.versions).map(([k, v]) => `${k} ${v}`).join(', ')} (bench/package.json).`, '');
  md.push('## Targets');
  md.push('');
  md.push(mdTable(['what', 'figure (median)', 'target', 'result'], summary));
  md.push('');
  const missed = new Set(rows.filter((x) => !x.met).map((x) => x.key));
  const because = (key) => (missed.has(key) && reasons[key] ? [`**Why the target is missed.** ${reasons[key]}`, ''] : []);

  if (r.size) {
    md.push('## Size');
    md.push('');
    md.push(mdTable(['what', 'minified', 'gzip -9', 'brotli q11'], r.size.rows.map((x) => [x.what.replace(/</g, '&lt;'), kb(x.raw), kb(x.gzip), kb(x.brotli)])));
    md.push('');
    md.push(reasons['size-note'] ?? '');
    md.push('');
    md.push(...because('size'));
  }
  if (r.cold) {
    const c = r.cold;
    md.push('## Cold start');
    md.push('');
    md.push(
      `From the script tag to all four widgets rendered (every \`ipt-ready\`, then a forced layout), the realistic course (16 sessions, 25 people, 2 disputes, 10 goals, 6 measures: ${c.records} records) already in IndexedDB; ${c.reps} loads of each page, alternating, each with its own nonce so that no compiled code is reused. The floor reads the same records with one raw \`getAll\` and builds the same DOM (${c.elements} elements, ${c.textNodes} text nodes, the same shadow roots and stylesheets, a listener on every control) with plain DOM calls.`,
    );
    md.push('');
    md.push(mdTable(['page', 'median', 'interquartile range'], [['ipt-elements (single-file bundle)', `${ms(c.ipt.median)} ms`, `${ms(c.ipt.iqr[0])}–${ms(c.ipt.iqr[1])} ms`], ['floor (raw IndexedDB, plain DOM)', `${ms(c.floor.median)} ms`, `${ms(c.floor.iqr[0])}–${ms(c.floor.iqr[1])} ms`], ['ratio', ratio(c.ratio), '']]));
    md.push('');
    const d = c.diagnosis;
    md.push(
      `Where the time goes (${d.loads} separate instrumented loads): ${d.reads} IndexedDB reads of the course (${d.records} records read in all), first widget ready at ${ms(d.firstReady)} ms, last at ${ms(d.lastReady)} ms; first renders ${ms(d.rendersTotal)} ms in all (${Object.entries(d.renders).map(([t, v]) => `${t} ${ms(v)} ms`).join(', ')}).`,
    );
    md.push('');
    md.push(...because('cold'));
  }
  if (r.write) {
    md.push('## Write path');
    md.push('');
    md.push(
      `From the user action (a click on the goal's checkbox, on the person's Further/Closer button) to \`ipt-change\`, the widget mounted alone on the realistic course; "stored" is when the store announced the committed transaction. The floors: a plain checkbox or button whose listener writes the same record (the stored envelope, next version) in one raw IndexedDB \`put\`, or with Dexie ${r.peers?.versions?.dexie ?? '4'} \`table.put\`, then dispatches an event. ${r.write.reps} rounds, the three alternating.`,
    );
    md.push('');
    md.push(
      mdTable(
        ['action', 'ipt → ipt-change', 'ipt → stored', 'raw put', 'Dexie 4 put', 'ipt / raw', 'ipt / Dexie'],
        r.write.rows.map((x) => [`${x.action}${x.together ? ', all four widgets on the page' : ''}`, `${ms(x.ipt.median)} ms`, `${ms(x.stored.median)} ms`, `${ms(x.raw.median)} ms`, `${ms(x.dexie.median)} ms`, ratio(x.vsRaw), ratio(x.vsDexie)]),
      ),
    );
    md.push('');
    md.push(
      `One instrumented action each: ${r.write.rows
        .filter((x) => !x.together)
        .map((x) => `${x.action}: ${x.diagnosis.counts.transactions} transactions, ${Object.entries(x.diagnosis.counts).filter(([k]) => k !== 'transactions').map(([k, v]) => `${v} ${k}`).join(', ')}`)
        .join('; ')} (the raw floor: 1 transaction, 1 put).`,
    );
    md.push('');
    md.push(...because('write'));
  }
  if (r.scale) {
    const s = r.scale;
    md.push('## Scale');
    md.push('');
    md.push(
      `The large course (200 sessions, 150 people, 100 goals, 10 disputes, 40 measures): the four widgets mounted in a fresh page, then a goal ticked and a person moved, then a session recorded with the counter's form while its list of sessions is open (removed again afterwards); the longest main-thread task of each phase, from a trace (categories \`toplevel\` and \`blink.user_timing\` only). ${s.reps} fresh pages. The widgets render ${s.counts ? Object.values(s.counts).reduce((a, b) => a + b, 0) : '?'} shadow-DOM elements (${vars['scale.counts'] ?? ''}).`,
    );
    md.push('');
    md.push(
      mdTable(
        ['phase', 'longest task (median)', 'worst', 'time (median)'],
        [
          ['render (mount to every ipt-ready, then a frame)', `${ms(s.render.median)} ms`, `${ms(s.render.max)} ms`, `${ms(s.renderMs.median)} ms`],
          ['update: tick a goal, then move a person', `${ms(s.update.median)} ms`, `${ms(s.update.max)} ms`, `${ms(s.goalMs.median)} ms + ${ms(s.personMs.median)} ms to ipt-change`],
          ['record a session, 200 listed (submit to ipt-change, to rendered)', `${ms(s.record.median)} ms`, `${ms(s.record.max)} ms`, `${ms(s.recordChangeMs.median)} ms, ${ms(s.recordRenderedMs.median)} ms`],
        ],
      ),
    );
    md.push('');
    md.push(`Longest single render (Lit update) per widget: first render ${vars['scale.widgetsRender']}; after a change ${vars['scale.widgetsUpdate']}. The page's own \`longtask\` observer saw ${s.observedLongTasks} long tasks in ${s.reps} pages (longest ${ms(s.observedLongest)} ms).`);
    md.push('');
    md.push(...because('scale-render'));
    md.push(...because('scale-update'));
    md.push(...because('scale-record'));
    if (s.huge) {
      const h = s.huge;
      md.push(
        `The huge course: the large course with ${vars['scale.huge.people']} people (${vars['scale.huge.records']} records). A course document holds at most 10,000 records, so the bench imports it with 150 people and adds the others through the store's own writes (\`store.apply\`, 1,000 puts to a transaction, each validated); the database is kept in the bench's browser profile. The four widgets mounted on it in a fresh page; the longest main-thread task from the mount until a frame after the last \`ipt-ready\`, from the same trace. ${h.render.runs.length} fresh pages. The long lists show their first 200 rows and a Show more button (the circle's table shows ${h.rows}; its drawing holds ${vars['scale.huge.nodes']} nodes, the rest of each ring counted as "+N"); the widgets render ${h.counts ? Object.values(h.counts).reduce((a, b) => a + b, 0) : '?'} shadow-DOM elements (${Object.entries(h.counts ?? {}).map(([t, v]) => `${t} ${v}`).join(', ')}).`,
      );
      md.push('');
      md.push(
        mdTable(
          ['course', 'longest task (median)', 'worst', 'tasks over 50 ms (median)', 'mount → every ipt-ready (median)'],
          [
            ['large (150 people)', `${ms(s.render.median)} ms`, `${ms(s.render.max)} ms`, '', `${ms(s.renderMs.median)} ms`],
            [`huge (${vars['scale.huge.people']} people)`, `${ms(h.render.median)} ms`, `${ms(h.render.max)} ms`, String(h.over50), `${ms(h.ready.median)} ms`],
          ],
        ),
      );
      md.push('');
      md.push(
        `On the huge course each widget was ready after (median) ${vars['scale.huge.readyAt']}; the longest single render per widget: ${vars['scale.huge.widgets']}. The page's own \`longtask\` observer saw ${h.observedLongTasks} long tasks in ${h.render.runs.length} pages (longest ${ms(h.observedLongest)} ms).`,
      );
      md.push('');
      md.push(
        `Where the time goes: one more load, of the same modules bundled without minifying (so that a profile names the functions), traced with V8's sampling profiler and the timeline; a diagnosis, not a figure (profiling slows the page). Every ipt-ready after ${ms(h.diagnosis.ready)} ms; its tasks over 50 ms, longest first:`,
      );
      md.push('');
      md.push(vars['scale.huge.where']);
      md.push('');
      md.push(...because('scale-huge'));
    }
    md.push(
      `Opening the realistic course (mounting the four widgets in a fresh page, store opening included) in a database of ${s.courses.many} courses against one of ${s.courses.few} (the others copies of it): ${ms(s.open5000.median)} ms against ${ms(s.open10.median)} ms, ${ratio(s.ratio)} (${s.openReps} loads each, alternating).`,
    );
    md.push('');
    md.push(...because('open'));
  }
  if (r.peers) {
    const p = r.peers;
    md.push('## Peers');
    md.push('');
    md.push(
      `A checklist of 20 goals: \`<ipt-goal-checklist>\` reading them from IndexedDB, and the same 20 goals as a form of check boxes in LHC-Forms (lforms ${p.versions.lforms}, its prebuilt web component: styles.css, zone.min.js, runtime.js, polyfills.js, main.js as its README lists them) and in SurveyJS (survey-core ${p.versions['survey-core']} + survey-js-ui ${p.versions['survey-js-ui']}, one \`checkbox\` question, the fontless theme). Bytes: every file the page fetched, compressed as a server would send it. Time: from the first script tag until the 20 check boxes are in the page and laid out (ipt: \`ipt-ready\`; LHC-Forms: \`addFormToPage\` resolved; SurveyJS: the boxes rendered). ${p.reps} loads of each page, alternating.`,
    );
    md.push('');
    md.push(
      mdTable(
        ['page', 'gzip shipped', 'brotli', 'minified', 'time to usable', 'time vs ipt', 'bytes vs ipt'],
        Object.values(p.rows).map((x) => [x.name.replace(/</g, '&lt;'), kb(x.bytes.gzip), kb(x.bytes.brotli), kb(x.bytes.raw), `${ms(x.median)} ms`, ratio(x.timeVsIpt), ratio(x.gzipVsIpt)]),
      ),
    );
    md.push('');
    md.push(reasons['peers-note'] ?? '');
    md.push('');
  }
  if (r.memory) {
    const m = r.memory;
    md.push('## Memory');
    md.push('');
    md.push(
      `The four widgets in an \`<ipt-course>\` mounted (waiting for every \`ipt-ready\`) and unmounted ${m.cycles} times, ${m.runs} times over in one page after a warm-up of 20; the heap after garbage collection (CDP \`HeapProfiler.collectGarbage\`, \`Runtime.getHeapUsage\`) after each run, against the run before.`,
    );
    md.push('');
    md.push(
      mdTable(
        ['after', 'heap used', 'growth', 'DOM nodes', 'JS event listeners'],
        m.points.map((x, i) => [i === 0 ? 'warm-up' : `run ${i} (${m.cycles} cycles, ${m.seconds[i - 1].toFixed(0)} s)`, kb(x.heap), i === 0 ? '' : kb(x.heap - m.points[i - 1].heap), String(x.nodes), String(x.listeners)]),
      ),
    );
    md.push('');
    md.push(...because('memory'));
  }
  if (r.sync) {
    const s = r.sync;
    md.push('## Sync');
    md.push('');
    md.push(
      `Against a real FHIR engine: Medplum's FHIR router (@medplum/fhir-router with its MemoryRepository, test/fhir-servers/medplum/server.js) on 127.0.0.1, started for the run by test/fhir-servers/launch.js and stopped by its PID. Each side alternates with the other in one page (bench/pages/sync.js); ${s.reps} rounds of each (the large course: ${s.largeReps} fresh pages). The sync is started with no interval and no debounce round (a round runs when asked), except in the write path, where it has its defaults. Times: the answer's head arrived (a fetch resolved), the body read after.`,
    );
    md.push('');
    md.push(
      mdTable(
        ['measure', 'ipt-elements (median)', 'interquartile range', 'raw fetch / no sync (median)', 'ratio'],
        [
          [`tick a goal in &lt;ipt-goal-checklist&gt;, syncNow() at its ipt-change → the answer to the sync's PUT of the Goal (raw: one PUT of the same Goal with If-Match)`, `${ms(s.click.server.median)} ms`, `${ms(s.click.server.iqr[0])}–${ms(s.click.server.iqr[1])} ms`, `${ms(s.click.raw.median)} ms`, ratio(s.click.ratio)],
          [`first pull of the realistic course (${s.pull.records} records) into a fresh database, startSync() → its first round over (raw: the ${s.pull.requests ? Object.keys(s.pull.requests).filter((k) => k !== 'GET metadata').length : '?'} searches, one after another)`, `${ms(s.pull.sync.median)} ms`, `${ms(s.pull.sync.iqr[0])}–${ms(s.pull.sync.iqr[1])} ms`, `${ms(s.pull.raw.median)} ms`, ratio(s.pull.ratio)],
          ['store.write of one goal, a sync started (default interval and debounce) / none', `${ms(s.write.on.median)} ms`, `${ms(s.write.on.iqr[0])}–${ms(s.write.on.iqr[1])} ms`, `${ms(s.write.off.median)} ms`, ratio(s.write.ratio)],
        ],
      ),
    );
    md.push('');
    md.push(
      `The click: ipt-change after ${vars['sync.click.change']} ms, the sync's PUT sent ${vars['sync.click.putSent']} ms after the click, the round over after ${vars['sync.click.round']} ms; the round asked ${vars['sync.click.requests']}, and waited ${vars['sync.click.waiting']} ms in all for their answers. The first pull asked ${vars['sync.pull.requests']}, waiting ${vars['sync.pull.waiting']} ms for answers; one more pull of the readable build, profiled, spent its script time on: ${vars['sync.pull.profile']}. During the writes with a sync started, ${vars['sync.write.rounds']} sync rounds ran.`,
    );
    md.push('');
    md.push(...because('sync-click'));
    md.push(...because('sync-pull'));
    md.push(...because('sync-write'));
    md.push(
      `The large course: ${vars['sync.large.records']} records (${Object.entries(s.large.size).map(([k, v]) => `${v} ${k}`).join(', ')}), written to the server in one transaction of the SDK's own FHIR export (${s.large.resources} resources), pulled into a fresh database (startSync() → its first round over, then 50 ms) in ${s.large.longest.runs.length} fresh pages, traced as the scale suite does: the longest main-thread task ${ms(s.large.longest.median)} ms (worst ${ms(s.large.longest.max)} ms), ${s.large.over50} tasks over 50 ms (median), the pull taking ${vars['sync.large.ms']} ms (${vars['sync.large.requests']}).${s.large.failures?.length ? ` ${s.large.failures.length} more pulls ended early and were run again: ${s.large.failures.join('; ')}.` : ''}`,
    );
    md.push('');
    md.push(`Where the time goes: one more pull of the readable build, profiled (a diagnosis, not a figure); its tasks over 50 ms, longest first:`);
    md.push('');
    md.push(vars['sync.large.where']);
    md.push('');
    md.push(...because('sync-large'));
  }
  md.push('## Running it');
  md.push('');
  md.push(reasons['running'] ?? '');
  md.push('');
  return { table, markdown: `${md.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n` };
}
