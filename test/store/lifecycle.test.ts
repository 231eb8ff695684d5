import { expect } from '@open-wc/testing';
import { DB_VERSION, toDocument, wipe, type IptError } from '../../src/index.js';
import { closeStores, databaseNames, open, rawOpen, rawRecords, rejection, sampleState, uniqueDb } from '../fixtures.js';

const restore: Array<() => void> = [];
const unhandled: unknown[] = [];
window.addEventListener('unhandledrejection', (e) => unhandled.push(e.reason));
afterEach(async () => {
  restore.splice(0).forEach((undo) => undo());
  closeStores();
  await new Promise((r) => setTimeout(r, 20));
  // Every failure must end in a rejected call or an error event, never an unhandled rejection.
  expect(unhandled.splice(0).map(String)).to.deep.equal([]);
});

/** Replaces a method of a platform prototype for one test. */
function patch<T extends object, K extends keyof T>(proto: T, name: K, replacement: (original: T[K]) => T[K]) {
  const original = proto[name];
  proto[name] = replacement(original);
  restore.push(() => {
    proto[name] = original;
  });
}

/** The layout version 1 wrote: one records store, no meta store. */
const layoutV1 = (db: IDBDatabase) => {
  db.createObjectStore('records', { keyPath: ['courseId', 'entity', 'id'] }).createIndex('entity', 'entity');
};

describe('store: memory fallback', () => {
  it('falls back to memory when the browser has no IndexedDB, reports storage-unavailable, and still works', async () => {
    const store = await open(uniqueDb(), { indexedDB: null });
    expect(store.storage).to.equal('memory');
    expect(store.fallback?.code).to.equal('storage-unavailable');
    await store.importCourse(toDocument(sampleState()));
    expect((await store.getCourse('c1'))?.people).to.have.length(1);
  });

  it('falls back to memory when IndexedDB refuses to open', async () => {
    const refusing = {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = await open(uniqueDb(), { indexedDB: refusing });
    expect([store.storage, store.fallback?.code]).to.deep.equal(['memory', 'storage-unavailable']);
  });

  it('falls back to memory when the open request fails', async () => {
    const failing = {
      open() {
        const req = new EventTarget() as IDBOpenDBRequest;
        Object.defineProperty(req, 'error', { value: new DOMException('broken', 'UnknownError') });
        setTimeout(() => req.dispatchEvent(new Event('error')));
        return req;
      },
    } as unknown as IDBFactory;
    const store = await open(uniqueDb(), { indexedDB: failing, openTimeout: 1000 });
    expect([store.storage, store.fallback?.code]).to.deep.equal(['memory', 'storage-unavailable']);
  });
});

describe('store: connection lifecycle', () => {
  it('reports a blocked upgrade, then opens once the old connection lets go', async () => {
    const db = uniqueDb();
    const old = await rawOpen(db, 1, layoutV1);
    const errors: IptError[] = [];
    const opening = open(db, {
      openTimeout: 5000,
      onError: (e) => {
        errors.push(e);
        if (e.code === 'blocked') old.close();
      },
    });
    const store = await opening;
    expect(errors.map((e) => e.code)).to.deep.equal(['blocked']);
    expect(store.storage).to.equal('indexeddb');
  });

  it('does not hang on an upgrade that stays blocked: it times out into memory with an error', async () => {
    const db = uniqueDb();
    const old = await rawOpen(db, 1, layoutV1);
    const errors: string[] = [];
    const store = await open(db, { openTimeout: 300, onError: (e) => errors.push(e.code) });
    expect(errors).to.deep.equal(['blocked']);
    expect([store.storage, store.fallback?.code]).to.deep.equal(['memory', 'storage-unavailable']);
    old.close();
  });

  it('steps aside when a newer version upgrades the database, and then says the database is newer', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    const newer = await rawOpen(db, DB_VERSION + 1); // would hang if the store kept its connection
    newer.close();
    const error = await rejection(store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 }));
    expect(error.code).to.equal('version');
  });

  it('reopens once when the connection is closed under a write, and the write lands', async () => {
    const db = uniqueDb();
    const errors: string[] = [];
    const store = await open(db, { onError: (e) => errors.push(e.code) });
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    let closedOnce = false;
    patch(IDBDatabase.prototype, 'transaction', (original) =>
      function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        if (!closedOnce && args[1] === 'readwrite') {
          closedOnce = true;
          this.close(); // what the browser does when it terminates the connection
        }
        return original.apply(this, args);
      } as IDBDatabase['transaction'],
    );
    await store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 });
    expect(closedOnce).to.equal(true);
    expect(errors).to.deep.equal(['terminated']);
    const raw = (await rawRecords(db)) as Array<{ entity: string }>;
    expect(raw.map((r) => r.entity).sort()).to.deep.equal(['course', 'person']);
  });

  it('rejects a write refused for quota with quota-exceeded and keeps what was stored', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.importCourse(toDocument(sampleState()));
    const before = await rawRecords(db);
    patch(IDBObjectStore.prototype, 'put', () => () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await rejection(store.put('c1', 'person', { id: 'p2', name: 'B.', ring: 3 }));
    restore.splice(0).forEach((undo) => undo());
    expect(error.code).to.equal('quota-exceeded');
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('rejects a write whose transaction fails after its last request, and keeps what was stored', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.createCourse({ id: 'c1', contract: { sessions: 12 } });
    const before = await rawRecords(db);
    patch(IDBObjectStore.prototype, 'put', (original) =>
      function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = original.apply(this, args);
        // The write's last request (its outbox entry) succeeds, then the transaction fails before it commits (as a commit refused for quota would).
        if (this.name === 'outbox') request.addEventListener('success', () => this.transaction.abort());
        return request;
      } as IDBObjectStore['put'],
    );
    const error = await rejection(store.put('c1', 'person', { id: 'p1', name: 'A.', ring: 1 }));
    restore.splice(0).forEach((undo) => undo());
    expect(error.code).to.equal('aborted');
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('imports nothing when the transaction fails in the middle of an import', async () => {
    const db = uniqueDb();
    const store = await open(db);
    await store.importCourse(toDocument(sampleState()));
    const before = await rawRecords(db);
    let puts = 0;
    patch(IDBObjectStore.prototype, 'put', (original) =>
      function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (++puts === 4) throw new DOMException('disk error', 'UnknownError');
        return original.apply(this, args);
      } as IDBObjectStore['put'],
    );
    const replacement = toDocument(sampleState());
    replacement.course.contract.sessions = 20;
    const error = await rejection(store.importCourse(replacement, { replace: true }));
    restore.splice(0).forEach((undo) => undo());
    expect(error.code).to.equal('aborted');
    expect(puts).to.equal(4);
    expect(await rawRecords(db)).to.deep.equal(before);
  });

  it('rejects calls on a closed store with terminated', async () => {
    const store = await open(uniqueDb());
    store.close();
    expect((await rejection(store.listCourses())).code).to.equal('terminated');
  });
});

