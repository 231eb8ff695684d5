import type { ChangeSummary } from '../model/changes.js';
import type { IptError } from '../model/errors.js';
import { isId } from '../model/primitives.js';
import { ENTITIES } from '../model/schemas.js';
import type { CourseCache, Written } from './cache.js';

export interface StoreChangeEvent {
  courseId: string;
  changes: ChangeSummary[];
  /** `local` for a change made through this store, `remote` for one heard from another tab. */
  origin: 'local' | 'remote';
}

export type ChangeListener = (event: StoreChangeEvent) => void;
export type ErrorListener = (error: IptError) => void;

const CHANNEL_PREFIX = 'ipt-elements:';

const OPS: readonly unknown[] = ['create', 'update', 'delete', 'import'] satisfies Array<ChangeSummary['op']>;

/** A change as another tab's notice gives it, rebuilt of its ids and enum values only; undefined when it is not one. */
function heard(value: unknown): ChangeSummary | undefined {
  const { entity, id, op } = (value ?? {}) as ChangeSummary;
  return ENTITIES.includes(entity) && isId(id) && OPS.includes(op) ? { entity, id, op } : undefined;
}

/** Calls a host's listener: what it throws goes to the page's reportError, never to the call that announced. */
function call<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (error) {
    reportError(error);
  }
}

/** The feeds of this page's stores on IndexedDB: a write through one drops the course the others on its database have read, at once. */
const connected = new Set<ChangeFeed>();

/**
 * A store's change feed, a small notifier in the manner of `@lit/context`'s ValueNotifier: the
 * listeners of each course (or of all, `null`) hear every change committed through the store and
 * every change another tab announces on the database's BroadcastChannel; the error listeners hear
 * the problems no call returned. It keeps the store's course cache in step with what it announces
 * and hears, and drops what the other stores of the page on the same database have read.
 */
export class ChangeFeed {
  #listeners = new Map<string | null, Set<ChangeListener>>();
  #errorListeners = new Set<ErrorListener>();
  #channel: BroadcastChannel | undefined;
  #database: string;
  #cache: CourseCache;

  constructor(database: string, cache: CourseCache) {
    this.#database = database;
    this.#cache = cache;
  }

  /** Joins the other stores of the page on this IndexedDB database, and the other tabs. */
  connect(): void {
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(CHANNEL_PREFIX + this.#database);
      this.#channel.onmessage = (e: MessageEvent) => this.#hear(e.data);
    }
    connected.add(this);
  }

  /** Adds a listener of one course's changes (or of all, with `null`); returns the function that removes it. */
  subscribe(courseId: string | null, listener: ChangeListener): () => void {
    let set = this.#listeners.get(courseId);
    if (!set) this.#listeners.set(courseId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Adds a listener of problems; returns the function that removes it. */
  onError(listener: ErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  report(error: IptError): void {
    for (const listener of this.#errorListeners) call(listener, error);
  }

  /** Tells every listener here and in other tabs what was committed; `written` brings the course as read up to date, else it is dropped. */
  announce(courseId: string, changes: ChangeSummary[], written?: readonly Written[]): void {
    if (written) this.#cache.wrote(courseId, written);
    else this.#cache.drop(courseId);
    this.#dropElsewhere(courseId);
    if (changes.length === 0) return;
    this.#notify({ courseId, changes, origin: 'local' });
    this.#channel?.postMessage({ courseId, changes });
  }

  /** The database is encrypted now: what stores without the key read before is no longer theirs to show (they read again, and find it locked). */
  sealed(): void {
    this.#dropElsewhere();
    this.#channel?.postMessage({ sealed: true });
  }

  /**
   * Leaves the channel and the page's other stores, and forgets every listener. `deleted`: the
   * database was deleted (wipe(), here or in another tab), and the listeners of each course
   * listened to are told first that it was deleted (a change not made through this store: `remote`).
   */
  close(deleted?: boolean): void {
    this.#channel?.close();
    connected.delete(this);
    for (const id of deleted ? [...this.#listeners.keys()] : []) {
      if (id !== null) this.#notify({ courseId: id, changes: [{ entity: 'course', id, op: 'delete' }], origin: 'remote' });
    }
    this.#listeners.clear();
    this.#errorListeners.clear();
  }

  /** Other stores of this page forget the course (or all, when the database was encrypted) before this call returns. */
  #dropElsewhere(courseId?: string): void {
    for (const other of connected) if (other !== this && other.#database === this.#database) other.#cache.drop(courseId);
  }

  #hear(data: unknown): void {
    const msg = data as (Partial<StoreChangeEvent> & { sealed?: boolean }) | null;
    if (msg?.sealed === true) return this.#cache.drop();
    // Any script of the origin may post on the channel: only a notice of ids and enum values is
    // passed on, rebuilt; any other message is dropped.
    const changes = Array.isArray(msg?.changes) ? msg.changes.map(heard) : [];
    if (!isId(msg?.courseId) || !changes.length || changes.includes(undefined)) return;
    this.#cache.drop(msg.courseId);
    this.#notify({ courseId: msg.courseId, changes: changes as ChangeSummary[], origin: 'remote' });
  }

  #notify(event: StoreChangeEvent): void {
    for (const key of [event.courseId, null]) {
      for (const listener of this.#listeners.get(key) ?? []) call(listener, event);
    }
  }
}
