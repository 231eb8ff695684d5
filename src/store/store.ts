import type { Change, ChangeSummary, Committed } from '../model/changes.js';
import { COLLECTION, fromDocument, parseDocument, toDocument, type CourseDocument, type CourseState, type RecordEntity, type SetAside } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { measureOnMissedVisit } from '../model/measures.js';
import type { Course, CourseInput, Entity, EntityInputs, EntityTypes } from '../model/schemas.js';
import { validate } from '../model/validate.js';
import type { Backend, Envelope, StorageKind } from './backend.js';
import { IdbBackend } from './idb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { CourseCache, withWritten } from './cache.js';
import { ChangeFeed, type ChangeListener, type ErrorListener } from './feed.js';
import { noteChange } from './outbox.js';
import { SYNC_PORT, type SyncPort } from './port.js';
import { checkKey, isSealed } from './seal.js';
import { Vault } from './vault.js';
import { checkId, envelopeOf, prepare, rebaseSealed, revive, STALE, writeAll, type Prepared } from './write.js';

export type { Change, ChangeSummary, Committed } from '../model/changes.js';
export type { StoreChangeEvent, ChangeListener, ErrorListener } from './feed.js';

export const DEFAULT_DATABASE = 'ipt-elements';

export { SYNC_PORT, type SyncPort } from './port.js';

export interface StoreOptions {
  /** IndexedDB database name. Default `ipt-elements`. */
  database?: string;
  /** `memory` keeps nothing on disk: everything is gone when the page closes. Default `indexeddb`. */
  storage?: StorageKind;
  /** Milliseconds to wait for IndexedDB to open before falling back to memory. Default 5000. */
  openTimeout?: number;
  /** The IndexedDB factory to use; `null` behaves as a browser without IndexedDB. Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory | null;
  /** Hears problems from the start, while the database opens too (a blocked upgrade). Same as store.onError(). */
  onError?: ErrorListener;
  /**
   * Encryption at rest: a WebCrypto AES-GCM key (`crypto.subtle.generateKey` or `importKey`, with
   * `encrypt` and `decrypt` usages; it may be non-extractable). Every record is encrypted before
   * its transaction opens. The first open with a key encrypts what was stored without one; later,
   * a store opened without the key, or with another, is `locked` and reads and writes nothing.
   */
  key?: CryptoKey;
}

/** The state, when no record of it was set aside; else rejects with `unreadable`, saying how many records of which kinds. */
function whole<T extends { setAside?: readonly SetAside[] | undefined }>(state: T): T {
  const aside = state.setAside;
  if (aside) {
    throw new IptError('unreadable', `${aside.length} stored records could not be read (${[...new Set(aside.map((a) => a.entity))].join(', ')}): remove or mend them first`);
  }
  return state;
}

/**
 * The store of IPT courses: IndexedDB through idb (or memory), every write validated by the
 * model's schemas, each user action one transaction, every change announced to subscribers here
 * and in other tabs. Open it with {@link openStore}. Its rooms: the vault (encryption at rest),
 * the change feed, the write pipeline, the cache of courses read.
 */
export class IptStore {
  readonly database: string;
  /** Set when IndexedDB was asked for but could not be used: the store then keeps data in memory. */
  fallback: IptError | undefined;
  #backend!: Backend;
  #closed = false;
  #cache = new CourseCache();
  #vault = new Vault();
  #feed: ChangeFeed;

  private constructor(database: string) {
    this.database = database;
    this.#feed = new ChangeFeed(database, this.#cache);
  }

  /** @internal Use openStore(). */
  static async create(options: StoreOptions = {}): Promise<IptStore> {
    const database = checkId(options.database ?? DEFAULT_DATABASE, 'database');
    const store = new IptStore(database);
    if (options.onError) store.onError(options.onError);
    const key = options.key === undefined ? undefined : checkKey(options.key);
    if (![undefined, 'memory', 'indexeddb'].includes(options.storage)) {
      throw new IptError('invalid-input', 'Invalid storage: must be "indexeddb" or "memory"', 'storage');
    }
    if (options.storage === 'memory') store.#backend = new MemoryBackend();
    else {
      const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
      try {
        if (!factory) throw new IptError('storage-unavailable', 'This browser offers no IndexedDB');
        // A database upgraded elsewhere: nothing read from it holds. Deleted (wipe(), here or in
        // another tab): the store closes, and never creates the database again.
        store.#backend = await IdbBackend.open({ name: database, factory, timeout: options.openTimeout ?? 5000, onIssue: (e) => store.#feed.report(e), onGone: (deleted) => (deleted ? store.close(true) : store.#cache.drop()) });
        store.#feed.connect();
      } catch (error) {
        // A newer layout, or a database that is not ours: nothing to fall back to.
        if (error instanceof IptError && error.code !== 'storage-unavailable') throw error;
        const reason = error instanceof IptError ? error : new IptError('storage-unavailable', 'IndexedDB refused to open', undefined, { cause: error });
        store.fallback = new IptError('storage-unavailable', `${reason.message}; keeping data in memory only, it will be gone on reload`, undefined, { cause: reason });
        store.#backend = new MemoryBackend();
      }
    }
    await store.#vault.unlock(store.#backend, key, () => store.#feed.sealed(), (e) => store.#feed.report(e));
    return store;
  }