describe('store: schema versions', () => {
  it(`migrates a database written with layout 1 to layout ${DB_VERSION}, keeping its records`, async () => {
    const db = uniqueDb();
    const old = await rawOpen(db, 1, layoutV1);
    const course = sampleState().course;
    await new Promise<void>((resolve, reject) => {
      const tx = old.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: 'c1', entity: 'course', id: 'c1', rev: 1, updated: 1, data: course });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    old.close();
    const store = await open(db);
    expect((await store.getCourse('c1'))?.course).to.deep.equal(course);
    store.close();
    const upgraded = await rawOpen(db);
    expect([upgraded.version, [...upgraded.objectStoreNames]]).to.deep.equal([DB_VERSION, ['meta', 'outbox', 'records', 'sync']]);
    upgraded.close();
  });

  it('sets aside a stored record that no longer validates, reports it, and returns the rest', async () => {
    const db = uniqueDb();
    const errors: IptError[] = [];
    const store = await open(db, { onError: (e) => errors.push(e) });
    await store.importCourse(toDocument(sampleState()));
    store.close();
    const raw = await rawOpen(db);
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: 'c1', entity: 'goal', id: 'g9', rev: 1, updated: 1, data: { id: 'g9', courseId: 'c1', text: '', area: 'grief' } });
      tx.oncomplete = () => resolve();
    });
    raw.close();
    const again = await open(db, { onError: (e) => errors.push(e) });
    const state = await again.getCourse('c1');
    expect(state?.goals.map((g) => g.id)).to.deep.equal(['g1']);
    expect(state?.people).to.have.length(1);
    expect(errors.map((e) => [e.code, e.field])).to.deep.equal([['unreadable', 'text']]);
    expect(errors[0]!.message).to.contain('goal').and.to.contain('g9');
    expect(state?.setAside).to.deep.equal([{ entity: 'goal', id: 'g9', reason: 'invalid' }]);
  });
});

describe('wipe', () => {
  it('deletes every database ipt-elements made, whatever its name, and leaves the others', async () => {
    const a = uniqueDb('wipe-a');
    const b = uniqueDb('wipe-b');
    const v1 = uniqueDb('wipe-v1');
    const foreign = uniqueDb('foreign');
    await (await open(a)).importCourse(toDocument(sampleState()));
    await (await open(b)).createCourse({ id: 'c9', contract: { sessions: 12 } });
    (await rawOpen(v1, 1, layoutV1)).close();
    (await rawOpen(foreign, 1, (db) => db.createObjectStore('records'))).close();
    const memory = await open(uniqueDb(), { storage: 'memory' });
    // Test files run side by side in one browser profile: list only this test's databases, so
    // that wipe() cannot reach another file's (the real databases() is used by the app).
    const mine = [a, b, v1, foreign];
    const scoped = {
      open: indexedDB.open.bind(indexedDB),
      deleteDatabase: indexedDB.deleteDatabase.bind(indexedDB),
      databases: async () => (await indexedDB.databases()).filter((d) => mine.includes(d.name!)),
    } as unknown as IDBFactory;
    await wipe({ indexedDB: scoped });
    const left = await databaseNames();
    expect(left).not.to.include.members([a]);
    expect(left.filter((n) => [a, b, v1].includes(n))).to.deep.equal([]);
    expect(left).to.include(foreign);
    expect(memory.closed).to.equal(true);
    indexedDB.deleteDatabase(foreign);
  });

  it('creates no database while it looks for its own', async () => {
    // databases() lists none, so wipe only probes the default name, which does not exist here.
    const probeOnly = {
      open: indexedDB.open.bind(indexedDB),
      deleteDatabase: indexedDB.deleteDatabase.bind(indexedDB),
      databases: async () => [],
    } as unknown as IDBFactory;
    expect(await databaseNames()).not.to.include('ipt-elements');
    await wipe({ indexedDB: probeOnly });
    expect(await databaseNames()).not.to.include('ipt-elements');
  });
});
