import { expect } from '@open-wc/testing';
import { toDocument, type StoreChangeEvent } from '../../src/index.js';
import { closeStores, databaseNames, nextMessage, open, rawRecords, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

async function withCourse(database = uniqueDb()) {
  const store = await open(database);
  await store.createCourse({ id: 'c1', contract: { sessions: 16 } });
  return store;
}

describe('store: IndexedDB persistence', () => {
  it('opens on IndexedDB and keeps a course across a reopen', async () => {
    const db = uniqueDb();
    const store = await withCourse(db);
    expect(store.storage).to.equal('indexeddb');
    expect(store.fallback).to.equal(undefined);
    await store.put('c1', 'person', { id: 'p1', name: 'Ana', ring: 2 });
    store.close();
    const again = await open(db);
    const state = await again.getCourse('c1');
    expect(state?.people.map((p) => [p.name, p.ring])).to.deep.equal([['Ana', 2]]);
    expect(await again.listCourses()).to.deep.equal(['c1']);
  });

  it('answers undefined for a missing course, and not-found when one is required', async () => {
    const store = await open(uniqueDb());
    expect(await store.getCourse('nope')).to.equal(undefined);
    expect((await rejection(store.requireCourse('nope'))).code).to.equal('not-found');
    expect((await rejection(store.put('nope', 'goal', { id: 'g1', text: 'x', area: 'grief', order: 1, set: '2026-01-01' }))).code).to.equal('not-found');
  });

  it('refuses a second course with the same id', async () => {
    const store = await withCourse();
    const error = await rejection(store.createCourse({ id: 'c1', contract: { sessions: 12 } }));
    expect(error.code).to.equal('invalid-input');
    expect((await store.getCourse('c1'))?.course.contract.sessions).to.equal(16);
  });

  it('counts revisions per record', async () => {
    const db = uniqueDb();
    const store = await withCourse(db);
    const goal = { id: 'g1', text: 'Go back to choir', area: 'grief' as const, order: 1, set: '2026-01-05' };
    await store.put('c1', 'goal', goal);
    await store.put('c1', 'goal', { ...goal, achievement: 'improving' as const });
    const raw = (await rawRecords(db)) as Array<{ entity: string; rev: number }>;
    expect(raw.find((r) => r.entity === 'goal')?.rev).to.equal(2);
  });
});

describe('store: validation at the boundary', () => {
  it('rejects an invalid write with a message that names the field, and writes nothing', async () => {
    const db = uniqueDb();
    const store = await withCourse(db);
    const before = await rawRecords(db);
    const error = await rejection(store.put('c1', 'person', { id: 'p1', name: '   ', ring: 1 }));
    expect(error.code).to.equal('invalid-input');
    expect(error.field).to.equal('name');
    expect(error.message).to.match(/name must not be empty/);
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('writes nothing of a batch in which one change is invalid', async () => {
    const db = uniqueDb();
    const store = await withCourse(db);
    const before = await rawRecords(db);
    const error = await rejection(
      store.apply('c1', [
        { op: 'put', entity: 'session', record: { id: 's1', date: '2026-01-05', status: 'attended' } },
        { op: 'put', entity: 'measure', record: { id: 'm1', instrument: 'PHQ-9', score: 40, date: '2026-01-05' } },
      ]),
    );
    expect(error.field).to.equal('score');
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('rolls back the whole action when a check inside the transaction fails', async () => {
    const db = uniqueDb();
    const store = await withCourse(db);
    const before = await rawRecords(db);
    const error = await rejection(
      store.apply('c1', [
        { op: 'put', entity: 'goal', record: { id: 'g1', text: 'Phone a friend', area: 'grief', order: 1, set: '2026-01-05' } },
        { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'ghost', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] } },
      ]),
    );
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'personId']);
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('writes a person and a dispute with them in one action, and keeps the person while a dispute names them', async () => {
    const store = await withCourse();
    await store.apply('c1', [
      { op: 'put', entity: 'person', record: { id: 'p1', name: 'K.', ring: 1 } },
      { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'p1', stage: 'renegotiation', history: [{ to: 'renegotiation', date: '2026-01-05' }] } },
    ]);
    const error = await rejection(store.remove('c1', 'person', 'p1'));
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'personId']);
    await store.apply('c1', [
      { op: 'delete', entity: 'dispute', id: 'd1' },
      { op: 'delete', entity: 'person', id: 'p1' },
    ]);
    const state = await store.getCourse('c1');
    expect([state?.people.length, state?.disputes.length]).to.deep.equal([0, 0]);
  });

  it('keeps a session while a measure refers to it, and checks the measure names a session of the course', async () => {
    const store = await withCourse();
    const measure = { id: 'm1', instrument: 'GAD-7' as const, score: 9, date: '2026-01-05', sessionId: 's1' };
    expect((await rejection(store.put('c1', 'measure', measure))).field).to.equal('sessionId');
    await store.apply('c1', [
      { op: 'put', entity: 'session', record: { id: 's1', date: '2026-01-05', status: 'attended' } },
      { op: 'put', entity: 'measure', record: measure },
    ]);
    expect((await rejection(store.remove('c1', 'session', 's1'))).field).to.equal('sessionId');
    await store.apply('c1', [
      { op: 'delete', entity: 'measure', id: 'm1' },
      { op: 'delete', entity: 'session', id: 's1' },
    ]);
    expect((await store.getCourse('c1'))?.sessions).to.deep.equal([]);
  });

  it('accepts a record that refers to one written later in the same action, and refuses one that the action deletes', async () => {
    const store = await withCourse();
    await store.apply('c1', [
      { op: 'put', entity: 'measure', record: { id: 'm1', instrument: 'PHQ-9', score: 8, date: '2026-01-05', sessionId: 's1' } },
      { op: 'put', entity: 'session', record: { id: 's1', date: '2026-01-05', status: 'attended' } },
    ]);
    expect((await store.getCourse('c1'))?.measures.map((m) => m.sessionId)).to.deep.equal(['s1']);
    await store.put('c1', 'person', { id: 'p1', name: 'K.', ring: 1 });
    const error = await rejection(
      store.apply('c1', [
        { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] } },
        { op: 'delete', entity: 'person', id: 'p1' },
      ]),
    );
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'personId']);
  });

  it('removes a record and the record that refers to it in one action, in either order', async () => {
    const store = await withCourse();
    await store.apply('c1', [
      { op: 'put', entity: 'person', record: { id: 'p1', name: 'K.', ring: 1 } },
      { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'p1', stage: 'renegotiation', history: [{ to: 'renegotiation', date: '2026-01-05' }] } },
    ]);
    await store.apply('c1', [
      { op: 'delete', entity: 'person', id: 'p1' },
      { op: 'delete', entity: 'dispute', id: 'd1' },
    ]);
    const state = await store.getCourse('c1');
    expect([state?.people.length, state?.disputes.length]).to.deep.equal([0, 0]);
  });

  it('rejects a record that claims another course, an unknown entity and a delete of a missing record', async () => {
    const store = await withCourse();
    expect((await rejection(store.put('c1', 'goal', { id: 'g1', courseId: 'c2', text: 'x', area: 'grief', order: 1, set: '2026-01-05' }))).field).to.equal('courseId');
    expect((await rejection(store.apply('c1', [{ op: 'put', entity: 'note', record: {} } as never]))).code).to.equal('invalid-input');
    expect((await rejection(store.remove('c1', 'goal', 'missing'))).code).to.equal('not-found');
    expect((await rejection(store.getCourse('bad id'))).code).to.equal('invalid-input');
  });
});

