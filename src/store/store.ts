import type { Change, ChangeSummary } from '../model/changes.js';
import { COLLECTION, fromDocument, parseDocument, referenceOf, REFERENCES, toDocument, type CourseDocument, type CourseState, type RecordEntity, type ReferringEntity } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { isId } from '../model/primitives.js';
import { ENTITY_SCHEMAS, type Course, type CourseInput, type Entity, type EntityInputs, type EntityTypes } from '../model/schemas.js';
import { merge, same } from '../model/merge.js';
import { validate } from '../model/validate.js';
import { keyOf, type Backend, type Envelope, type Key, type StorageKind, type TxView } from './backend.js';
import { IdbBackend } from './idb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { CourseCache, type Written } from './cache.js';
import { checkKey, isSealed, KEY_CHECK, opensProbe, seal, sealProbe, unseal } from './seal.js';

export type { Change, ChangeSummary } from '../model/changes.js';

export const DEFAULT_DATABASE = 'ipt-elements';

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

export interface StoreChangeEvent {
  courseId: string;
  changes: ChangeSummary[];
  /** `local` for a change made through this store, `remote` for one heard from another tab. */
  origin: 'local' | 'remote';
}

export type ChangeListener = (event: StoreChangeEvent) => void;
export type ErrorListener = (error: IptError) => void;

const CHANNEL_PREFIX = 'ipt-elements:';

/** The stores of this page on each IndexedDB database: a write through one drops the course the others have read, at once. */
const sameDatabase = new Map<string, Set<IptStore>>();

function checkId(value: unknown, what: string): string {
  if (!isId(value)) {
    throw new IptError('invalid-input', `Invalid ${what}: must be 1 to 128 letters, digits or . _ : -`, what);
  }
  return value as string;
}

interface Prepared {
  entity: Entity;
  id: string;
  /** The envelope to put, or undefined for a delete. */
  envelope: Envelope | undefined;
  /** The record as the editor read it, for a merge with what is stored. */
  base?: object;
  /** The revision the merge was made against: the write is made again if another landed since. */
  expect?: number;
}

const removedElsewhere = (entity: Entity) => new IptError('conflict', `This ${entity} was removed elsewhere since it was read`, 'id');
/** The base a change gives (a put's or a delete's), validated as its record is, and of the same record. */
function baseOf(change: Change, courseId: string, id: string, index: number): { base?: object } {
  if (!change.base) return {};
  const base = validate(change.entity, { ...change.base, [change.entity === 'course' ? 'id' : 'courseId']: courseId });
  if (base.id !== id) throw new IptError('invalid-input', `Invalid change ${index}: base must be the same ${change.entity}`, 'base');
  return { base };
}

/** A delete with a base: refused when the record stored now (as a read gives it, defaults filled in) is not the one read. */
function checkUnchanged(p: Prepared, stored: unknown): void {
  let now: unknown;
  try {
    now = validate(p.entity, stored);
  } catch {
    now = stored;
  }
  if (!same(p.base, now)) throw new IptError('conflict', `This ${p.entity} was changed elsewhere since it was read; look at it again before removing it`, 'id');
}

/** Thrown inside a write when the record changed after its merge was made: the write starts over (three times at most). */
const STALE = new IptError('conflict', 'The record kept changing elsewhere while it was being saved; try again');

function emptyState(course: Course): CourseState {
  return { course, sessions: [], people: [], disputes: [], goals: [], measures: [] };
}

/**
 * The store of IPT courses: IndexedDB through idb (or memory), every write validated by the
 * model's schemas, each user action one transaction, every change announced to subscribers here
 * and in other tabs. Open it with {@link openStore}.
 */
export class IptStore {
  readonly database: string;
  /** Set when IndexedDB was asked for but could not be used: the store then keeps data in memory. */
  fallback: IptError | undefined;
  /** Set when the stored data is encrypted and the store was opened without its key, or with another. */
  locked: IptError | undefined;
  #backend!: Backend;
  #key: CryptoKey | undefined;
  #channel: BroadcastChannel | undefined;
  #listeners = new Map<string | null, Set<ChangeListener>>();
  #errorListeners = new Set<ErrorListener>();
  #closed = false;
  #cache = new CourseCache();

