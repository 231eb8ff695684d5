import { unwrap, wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { IptError } from '../model/errors.js';
import type { Entity } from '../model/schemas.js';
import type { Backend, Envelope, Key, Table, TxView } from './backend.js';

/** The version of the database layout this code writes. */
export const DB_VERSION = 3;
/** The marker in `meta` that an older ipt-elements looked for; a database is told as ours by its stores (see ours()). */
export const MARKER = { key: 'format', value: 'ipt-elements' } as const;

interface Schema extends DBSchema {
  records: { key: Key; value: Envelope; indexes: { entity: Entity } };
  meta: { key: string; value: { key: string; value: unknown } };
  outbox: { key: Key; value: Envelope };
  sync: { key: Key; value: Envelope };
}
type Db = IDBPDatabase<Schema>;
type UpgradeTx = IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>;

/**
 * The layout's history. Entry i upgrades a database from version i to version i + 1; an old
 * database runs every step it lacks, in order, inside the one upgrade transaction.
 */
export const MIGRATIONS: ReadonlyArray<(db: Db, tx: UpgradeTx) => void> = [
  // 1: one store for every record, keyed [courseId, entity, id]; a course is one key range.
  (db) => {
    const records = db.createObjectStore('records', { keyPath: ['courseId', 'entity', 'id'] });
    records.createIndex('entity', 'entity');
  },
  // 2: a meta store, with the marker that an older wipe() looked for.
  (db, tx) => {
    db.createObjectStore('meta', { keyPath: 'key' });
    void tx.objectStore('meta').put({ ...MARKER });
  },
  // 3: the sync's tables (see Table): the outbox, written with each change, and the server's copies.
  (db) => {
    db.createObjectStore('outbox', { keyPath: ['courseId', 'entity', 'id'] });
    db.createObjectStore('sync', { keyPath: ['courseId', 'entity', 'id'] });
  },
];

/** The key path of each object store ipt-elements makes (as String() gives it). */
const SHAPE: Record<string, string> = { records: 'courseId,entity,id', meta: 'key', outbox: 'courseId,entity,id', sync: 'courseId,entity,id' };
/** The tables every write's transaction spans (the meta store too: see transact). */
const SCOPE = ['records', 'meta', 'outbox', 'sync'] as const;

/**
 * True when the database is one ipt-elements made, marker or not: it holds the records store,
 * and only stores that ipt-elements makes, each of its shape. Any other is someone else's: never
 * upgraded, written or wiped.
 */
function ours(db: IDBDatabase, tx?: IDBTransaction): boolean {
  const names = [...db.objectStoreNames];
  return names.includes('records') && names.every((n) => SHAPE[n] === String((tx ??= db.transaction(names)).objectStore(n).keyPath));
}

const courseRange = (courseId: string, entity?: Entity) =>
  entity
    ? IDBKeyRange.bound([courseId, entity], [courseId, entity, []])
    : IDBKeyRange.bound([courseId], [courseId, []]);

export interface IdbOptions {
  name: string;
  factory: IDBFactory;
  /** Milliseconds to wait for the database to open before giving up. */
  timeout: number;
  /** Hears what happens to the connection after (or while) it opens. */
  onIssue: (error: IptError) => void;
  /** Hears that the connection went away: `deleted` when the database was deleted (wipe()), else upgraded elsewhere or closed by the browser. */
  onGone?: (deleted: boolean) => void;
}

/** Maps a DOMException from IndexedDB to an IptError with a stable code. */
export function toIptError(error: unknown, doing: string): IptError {
  if (error instanceof IptError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new IptError('quota-exceeded', `The browser has no room left to ${doing}; nothing was written`, undefined, { cause: error });
  }
  if (name === 'VersionError') {
    return new IptError('version', 'The database was written by a newer ipt-elements; reload the page', undefined, { cause: error });
  }
  return new IptError('aborted', `Could not ${doing} (${name ?? 'unknown error'}); nothing was written`, undefined, { cause: error });
}

/**
 * Opens the database: resolves with the connection, or rejects with `storage-unavailable`
 * (IndexedDB refused, or no answer within the timeout), `version`, or `invalid-input` (a
 * database that holds stores ipt-elements did not make: it is left as it was). A blocked upgrade
 * is reported through onIssue and keeps waiting until the timeout.
 */
function open(opts: IdbOptions, onGone: (deleted: boolean) => void): Promise<Db> {
  return new Promise<Db>((resolve, reject) => {
    let settled = false;
    let foreign = false;
    const refuse = () => new IptError('invalid-input', `Invalid database: "${opts.name}" holds stores ipt-elements did not make`, 'database');
    const timer = setTimeout(() => {
      settled = true;
      reject(new IptError('storage-unavailable', `IndexedDB did not open "${opts.name}" within ${opts.timeout} ms`));
    }, opts.timeout);
    let pending: Promise<Db>;
    try {
      // idb's openDB() always uses the global factory; this is the same wiring over the one given.
      const request = opts.factory.open(opts.name, DB_VERSION);
      request.addEventListener('upgradeneeded', (event) => {
        // Someone else's database: undo the upgrade, nothing changes.
        if (event.oldVersion && !ours(request.result, request.transaction!)) {
          foreign = true;
          return request.transaction!.abort();
        }
        const db = wrap(request.result) as unknown as Db;
        const tx = wrap(request.transaction!) as unknown as UpgradeTx;
        for (let v = event.oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(db, tx);
      });
      request.addEventListener('blocked', () => {
        opts.onIssue(new IptError('blocked', 'Another tab holds an older version of the database open; close it to continue'));
      });
      pending = wrap(request) as unknown as Promise<Db>;
    } catch (error) {
      clearTimeout(timer);
      reject(new IptError('storage-unavailable', 'IndexedDB refused to open', undefined, { cause: error }));
      return;
    }
    pending.then(
      (db) => {
        clearTimeout(timer);
        if (settled || !ours(unwrap(db))) {
          db.close();
          if (!settled) reject(refuse());
          return;
        }
        // A newer version wants to upgrade, or the database is being deleted (no new version): step aside.
        db.addEventListener('versionchange', (e) => {
          db.close();
          onGone(e.newVersion === null);
        });
        // The browser closed the connection (storage cleared, disk error).
        db.addEventListener('close', () => onGone(false));
        resolve(db);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (settled) return;
        if (foreign) return reject(refuse());
        const mapped = toIptError(error, 'open the database');
        reject(mapped.code === 'version' ? mapped : new IptError('storage-unavailable', 'IndexedDB refused to open', undefined, { cause: error }));
      },
    );
  });
}

const isConnectionLost = (error: unknown) => {
  const name = (error as { name?: string } | null)?.name;
  return name === 'InvalidStateError' || name === 'TransactionInactiveError';
};

/**
 * Records in IndexedDB, through idb. Reopens once when the browser closes the connection; never
 * once closed (the database deleted: it would create it again).
 */
export class IdbBackend implements Backend {
  readonly kind = 'indexeddb' as const;
  #db: Promise<Db> | undefined;
  #gone = false;
  #closed = false;

  private constructor(private readonly opts: IdbOptions) {}

  static async open(opts: IdbOptions): Promise<IdbBackend> {
    const backend = new IdbBackend(opts);
    await backend.#connect();
    return backend;
  }

  #connect(): Promise<Db> {
    if (this.#closed) return Promise.reject(new IptError('terminated', 'The store was closed'));
    if (!this.#db || this.#gone) {
      this.#gone = false;
      const attempt = open(this.opts, (deleted) => {
        this.#gone = true;
        this.opts.onGone?.(deleted);
      });
      this.#db = attempt;
      attempt.catch(() => {
        if (this.#db === attempt) this.#db = undefined;
      });
    }
    return this.#db;
  }

  /** Runs an operation on the connection; when the connection was lost under it, reopens once and retries. */
  async #withDb<T>(run: (db: Db) => Promise<T>, doing: string): Promise<T> {
    let db = await this.#connect();
    try {
      return await run(db);
    } catch (error) {
      if (!(isConnectionLost(error) || (this.#gone && (error as { name?: string })?.name === 'AbortError'))) {
        throw toIptError(error, doing);
      }
      this.#gone = true;
      try {
        db = await this.#connect();
        const result = await run(db);
        this.opts.onIssue(new IptError('terminated', 'The database connection was closed under a write; it was reopened and the write landed'));
        return result;
      } catch (retryError) {
        throw retryError instanceof IptError
          ? retryError
          : new IptError('terminated', `The database connection was lost and could not be reopened to ${doing}`, undefined, { cause: retryError });
      }
    }
  }

  read(courseId: string, table: Table = 'records'): Promise<Envelope[]> {
    return this.#withDb((db) => db.getAll(table, courseRange(courseId)), 'read the course');
  }

  all(table: Table = 'records'): Promise<Envelope[]> {
    return this.#withDb((db) => db.getAll(table), 'read the courses');
  }

  getMeta(name: string): Promise<unknown> {
    return this.#withDb(async (db) => (await db.get('meta', name))?.value, 'read the database settings');
  }

  setMeta(name: string, value: unknown): Promise<void> {
    return this.#withDb(async (db) => void (await db.put('meta', { key: name, value })), 'save the database settings');
  }

  courseIds(): Promise<string[]> {
    return this.#withDb(async (db) => {
      const keys = await db.getAllKeysFromIndex('records', 'entity', 'course');
      return keys.map((k) => k[0]);
    }, 'list the courses');
  }

  transact<T>(fn: (tx: TxView) => Promise<T>): Promise<T> {
    return this.#withDb(async (db) => {
      // The meta store is in every write's scope: a write checks, in its own transaction, that the
      // database was not encrypted meanwhile by another tab.
      // The outbox is written with each change, in its transaction (see Table).
      const tx = db.transaction(SCOPE, 'readwrite');
      const store = (table: Table = 'records') => tx.objectStore(table);
      const meta = tx.objectStore('meta');
      const view: TxView = {
        all: (table) => store(table).getAll(),
        getMeta: async (name) => (await meta.get(name))?.value,
        setMeta: async (name, value) => void (await meta.put({ key: name, value })),
        get: (key, table) => store(table).get(key),
        range: (courseId, entity, table) => store(table).getAll(courseRange(courseId, entity)),
        put: async (e, table) => {
          await store(table).put(e);
        },
        delete: (key, table) => store(table).delete(key),
        deleteCourse: (courseId, table) => store(table).delete(courseRange(courseId)),
      };
      let result: T;
      try {
        result = await fn(view);
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted: nothing was committed by this function's writes.
        }
        await tx.done.catch(() => undefined);
        throw error;
      }
      await tx.done;
      return result;
    }, 'save the change');
  }

  close(): void {
    this.#closed = true;
    void this.#db?.then((db) => db.close(), () => undefined);
  }
}

/** Deletes one database; rejects with `blocked` when another connection will not let go in time. */
export function deleteDatabase(factory: IDBFactory, name: string, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    const timer = setTimeout(() => reject(new IptError('blocked', `Deleting "${name}" waits for another tab to close it`)), timeout);
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(toIptError(req.error, 'delete the database'));
    };
  });
}

/** True when the database exists and is one ipt-elements made (see ours()), with or without its marker. */
export async function isOurs(factory: IDBFactory, name: string): Promise<boolean> {
  const db = await new Promise<IDBDatabase | undefined>((resolve) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(undefined);
    req.onblocked = () => resolve(undefined);
    req.onupgradeneeded = () => {
      // The database did not exist: undo the creation.
      req.transaction?.abort();
    };
  });
  if (!db) return false;
  try {
    return ours(db);
  } finally {
    db.close();
  }
}