describe('store: actions that touch references', () => {
  it('rejects an entity named like a member every object has with invalid-input', async () => {
    const store = await withCourse();
    const error = await rejection(store.apply('c1', [{ op: 'put', entity: 'constructor', record: {} } as never]));
    expect(error.code).to.equal('invalid-input');
    expect((await rejection(store.apply('c1', [{ op: 'delete', entity: 'toString', id: 'x' } as never]))).code).to.equal('invalid-input');
  });

  for (const storage of ['indexeddb', 'memory'] as const) {
    it(`refuses a reference to a record the same action puts and then deletes (${storage})`, async () => {
      const store = await open(uniqueDb(), { storage });
      await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
      const error = await rejection(
        store.apply('c1', [
          { op: 'put', entity: 'session', record: { id: 's1', date: '2026-01-05', status: 'attended' } },
          { op: 'delete', entity: 'session', id: 's1' },
          { op: 'put', entity: 'measure', record: { id: 'm1', instrument: 'PHQ-9', score: 3, date: '2026-01-05', sessionId: 's1' } },
        ]),
      );
      expect([error.code, error.field]).to.deep.equal(['invalid-input', 'sessionId']);
      expect((await store.getCourse('c1'))?.measures).to.deep.equal([]);
    });

    it(`accepts a reference to a record the same action deletes and puts again (${storage})`, async () => {
      const store = await open(uniqueDb(), { storage });
      await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
      await store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 });
      await store.apply('c1', [
        { op: 'delete', entity: 'person', id: 'p1' },
        { op: 'put', entity: 'person', record: { id: 'p1', name: 'A.', ring: 2 } },
        { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] } },
      ]);
      expect((await store.getCourse('c1'))?.disputes.map((d) => d.personId)).to.deep.equal(['p1']);
    });
  }

  it('runs memory transactions one after another: the second of two concurrent creates is refused', async () => {
    const store = await open(uniqueDb(), { storage: 'memory' });
    const results = await Promise.allSettled([
      store.createCourse({ id: 'c1', contract: { sessions: 12 } }),
      store.createCourse({ id: 'c1', contract: { sessions: 16 } }),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    expect((await store.getCourse('c1'))?.course.contract.sessions).to.equal(12);
  });

  it('never stores, in memory, a dispute whose person a concurrent action removed', async () => {
    const store = await open(uniqueDb(), { storage: 'memory' });
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    await store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 });
    const results = await Promise.allSettled([
      store.remove('c1', 'person', 'p1'),
      store.put('c1', 'dispute', { id: 'd1', personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] }),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    const state = await store.getCourse('c1');
    expect([state?.people.length, state?.disputes.length]).to.deep.equal([0, 0]);
  });
});