  private constructor(database: string) {
    this.database = database;
  }

  /** @internal Use openStore(). */
  static async create(options: StoreOptions = {}): Promise<IptStore> {
    const database = checkId(options.database ?? DEFAULT_DATABASE, 'database');
    const store = new IptStore(database);
    if (options.onError) store.onError(options.onError);
    const timeout = options.openTimeout ?? 5000;
    const key = options.key === undefined ? undefined : checkKey(options.key);
    if (options.storage !== undefined && options.storage !== 'memory' && options.storage !== 'indexeddb') {
      throw new IptError('invalid-input', 'Invalid storage: must be "indexeddb" or "memory"', 'storage');
    }
    if (options.storage === 'memory') {
      store.#backend = new MemoryBackend();
      await store.#unlock(key);
      return store;
    }
    const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
    try {
      if (!factory) throw new IptError('storage-unavailable', 'This browser offers no IndexedDB');
      // A database deleted (wipe() in another tab) or upgraded elsewhere: nothing read from it holds.
      store.#backend = await IdbBackend.open({ name: database, factory, timeout, onIssue: (e) => store.#report(e), onGone: () => store.#cache.drop() });
      if (typeof BroadcastChannel === 'function') {
        store.#channel = new BroadcastChannel(CHANNEL_PREFIX + database);
        store.#channel.onmessage = (e: MessageEvent) => store.#hear(e.data);
      }
      sameDatabase.set(database, (sameDatabase.get(database) ?? new Set()).add(store));
    } catch (error) {
      if (error instanceof IptError && error.code === 'version') throw error;
      const reason = error instanceof IptError ? error : new IptError('storage-unavailable', 'IndexedDB refused to open', undefined, { cause: error });
      store.fallback = new IptError('storage-unavailable', `${reason.message}; keeping data in memory only, it will be gone on reload`, undefined, { cause: reason });
      store.#backend = new MemoryBackend();
    }
    await store.#unlock(key);
    return store;
  }

