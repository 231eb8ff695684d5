/**
 * Issue 9, model-based test: fast-check generates random sequences of actions (create, add, edit,
 * move, remove, record, import, delete, and invalid writes) and runs each against the store and
 * against a plain in-memory reference (model-reference.ts). Every action must have the outcome the
 * reference predicts (refusals included); after each sequence, and after the IndexedDB store is
 * closed and opened again, the two hold the same courses.
 *
 * A failure prints fast-check's seed and path: put them in REPLAY below to run that case alone.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { openStore, type IptStore } from '../../src/store/index.js';
import type { Change as StoreChange } from '../../src/store/store.js';
import { uniqueDb } from '../fixtures.js';
import { KINDS, LIST, Reference, type Change, type Kind, type Outcome, type Rec } from './model-reference.js';

/** Seeds of the runs; a failure's own seed and path can be put in REPLAY to replay it. */
const SEEDS = { indexeddb: 20260609, memory: 9062026 };
const REPLAY = undefined as { seed: number; path: string } | undefined;

interface Real {
  store: IptStore;
  database?: string;
}
type Cmd = fc.AsyncCommand<Reference, Real>;

const COURSES = ['c1', 'c2'];
const PEOPLE = ['p1', 'p2', 'p3'];
const DISPUTES = ['d1', 'd2'];
const GOALS = ['g1', 'g2', 'g3'];
const SESSIONS = ['s1', 's2', 's3'];
const MEASURES = ['m1', 'm2'];
const DATES = ['2026-01-05', '2026-01-12', '2026-02-02', '2026-03-01'];
const STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;
const AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;

/** Mostly the seeded course, sometimes the other one (missing until created or imported). */
const course = fc.oneof({ weight: 4, arbitrary: fc.constant(COURSES[0]!) }, { weight: 1, arbitrary: fc.constant(COURSES[1]!) });
const date = fc.constantFrom(...DATES);
/** Free text: mostly short, sometimes padded, blank, markup or over a limit. */
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 2, arbitrary: fc.constantFrom('  Ana  ', '<b>x</b>', '', '   ', 'J.\u202E', 'a\u0000b') },
  { weight: 1, arbitrary: fc.constantFrom('y'.repeat(121), 'z'.repeat(501)) },
);
/** A name or a goal's text: mostly fine, sometimes blank, padded or too long. */
const name = fc.oneof({ weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) }, { weight: 1, arbitrary: text });
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** The record without its undefined fields (an absent optional field is left out, as a host would). */
const plain = <T extends object>(r: T): T => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as T;

/** What ran: sequences per storage, and actions in all. */
const runs = { indexeddb: 0, memory: 0, actions: 0 };