describe('store: change feed', () => {
  it('tells subscribers of a course every change, in ids only', async () => {
    const store = await withCourse();
    const heard: StoreChangeEvent[] = [];
    const all: StoreChangeEvent[] = [];
    const stop = store.subscribe('c1', (e) => heard.push(e));
    store.subscribe(null, (e) => all.push(e));
    store.subscribe('c2', () => expect.fail('another course must not hear it'));
    await store.put('c1', 'person', { id: 'p1', name: 'Secret Name', ring: 1 });
    await store.put('c1', 'person', { id: 'p1', name: 'Secret Name', ring: 2 });
    await store.remove('c1', 'person', 'p1');
    stop();
    await store.put('c1', 'person', { id: 'p2', name: 'B.', ring: 1 });
    expect(heard.map((e) => [e.origin, e.changes])).to.deep.equal([
      ['local', [{ entity: 'person', id: 'p1', op: 'create' }]],
      ['local', [{ entity: 'person', id: 'p1', op: 'update' }]],
      ['local', [{ entity: 'person', id: 'p1', op: 'delete' }]],
    ]);
    expect(all).to.have.length(4);
    expect(JSON.stringify(all)).not.to.contain('Secret');
  });

  it('is heard by a store on the same database in another connection (another tab)', async () => {
    const db = uniqueDb();
    const a = await withCourse(db);
    const b = await open(db);
    const heard = new Promise<StoreChangeEvent>((resolve) => b.subscribe('c1', resolve));
    await a.put('c1', 'goal', { id: 'g1', text: 'Join a walking group', area: 'interpersonal-deficits', order: 1, set: '2026-01-05' });
    const event = await heard;
    expect(event).to.deep.equal({ courseId: 'c1', changes: [{ entity: 'goal', id: 'g1', op: 'create' }], origin: 'remote' });
    expect((await b.getCourse('c1'))?.goals.map((g) => g.id)).to.deep.equal(['g1']);
  });

  it('is not heard by a store on another database', async () => {
    const db = uniqueDb();
    const a = await withCourse(db);
    const sameDb = await open(db);
    const otherDb = await open(uniqueDb());
    const heard: StoreChangeEvent[] = [];
    otherDb.subscribe(null, (e) => heard.push(e));
    const control = new Promise<StoreChangeEvent>((resolve) => sameDb.subscribe('c1', resolve));
    await a.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 });
    await control;
    await nextMessage();
    expect(heard).to.deep.equal([]);
  });
});

describe('store: memory', () => {
  it('keeps nothing on disk with storage "memory", and works the same', async () => {
    const db = uniqueDb('memory');
    const store = await open(db, { storage: 'memory' });
    expect(store.storage).to.equal('memory');
    expect(store.fallback).to.equal(undefined);
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    await store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 });
    expect((await store.getCourse('c1'))?.people).to.have.length(1);
    expect(await databaseNames()).not.to.include(db);
    const error = await rejection(store.put('c1', 'person', { id: 'p2', name: '', ring: 1 }));
    expect(error.field).to.equal('name');
    expect((await store.getCourse('c1'))?.people).to.have.length(1);
  });

  it('rolls back the whole action in memory too when a check inside the transaction fails', async () => {
    const store = await open(uniqueDb(), { storage: 'memory' });
    await store.createCourse({ id: 'c1', contract: { sessions: 16 } });
    const before = await store.getCourse('c1');
    const error = await rejection(
      store.apply('c1', [
        { op: 'put', entity: 'goal', record: { id: 'g1', text: 'Phone a friend', area: 'grief', order: 1, set: '2026-01-05' } },
        { op: 'put', entity: 'dispute', record: { id: 'd1', personId: 'ghost', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] } },
      ]),
    );
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'personId']);
    expect(await store.getCourse('c1')).to.deep.equal(before);
  });

  it('keeps its own copy of what it is given: changing a returned record changes nothing stored', async () => {
    const store = await open(uniqueDb(), { storage: 'memory' });
    const state = await store.importCourse(toDocument(sampleState()));
    state.course.contract.sessions = 99;
    const person = await store.put('c1', 'person', { id: 'p2', name: 'B.', ring: 2 });
    person.ring = 5;
    const stored = await store.getCourse('c1');
    expect(stored?.course.contract.sessions).to.equal(16);
    expect(stored?.people.find((p) => p.id === 'p2')?.ring).to.equal(2);
  });

  it('gives out a frozen course and a copy of what it wrote: neither can change what is stored', async () => {
    const store = await open(uniqueDb(), { storage: 'memory' });
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    const state = await store.getCourse('c1');
    expect(() => (state!.course.contract.sessions = 99)).to.throw(TypeError);
    expect(() => state!.sessions.push({} as never)).to.throw(TypeError);
    const session = await store.put('c1', 'session', { id: 's1', date: '2026-01-05', status: 'attended' });
    (session as { date: string }).date = '2026-02-02';
    const after = await store.getCourse('c1');
    expect(after?.course.contract.sessions).to.equal(12);
    expect(after?.sessions.map((s) => s.date)).to.deep.equal(['2026-01-05']);
    expect(Object.isFrozen(after?.sessions[0])).to.equal(true);
  });
});

