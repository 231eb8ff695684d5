/**
 * Integrity of what is stored (issue 16): a stored record the store cannot read is set aside,
 * listed in the state and reported, never hidden in silence nor lost by an export, an import or a
 * new start; an encrypted database takes no plain record as genuine; one malformed value locks
 * nothing; the first keyed open seals all or nothing.
 */
import { expect } from '@open-wc/testing';
import { toDocument, type IptError } from '../../src/index.js';
import { closeStores, open, rawOpen, rawRecords, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
/** Text only this file writes: found in a message, a value leaked. */
const SECRET = 'Quillon-Marsh';

/** Writes raw records (and meta entries; `undefined` as a value deletes the entry) as another program would. */
async function rawPut(database: string, records: object[], meta: Record<string, unknown> = {}): Promise<void> {
  const db = await rawOpen(database);
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['records', 'meta'], 'readwrite');
    for (const r of records) tx.objectStore('records').put(r);
    for (const [key, value] of Object.entries(meta)) {
      if (value === undefined) tx.objectStore('meta').delete(key);
      else tx.objectStore('meta').put({ key, value });
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function rawMeta(database: string, key: string): Promise<unknown> {
  const db = await rawOpen(database);
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction('meta').objectStore('meta').get(key);
      req.onsuccess = () => resolve((req.result as { value?: unknown } | undefined)?.value);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

const badPerson = { courseId: 'c1', entity: 'person', id: 'p3', rev: 1, updated: 1, data: { id: 'p3', courseId: 'c1', name: `${SECRET} name`, ring: 9 } };

/** A course (sample state) with one stored person that does not validate (ring 9), and a store that reports to `errors`. */
async function withBadPerson(errors: IptError[] = []) {
  const database = uniqueDb('aside');
  await (await open(database)).importCourse(toDocument(sampleState()));
  closeStores();
  await rawPut(database, [badPerson]);
  return { database, store: await open(database, { onError: (e) => errors.push(e) }) };
}

const rawIds = async (database: string) => ((await rawRecords(database)) as Array<{ entity: string; id: string }>).map((r) => `${r.entity}:${r.id}`).sort();

describe('store: a stored record that cannot be read is set aside, never hidden in silence', () => {
  it('lists it in state.setAside (kind, id, reason) and reports it naming the kind, the id and the field, never a value', async () => {
    const errors: IptError[] = [];
    const { store } = await withBadPerson(errors);
    const state = await store.getCourse('c1');
    expect(state?.people.map((p) => p.id)).to.deep.equal(['p1']);
    expect(state?.setAside).to.deep.equal([{ entity: 'person', id: 'p3', reason: 'invalid' }]);
    expect(errors.map((e) => [e.code, e.field])).to.deep.equal([['unreadable', 'ring']]);
    expect(errors[0]!.message).to.contain('person').and.to.contain('p3').and.to.contain('ring').and.not.to.contain(SECRET);
  });

  it('a state with nothing set aside has no setAside field', async () => {
    const database = uniqueDb('aside');
    const store = await open(database);
    await store.importCourse(toDocument(sampleState()));
    closeStores();
    expect(await (await open(database)).getCourse('c1')).to.deep.equal(sampleState());
  });

  it('says in plain words what failed for a record of a kind it does not know (no internals)', async () => {
    const errors: IptError[] = [];
    const { database } = await withBadPerson();
    closeStores();
    await rawPut(database, [{ courseId: 'c1', entity: 'note', id: 'n1', rev: 1, updated: 1, data: { text: SECRET } }]);
    const store = await open(database, { onError: (e) => errors.push(e) });
    const state = await store.getCourse('c1');
    expect(state?.setAside).to.deep.include({ entity: 'note', id: 'n1', reason: 'invalid' });
    const message = errors.find((e) => e.message.includes('n1'))?.message ?? '';
    expect(message).to.contain('n1');
    expect(message).not.to.match(/Cannot read|undefined|~run/);
    expect(message).not.to.contain(SECRET);
  });

  it('exportCourse refuses with unreadable, saying how many records of which kinds, never their content', async () => {
    const { store } = await withBadPerson();
    const error = await rejection(store.exportCourse('c1'));
    expect(error.code).to.equal('unreadable');
    expect(error.message).to.contain('1').and.to.contain('person').and.not.to.contain(SECRET).and.not.to.contain('ring');
  });

  it('importCourse with replace refuses, and the record set aside stays stored', async () => {
    const { store, database } = await withBadPerson();
    const error = await rejection(store.importCourse(toDocument(sampleState()), { replace: true }));
    expect(error.code).to.equal('unreadable');
    expect(await rawIds(database)).to.include('person:p3');
    // Once the record is removed on purpose, the replace goes through.
    await store.remove('c1', 'person', 'p3');
    await store.importCourse(toDocument(sampleState()), { replace: true });
    expect(await rawIds(database)).not.to.include('person:p3');
  });

  it('a write after the read keeps the list of what was set aside, and a removal takes the record off it', async () => {
    const { store } = await withBadPerson();
    await store.getCourse('c1');
    const done = await store.write('c1', [{ op: 'put', entity: 'goal', record: { id: 'g2', text: 'Walk', area: 'role-dispute', order: 2, set: '2026-01-05' } }]);
    expect(done.after?.setAside).to.deep.equal([{ entity: 'person', id: 'p3', reason: 'invalid' }]);
    await store.remove('c1', 'person', 'p3');
    expect((await store.getCourse('c1'))?.setAside).to.equal(undefined);
  });
});

describe('store: a course record that cannot be read', () => {
  const badCourse = { courseId: 'c1', entity: 'course', id: 'c1', rev: 1, updated: 1, data: { id: 'c1', patient: `Patient/${SECRET}`, contract: { sessions: 120 } } };

  it('getCourse rejects with unreadable (not "no course"); a put, a write or a create of the course is refused and it stays stored', async () => {
    const database = uniqueDb('aside-course');
    await (await open(database)).importCourse(toDocument(sampleState()));
    closeStores();
    await rawPut(database, [badCourse]);
    const store = await open(database);
    const read = await rejection(store.getCourse('c1'));
    expect([read.code, read.field]).to.deep.equal(['unreadable', 'contract.sessions']);
    expect(read.message).not.to.contain(SECRET);
    const start = { id: 'c1', contract: { sessions: 16 } };
    expect((await rejection(store.put('c1', 'course', start))).code).to.equal('unreadable');
    expect((await rejection(store.write('c1', [{ op: 'put', entity: 'course', record: start }]))).code).to.equal('unreadable');
    expect((await rejection(store.createCourse(start))).code).to.equal('invalid-input'); // the id is taken
    expect((await rejection(store.exportCourse('c1'))).code).to.equal('unreadable');
    expect((await rejection(store.importCourse(toDocument(sampleState()), { replace: true }))).code).to.equal('unreadable');
    const stored = ((await rawRecords(database)) as Array<{ entity: string; data: { patient?: string } }>).find((r) => r.entity === 'course');
    expect(stored?.data.patient).to.equal(`Patient/${SECRET}`);
  });

  it('encrypted, one whose ciphertext was altered: getCourse rejects with unreadable, and no put of the course goes over it', async () => {
    const database = uniqueDb('aside-course-sealed');
    const key = await newKey();
    await (await open(database, { key })).importCourse(toDocument(sampleState()));
    closeStores();
    const course = ((await rawRecords(database)) as Array<{ entity: string; data: ArrayBuffer }>).find((r) => r.entity === 'course')!;
    const bytes = new Uint8Array(course.data);
    bytes[20]! ^= 1;
    await rawPut(database, [course]);
    const store = await open(database, { key });
    expect((await rejection(store.getCourse('c1'))).code).to.equal('unreadable');
    expect((await rejection(store.put('c1', 'course', { id: 'c1', contract: { sessions: 16 } }))).code).to.equal('unreadable');
    const after = ((await rawRecords(database)) as Array<{ entity: string; data: ArrayBuffer }>).find((r) => r.entity === 'course')!;
    expect(new Uint8Array(after.data)).to.deep.equal(bytes);
  });
});

describe('store: an encrypted database takes no plain record', () => {
  it('sets aside a plain record injected in a sealed database, as altered ciphertext, and reports it', async () => {
    const database = uniqueDb('plain-in-sealed');
    const key = await newKey();
    await (await open(database, { key })).importCourse(toDocument(sampleState()));
    closeStores();
    await rawPut(database, [
      { courseId: 'c1', entity: 'goal', id: 'g9', rev: 1, updated: 1, data: { id: 'g9', courseId: 'c1', text: 'stop medication', area: 'role-dispute', order: 2, set: '2026-01-05' } },
    ]);
    const errors: IptError[] = [];
    const store = await open(database, { key, onError: (e) => errors.push(e) });
    const state = await store.getCourse('c1');
    expect(state?.goals.map((g) => g.id)).to.deep.equal(['g1']);
    expect(state?.setAside).to.deep.equal([{ entity: 'goal', id: 'g9', reason: 'encryption' }]);
    expect(errors.map((e) => e.code)).to.deep.equal(['unreadable']);
    expect(errors[0]!.message).to.contain('g9').and.not.to.contain('medication');
  });
});

describe('store: one malformed value locks nothing', () => {
  it('an ArrayBuffer record in an unencrypted database is set aside; that course and the others read', async () => {
    const database = uniqueDb('binary');
    const store = await open(database);
    await store.importCourse(toDocument(sampleState()));
    await store.importCourse(toDocument(sampleState('c2')));
    closeStores();
    await rawPut(database, [{ courseId: 'c1', entity: 'goal', id: 'g9', rev: 1, updated: 1, data: new Uint8Array(40).buffer }]);
    const again = await open(database);
    expect(again.locked).to.equal(undefined);
    expect((await again.getCourse('c1'))?.setAside).to.deep.equal([{ entity: 'goal', id: 'g9', reason: 'encryption' }]);
    expect((await again.getCourse('c2'))?.goals).to.have.length(1);
    await again.put('c2', 'goal', { id: 'g2', text: 'Walk', area: 'role-dispute', order: 2, set: '2026-01-05' });
  });

  // A key check that is not of the form ipt-elements writes (a sealed constant: an ArrayBuffer of 42
  // bytes) can only be damage or another program's doing. With no sealed record stored, nothing is
  // encrypted for it to protect: it is reported and treated as absent. A store without a key opens
  // and writes (the data is in clear anyway; locking would only hide it); a store with a key seals
  // everything and writes a valid key check over it (reported, so it is not adopted in silence).
  // With sealed records stored, a key is never adopted over it: that store is locked.
  for (const [label, garbage] of [
    ['a string', 'garbage'],
    ['a short ArrayBuffer', new Uint8Array(8).buffer],
  ] as const) {
    it(`a key check that is ${label}, in a database with no sealed record: reported; no key opens it unlocked, a key seals it`, async () => {
      const database = uniqueDb('garbage-check');
      await (await open(database)).importCourse(toDocument(sampleState()));
      closeStores();
      await rawPut(database, [], { 'key-check': garbage });
      const errors: IptError[] = [];
      const plain = await open(database, { onError: (e) => errors.push(e) });
      expect(plain.locked).to.equal(undefined);
      expect(errors.map((e) => e.code)).to.deep.equal(['unreadable']);
      expect(await plain.getCourse('c1')).to.deep.equal(sampleState());
      await plain.put('c1', 'goal', { id: 'g2', text: 'Walk', area: 'role-dispute', order: 2, set: '2026-01-05' });
      closeStores();
      const key = await newKey();
      const keyed = await open(database, { key });
      expect(keyed.locked).to.equal(undefined);
      expect((await keyed.getCourse('c1'))?.goals).to.have.length(2);
      expect(((await rawRecords(database)) as Array<{ data: unknown }>).every((r) => r.data instanceof ArrayBuffer)).to.equal(true);
      closeStores();
      expect((await open(database)).locked?.code).to.equal('locked');
      expect((await open(database, { key })).locked).to.equal(undefined);
    });
  }

  // With sealed records stored and no valid key check, a key is never adopted (it would be sealed
  // over them, and the real key refused from then on): locked, nothing re-sealed, nothing lost.
  for (const [label, check] of [
    ['garbage', 'garbage'],
    ['deleted', undefined],
  ] as const) {
    it(`a key check ${label} in a database that holds sealed records: no key is adopted, nothing is rewritten`, async () => {
      const database = uniqueDb('sealed-no-check');
      const key = await newKey();
      await (await open(database, { key })).importCourse(toDocument(sampleState()));
      closeStores();
      const probe = await rawMeta(database, 'key-check');
      await rawPut(database, [], { 'key-check': check });
      const before = await rawRecords(database);
      for (const k of [await newKey(), key]) expect((await open(database, { key: k })).locked?.code).to.equal('locked');
      expect(await rawMeta(database, 'key-check')).to.equal(check);
      expect(await rawRecords(database)).to.deep.equal(before);
      closeStores();
      // The real key check put back, the real key reads everything.
      await rawPut(database, [], { 'key-check': probe });
      expect(await (await open(database, { key })).getCourse('c1')).to.deep.equal(sampleState());
    });
  }
});

describe('store: the first keyed open and a keyless writer in another tab', () => {
  it('seals all and sets the key check, or leaves nothing sealed and no key check', async function () {
    this.timeout(60000);
    const database = uniqueDb('seal-race');
    const plain = await open(database);
    const state = sampleState();
    state.people.push(...Array.from({ length: 40 }, (_, i) => ({ ...state.people[0]!, id: `p${i + 10}` })));
    await plain.importCourse(toDocument(state));
    let stop = false;
    let writes = 0;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await plain.put('c1', 'person', { id: `w${i % 60}`, name: `Written ${i}`, ring: 2 });
          writes++;
        } catch (error) {
          if ((error as IptError).code === 'locked') return;
          throw error;
        }
      }
    })();
    // Let the writer get going, then open with a key while it writes.
    while (writes < 3) await new Promise((r) => setTimeout(r, 1));
    const key = await newKey();
    const keyed = await open(database, { key }).catch((e: IptError) => e);
    stop = true;
    await writer;
    const raw = (await rawRecords(database)) as Array<{ data: unknown }>;
    const sealed = raw.filter((r) => r.data instanceof ArrayBuffer).length;
    const check = await rawMeta(database, 'key-check');
    const outcome = check === undefined ? { sealed, check: 'none' } : { sealed: sealed === raw.length ? 'all' : sealed, check: 'set' };
    expect(outcome, 'all sealed with a key check, or none sealed and no key check').to.deep.equal(
      check === undefined ? { sealed: 0, check: 'none' } : { sealed: 'all', check: 'set' },
    );
    if (!(keyed instanceof Error)) expect(keyed.locked).to.equal(undefined);
    else {
      // It gave up (the writer never paused), writing nothing: with the writer gone, the next keyed open seals everything.
      expect(keyed.code).to.equal('aborted');
      expect((await open(database, { key })).locked).to.equal(undefined);
      expect(((await rawRecords(database)) as Array<{ data: unknown }>).every((r) => r.data instanceof ArrayBuffer)).to.equal(true);
    }
  });
});
