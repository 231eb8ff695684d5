// Two devices as two browser contexts with separate storage (their own IndexedDB, Web Locks and
// BroadcastChannel), one FHIR server: device A is this test page, device B a page in a context of
// its own that the runner opens (test/sync/device/), driven call by call. What B holds is read in B.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CourseState, Entity } from '../../src/model/index.js';
import type { SyncConflict, SyncStatus } from '../../src/sync/index.js';
import { closeStores } from '../fixtures.js';
import { Device, expectIdle, importInto, newPatient, patientCourse } from './helpers.js';

/** Device B: a page in another browser context. */
class Remote {
  private constructor(readonly id: string) {}

  static async open(patient: string): Promise<Remote> {
    const remote = new Remote(await executeServerCommand<string, object>('ipt-device', { op: 'open' }));
    await remote.call('open', patient);
    return remote;
  }

  async call<T>(name: string, ...args: unknown[]): Promise<T> {
    const r = await executeServerCommand<{ value?: T; error?: string }, object>('ipt-device', { op: 'call', id: this.id, name, args });
    if (!r || r.error !== undefined) throw new Error(`device B, ${name}: ${r?.error ?? 'no answer'}`);
    return r.value as T;
  }

  state = (courseId: string) => this.call<CourseState>('state', courseId);
  course = (courseId: string) => this.call<unknown>('course', courseId);
  put = (courseId: string, entity: Entity, record: object) => this.call<void>('put', courseId, entity, record);
  syncNow = () => this.call<SyncStatus>('syncNow');
  conflicts = () => this.call<SyncConflict[]>('conflicts');
  resolve = (c: Pick<SyncConflict, 'courseId' | 'entity' | 'id'>, choice: 'mine' | 'theirs') => this.call<SyncStatus>('resolve', c, choice);
  offline = (on: boolean) => this.call<void>('offline', on);
  close = () => executeServerCommand('ipt-device', { op: 'close', id: this.id });
}

let remotes: Remote[] = [];
afterEach(async () => {
  await Promise.all(remotes.map((r) => r.close()));
  remotes = [];
  await closeStores();
});

async function contexts() {
  const patient = await newPatient();
  const a = await Device.open(patient);
  const b = await Remote.open(patient);
  remotes.push(b);
  const state = patientCourse(patient);
  await importInto(a.store, state);
  expectIdle(await a.sync.syncNow(), 'A pushes');
  expectIdle(await b.syncNow(), 'B pulls');
  return { a, b, courseId: state.course.id };
}

describe('sync: two browser contexts with separate storage, one FHIR server', function () {
  this.timeout(120_000);

  it('B, in a context of its own, pulls the course A made whole; its storage holds nothing of A', async () => {
    const { a, b, courseId } = await contexts();
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));
    const here = (await indexedDB.databases()).map((d) => d.name);
    const there = await b.call<string[]>('databases');
    expect(there.filter((name) => here.includes(name)), "B's context has none of A's databases").to.deep.equal([]);
  });

  it('converges after both edit offline (different records merge), and shows the same field edited on both as a conflict that B decides', async () => {
    const { a, b, courseId } = await contexts();
    const state = await b.state(courseId);
    const person = state.people[0]!;
    const goal = state.goals[0]!;
    a.offline = true;
    await b.offline(true);
    await a.store.put(courseId, 'person', { ...person, ring: 2 });
    await b.put(courseId, 'goal', { ...goal, text: 'Share the chores' });
    expect((await a.sync.syncNow()).state).to.equal('offline');
    expect((await b.syncNow()).state).to.equal('offline');
    a.offline = false;
    await b.offline(false);
    expectIdle(await a.sync.syncNow(), 'A back online');
    expectIdle(await b.syncNow(), 'B back online');
    expectIdle(await a.sync.syncNow(), 'A pulls what B pushed');
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));
    expect((await b.state(courseId)).people[0]!.ring).to.equal(2);
    expect((await a.store.requireCourse(courseId)).goals[0]!.text).to.equal('Share the chores');

    // The same field on both sides: a conflict in B, nothing lost, B's choice reaches A.
    await a.store.put(courseId, 'goal', { ...goal, text: 'Ask for help with chores' });
    await b.put(courseId, 'goal', { ...goal, text: 'Share the chores weekly' });
    expectIdle(await a.sync.syncNow(), 'A pushes first');
    const status = await b.syncNow();
    expect([status.state, status.conflicts]).to.deep.equal(['conflict', 1]);
    expect(await b.conflicts()).to.deep.equal([{ courseId, entity: 'goal', id: goal.id, kind: 'edit', fields: ['text'], server: { text: 'Ask for help with chores' } }]);
    expect((await b.state(courseId)).goals[0]!.text, 'B keeps its own until it chooses').to.equal('Share the chores weekly');
    expectIdle(await b.resolve({ courseId, entity: 'goal', id: goal.id }, 'mine'), 'B keeps its own');
    await a.sync.syncNow();
    expect((await a.store.requireCourse(courseId)).goals[0]!.text).to.equal('Share the chores weekly');
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));
  });
});
