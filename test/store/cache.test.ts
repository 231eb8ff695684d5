/**
 * The course as read, shared: readers of one course make one IndexedDB read, a read after this
 * store's own write makes none, and a write elsewhere (another store of the page, another tab)
 * is read again.
 */
import { expect } from '@open-wc/testing';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
import { toDocument, validate, type CourseState } from '../../src/index.js';
import { closeStores, open, rawOpen, reads, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

async function seeded(): Promise<[Awaited<ReturnType<typeof open>>, string]> {
  const db = uniqueDb('cache');
  const store = await open(db);
  await store.importCourse(toDocument(sampleState()));
  return [store, db];
}

const goal = (id: string, text = `Goal ${id}`) => validate('goal', { id, courseId: 'c1', text, area: 'role-dispute', order: 1, set: '2026-01-05' });

describe('store: the course as read, shared', () => {
  it('gives readers of one course one read and one frozen state', async () => {
    const [store] = await seeded();
    const [states, n] = await reads(() => Promise.all([1, 2, 3, 4].map(() => store.getCourse('c1'))));
    expect(n).to.equal(1);
    expect(new Set(states).size).to.equal(1);
    expect(Object.isFrozen(states[0]!.people[0])).to.equal(true);
  });

  it('reads nothing after its own write, and gives what a fresh read gives, in the same order', async () => {
    const [store, db] = await seeded();
    await store.getCourse('c1');
    const [after, n] = await reads(async () => {
      await store.apply('c1', [
        { op: 'put', entity: 'goal', record: goal('g0') },
        { op: 'put', entity: 'goal', record: goal('g9') },
        { op: 'put', entity: 'goal', record: goal('g5') },
        { op: 'put', entity: 'person', record: { ...sampleState().people[0]!, name: 'Jo' }, base: sampleState().people[0]! },
        { op: 'delete', entity: 'measure', id: 'm1' },
      ]);
      return store.getCourse('c1');
    });
    expect(n).to.equal(0);
    expect(after!.goals.map((g) => g.id)).to.deep.equal(['g0', 'g1', 'g5', 'g9']);
    const fresh = await (await open(db)).getCourse('c1');
    expect(after).to.deep.equal(fresh);
  });

  it('reads again after a write through another store of the page, at once', async () => {
    const [a, db] = await seeded();
    const b = await open(db);
    await a.getCourse('c1');
    await b.put('c1', 'goal', goal('g2', 'Call my sister'));
    expect((await a.getCourse('c1'))!.goals.map((g) => g.text)).to.include('Call my sister');
  });

  it('reads again when another tab says it wrote (its notice on the channel)', async () => {
    const [store, db] = await seeded();
    await store.getCourse('c1');
    // Another tab: its own connection writes, then its store posts the notice.
    const raw = await rawOpen(db);
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: 'c1', entity: 'goal', id: 'g7', rev: 1, updated: Date.now(), data: goal('g7', 'From the other tab') });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    raw.close();
    const channel = new BroadcastChannel(`ipt-elements:${db}`);
    const heard = new Promise<void>((resolve) => store.subscribe('c1', () => resolve()));
    channel.postMessage({ courseId: 'c1', changes: [{ entity: 'goal', id: 'g7', op: 'create' }] });
    await heard;
    channel.close();
    expect((await store.getCourse('c1'))!.goals.map((g) => g.text)).to.include('From the other tab');
  });

  it('reads again after a write that failed, and after an import', async () => {
    const [store] = await seeded();
    await store.getCourse('c1');
    const [texts, n] = await reads(async () => {
      await rejection(store.apply('c1', [{ op: 'delete', entity: 'goal', id: 'nope' }]));
      await store.getCourse('c1');
      const next: CourseState = { ...sampleState(), goals: [goal('g3', 'Imported')] };
      await store.importCourse(toDocument(next), { replace: true });
      return (await store.getCourse('c1'))!.goals.map((g) => g.text);
    });
    expect(n).to.equal(2);
    expect(texts).to.deep.equal(['Imported']);
  });

  it('forgets what it read when the database is deleted elsewhere (wipe() in another tab): it closes, reads reject with terminated', async () => {
    const [store, db] = await seeded();
    await store.getCourse('c1');
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(db);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    expect((await rejection(store.getCourse('c1'))).code).to.equal('terminated');
  });

  it('a store without the key that had read a course reads it again once another store encrypts the database: locked', async () => {
    const [plain, db] = await seeded();
    await plain.getCourse('c1');
    await open(db, { key: await newKey() });
    expect((await rejection(plain.getCourse('c1'))).code).to.equal('locked');
  });

  it('forgets every course when another tab says it encrypted the database', async () => {
    const [store, db] = await seeded();
    await store.getCourse('c1');
    const channel = new BroadcastChannel(`ipt-elements:${db}`);
    // A channel made after the store's hears a message after it (delivery follows creation order):
    // once this one has it, the store has heard it too.
    const after = new BroadcastChannel(`ipt-elements:${db}`);
    const delivered = new Promise((resolve) => (after.onmessage = resolve));
    channel.postMessage({ sealed: true });
    channel.close();
    await delivered;
    after.close();
    const [, n] = await reads(() => store.getCourse('c1'));
    expect(n).to.equal(1);
  });

  it('with a key, reads again after a save refused because the record changed elsewhere', async () => {
    const db = uniqueDb('cache');
    const store = await open(db, { key: await newKey() });
    await store.importCourse(toDocument(sampleState()));
    const before = (await store.getCourse('c1'))!.goals[0]!;
    // Another tab removes the goal; its notice has not come yet.
    const raw = await rawOpen(db);
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('records', 'readwrite');
      tx.objectStore('records').delete(['c1', 'goal', 'g1']);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    raw.close();
    const refused = await rejection(store.apply('c1', [{ op: 'put', entity: 'goal', record: { ...before, text: 'Changed' }, base: before }]));
    expect(refused.code).to.equal('conflict');
    expect((await store.getCourse('c1'))!.goals).to.deep.equal([]);
  });

  it('exports a document of its own: the caller may change it', async () => {
    const [store] = await seeded();
    const doc = await store.exportCourse('c1');
    doc.people[0]!.name = 'Changed';
    expect((await store.getCourse('c1'))!.people[0]!.name).to.equal('J.');
  });

  it('refuses to read once closed, even a course it has read', async () => {
    const [store] = await seeded();
    await store.getCourse('c1');
    store.close();
    expect((await rejection(store.getCourse('c1'))).code).to.equal('terminated');
  });
});
