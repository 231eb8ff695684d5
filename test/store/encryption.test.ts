/** Encryption at rest: the host's AES-GCM key seals every record before its transaction opens. */
import { expect } from '@open-wc/testing';
import { openSharedStore, toDocument, type IptError } from '../../src/index.js';
import { closeStores, open, rawOpen, rawRecords, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
/** Text only this test writes: found anywhere in storage, it leaked. */
const SECRET = 'Zebulon-Quartz';

function secretState() {
  const state = sampleState();
  state.people[0] = { ...state.people[0]!, name: `${SECRET} name`, supportive: `${SECRET} support` };
  state.goals[0] = { ...state.goals[0]!, text: `${SECRET} goal` };
  state.course = { ...state.course, patient: `Patient/${SECRET}` };
  return state;
}

/** Everything in the database as text: envelopes as JSON, binary data as decoded bytes. */
async function rawText(db: string): Promise<string> {
  const decoder = new TextDecoder();
  return JSON.stringify(await rawRecords(db), (_k, v) => (v instanceof ArrayBuffer ? decoder.decode(v) : v));
}

describe('encryption at rest', () => {
  it('stores none of the plaintext: the raw IndexedDB holds sealed data, and ids only around it', async () => {
    const db = uniqueDb('sealed');
    const key = await newKey();
    const store = await open(db, { key });
    await store.importCourse(toDocument(secretState()));
    await store.put('c1', 'measure', { id: 'm2', instrument: 'other', label: `${SECRET} scale`, score: 3, date: '2026-02-01' });
    const raw = (await rawRecords(db)) as Array<Record<string, unknown>>;
    expect(raw).to.have.length(7);
    expect(raw.every((r) => r.data instanceof ArrayBuffer)).to.equal(true);
    expect(await rawText(db)).not.to.contain(SECRET);
    // Read back through the store, everything is there.
    const state = await store.getCourse('c1');
    expect(state?.people[0]?.name).to.equal(`${SECRET} name`);
    expect(state?.measures.find((m) => m.id === 'm2')?.label).to.equal(`${SECRET} scale`);
  });

  it('reads the course back after a reopen with the same key', async () => {
    const db = uniqueDb('sealed');
    const key = await newKey();
    await (await open(db, { key })).importCourse(toDocument(secretState()));
    closeStores();
    const again = await open(db, { key });
    expect(again.locked).to.equal(undefined);
    expect(await again.getCourse('c1')).to.deep.equal(secretState());
  });

  it('is locked without the key or with another key: it reads and writes nothing', async () => {
    const db = uniqueDb('sealed');
    await (await open(db, { key: await newKey() })).importCourse(toDocument(secretState()));
    closeStores();
    for (const store of [await open(db), await open(db, { key: await newKey() })]) {
      expect(store.locked?.code).to.equal('locked');
      expect((await rejection(store.getCourse('c1'))).code).to.equal('locked');
      expect((await rejection(store.listCourses())).code).to.equal('locked');
      expect((await rejection(store.put('c1', 'person', { id: 'p9', name: 'X', ring: 1 }))).code).to.equal('locked');
    }
    expect(await rawText(db)).not.to.contain('"p9"');
  });

  it('seals what was stored without a key at the first open with one', async () => {
    const db = uniqueDb('sealed');
    await (await open(db)).importCourse(toDocument(secretState()));
    expect(await rawText(db)).to.contain(SECRET);
    closeStores();
    const key = await newKey();
    const store = await open(db, { key });
    expect(await rawText(db)).not.to.contain(SECRET);
    expect(await store.getCourse('c1')).to.deep.equal(secretState());
  });

  it('sets aside a record whose ciphertext was altered or moved to another key, and reports it', async () => {
    const db = uniqueDb('sealed');
    const key = await newKey();
    await (await open(db, { key })).importCourse(toDocument(secretState()));
    closeStores();
    // Another program swaps the sealed data of the goal and of the measure.
    const raw = await rawOpen(db);
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('records', 'readwrite');
      const records = tx.objectStore('records');
      const goal = records.get(['c1', 'goal', 'g1']);
      const measure = records.get(['c1', 'measure', 'm1']);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      measure.onsuccess = () => {
        records.put({ ...goal.result, data: measure.result.data });
        const bytes = new Uint8Array(measure.result.data as ArrayBuffer);
        bytes[bytes.length - 1] ^= 1;
        records.put({ ...measure.result, data: bytes.buffer });
      };
    });
    raw.close();
    const reported: IptError[] = [];
    const store = await open(db, { key, onError: (e) => reported.push(e) });
    const state = await store.getCourse('c1');
    expect([state?.goals.length, state?.measures.length, state?.people.length]).to.deep.equal([0, 0, 1]);
    expect(reported.map((e) => e.code)).to.deep.equal(['unreadable', 'unreadable']);
    expect(state?.setAside).to.deep.equal([
      { entity: 'goal', id: 'g1', reason: 'encryption' },
      { entity: 'measure', id: 'm1', reason: 'encryption' },
    ]);
    expect(reported.map((e) => e.message).join()).not.to.contain(SECRET);
  });

  it('merges concurrent edits of an encrypted record like any other', async () => {
    const db = uniqueDb('sealed');
    const key = await newKey();
    const a = await open(db, { key });
    await a.importCourse(toDocument(secretState()));
    const b = await open(db, { key });
    const p = (await a.getCourse('c1'))!.people[0]!;
    await Promise.all([
      a.apply('c1', [{ op: 'put', entity: 'person', record: { ...p, ring: 2 }, base: p }]),
      b.apply('c1', [{ op: 'put', entity: 'person', record: { ...p, conflict: 1 }, base: p }]),
    ]);
    expect((await b.getCourse('c1'))!.people[0]).to.include({ ring: 2, conflict: 1, name: `${SECRET} name` });
  });

  it('refuses a key that is not an AES-GCM key for encrypt and decrypt', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const encryptOnly = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    for (const key of [hmac, encryptOnly, 'secret' as unknown as CryptoKey]) {
      const error = await rejection(open(uniqueDb('sealed'), { key }));
      expect([error.code, error.field]).to.deep.equal(['invalid-input', 'key']);
    }
  });

  it('encrypts a memory store the same way, and a keyed memory store works', async () => {
    const store = await open(uniqueDb('unused'), { storage: 'memory', key: await newKey() });
    await store.importCourse(toDocument(secretState()));
    expect(await store.getCourse('c1')).to.deep.equal(secretState());
  });

  describe('with other tabs', () => {
  it('a tab opened without a key before encryption was turned on is locked from then on: it writes no plaintext', async () => {
    const db = uniqueDb('r1');
    const plainTab = await open(db);
    await plainTab.importCourse(toDocument(secretState()));
    const keyed = await open(db, { key: await newKey() }); // seals everything, writes the probe
    expect(keyed.locked).to.equal(undefined);
    // The older tab is not locked and writes user text in the clear into the "encrypted" database.
    expect((await rejection(plainTab.put('c1', 'person', { id: 'p9', name: `${SECRET}`, ring: 1 }))).code).to.equal('locked');
    expect(plainTab.locked?.code).to.equal('locked');
    expect(await rawText(db), 'plaintext on disk').not.to.contain(SECRET);
  });

  it('that tab reads locked, not a missing course', async () => {
    const db = uniqueDb('r1b');
    const plainTab = await open(db);
    await plainTab.importCourse(toDocument(secretState()));
    await open(db, { key: await newKey() });
    const errors: string[] = [];
    plainTab.onError((e) => errors.push(e.code));
    const got = await plainTab.getCourse('c1').catch((e) => e.code);
    expect(got, 'should be locked').to.equal('locked');
  });

  it('the first keyed open loses no write another tab makes while it encrypts', async () => {
    const db = uniqueDb('r2');
    const plainTab = await open(db);
    await plainTab.importCourse(toDocument(secretState()));
    // Hold the first encryption until the other tab has written.
    const subtle = crypto.subtle;
    const original = subtle.encrypt.bind(subtle);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atGate = new Promise<void>((r) => (reached = r));
    let first = true;
    subtle.encrypt = (async (...args: Parameters<SubtleCrypto['encrypt']>) => {
      if (first) {
        first = false;
        reached();
        await gate;
      }
      return original(...args);
    }) as SubtleCrypto['encrypt'];
    try {
      const opening = open(db, { key: await newKey() });
      // The keyed store is encrypting (held at its first encryption) when the other tab writes.
      await atGate;
      const base = (await plainTab.getCourse('c1'))!.people[0]!;
      await plainTab.apply('c1', [{ op: 'put', entity: 'person', record: { ...base, name: 'Renamed' }, base }]);
      release();
      const keyed = await opening;
      expect((await keyed.getCourse('c1'))!.people[0]!.name, 'the other tab\'s write survives').to.equal('Renamed');
    } finally {
      subtle.encrypt = original;
    }
  });

  it('with a key, writes land in the order they were made', async () => {
    const db = uniqueDb('r3');
    const store = await open(db, { key: await newKey() });
    await store.importCourse(toDocument(secretState()));
    let outOfOrder = 0;
    for (let round = 0; round < 20; round++) {
      const big = 'x'.repeat(4000);
      const a = store.put('c1', 'person', { id: 'p1', name: 'first', supportive: big, ring: 1 });
      const b = store.put('c1', 'person', { id: 'p1', name: 'second', ring: 1 });
      await Promise.all([a, b]);
      if ((await store.getCourse('c1'))!.people[0]!.name !== 'second') outOfOrder++;
    }
    expect(outOfOrder, 'rounds where the earlier put won').to.equal(0);
  });

  it('a failure while encrypting at the first keyed open leaves the database as it was, and a later open encrypts it', async () => {
    const db = uniqueDb('r4');
    await (await open(db)).importCourse(toDocument(secretState()));
    closeStores();
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'meta') throw new DOMException('full', 'QuotaExceededError');
      return original.apply(this, args);
    };
    const key = await newKey();
    try {
      await rejection(open(db, { key }));
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    expect(await rawText(db), 'nothing half sealed').to.contain(SECRET);
    const plain = await open(db);
    expect(plain.locked).to.equal(undefined);
    const keyed = await open(db, { key });
    expect(await keyed.getCourse('c1')).to.deep.equal(secretState());
    expect(await rawText(db)).not.to.contain(SECRET);
  });

  it('openSharedStore with a key is not the unkeyed store a widget opened first', async () => {
    const db = uniqueDb('r6');
    const widgetSide = await openSharedStore({ database: db }); // what a widget without a store does at connect
    const hostSide = await openSharedStore({ database: db, key: await newKey() });
    try {
      await hostSide.importCourse(toDocument(secretState()));
      expect({ same: hostSide === widgetSide, plaintext: (await rawText(db)).includes(SECRET) }).to.deep.equal({ same: false, plaintext: false });
    } finally {
      widgetSide.close();
      hostSide.close();
    }
  });

  });
});
