/** Encryption at rest: the host's AES-GCM key seals every record before its transaction opens. */
import { expect } from '@open-wc/testing';
import { toDocument, type IptError } from '../../src/index.js';
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
    expect(reported.map((e) => [e.code, e.field])).to.deep.equal([
      ['invalid-input', 'goal'],
      ['invalid-input', 'measure'],
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
});