describe('store: export, import, delete', () => {
  it('exports a course document that imports back to the same course', async () => {
    const db = uniqueDb();
    const store = await open(db);
    const state = sampleState();
    await store.importCourse(JSON.parse(JSON.stringify(toDocument(state))));
    const exported = await store.exportCourse('c1');
    expect({ ...exported, exported: '' }).to.deep.equal({ ...toDocument(state), exported: '' });
    const other = await open(uniqueDb(), { storage: 'memory' });
    await other.importCourse(JSON.parse(JSON.stringify(exported)));
    expect(await other.getCourse('c1')).to.deep.equal(await store.getCourse('c1'));
  });

  it('imports nothing from a bad file, and replaces a course only when asked', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.importCourse(toDocument(sampleState()));
    const before = await rawRecords(db);
    const bad = toDocument(sampleState());
    bad.course.contract.sessions = 12;
    bad.goals.push({ ...bad.goals[0]!, id: 'g2', text: '' });
    expect((await rejection(store.importCourse(bad, { replace: true }))).field).to.equal('goals.1.text');
    expect((await rejection(store.importCourse({ not: 'a course' }))).field).to.equal('format');
    expect((await rejection(store.importCourse(toDocument(sampleState())))).code).to.equal('invalid-input');
    expect(await rawRecords(db)).to.deep.equal(before);
    const replacement = toDocument(sampleState());
    replacement.course.contract.sessions = 20;
    replacement.goals = [];
    await store.importCourse(replacement, { replace: true });
    const state = await store.getCourse('c1');
    expect([state?.course.contract.sessions, state?.goals.length]).to.deep.equal([20, 0]);
  });

  it('deletes a course and every record of it, and no other course', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.importCourse(toDocument(sampleState('c1')));
    await store.importCourse(toDocument(sampleState('c2')));
    const heard: string[] = [];
    store.subscribe(null, (e) => heard.push(`${e.courseId}:${e.changes[0]?.op}`));
    await store.deleteCourse('c1');
    expect(await store.getCourse('c1')).to.equal(undefined);
    expect(await store.listCourses()).to.deep.equal(['c2']);
    expect(((await rawRecords(db)) as Array<{ courseId: string }>).every((r) => r.courseId === 'c2')).to.equal(true);
    expect(heard).to.deep.equal(['c1:delete']);
  });

  it('deletes a course and leaves a course whose id starts with the same characters', async () => {
    const store = await open(uniqueDb());
    await store.importCourse(toDocument(sampleState('c1')));
    await store.importCourse(toDocument(sampleState('c10')));
    expect((await store.getCourse('c1'))?.people.map((p) => p.courseId)).to.deep.equal(['c1']);
    await store.deleteCourse('c1');
    expect(await store.listCourses()).to.deep.equal(['c10']);
    expect((await store.getCourse('c10'))?.goals).to.have.length(1);
  });

  it('announces nothing when the course to delete does not exist', async () => {
    const store = await open(uniqueDb());
    const heard: StoreChangeEvent[] = [];
    store.subscribe(null, (e) => heard.push(e));
    await store.deleteCourse('nope');
    expect(heard).to.deep.equal([]);
  });

  it('continues the revisions of the records an import replaces', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.importCourse(toDocument(sampleState()));
    await store.importCourse(toDocument(sampleState()), { replace: true });
    const raw = (await rawRecords(db)) as Array<{ rev: number }>;
    expect(raw.map((r) => r.rev)).to.deep.equal(raw.map(() => 2));
  });
});
