/**
 * Two tabs on one course: two stores on one IndexedDB database (two connections, as two tabs have)
 * writing at the same time. The rule (see `merge`): a put that gives the record as it was read is
 * merged field by field with what is stored; a field both changed is refused with `conflict`.
 */
import { expect } from '@open-wc/testing';
import { merge, toDocument, validate, type CourseState, type IptStore, type Person } from '../../src/index.js';
import { closeStores, open, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

async function twoTabs(state: CourseState = sampleState(), keyed = false): Promise<[IptStore, IptStore, CourseState]> {
  const db = uniqueDb('tabs');
  const key = keyed ? await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) : undefined;
  const a = await open(db, key ? { key } : {});
  await a.importCourse(toDocument(state));
  const b = await open(db, key ? { key } : {});
  return [a, b, (await a.getCourse('c1'))!];
}

const person = (s: CourseState, id = 'p1') => s.people.find((p) => p.id === id)!;
const edit = (base: Person, changes: Partial<Person>) => ({ op: 'put' as const, entity: 'person' as const, record: { ...base, ...changes }, base });

describe('merge (the rule)', () => {
  const base = { id: 'x', a: 1, b: 'one', list: [1, 2] };
  it('takes each side\'s change of a different field', () => {
    expect(merge(base, { ...base, a: 2 }, { ...base, b: 'two' })).to.deep.equal({ id: 'x', a: 2, b: 'two', list: [1, 2] });
  });
  it('accepts the same change made on both sides, and an optional field removed on one side', () => {
    const { b: _gone, ...withoutB } = base;
    expect(merge(base, { ...base, a: 3 }, { ...withoutB, a: 3 })).to.deep.equal({ id: 'x', a: 3, list: [1, 2] });
  });
  it('refuses a field both sides changed differently, naming the field, not the values', () => {
    let error: (Error & { code?: string; field?: string }) | undefined;
    try {
      merge(base, { ...base, list: [1, 2, 'secret mine'] }, { ...base, list: [1, 2, 'secret theirs'] });
    } catch (e) {
      error = e as typeof error;
    }
    expect([error?.code, error?.field]).to.deep.equal(['conflict', 'list']);
    expect(error?.message).not.to.contain('secret');
  });
});

describe('two tabs on one course', () => {
  it('keeps both edits when two tabs change different fields of one person at the same time', async () => {
    const [a, b, read] = await twoTabs();
    const p = person(read);
    await Promise.all([a.apply('c1', [edit(p, { name: 'Jo' })]), b.apply('c1', [edit(p, { support: 3, supportive: 'listens' })])]);
    const [sa, sb] = [await a.getCourse('c1'), await b.getCourse('c1')];
    expect(sa).to.deep.equal(sb);
    expect(person(sa!)).to.include({ name: 'Jo', support: 3, supportive: 'listens', conflict: 3 });
  });

  it('refuses the second of two edits of the same field with conflict, and both tabs read the first', async () => {
    const [a, b, read] = await twoTabs();
    const p = person(read);
    await a.apply('c1', [edit(p, { relationship: 'husband' })]);
    const error = await rejection(b.apply('c1', [edit(p, { relationship: 'ex-partner' })]));
    expect([error.code, error.field]).to.deep.equal(['conflict', 'relationship']);
    expect(person((await b.getCourse('c1'))!).relationship).to.equal('husband');
    expect(await a.getCourse('c1')).to.deep.equal(await b.getCourse('c1'));
    // Read again, the edit goes through: nothing is stuck.
    await b.apply('c1', [edit(person((await b.getCourse('c1'))!), { relationship: 'ex-partner' })]);
    expect(person((await a.getCourse('c1'))!).relationship).to.equal('ex-partner');
  });

  it('loses no update among many concurrent writes from two tabs to the same records', async () => {
    const state = sampleState();
    state.people = Array.from({ length: 12 }, (_, i) => validate('person', { id: `p${i}`, courseId: 'c1', name: `P${i}`, ring: 1 }));
    state.disputes = [];
    const [a, b, read] = await twoTabs(state);
    // Tab a moves every person to ring 2; tab b writes every relationship; each from what it read.
    await Promise.all(
      read.people.flatMap((p) => [
        a.apply('c1', [edit(p, { ring: 2 })]),
        b.apply('c1', [edit(p, { relationship: `friend ${p.id.slice(1)}` })]),
      ]),
    );
    const [sa, sb] = [await a.getCourse('c1'), await b.getCourse('c1')];
    expect(sa).to.deep.equal(sb);
    expect(sa!.people.map((p) => [p.id, p.ring, p.relationship]).sort()).to.deep.equal(read.people.map((p) => [p.id, 2, `friend ${p.id.slice(1)}`]).sort());
  });

  it('does not bring back a record another tab removed: the edit is refused with conflict', async () => {
    const [a, b, read] = await twoTabs();
    await a.apply('c1', [{ op: 'delete', entity: 'dispute', id: 'd1' }, { op: 'delete', entity: 'person', id: 'p1' }]);
    const error = await rejection(b.apply('c1', [edit(person(read), { name: 'Jo' })]));
    expect(error.code).to.equal('conflict');
    expect((await b.getCourse('c1'))!.people).to.deep.equal([]);
  });

  for (const keyed of [false, true]) {
    it(`refuses to remove a record another tab changed since it was read, and keeps that change${keyed ? ' (encrypted)' : ''}`, async () => {
      const [a, b, read] = await twoTabs(sampleState(), keyed);
      const p = person(read);
      await a.apply('c1', [edit(p, { name: 'Jo' })]);
      const d = read.disputes[0]!;
      const error = await rejection(b.apply('c1', [{ op: 'delete', entity: 'dispute', id: d.id, base: d }, { op: 'delete', entity: 'person', id: p.id, base: p }]));
      expect([error.code, error.field]).to.deep.equal(['conflict', 'id']);
      expect(error.message).not.to.contain('Jo');
      const after = (await b.getCourse('c1'))!;
      expect([after.people.map((x) => x.name), after.disputes.length]).to.deep.equal([['Jo'], 1]);
      // Removed knowing the new version: done.
      const now = person(after);
      await b.apply('c1', [{ op: 'delete', entity: 'dispute', id: d.id, base: after.disputes[0]! }, { op: 'delete', entity: 'person', id: p.id, base: now }]);
      expect((await a.getCourse('c1'))!.people).to.deep.equal([]);
    });
  }

  it('refuses a delete whose base is another record', async () => {
    const [a, , read] = await twoTabs();
    const g = read.goals[0]!;
    const error = await rejection(a.apply('c1', [{ op: 'delete', entity: 'goal', id: g.id, base: { ...g, id: 'other' } }]));
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'base']);
  });

  it('lets the later write win for a put without base (the host replacing a record)', async () => {
    const [a, b, read] = await twoTabs();
    const p = person(read);
    await a.apply('c1', [edit(p, { name: 'Jo' })]);
    await b.put('c1', 'person', { ...p, support: 2 });
    expect(person((await a.getCourse('c1'))!)).to.include({ name: 'J.', support: 2 });
  });

  it('refuses a base that is another record', async () => {
    const [a, , read] = await twoTabs();
    const p = person(read);
    const error = await rejection(a.apply('c1', [{ op: 'put', entity: 'person', record: { ...p, name: 'Jo' }, base: { ...p, id: 'other' } }]));
    expect([error.code, error.field]).to.deep.equal(['invalid-input', 'base']);
  });
});