/** The code a call rejected with, or 'ok'. */
async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? `unexpected ${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** Runs an action on the store and checks it had the outcome the reference predicted. */
async function expectOutcome(label: string, predicted: Outcome, call: () => Promise<unknown>): Promise<void> {
  const actual = await outcomeOf(call);
  if (actual !== predicted) throw new Error(`${label}: the reference predicts ${predicted}, the store answered ${actual}`);
}

/** A command: `label` for reports, `act` runs it on both sides, `when` says whether it applies to the reference's state. */
const command = (label: string, act: (m: Reference, r: Real) => Promise<void>, when: (m: Reference) => boolean = () => true): Cmd => ({
  check: when,
  run: (m, r) => {
    runs.actions++;
    return act(m, r);
  },
  toString: () => label,
});

/** One action through store.apply, predicted by the reference's apply. */
const applying = (label: string, courseId: string, changes: (m: Reference) => Change[], when?: (m: Reference) => boolean) =>
  command(
    label,
    async (m, r) => {
      const list = changes(m);
      const predicted = m.apply(courseId, list);
      await expectOutcome(`${label} ${JSON.stringify(list).slice(0, 300)}`, predicted, () => r.store.apply(courseId, list as StoreChange[]));
    },
    when,
  );

// ---------------------------------------------------------------- the commands

const createCourse = fc
  .record({ id: course, sessions: fc.integer({ min: 0, max: 101 }), patient: optional(text), focus: fc.subarray([...AREAS], { maxLength: 2 }) })
  .map(({ id, sessions, patient, focus }) => {
    const input = plain({ id, patient, focus, contract: { sessions } });
    return command(`createCourse ${JSON.stringify(input)}`, async (m, r) => expectOutcome('createCourse', m.createCourse(input), () => r.store.createCourse(input as never)));
  });

const editCourse = fc.record({ id: course, sessions: fc.integer({ min: 0, max: 101 }), patient: optional(text) }).map(({ id, sessions, patient }) =>
  applying(`editCourse ${id} ${sessions}`, id, (m) => {
    const old = m.courses.get(id)?.course ?? { id, contract: { sessions: 16 } };
    return [{ op: 'put', entity: 'course', record: plain({ ...old, patient, contract: { ...(old.contract as object), sessions } }) }];
  }),
);

const putPerson = fc
  .record({ c: course, id: fc.constantFrom(...PEOPLE), name, relationship: optional(text), ring: fc.integer({ min: 0, max: 6 }), support: optional(fc.integer({ min: 0, max: 3 })), supportive: optional(text) })
  .map(({ c, id, ...fields }) =>
    applying(`putPerson ${c} ${JSON.stringify({ id, ...fields })}`, c, (m) => [{ op: 'put', entity: 'person', record: plain({ ...(m.get(c, 'person', id) ?? { id }), ...fields }) }]),
  );

const movePerson = fc.record({ c: course, id: fc.constantFrom(...PEOPLE), ring: fc.integer({ min: 0, max: 6 }) }).map(({ c, id, ring }) =>
  // A missing person's move is a record with no name: refused.
  applying(`movePerson ${c} ${id} to ${ring}`, c, (m) => [{ op: 'put', entity: 'person', record: { ...(m.get(c, 'person', id) ?? { id }), ring } }]),
);

const removeOne = (kind: Kind, ids: string[]) =>
  fc.record({ c: course, id: fc.constantFrom(...ids) }).map(({ c, id }) => applying(`remove ${kind} ${c} ${id}`, c, () => [{ op: 'delete', entity: kind, id }]));

const putDispute = fc
  .record({ c: course, id: fc.constantFrom(...DISPUTES), personId: fc.constantFrom(...PEOPLE), stage: fc.constantFrom(...STAGES), at: date, issue: optional(text) })
  .map(({ c, id, personId, stage, at, issue }) =>
    applying(`putDispute ${c} ${id} with ${personId} at ${stage}`, c, () => [
      { op: 'put', entity: 'dispute', record: plain({ id, personId, stage, history: [{ to: stage, date: at }], issue }) },
    ]),
  );

const moveDispute = fc
  .record({ c: course, id: fc.constantFrom(...DISPUTES), to: fc.constantFrom(...STAGES), at: date, note: optional(text) })
  .map(({ c, id, to, at, note }) =>
    applying(
      `moveDispute ${c} ${id} to ${to}`,
      c,
      (m) => {
        const d = m.get(c, 'dispute', id)!;
        const history = [...(d.history as Rec[]), plain({ from: d.stage, to, date: at, note })];
        return [{ op: 'put', entity: 'dispute', record: { ...d, stage: to, history } }];
      },
      (m) => m.has(c, 'dispute', id) && m.get(c, 'dispute', id)!.stage !== to,
    ),
  );

const closeDispute = fc.record({ c: course, id: fc.constantFrom(...DISPUTES), at: date, outcome: fc.constantFrom('resolved', 'dissolved', 'unresolved') }).map(({ c, id, at, outcome }) =>
  applying(
    `closeDispute ${c} ${id} ${outcome}`,
    c,
    (m) => {
      const { outcome: was, closed: _c, ...open } = m.get(c, 'dispute', id)!;
      // Closing a closed one reopens it.
      return [{ op: 'put', entity: 'dispute', record: was === undefined ? { ...open, outcome, closed: at } : open }];
    },
    (m) => m.has(c, 'dispute', id),
  ),
);

const putGoal = fc
  .record({ c: course, id: fc.constantFrom(...GOALS), text: name, area: fc.constantFrom(...AREAS), order: fc.integer({ min: -5, max: 50 }), set: date })
  .map(({ c, id, ...fields }) =>
    applying(`putGoal ${c} ${JSON.stringify({ id, ...fields })}`, c, (m) => [{ op: 'put', entity: 'goal', record: { ...(m.get(c, 'goal', id) ?? { id }), ...fields } }]),
  );

const checkGoal = fc.record({ c: course, id: fc.constantFrom(...GOALS), achieved: fc.boolean(), at: date }).map(({ c, id, achieved, at }) =>
  applying(
    `checkGoal ${c} ${id} ${achieved}`,
    c,
    (m) => {
      const { achieved: _a, ...g } = m.get(c, 'goal', id)!;
      const record = achieved ? { ...g, lifecycle: 'completed', achievement: 'achieved', achieved: at } : { ...g, lifecycle: 'active', achievement: 'in-progress' };
      return [{ op: 'put', entity: 'goal', record }];
    },
    (m) => m.has(c, 'goal', id),
  ),
);

const reorderGoals = fc.record({ c: course, a: fc.constantFrom(...GOALS), b: fc.constantFrom(...GOALS) }).map(({ c, a, b }) =>
  applying(
    `reorderGoals ${c} ${a} <-> ${b}`,
    c,
    (m) => {
      const [ga, gb] = [m.get(c, 'goal', a)!, m.get(c, 'goal', b)!];
      return [
        { op: 'put', entity: 'goal', record: { ...ga, order: gb.order } },
        { op: 'put', entity: 'goal', record: { ...gb, order: ga.order } },
      ];
    },
    (m) => a !== b && m.has(c, 'goal', a) && m.has(c, 'goal', b),
  ),
);

const recordSession = fc
  .record({
    c: course,
    id: fc.constantFrom(...SESSIONS),
    at: date,
    status: fc.constantFrom('attended', 'cancelled', 'no-show'),
    measure: optional(fc.record({ id: fc.constantFrom(...MEASURES), instrument: fc.constantFrom('PHQ-9', 'GAD-7', 'other'), score: fc.integer({ min: -1, max: 30 }), label: optional(text) })),
  })
  .map(({ c, id, at, status, measure }) =>
    applying(`recordSession ${c} ${id} ${status}${measure ? ` with ${JSON.stringify(measure)}` : ''}`, c, () => [
      { op: 'put', entity: 'session', record: { id, date: at, status } },
      ...(measure ? [{ op: 'put' as const, entity: 'measure' as const, record: plain({ ...measure, date: at, sessionId: id }) }] : []),
    ]),
  );

const removeRecords = fc
  .record({ c: course, picks: fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 3 }) })
  .map(({ c, picks }) => {
    const pools: Record<Kind, string[]> = { session: SESSIONS, person: PEOPLE, dispute: DISPUTES, goal: GOALS, measure: MEASURES };
    const changes: Change[] = picks.map(([kind, k]) => ({ op: 'delete', entity: kind, id: pools[kind][k % pools[kind].length]! }));
    return applying(`removeRecords ${c} ${changes.map((x) => `${x.entity}:${(x as { id: string }).id}`).join(' ')}`, c, () => changes);
  });

/** One action of puts and deletes across kinds: references are judged on the state it leaves. */
const mixedAction = fc
  .record({
    c: course,
    steps: fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...KINDS), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: 2, maxLength: 4 }),
  })
  .map(({ c, steps }) => {
    const pick = (pool: string[], k: number) => pool[k % pool.length]!;
    const fresh: Record<Kind, (id: string, k: number) => Record<string, unknown>> = {
      session: (id) => ({ id, date: DATES[1], status: 'attended' }),
      person: (id) => ({ id, name: `N ${id}`, ring: 2 }),
      dispute: (id, k) => ({ id, personId: pick(PEOPLE, k), stage: 'renegotiation', history: [{ to: 'renegotiation', date: DATES[1] }] }),
      goal: (id, k) => ({ id, text: `goal ${id}`, area: 'grief', order: k, set: DATES[1] }),
      measure: (id, k) => ({ id, instrument: 'GAD-7', score: k, date: DATES[1], sessionId: pick(SESSIONS, k) }),
    };
    const pools: Record<Kind, string[]> = { session: SESSIONS, person: PEOPLE, dispute: DISPUTES, goal: GOALS, measure: MEASURES };
    const changes: Change[] = steps.map(([put, kind, i, k]) =>
      put ? { op: 'put', entity: kind, record: fresh[kind](pick(pools[kind], i), k) } : { op: 'delete', entity: kind, id: pick(pools[kind], i) },
    );
    const said = changes.map((x) => (x.op === 'put' ? `put ${x.entity}:${x.record.id}${x.record.personId ?? x.record.sessionId ? `->${x.record.personId ?? x.record.sessionId}` : ''}` : `delete ${x.entity}:${x.id}`));
    return applying(`mixedAction ${c} ${said.join(', ')}`, c, () => changes);
  });

const exportImport = fc.record({ from: course, to: course, replace: fc.boolean() }).map(({ from, to, replace }) =>
  command(`export ${from}, import as ${to}${replace ? ' replacing' : ''}`, async (m, r) => {
    const predicted = m.importCopy(from, to, replace);
    await expectOutcome(`export ${from} / import ${to}`, predicted, async () => {
      const doc = JSON.parse(JSON.stringify(await r.store.exportCourse(from)));
      doc.course.id = to;
      for (const kind of KINDS) for (const record of doc[LIST[kind]]) record.courseId = to;
      await r.store.importCourse(doc, { replace });
    });
  }),
);

const deleteCourse = course.map((c) => command(`deleteCourse ${c}`, async (m, r) => expectOutcome('deleteCourse', m.deleteCourse(c), () => r.store.deleteCourse(c))));

/** Writes that are wrong whatever the state: each refused with invalid-input, and nothing changes. */
const INVALID: Array<[string, (s: IptStore) => Promise<unknown>]> = [
  ['a person without a name', (s) => s.put('c1', 'person', { id: 'p1', name: '   ', ring: 1 })],
  ['a ring of 1.5', (s) => s.put('c1', 'person', { id: 'p1', name: 'Ana', ring: 1.5 })],
  ['a date that does not exist', (s) => s.put('c1', 'session', { id: 's1', date: '2026-02-30', status: 'attended' })],
  ['an id with a space', (s) => s.put('c1', 'goal', { id: 'g 1', text: 'x', area: 'grief', order: 1, set: '2026-01-05' })],
  ['a dispute whose history ends elsewhere', (s) => s.put('c1', 'dispute', { id: 'd1', personId: 'p1', stage: 'impasse', history: [{ to: 'renegotiation', date: '2026-01-05' }] })],
  ['a record of another course', (s) => s.put('c1', 'person', { id: 'p1', courseId: 'c2', name: 'Ana', ring: 1 })],
  ['an unknown kind of record', (s) => s.apply('c1', [{ op: 'put', entity: 'note', record: { id: 'n1' } } as never])],
  ['a delete of the course record', (s) => s.apply('c1', [{ op: 'delete', entity: 'course', id: 'c1' } as never])],
  ['a valid goal beside an invalid one', (s) => s.apply('c1', [
    { op: 'put', entity: 'goal', record: { id: 'g3', text: 'fine', area: 'grief', order: 1, set: '2026-01-05' } },
    { op: 'put', entity: 'goal', record: { id: 'g2', text: '', area: 'grief', order: 2, set: '2026-01-05' } },
  ])],
  ['a course of 0 sessions', (s) => s.createCourse({ id: 'c2', contract: { sessions: 0 } })],
  ['a document naming a missing person', (s) => s.importCourse({ format: 'ipt-elements/course', version: 1, exported: '2026-01-01T00:00:00Z',
    course: { id: 'c1', contract: { sessions: 16 } }, sessions: [], people: [], goals: [], measures: [],
    disputes: [{ id: 'd1', courseId: 'c1', personId: 'p9', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] }] }, { replace: true })],
];
const invalidWrite = fc.constantFrom(...INVALID).map(([what, write]) => command(`invalid: ${what}`, async (_m, r) => expectOutcome(what, 'invalid-input', () => write(r.store))));

const ALL = [createCourse, editCourse, putPerson, putPerson, movePerson, removeOne('person', PEOPLE), putDispute, moveDispute, closeDispute,
  removeOne('dispute', DISPUTES), putGoal, putGoal, checkGoal, reorderGoals, recordSession, recordSession, removeOne('session', SESSIONS),
  removeRecords, mixedAction, mixedAction, exportImport, deleteCourse, invalidWrite];

/** Closes the IndexedDB store and opens the database again: the reference still agrees. */
const reopen = fc.constant(
  command('close and reopen', async (m, r) => {
    r.store.close();
    r.store = await openStore({ database: r.database! });
    await expectSame(r.store, m, 'after a reopen mid-sequence');
  }),
);

/**
 * What every sequence starts from, in the store and in the reference alike: course c1 with a
 * person, a dispute, a session with its measure and two goals (so that most actions meet records).
 */
async function seed(m: Reference, store: IptStore): Promise<void> {
  const input = { id: 'c1', focus: ['role-dispute'], contract: { sessions: 16 } };
  expect(m.createCourse(input)).to.equal('ok');
  await store.createCourse(input as never);
  const changes: Change[] = [
    { op: 'put', entity: 'person', record: { id: 'p1', name: 'Ana', relationship: 'partner', ring: 1 } },
    { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: DATES[0] }] } },
    { op: 'put', entity: 'session', record: { id: 's1', date: DATES[0], status: 'attended' } },
    { op: 'put', entity: 'measure', record: { id: 'm1', instrument: 'PHQ-9', score: 12, date: DATES[0], sessionId: 's1' } },
    { op: 'put', entity: 'goal', record: { id: 'g1', text: 'Talk calmly', area: 'role-dispute', order: 1, set: DATES[0] } },
    { op: 'put', entity: 'goal', record: { id: 'g2', text: 'Go out', area: 'grief', order: 2, set: DATES[0] } },
  ];
  expect(m.apply('c1', changes)).to.equal('ok');
  await store.apply('c1', changes as StoreChange[]);
}

// ---------------------------------------------------------------- comparing

async function expectSame(store: IptStore, m: Reference, when: string): Promise<void> {
  expect([...(await store.listCourses())].sort(), `${when}: the courses`).to.deep.equal([...m.courses.keys()].sort());
  for (const id of m.courses.keys()) {
    const state = (await store.getCourse(id)) as unknown as Record<string, Rec[]>;
    const sorted = { course: state.course as unknown, ...Object.fromEntries(KINDS.map((k) => [LIST[k], [...state[LIST[k]]!].sort((a, b) => (a.id < b.id ? -1 : 1))])) };
    expect(sorted, `${when}: course ${id}`).to.deep.equal(m.state(id));
  }
}

const deleteDatabase = (name: string) =>
  new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });

const options = (seed: number, numRuns: number) => (REPLAY ? { ...REPLAY, numRuns: 1 } : { seed, numRuns });

describe('store: model-based, against a plain in-memory reference', () => {
  after(() => console.log(`model-based: ${runs.indexeddb} IndexedDB sequences, ${runs.memory} memory sequences, ${runs.actions} actions`));

  it('agrees with the reference on IndexedDB after every sequence and after a reopen', async function () {
    // 700 sequences on IndexedDB: over a minute on a busy machine.
    this.timeout(300000);
    await fc.assert(
      fc.asyncProperty(fc.commands([...ALL, reopen], { maxCommands: 14, size: 'medium' }), async (cmds) => {
        const database = uniqueDb('model');
        const real: Real = { store: await openStore({ database }), database };
        const model = new Reference();
        try {
          await seed(model, real.store);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await expectSame(real.store, model, 'after the sequence');
          real.store.close();
          real.store = await openStore({ database });
          await expectSame(real.store, model, 'after a reopen');
          runs.indexeddb++;
        } finally {
          real.store.close();
          await deleteDatabase(database);
        }
      }),
      options(SEEDS.indexeddb, 700),
    );
  });

  it('agrees with the reference in memory after every sequence', async function () {
    // 2000 sequences: about 25 s on a busy machine.
    this.timeout(120000);
    await fc.assert(
      fc.asyncProperty(fc.commands(ALL, { maxCommands: 30, size: 'medium' }), async (cmds) => {
        const real: Real = { store: await openStore({ storage: 'memory' }) };
        const model = new Reference();
        try {
          await seed(model, real.store);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await expectSame(real.store, model, 'after the sequence');
          runs.memory++;
        } finally {
          real.store.close();
        }
      }),
      options(SEEDS.memory, 2000),
    );
  });
});