  /** @internal See SYNC_PORT. */
  [SYNC_PORT](): SyncPort {
    return { backend: this.#live(), vault: this.#vault, announce: (courseId, changes) => this.#feed.announce(courseId, changes), report: (e) => this.#feed.report(e), envelopeOf, revive, noteChange };
  }

  /** Set when the stored data is encrypted and the store was opened without its key, or with another. */
  get locked(): IptError | undefined {
    return this.#vault.locked;
  }

  /** Where records are kept now: `indexeddb`, or `memory` (asked for, or fallen back to). */
  get storage(): StorageKind {
    return this.#backend.kind;
  }

  get closed(): boolean {
    return this.#closed;
  }

  #live(): Backend {
    if (this.#closed) throw new IptError('terminated', 'The store was closed');
    if (this.locked) throw this.locked;
    return this.#backend;
  }

  /**
   * Hears every change to one course (or to all, with `null`), made here or in another tab.
   * Returns the function that stops listening.
   */
  subscribe(courseId: string | null, listener: ChangeListener): () => void {
    return this.#feed.subscribe(courseId, listener);
  }

  /** Hears problems that no call returned: a blocked upgrade, a lost connection, a record set aside. */
  onError(listener: ErrorListener): () => void {
    return this.#feed.onError(listener);
  }

  /** The ids of every course in the store. */
  async listCourses(): Promise<string[]> {
    return this.#live().courseIds();
  }

  /**
   * Everything a course holds, or undefined when there is no such course. A stored record that does
   * not validate, or whose encryption does not match this store's key, is set aside: left in storage
   * as it is, not in the lists, named in `setAside` and reported through onError (`unreadable`). When
   * the course record itself is such a record, it rejects with `unreadable`: there is a course,
   * and it cannot be shown nor written over.
   * The state is frozen: it is shared by every reader of the course (the widgets of a page read a
   * course once), and kept up to date with this store's writes and those heard from other tabs.
   */
  async getCourse(courseId: string): Promise<CourseState | undefined> {
    checkId(courseId, 'course id');
    this.#live();
    return this.#cache.get(courseId, () => this.#read(courseId));
  }

  async #read(courseId: string): Promise<CourseState | undefined> {
    const envelopes = await this.#vault.open(await this.#live().read(courseId));
    const state = { course: undefined, sessions: [], people: [], disputes: [], goals: [], measures: [] } as unknown as CourseState & { setAside?: SetAside[] };
    const setAside: SetAside[] = [];
    for (const e of envelopes) {
      try {
        const record = revive(e);
        if (e.entity === 'course') state.course = record as Course;
        else (state[COLLECTION[e.entity as RecordEntity]] as unknown[]).push(record);
      } catch (error) {
        if (e.entity === 'course') throw error;
        setAside.push({ entity: e.entity, id: e.id, reason: isSealed(e.data) ? 'encryption' : 'invalid' });
        this.#feed.report(error as IptError);
      }
    }
    if (setAside.length) state.setAside = setAside;
    // No course record: no course (records without one are not a course). One that cannot be read threw above.
    return state.course && state;
  }

  /** Like getCourse, but rejects with `not-found` when there is no such course. */
  async requireCourse(courseId: string): Promise<CourseState> {
    const state = await this.getCourse(courseId);
    if (!state) throw new IptError('not-found', `There is no course with id ${courseId}`, 'courseId');
    return state;
  }

