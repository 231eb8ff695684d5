/**
 * store.write(): the write that resolves with the committed state. `before` is the course as the
 * store had read it, `after` the shared, frozen state the next getCourse() gives, the very object.
 */
import { expect } from '@open-wc/testing';
import { toDocument, type CourseState, type StoreOptions } from '../../src/index.js';
import { closeStores, open, reads, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const goal = { id: 'g2', text: 'Call my sister on Sundays', area: 'role-dispute' as const, order: 2, set: '2026-01-12' };

for (const keyed of [false, true]) {
  describe(`store.write()${keyed ? ', with an encryption key' : ''}`, () => {
    async function seeded(): Promise<{ store: Awaited<ReturnType<typeof open>>; db: string; options: StoreOptions }> {
      const db = uniqueDb('write');
      const options: StoreOptions = keyed ? { key: await newKey() } : {};
      const store = await open(db, options);
      await store.importCourse(toDocument(sampleState()));
      return { store, db, options };
    }

    it('a put: before is the course as read, after holds the record, and is what getCourse() gives next', async () => {
      const { store } = await seeded();
      const read = await store.getCourse('c1');
      const done = await store.write('c1', [{ op: 'put', entity: 'goal', record: goal }]);
      expect(done.changes).to.deep.equal([{ entity: 'goal', id: 'g2', op: 'create' }]);
      expect(done.before).to.equal(read);
      expect(done.before!.goals.map((g) => g.id)).to.deep.equal(['g1']);
      expect(done.after!.goals.map((g) => g.id)).to.deep.equal(['g1', 'g2']);
      expect(done.after!.goals[1]).to.include({ text: goal.text, courseId: 'c1', lifecycle: 'active' });
      expect(Object.isFrozen(done.after!.goals[1])).to.equal(true);
      expect(await store.getCourse('c1')).to.equal(done.after);
    });

    it('a delete: after no longer holds the record, before still does', async () => {
      const { store } = await seeded();
      await store.getCourse('c1');
      const done = await store.write('c1', [{ op: 'delete', entity: 'measure', id: 'm1' }]);
      expect(done.changes).to.deep.equal([{ entity: 'measure', id: 'm1', op: 'delete' }]);
      expect(done.before!.measures.map((m) => m.id)).to.deep.equal(['m1']);
      expect(done.after!.measures).to.deep.equal([]);
      expect(await store.getCourse('c1')).to.equal(done.after);
    });

    it('a merged put (base given): after holds the merged record, with the field changed elsewhere', async () => {
      const { store, db, options } = await seeded();
      const person = (await store.getCourse('c1'))!.people[0]!;
      // Another store of the page changes another field of the same person meanwhile.
      const other = await open(db, options);
      await other.put('c1', 'person', { ...person, ring: 3 });
      const done = await store.write('c1', [{ op: 'put', entity: 'person', record: { ...person, conflict: 1 }, base: person }]);
      expect(done.changes).to.deep.equal([{ entity: 'person', id: 'p1', op: 'update' }]);
      expect(done.after!.people[0]).to.include({ ring: 3, conflict: 1, name: person.name });
      expect(await store.getCourse('c1')).to.equal(done.after);
      expect((await (await open(db, options)).getCourse('c1'))!.people[0]).to.include({ ring: 3, conflict: 1 });
    });

    it('before is undefined when the store held no read of the course; after is read, and shared', async () => {
      const { db, options } = await seeded();
      const store = await open(db, options);
      const [done, n] = await reads(() => store.write('c1', [{ op: 'put', entity: 'goal', record: goal }]));
      expect(done.before).to.equal(undefined);
      expect(done.after!.goals.map((g) => g.id)).to.deep.equal(['g1', 'g2']);
      expect(n).to.equal(1);
      expect(await store.getCourse('c1')).to.equal(done.after);
    });

    it('a listener that reads the course when it hears the write gets after itself', async () => {
      const { store } = await seeded();
      await store.getCourse('c1');
      const heard: Array<Promise<CourseState | undefined>> = [];
      store.subscribe('c1', () => heard.push(store.getCourse('c1')));
      const done = await store.write('c1', [{ op: 'put', entity: 'goal', record: goal }]);
      expect(heard.length).to.equal(1);
      expect(await heard[0]).to.equal(done.after);
    });

    it('apply() makes the same write and resolves with its changes only, reading nothing more', async () => {
      const { db, options } = await seeded();
      const store = await open(db, options);
      const [changes, n] = await reads(() => store.apply('c1', [{ op: 'put', entity: 'goal', record: goal }]));
      expect(changes).to.deep.equal([{ entity: 'goal', id: 'g2', op: 'create' }]);
      expect(n).to.equal(0);
    });
  });
}
