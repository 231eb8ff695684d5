/**
 * Integrity defects of issue 16, on the store's side: wipe() and a database the SDK did not make,
 * a database deleted under an open store, host listeners that throw, what another script says on
 * the BroadcastChannel, and bad arguments that rejected with a bare TypeError.
 */
import { expect } from '@open-wc/testing';
import { toDocument } from '../../src/model/index.js';
import { wipe, type IptStore } from '../../src/store/index.js';
import { captureReported, closeStores, databaseNames, deleteDb, nextMessage, open, rawOpen, rejection, sampleState, scopedFactory, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

/** What a database holds, as plain IndexedDB sees it: its version, its object stores and each one's records. */
async function contents(name: string): Promise<{ version: number; stores: Record<string, unknown[]> }> {
  const db = await rawOpen(name);
  try {
    const stores: Record<string, unknown[]> = {};
    for (const s of [...db.objectStoreNames]) {
      stores[s] = await new Promise((resolve, reject) => {
        const req = db.transaction(s).objectStore(s).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

/** A portal's own database: a `patients` store with one record (and, when asked, a `records` store of its own shape). */
async function portalDb(version: number, withRecords = false): Promise<string> {
  const name = uniqueDb('portal');
  const db = await rawOpen(name, version, (d, tx) => {
    d.createObjectStore('patients', { keyPath: 'id' });
    if (withRecords) d.createObjectStore('records', { autoIncrement: true });
    tx.objectStore('patients').put({ id: 'pt1', name: 'Portal patient', note: 'kept by the portal' });
  });
  db.close();
  return name;
}

describe('store: a database the SDK did not make', () => {
  for (const [label, version, withRecords] of [
    ['at version 1 (an upgrade would add our stores)', 1, false],
    ['at version 2 (no upgrade: writes would fail)', 2, false],
    ['with a records store of its own', 1, true],
  ] as const) {
    it(`refuses to open a portal's database ${label}: invalid-input naming database, nothing changed`, async () => {
      const name = await portalDb(version, withRecords);
      const before = await contents(name);
      try {
        const error = await rejection(open(name));
        expect(error.name).to.equal('IptError');
        expect(error).to.include({ code: 'invalid-input', field: 'database' });
        expect(await contents(name)).to.deep.equal(before);
        // wipe() leaves it alone too.
        await wipe({ indexedDB: scopedFactory(name) });
        expect(await contents(name)).to.deep.equal(before);
      } finally {
        await deleteDb(name);
      }
    });
  }

  it('wipe() deletes a database of ours whose marker was deleted, with its health data', async () => {
    const name = uniqueDb('nomarker');
    await (await open(name)).importCourse(toDocument(sampleState()));
    closeStores();
    const db = await rawOpen(name);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').delete('format');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    // Still ours: it opens and reads.
    expect((await (await open(name)).getCourse('c1'))?.people[0]?.name).to.equal('J.');
    await wipe({ indexedDB: scopedFactory(name) });
    expect(await databaseNames()).not.to.include(name);
  });
});

describe('store: its database deleted elsewhere (wipe() in another tab)', () => {
  async function seeded(): Promise<[IptStore, string]> {
    const name = uniqueDb('gone');
    const store = await open(name);
    await store.importCourse(toDocument(sampleState()));
    await store.getCourse('c1');
    return [store, name];
  }

  it('closes: every later call rejects with terminated, and none creates the database again', async () => {
    const [store, name] = await seeded();
    const heard: string[] = [];
    store.subscribe('c1', (e) => heard.push(`${e.courseId}:${e.changes.map((c) => `${c.entity}.${c.op}`).join()}`));
    await deleteDb(name);
    expect(store.closed).to.equal(true);
    expect(heard, 'the course listeners hear the course deleted').to.deep.equal(['c1:course.delete']);
    for (const call of [
      () => store.getCourse('c1'),
      () => store.put('c1', 'goal', { id: 'g2', text: 'After the wipe', area: 'role-dispute', order: 2, set: '2026-01-06' }),
      () => store.createCourse({ id: 'c2', contract: { sessions: 12 } }),
      () => store.listCourses(),
    ]) {
      expect((await rejection(call())).code).to.equal('terminated');
    }
    expect(await databaseNames()).not.to.include(name);
  });

  it('a write under way when the database is deleted does not create it again', async () => {
    const [store, name] = await seeded();
    const deleting = deleteDb(name);
    const write = store.put('c1', 'goal', { id: 'g2', text: 'Racing the wipe', area: 'role-dispute', order: 2, set: '2026-01-06' }).catch(() => undefined);
    await Promise.all([deleting, write]);
    await store.put('c1', 'goal', { id: 'g3', text: 'After', area: 'role-dispute', order: 3, set: '2026-01-06' }).catch(() => undefined);
    expect(await databaseNames()).not.to.include(name);
  });

  it('wipe() in this page: the stores it closes tell their course listeners the course is gone', async () => {
    const [store, name] = await seeded();
    const heard: string[] = [];
    store.subscribe('c1', (e) => heard.push(e.changes.map((c) => `${c.entity}.${c.op}`).join()));
    await wipe({ indexedDB: scopedFactory(name) });
    expect(heard).to.deep.equal(['course.delete']);
    expect((await rejection(store.getCourse('c1'))).code).to.equal('terminated');
    expect(await databaseNames()).not.to.include(name);
  });
});

describe('store: host listeners that throw', () => {
  const reported = captureReported();

  it('a subscribe listener that throws: put and apply resolve, the others hear it, the error goes to reportError', async () => {
    const store = await open(uniqueDb('throws'));
    await store.importCourse(toDocument(sampleState()));
    const bug = new Error('host bug');
    const heard: string[] = [];
    store.subscribe('c1', () => {
      throw bug;
    });
    store.subscribe(null, (e) => heard.push(e.changes[0]!.id));
    await store.put('c1', 'goal', { id: 'g2', text: 'Saved', area: 'role-dispute', order: 2, set: '2026-01-06' });
    await store.apply('c1', [{ op: 'delete', entity: 'goal', id: 'g2' }]);
    expect(heard).to.deep.equal(['g2', 'g2']);
    expect(reported).to.deep.equal([bug, bug]);
    expect((await store.getCourse('c1'))!.goals.map((g) => g.id)).to.deep.equal(['g1']);
  });

  it('an onError listener that throws: getCourse still resolves with the records that validate', async () => {
    const name = uniqueDb('throws');
    const store = await open(name);
    await store.importCourse(toDocument(sampleState()));
    const db = await rawOpen(name);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: 'c1', entity: 'goal', id: 'g9', rev: 1, updated: 0, data: { id: 'g9', courseId: 'c1', text: 42 } });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const reader = await open(name, {
      onError: () => {
        throw new Error('host bug');
      },
    });
    expect((await reader.getCourse('c1'))!.goals.map((g) => g.id)).to.deep.equal(['g1']);
    expect(reported).to.have.length(1);
  });
});

describe('store: what another script says on the channel', () => {
  it('passes on only ids and enum values, rebuilt; drops any message that is not a change notice', async () => {
    const name = uniqueDb('channel');
    const store = await open(name);
    await store.importCourse(toDocument(sampleState()));
    const heard: unknown[] = [];
    store.subscribe(null, (e) => heard.push(e));
    const channel = new BroadcastChannel(`ipt-elements:${name}`);
    const bad: unknown[] = [
      { courseId: 'Ana Diaz, F32.1 major depressive disorder', changes: [{ entity: 'goal', id: 'g1', op: 'update' }] },
      { courseId: 'c1', changes: [{ entity: 'goal', id: 'Ana Diaz F32.1', op: 'update' }] },
      { courseId: 'c1', changes: [{ entity: 'diagnosis', id: 'g1', op: 'update' }] },
      { courseId: 'c1', changes: [{ entity: 'goal', id: 'g1', op: 'exfiltrate' }] },
      { courseId: 'c1', changes: [{ entity: 'goal', id: 'g1', op: 'update' }, 'F32.1'] },
      { courseId: 'c1', changes: [null] },
      { courseId: 'c1', changes: 'F32.1' },
      { courseId: 'c1', changes: [] },
      { courseId: 42, changes: [{ entity: 'goal', id: 'g1', op: 'update' }] },
      null,
      'F32.1',
    ];
    for (const message of bad) channel.postMessage(message);
    channel.postMessage({ courseId: 'c1', changes: [{ entity: 'goal', id: 'g1', op: 'update', name: 'Ana Diaz', diagnosis: 'F32.1' }], note: 'F32.1' });
    // A channel made after the store's hears a message after it: once this one has it, the store has heard it too.
    const after = new BroadcastChannel(`ipt-elements:${name}`);
    const delivered = new Promise((resolve) => (after.onmessage = resolve));
    channel.postMessage('last');
    await delivered;
    channel.close();
    after.close();
    await nextMessage();
    expect(heard).to.deep.equal([{ courseId: 'c1', changes: [{ entity: 'goal', id: 'g1', op: 'update' }], origin: 'remote' }]);
  });
});

describe('store: bad arguments reject with an IptError', () => {
  it('apply and write with changes that are no list: invalid-input', async () => {
    const store = await open(uniqueDb('bad'));
    await store.importCourse(toDocument(sampleState()));
    for (const changes of [null, undefined, 'x', { op: 'delete', entity: 'goal', id: 'g1' }]) {
      for (const call of [() => store.apply('c1', changes as never), () => store.write('c1', changes as never)]) {
        const error = await rejection(call());
        expect(error.name, String(changes)).to.equal('IptError');
        expect(error.code).to.equal('invalid-input');
      }
    }
  });

  it('wipe with an indexedDB that is no IDBFactory: invalid-input naming indexedDB, nothing closed', async () => {
    const store = await open(uniqueDb('bad'));
    for (const factory of [{}, 'x', 42]) {
      const error = await rejection(wipe({ indexedDB: factory as never }));
      expect(error.name).to.equal('IptError');
      expect(error).to.include({ code: 'invalid-input', field: 'indexedDB' });
    }
    expect(store.closed).to.equal(false);
  });
});