  /** Checks the key against the database's (or, at the first open with a key, encrypts what is there). */
  async #unlock(key: CryptoKey | undefined): Promise<void> {
    const probe = await this.#backend.getMeta(KEY_CHECK);
    if (!key) {
      if (probe !== undefined) this.locked = new IptError('locked', 'The stored data is encrypted: open the store with its key');
      return;
    }
    if (probe === undefined) await this.#sealAll(key);
    const check = await this.#backend.getMeta(KEY_CHECK);
    if (!(check instanceof ArrayBuffer && (await opensProbe(key, check)))) {
      this.locked = new IptError('locked', 'The key does not open this database: nothing can be read or written with it');
      return;
    }
    this.#key = key;
  }

  /**
   * The first open with a key: seals every record stored in clear and sets the key check, in one
   * transaction that writes a sealed copy only over the revision it was made from. A record
   * another tab wrote meanwhile is sealed in the next round.
   */
  async #sealAll(key: CryptoKey): Promise<void> {
    const probe = await sealProbe(key);
    for (let round = 1; ; round++) {
      const sealed = await Promise.all((await this.#backend.all()).filter((e) => !isSealed(e.data)).map((e) => seal(key, e)));
      const done = await this.#backend.transact(async (tx) => {
        if ((await tx.getMeta(KEY_CHECK)) !== undefined) return true; // another tab did it first
        for (const e of sealed) {
          const now = await tx.get(keyOf(e));
          if (now?.rev === e.rev && !isSealed(now.data)) await tx.put(e);
        }
        if ((await tx.all()).some((e) => !isSealed(e.data))) return false;
        await tx.setMeta(KEY_CHECK, probe);
        return true;
      });
      if (done) {
        // What stores without the key read before is no longer theirs to show: they read again, and find it locked.
        this.#dropElsewhere();
        this.#channel?.postMessage({ sealed: true });
        return;
      }
      if (round === 5) throw new IptError('aborted', 'Records kept changing while they were being encrypted; open the store again');
    }
  }

  /** The database was encrypted (by another tab) after this store opened without a key: it is locked from now on. */
  #lockedNow(): IptError {
    return (this.locked = new IptError('locked', 'The stored data is now encrypted: open the store with its key'));
  }

  /** Inside a write: refuses it when the database was encrypted (by another tab) after this store opened without a key. */
  async #guard(tx: TxView): Promise<void> {
    if (!this.#key && (await tx.getMeta(KEY_CHECK)) !== undefined) {
      throw this.#lockedNow();
    }
  }

  /** Keeps writes with a key in call order: each waits for the sealing of the one before. */
  #sealing: Promise<unknown> = Promise.resolve();

  /** The envelopes, encrypted when the store has a key: done before their transaction opens. */
  #seal(envelopes: Envelope[]): Promise<Envelope[]> {
    const key = this.#key;
    if (!key) return Promise.resolve(envelopes);
    const sealed = this.#sealing.then(() => Promise.all(envelopes.map((e) => seal(key, e))));
    this.#sealing = sealed.catch(() => undefined);
    return sealed;
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

  #report(error: IptError): void {
    for (const listener of this.#errorListeners) listener(error);
  }

  #notify(event: StoreChangeEvent): void {
    for (const key of [event.courseId, null]) {
      for (const listener of this.#listeners.get(key) ?? []) listener(event);
    }
  }

  /** Tells every listener here and in other tabs what was committed; `written` brings the course as read up to date. */
  #announce(courseId: string, changes: ChangeSummary[], written?: readonly Written[]): void {
    if (written) this.#cache.wrote(courseId, written);
    else this.#cache.drop(courseId);
    this.#dropElsewhere(courseId);
    if (changes.length === 0) return;
    this.#notify({ courseId, changes, origin: 'local' });
    this.#channel?.postMessage({ courseId, changes });
  }

  /** Other stores of this page forget the course (or all, when the database was encrypted) before this call returns. */
  #dropElsewhere(courseId?: string): void {
    for (const other of sameDatabase.get(this.database) ?? []) if (other !== this) other.#cache.drop(courseId);
  }

  #hear(data: unknown): void {
    const msg = data as (Partial<StoreChangeEvent> & { sealed?: boolean }) | null;
    if (msg?.sealed === true) return this.#cache.drop();
    if (this.#closed || typeof msg?.courseId !== 'string' || !Array.isArray(msg.changes)) return;
    this.#cache.drop(msg.courseId);
    this.#notify({ courseId: msg.courseId, changes: msg.changes, origin: 'remote' });
  }

  /**
   * Hears every change to one course (or to all, with `null`), made here or in another tab.
   * Returns the function that stops listening.
   */
  subscribe(courseId: string | null, listener: ChangeListener): () => void {
    let set = this.#listeners.get(courseId);
    if (!set) this.#listeners.set(courseId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Hears problems that no call returned: a blocked upgrade, a lost connection, a record set aside. */
  onError(listener: ErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** The ids of every course in the store. */
  async listCourses(): Promise<string[]> {
    return this.#live().courseIds();
  }

  /**
   * Everything a course holds, or undefined when there is no such course. A stored record that
   * no longer validates is set aside (left in storage, not returned) and reported through onError.
   * The state is frozen: it is shared by every reader of the course (the widgets of a page read a
   * course once), and kept up to date with this store's writes and those heard from other tabs.
   */
  async getCourse(courseId: string): Promise<CourseState | undefined> {
    checkId(courseId, 'course id');
    this.#live();
    return this.#cache.get(courseId, () => this.#read(courseId));
  }

  async #read(courseId: string): Promise<CourseState | undefined> {
    const raw = await this.#live().read(courseId);
    if (!this.#key && raw.some((e) => isSealed(e.data))) {
      throw this.#lockedNow();
    }
    const envelopes = await Promise.all(raw.map((e) => this.#unseal(e)));
    const courseEnvelope = envelopes.find((e) => e.entity === 'course');
    if (!courseEnvelope) return undefined;
    const course = this.#revive(courseEnvelope);
    if (!course) return undefined;
    const state = emptyState(course as Course);
    for (const e of envelopes) {
      if (e.entity === 'course') continue;
      const record = this.#revive(e);
      if (record) (state[COLLECTION[e.entity]] as unknown[]).push(record);
    }
    return state;
  }

  /** The envelope with its data decrypted; a record that does not decrypt is left sealed, and set aside by #revive. */
  async #unseal(e: Envelope): Promise<Envelope> {
    if (!this.#key || !isSealed(e.data)) return e;
    return unseal(this.#key, e).catch(() => e);
  }

  #revive(e: Envelope): unknown {
    try {
      if (isSealed(e.data)) throw new Error('it does not decrypt with this key');
      return validate(e.entity, e.data);
    } catch (error) {
      this.#report(
        new IptError('invalid-input', `A stored ${e.entity} (id ${e.id}) no longer validates and was set aside: ${(error as Error).message}`, e.entity, {
          cause: error,
        }),
      );
      return undefined;
    }
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
    const [envelope] = await this.#seal([{ courseId: course.id, entity: 'course', id: course.id, rev: 1, updated: Date.now(), data: course }]);
    await this.#live().transact(async (tx) => {
      await this.#guard(tx);
      if (await tx.get([course.id, 'course', course.id])) {
        throw new IptError('invalid-input', `A course with id ${course.id} already exists`, 'id');
      }
      await tx.put(envelope!);
    });
    this.#announce(course.id, [{ entity: 'course', id: course.id, op: 'create' }]);
    return course;
  }

  /**
   * Writes the changes of one user action in one transaction: each record is validated first,
   * and if any change is invalid nothing is written. Resolves with what was done.
   */
  async apply(courseId: string, changes: readonly Change[]): Promise<ChangeSummary[]> {
    checkId(courseId, 'course id');
    for (let attempt = 1; ; attempt++) {
      try {
        const prepared = changes.map((change, i) => this.#prepare(courseId, change, i));
        // Without a merge or a key, the transaction opens in this very call: actions run in the order they were made.
        // Without a key the merge is made inside the write's own transaction (#write); with one, the
        // stored record must be decrypted first, outside it, and the write checks its revision.
        return await this.#commit(courseId, this.#key && prepared.some((p) => p.base) ? await this.#merge(courseId, prepared) : prepared);
      } catch (error) {
        // Refused, or changed elsewhere meanwhile (a conflict found before the write): read it again.
        this.#cache.drop(courseId);
        if (error !== STALE || attempt === 3) throw error;
      }
    }
  }

  /**
   * Merges each put that gives a base with the record stored now (a delete: checks it is unchanged),
   * and notes the revision this was done against.
   */
  async #merge(courseId: string, prepared: Prepared[]): Promise<Prepared[]> {
    const based = prepared.filter((p) => p.base);
    const stored = await this.#live().transact((tx) => Promise.all(based.map((p) => tx.get([courseId, p.entity, p.id]))));
    for (const [i, p] of based.entries()) {
      const now = stored[i] && (await this.#unseal(stored[i]));
      if (!now) throw removedElsewhere(p.entity);
      if (p.envelope) p.envelope = this.#envelope(courseId, p.entity, validate(p.entity, merge(p.base!, p.envelope.data as object, now.data as object)));
      else checkUnchanged(p, now.data);
      p.expect = now.rev;
    }
    return prepared;
  }

  #envelope(courseId: string, entity: Entity, data: EntityTypes[Entity]): Envelope {
    const ref = referenceOf(entity, data);
    return { courseId, entity, id: data.id, rev: 0, updated: 0, data, ...(ref ? { ref } : {}) };
  }

  async #commit(courseId: string, given: readonly Prepared[]): Promise<ChangeSummary[]> {
    let prepared = given;
    if (this.#key) {
      const sealed = await this.#seal(given.flatMap((p) => (p.envelope ? [p.envelope] : [])));
      prepared = given.map((p) => (p.envelope ? { ...p, envelope: sealed.shift() } : p));
    }
    let summaries: ChangeSummary[];
    try {
      summaries = await this.#live().transact(async (tx) => {
        // What the writes need to know is asked for at once, in one round trip to the database:
        // the key check, that the course exists, and each record as stored (when each is written once).
        const keys = prepared.map((p): Key => [courseId, p.entity, p.id]);
        const once = new Set(keys.map((k) => k.join('\u0000'))).size === keys.length;
        const hasCourse = prepared.some((p) => p.entity === 'course' && p.envelope);
        const [, course, ...stored] = await Promise.all([this.#guard(tx), hasCourse || tx.get([courseId, 'course', courseId]), ...(once ? keys.map((k) => tx.get(k)) : [])]);
        if (!course) throw new IptError('not-found', `There is no course with id ${courseId}`, 'courseId');
        const out: ChangeSummary[] = [];
        for (const [i, p] of prepared.entries()) out.push(await this.#write(tx, courseId, p, once ? { existing: stored[i] } : undefined));
        // References are checked against the state the whole action leaves, inside its transaction.
        for (const p of prepared) await this.#checkReferences(tx, courseId, p);
        return out;
      });
    } catch (error) {
      // Whether a failed transaction landed is not always known (a lost connection): read again.
      this.#cache.drop(courseId);
      throw error;
    }
    // `given` holds the records as written, merged and in clear.
    this.#announce(courseId, summaries, given.map((p) => ({ entity: p.entity, id: p.id, data: p.envelope?.data })));
    return summaries;
  }

  #prepare(courseId: string, change: Change, index: number): Prepared {
    if (change?.op === 'delete') {
      if (!Object.hasOwn(COLLECTION, change.entity)) {
        throw new IptError('invalid-input', `Invalid change ${index}: cannot delete a ${String(change.entity)}; delete the course with deleteCourse()`, 'entity');
      }
      const id = checkId(change.id, `${change.entity} id`);
      return { entity: change.entity as Entity, id, envelope: undefined, ...baseOf(change, courseId, id, index) };
    }
    if (change?.op !== 'put' || !Object.hasOwn(ENTITY_SCHEMAS, change.entity)) {
      throw new IptError('invalid-input', `Invalid change ${index}: op must be "put" or "delete" of a known entity`, 'op');
    }
    const given = change.record as Record<string, unknown>;
    const owner = change.entity === 'course' ? 'id' : 'courseId';
    if (given?.[owner] !== undefined && given[owner] !== courseId) {
      throw new IptError('invalid-input', `Invalid ${change.entity}: ${owner} must be the course's id`, owner);
    }
    const data = validate(change.entity, { ...given, [owner]: courseId }) as EntityTypes[Entity];
    return { entity: change.entity as Entity, id: data.id, envelope: this.#envelope(courseId, change.entity, data), ...baseOf(change, courseId, data.id, index) };
  }

  /** Writes one prepared change; `known` brings the record as stored when it was read already in this transaction. */
  async #write(tx: TxView, courseId: string, p: Prepared, known?: { existing: Envelope | undefined }): Promise<ChangeSummary> {
    const key: Key = [courseId, p.entity, p.id];
    const existing = known ? known.existing : await tx.get(key);
    if (p.expect !== undefined && existing?.rev !== p.expect) throw STALE;
    if (p.base && p.expect === undefined) {
      if (!existing) throw removedElsewhere(p.entity);
      if (p.envelope) p.envelope = this.#envelope(courseId, p.entity, validate(p.entity, merge(p.base, p.envelope.data as object, existing.data as object)));
      else checkUnchanged(p, existing.data);
    }
    if (!p.envelope) {
      if (!existing) throw new IptError('not-found', `There is no ${p.entity} with id ${p.id} in this course`, 'id');
      await tx.delete(key);
      return { entity: p.entity, id: p.id, op: 'delete' };
    }
    await tx.put({ ...p.envelope, rev: (existing?.rev ?? 0) + 1, updated: Date.now() });
    return { entity: p.entity, id: p.id, op: existing ? 'update' : 'create' };
  }

  /** A record put must name an existing target; a record deleted must have nothing left that names it. */
  async #checkReferences(tx: TxView, courseId: string, p: Prepared): Promise<void> {
    if (p.envelope) {
      const ref = p.envelope.ref === undefined ? undefined : REFERENCES[p.entity as ReferringEntity];
      if (ref && !(await tx.get([courseId, ref.entity, p.envelope.ref!]))) {
        throw new IptError('invalid-input', `Invalid ${p.entity}: ${ref.field} is not a ${ref.entity} of this course`, ref.field);
      }
      return;
    }
    if (await tx.get([courseId, p.entity, p.id])) return; // deleted, then put again by the same action
    for (const [referrer, ref] of Object.entries(REFERENCES) as [ReferringEntity, (typeof REFERENCES)[ReferringEntity]][]) {
      if (ref.entity === p.entity && (await tx.range(courseId, referrer)).some((r) => r.ref === p.id)) {
        throw new IptError('invalid-input', `This ${p.entity} has a ${referrer} that refers to it: remove that first`, ref.field);
      }
    }
  }

  /** Writes one record (validated, with defaults filled in) and resolves with it as stored. */
  async put<E extends Entity>(courseId: string, entity: E, record: EntityInputs[E] | Omit<EntityInputs[E], 'courseId'>): Promise<EntityTypes[E]> {
    checkId(courseId, 'course id');
    const prepared = this.#prepare(courseId, { op: 'put', entity, record } as Change, 0);
    await this.#commit(courseId, [prepared]);
    return prepared.envelope!.data as EntityTypes[E];
  }

  /** Removes one record of a course. */
  async remove(courseId: string, entity: RecordEntity, id: string): Promise<void> {
    await this.apply(courseId, [{ op: 'delete', entity, id }]);
  }

  /** The course as one versioned JSON document. */
  async exportCourse(courseId: string): Promise<CourseDocument> {
    // A copy: the state read is shared and frozen, the document is the caller's.
    return structuredClone(toDocument(await this.requireCourse(courseId)));
  }

  /**
   * Imports a course document: validated whole first, then written in one transaction, so a bad
   * file changes nothing. A course with the same id is replaced only with `{ replace: true }`.
   */
  async importCourse(value: unknown, options: { replace?: boolean } = {}): Promise<CourseState> {
    const doc = parseDocument(value);
    const courseId = doc.course.id;
    const records: Array<[Entity, EntityTypes[Entity]]> = [['course', doc.course]];
    for (const [entity, key] of Object.entries(COLLECTION) as [RecordEntity, keyof CourseState][]) {
      for (const record of doc[key] as Array<EntityTypes[RecordEntity]>) records.push([entity, record]);
    }
    const envelopes = await this.#seal(records.map(([entity, data]) => this.#envelope(courseId, entity, data)));
    await this.#live().transact(async (tx) => {
      await this.#guard(tx);
      const old = await tx.range(courseId);
      if (old.length > 0 && !options.replace) {
        throw new IptError('invalid-input', `A course with id ${courseId} already exists; import with { replace: true } to replace it`, 'course.id');
      }
      const revs = new Map(old.map((e) => [`${e.entity}\u0000${e.id}`, e.rev]));
      await tx.deleteCourse(courseId);
      const now = Date.now();
      for (const e of envelopes) await tx.put({ ...e, rev: (revs.get(`${e.entity}\u0000${e.id}`) ?? 0) + 1, updated: now });
    });
    this.#announce(courseId, [{ entity: 'course', id: courseId, op: 'import' }]);
    return fromDocument(doc);
  }

  /** Deletes a course and all its records. Resolves whether or not the course existed. */
  async deleteCourse(courseId: string): Promise<void> {
    checkId(courseId, 'course id');
    const existed = await this.#live().transact(async (tx) => {
      await this.#guard(tx);
      const had = (await tx.range(courseId)).length > 0;
      await tx.deleteCourse(courseId);
      return had;
    });
    if (existed) this.#announce(courseId, [{ entity: 'course', id: courseId, op: 'delete' }]);
  }

  /** Closes the connection and the channel; later calls reject with `terminated`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#backend.close();
    this.#channel?.close();
    const stores = sameDatabase.get(this.database);
    if (stores?.delete(this) && stores.size === 0) sameDatabase.delete(this.database);
    this.#listeners.clear();
    this.#errorListeners.clear();
    this.#cache.drop();
  }
}
