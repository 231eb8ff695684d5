import { firstStage, validate, type CourseState } from '../src/model/index.js';
import { openStore, type IptStore } from '../src/store/index.js';

const opened: IptStore[] = [];
/** Opens a store on a database; closeStores() closes every store opened so. */
export async function open(database: string, extra: Parameters<typeof openStore>[0] = {}): Promise<IptStore> {
  const store = await openStore({ database, ...extra });
  opened.push(store);
  return store;
}
/** Closes the stores open() opened (call it in afterEach). */
export function closeStores(): void {
  opened.splice(0).forEach((s) => s.close());
}

let counter = 0;
/** A database name no other test uses. */
export const uniqueDb = (label = 'test') => `ipt-test-${label}-${++counter}-${crypto.randomUUID()}`;

/** A small course with one record of each kind. */
export function sampleState(courseId = 'c1'): CourseState {
  return {
    course: validate('course', { id: courseId, patient: 'Patient/42', focus: ['role-dispute'], contract: { sessions: 16 } }),
    sessions: [validate('session', { id: 's1', courseId, date: '2026-01-05', status: 'attended' })],
    people: [validate('person', { id: 'p1', courseId, name: 'J.', relationship: 'partner', ring: 1, conflict: 3 })],
    disputes: [
      validate('dispute', { id: 'd1', courseId, personId: 'p1', issue: 'chores', stage: 'impasse', history: firstStage('impasse', { date: '2026-01-05', session: 1 }) }),
    ],
    goals: [validate('goal', { id: 'g1', courseId, text: 'Talk about chores calmly', area: 'role-dispute', order: 1, set: '2026-01-05' })],
    measures: [validate('measure', { id: 'm1', courseId, instrument: 'PHQ-9', score: 17, date: '2026-01-05', sessionId: 's1' })],
  };
}

/** Opens a database with plain IndexedDB, as another library or an older ipt-elements would. */
export function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result, req.transaction!);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every raw value in a database's records store (or another of its stores). */
export async function rawRecords(name: string, table = 'records'): Promise<unknown[]> {
  const db = await rawOpen(name);
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(table).objectStore(table).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** The names of the databases this origin holds. */
export async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
}

/** Resolves with the error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; field?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; field?: string };
  }
  throw new Error('expected the promise to reject');
}

export const nextMessage = () => new Promise((r) => setTimeout(r, 50));

/** Counts the course reads (a getAll in a read-only transaction) while `fn` runs. */
export async function reads<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const proto = IDBObjectStore.prototype;
  const getAll = proto.getAll;
  let n = 0;
  proto.getAll = function (this: IDBObjectStore, ...args: Parameters<typeof getAll>) {
    if (this.transaction.mode === 'readonly') n++;
    return getAll.apply(this, args);
  };
  try {
    return [await fn(), n];
  } finally {
    proto.getAll = getAll;
  }
}

/** Deletes a database with plain IndexedDB, as wipe() in another tab would. */
export function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** An IDBFactory whose databases() lists only `names`: test files run side by side in one browser profile, and wipe() must not reach another file's. */
export const scopedFactory = (...names: string[]) =>
  ({
    open: indexedDB.open.bind(indexedDB),
    deleteDatabase: indexedDB.deleteDatabase.bind(indexedDB),
    databases: async () => (await indexedDB.databases()).filter((d) => names.includes(d.name!)),
  }) as unknown as IDBFactory;

/** In each test of the suite it is called in, what is handed to the page's reportError is kept in the list returned (and not reported). */
export function captureReported(): unknown[] {
  const reported: unknown[] = [];
  let original: typeof globalThis.reportError;
  beforeEach(() => {
    reported.length = 0;
    original = globalThis.reportError;
    globalThis.reportError = (e: unknown) => void reported.push(e);
  });
  afterEach(() => {
    globalThis.reportError = original;
  });
  return reported;
}