  /** Creates a course. Rejects with `invalid-input` when the course is not valid or its id is taken. */
  async createCourse(input: CourseInput): Promise<Course> {
    const course = validate('course', input);
    const [envelope] = await this.#vault.seal([{ courseId: course.id, entity: 'course', id: course.id, rev: 1, updated: Date.now(), data: course }]);
    await this.#live().transact(async (tx) => {
      await this.#vault.guard(tx);
      if (await tx.get([course.id, 'course', course.id])) {
        throw new IptError('invalid-input', `A course with id ${course.id} already exists`, 'id');
      }
      await tx.put(envelope!);
      await noteChange(tx, course.id, 'course', course.id, 1, 'put');
    });
    this.#feed.announce(course.id, [{ entity: 'course', id: course.id, op: 'create' }]);
    return course;
  }

  /**
   * Writes the changes of one user action in one transaction, as {@link apply} does, and resolves
   * with what was done and the course before and after it. `before` is the course as this store
   * had read it just before the write was applied (undefined when it held no read of it); `after`
   * is the frozen state shared by every reader, the very object the next `getCourse` gives unless
   * a change made elsewhere comes between (the course is read for it when this store held no read
   * of it). A widget that shows `after` and then hears its own write announced finds the state it
   * shows.
   */
  async write(courseId: string, changes: readonly Change[]): Promise<Committed> {
    const done = await this.#apply(courseId, changes);
    return { ...done, after: await this.getCourse(courseId) };
  }

  /**
   * Writes the changes of one user action in one transaction: each record is validated first,
   * and if any change is invalid nothing is written. Resolves with what was done. The same write
   * as {@link write}, without reading the course for `after`.
   */
  async apply(courseId: string, changes: readonly Change[]): Promise<ChangeSummary[]> {
    return (await this.#apply(courseId, changes)).changes;
  }

  /** The write of {@link apply}: made again (three times at most) when a record kept changing meanwhile. */
  async #apply(courseId: string, changes: readonly Change[]): Promise<Omit<Committed, 'after'>> {
    checkId(courseId, 'course id');
    if (!Array.isArray(changes)) throw new IptError('invalid-input', 'Invalid changes: must be a list', 'changes');
    for (let attempt = 1; ; attempt++) {
      try {
        // Without a rebase or a key, the transaction opens in this very call: actions run in the order they were made.
        return await this.#commit(courseId, changes.map((change, i) => prepare(courseId, change, i)));
      } catch (error) {
        // Refused, or changed elsewhere meanwhile (a conflict found before the write): read it again.
        this.#cache.drop(courseId);
        if (error !== STALE || attempt === 3) throw error;
      }
    }
  }

  /** Writes prepared changes in one transaction (sealed first, with a key), and announces them. */
  async #commit(courseId: string, given: Prepared[]): Promise<Omit<Committed, 'after'>> {
    let prepared = given;
    if (this.#vault.keyed) {
      // A course record that cannot be read is never written over (a new start would lose it). In
      // clear the write checks it in its transaction; sealed, it is checked before: getCourse rejects.
      if (given.some((p) => p.entity === 'course')) await this.getCourse(courseId);
      if (given.some((p) => p.base)) await rebaseSealed(this.#live(), this.#vault, courseId, given);
      // Sealed, the write cannot read a session's status: no measure on a visit not attended is checked on the state read.
      const read = given.some((p) => p.entity === 'session' || p.entity === 'measure') && (await this.getCourse(courseId));
      const after = read && withWritten(read, given);
      if (after && measureOnMissedVisit(after.sessions, after.measures) >= 0) {
        throw new IptError('invalid-input', 'Invalid measure: a cancelled or missed session holds no measure', 'sessionId');
      }
      const sealed = await this.#vault.seal(given.map((p) => p.envelope));
      prepared = given.map((p, i) => ({ ...p, envelope: sealed[i] }));
    }
    let changes: ChangeSummary[];
    try {
      changes = await this.#live().transact((tx) => writeAll(tx, this.#vault, courseId, prepared));
    } catch (error) {
      // Whether a failed transaction landed is not always known (a lost connection): read again.
      this.#cache.drop(courseId);
      throw error;
    }
    const before = this.#cache.peek(courseId);
    // `given` holds the records as written, rebased and in clear.
    this.#feed.announce(courseId, changes, given);
    return { changes, before };
  }

  /** Writes one record (validated, with defaults filled in) and resolves with it as stored. */
  async put<E extends Entity>(courseId: string, entity: E, record: EntityInputs[E] | Omit<EntityInputs[E], 'courseId'>): Promise<EntityTypes[E]> {
    checkId(courseId, 'course id');
    const prepared = prepare(courseId, { op: 'put', entity, record } as Change, 0);
    await this.#commit(courseId, [prepared]);
    return prepared.envelope!.data as EntityTypes[E];
  }

  /** Removes one record of a course. */
  async remove(courseId: string, entity: RecordEntity, id: string): Promise<void> {
    await this.apply(courseId, [{ op: 'delete', entity, id }]);
  }

  /**
   * The course as one versioned JSON document. Rejects with `unreadable` when stored records of the
   * course were set aside (see getCourse): a document without them would pass for the whole course,
   * and importing it with `replace` would lose them. The message says how many of which kinds, never
   * what they hold; remove or mend them first.
   */
  async exportCourse(courseId: string): Promise<CourseDocument> {
    // A copy: the state read is shared and frozen, the document is the caller's.
    return structuredClone(toDocument(whole(await this.requireCourse(courseId))));
  }

  /**
   * Imports a course document: validated whole first, then written in one transaction, so a bad
   * file changes nothing. A course with the same id is replaced only with `{ replace: true }`, and
   * not at all (`unreadable`) while stored records of it cannot be read.
   */
  async importCourse(value: unknown, options: { replace?: boolean } = {}): Promise<CourseState> {
    const doc = parseDocument(value);
    const courseId = doc.course.id;
    // A replace would delete the records set aside: it is refused rather than made around them, since
    // an unreadable record kept beside the imported ones (or under one of their ids) would make a
    // course nobody wrote. An unreadable course record rejects here too.
    if (options.replace) whole((await this.getCourse(courseId)) ?? {});
    const envelopes = [envelopeOf(courseId, 'course', doc.course)];
    for (const [entity, key] of Object.entries(COLLECTION) as [RecordEntity, (typeof COLLECTION)[RecordEntity]][]) {
      for (const record of doc[key] as Array<EntityTypes[RecordEntity]>) envelopes.push(envelopeOf(courseId, entity, record));
    }
    const sealed = await this.#vault.seal(envelopes);
    await this.#live().transact(async (tx) => {
      await this.#vault.guard(tx);
      const old = await tx.range(courseId);
      if (old.length > 0 && !options.replace) {
        throw new IptError('invalid-input', `A course with id ${courseId} already exists; import with { replace: true } to replace it`, 'course.id');
      }
      const tag = (e: { entity: string; id: string }) => `${e.entity}\u0000${e.id}`;
      const revs = new Map(old.map((e) => [tag(e), e.rev]));
      await tx.deleteCourse(courseId);
      const now = Date.now();
      for (const e of sealed) {
        const rev = (revs.get(tag(e)) ?? 0) + 1;
        revs.delete(tag(e));
        await tx.put({ ...e, rev, updated: now });
        await noteChange(tx, courseId, e.entity, e.id, rev, 'put');
      }
      // What the replaced course held and the import does not is deleted, for the sync too.
      for (const e of old) if (revs.has(tag(e))) await noteChange(tx, courseId, e.entity, e.id, e.rev + 1, 'delete');
    });
    this.#feed.announce(courseId, [{ entity: 'course', id: courseId, op: 'import' }]);
    return fromDocument(doc);
  }

  /** Deletes a course and all its records. Resolves whether or not the course existed. */
  async deleteCourse(courseId: string): Promise<void> {
    checkId(courseId, 'course id');
    const existed = await this.#live().transact(async (tx) => {
      await this.#vault.guard(tx);
      const had = (await tx.range(courseId)).length > 0;
      await tx.deleteCourse(courseId);
      // The sync deletes the course from the server too: one entry stands for all its records.
      await tx.deleteCourse(courseId, 'outbox');
      if (had) await noteChange(tx, courseId, 'course', courseId, 0, 'delete');
      return had;
    });
    if (existed) this.#feed.announce(courseId, [{ entity: 'course', id: courseId, op: 'delete' }]);
  }

  /**
   * A form half filled in (a patient's answers before Send), kept over a reload: among the
   * database's settings, not its records, so that no sync pushes it, no export carries it and no
   * other reader sees it; sealed like records when the store has a key; wipe() removes it with the
   * rest. `name` names the form (ids and enum values only). undefined clears it.
   */
  async saveDraft(courseId: string, name: string, data: unknown): Promise<void> {
    checkId(courseId, 'course id');
    // Locked (the data is encrypted and this store has not its key): nothing goes to disk in the clear.
    if (this.#vault.locked) throw this.#vault.locked;
    const [sealed] = data === undefined ? [undefined] : await this.#vault.seal([{ courseId, entity: 'measure', id: name, rev: 1, updated: Date.now(), data }]);
    await this.#live().setMeta(`draft:${courseId}:${name}`, sealed);
  }

  /** The draft saved as `name` (see saveDraft), or undefined: none, or one this store cannot open (another key, or none). */
  async readDraft(courseId: string, name: string): Promise<unknown> {
    checkId(courseId, 'course id');
    const raw = (await this.#live().getMeta(`draft:${courseId}:${name}`)) as Envelope | undefined;
    const [opened] = raw ? await this.#vault.open([raw]).catch(() => [undefined]) : [undefined];
    return opened && !isSealed(opened.data) && !(opened.data instanceof ArrayBuffer) ? opened.data : undefined;
  }

  /**
   * Closes the connection and the channel; later calls reject with `terminated`. `deleted` (wipe(),
   * or the database deleted in another tab): the listeners of each course first hear it deleted.
   */
  close(deleted?: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#backend.close();
    this.#cache.drop();
    this.#feed.close(deleted);
  }
}
