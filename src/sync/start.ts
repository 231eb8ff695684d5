/**
 * `startSync(store, options)`: the sync with the portal's FHIR server, offline first. It runs a round
 * (round.ts) after a local change (debounced), when the browser comes back online, on an interval,
 * and on `syncNow()`; one tab of the browser at a time (Web Locks), the others hear the results
 * through the store's change feed. Its status is an `ipt-sync` event (ids, counts and states only).
 */
import { IptError, isPatientReference, type Entity } from '../model/index.js';
import { SYNC_HANDLE, SYNC_PORT, type SyncPort } from '../store/port.js';
import type { IptStore } from '../store/store.js';
import { FhirClient } from './client.js';
import { SyncError } from './errors.js';
import type { IptSyncDetail, IptSyncState } from '../events.js';
import type { HostFetch } from './http.js';
import { commit, CONFLICT, emptyPlan, readLocal, recordKey, type ConflictEntry } from './local.js';
import { Mapping } from './mapping.js';
import { runRound, type RoundContext } from './round.js';

export interface SyncOptions {
  /** The FHIR R4 base URL of the portal's server, e.g. `https://portal.example/fhir`. */
  baseUrl: string;
  /** The host's fetch, which authorizes each request (a SMART on FHIR client's, or the portal's session). */
  fetch: HostFetch;
  /** The patient whose courses are synced: a literal reference, `Patient/<id>`. Courses of other patients are left alone. */
  patient: string;
  /** Milliseconds between rounds when nothing else starts one; 0 for none. Default 60 000. */
  interval?: number;
  /** Milliseconds after a local change before a round starts (changes in between join it). Default 1 000. */
  debounce?: number;
  /** Milliseconds for each answer of the server. Default 30 000. */
  timeout?: number;
  /** The base of the identifier systems (see FhirExportOptions.identifierSystem). */
  identifierSystem?: string;
  /** Where `ipt-sync` events are dispatched besides the handle itself. Default `document`; null for none. */
  target?: EventTarget | null;
}

/** The sync's state (see IptSyncDetail in the event map). */
export type SyncState = IptSyncState;
/** The sync's status, the detail of its `ipt-sync` events. */
export type SyncStatus = IptSyncDetail;

/** A record changed on both sides: which, and how (the values are the store's, read with getCourse). */
export interface SyncConflict {
  courseId: string;
  entity: Entity;
  id: string;
  /** `edit`: the same fields changed on both sides; `deleted-here`: removed here, changed on the server; `deleted-there`: changed here, removed on the server. */
  kind: ConflictEntry['kind'];
  fields: string[];
  /** The server's values of those fields (none when it removed the record): health data, to show the clinician, never to log. */
  server?: Record<string, unknown>;
}

export interface SyncHandle extends EventTarget {
  readonly status: SyncStatus;
  /** Runs a round now (after the one running, if any) and resolves with the status after it. A fresh `fetch` replaces the host's (after a 401). */
  syncNow(options?: { fetch?: HostFetch }): Promise<SyncStatus>;
  /** The records waiting for a choice. */
  conflicts(): Promise<SyncConflict[]>;
  /** Decides a conflict: `mine` keeps this browser's version and pushes it; `theirs` takes the server's here. */
  resolve(conflict: Pick<SyncConflict, 'courseId' | 'entity' | 'id'>, choice: 'mine' | 'theirs'): Promise<SyncStatus>;
  /** Stops every round and listener; what is stored stays. */
  stop(): void;
}

const MAX_BACKOFF = 5 * 60_000;

function portOf(store: IptStore): SyncPort {
  const get = (store as unknown as Record<symbol, (() => SyncPort) | undefined>)?.[SYNC_PORT];
  if (typeof get !== 'function') throw new IptError('invalid-input', 'Invalid store: startSync takes a store from openStore()', 'store');
  return get.call(store);
}

/** Starts syncing the patient's courses of a store with the FHIR server at `baseUrl`. Throws `invalid-input` for bad options. */
export function startSync(store: IptStore, options: SyncOptions): SyncHandle {
  return new Sync(store, options);
}

class Sync extends EventTarget implements SyncHandle {
  #store: IptStore;
  #options: SyncOptions;
  #client: FhirClient;
  #mapping: Mapping;
  #status: SyncStatus = { state: 'idle', waiting: 0, conflicts: 0 };
  #running: Promise<void> | undefined;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #failures = 0;
  #rounds = 0;
  #stopped = false;
  #unsubscribe: () => void;
  #online = () => this.#schedule(0);

  constructor(store: IptStore, options: SyncOptions) {
    super();
    portOf(store);
    if (!options || typeof options !== 'object') throw new IptError('invalid-input', 'Invalid sync options: must be an object', 'options');
    this.#store = store;
    this.#options = options;
    this.#client = this.#connect(options.fetch);
    if (!isPatientReference(options.patient)) {
      throw new IptError('invalid-input', 'Invalid patient: must be a literal reference, Patient/<id>', 'patient');
    }
    this.#mapping = new Mapping(options.identifierSystem);
    for (const [name, value] of [['interval', options.interval], ['debounce', options.debounce]] as const) {
      if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
        throw new IptError('invalid-input', `Invalid ${name}: must be a number of milliseconds, 0 or more`, name);
      }
    }
    this.#unsubscribe = store.subscribe(null, () => this.#schedule(this.#options.debounce ?? 1000));
    // The widgets of this store find the sync here, to show its conflicts with a choice.
    Object.defineProperty(store, SYNC_HANDLE, { value: this, configurable: true });
    globalThis.addEventListener?.('online', this.#online);
    const every = options.interval ?? 60_000;
    if (every > 0) this.#interval = setInterval(() => this.#schedule(0), every);
    this.#schedule(0);
  }

  /** A client of the server for the host's fetch (a fresh one after a 401). */
  #connect(fetch: HostFetch): FhirClient {
    const { baseUrl, timeout } = this.#options;
    return new FhirClient({ baseUrl, fetch, ...(timeout === undefined ? {} : { timeout }) });
  }

  get status(): SyncStatus {
    return structuredClone(this.#status);
  }

  async syncNow(options: { fetch?: HostFetch } = {}): Promise<SyncStatus> {
    if (this.#stopped) throw new IptError('terminated', 'The sync was stopped');
    if (options.fetch) this.#client = this.#connect(options.fetch);
    await this.#run(true);
    return this.status;
  }

  async conflicts(): Promise<SyncConflict[]> {
    const port = portOf(this.#store);
    // Only the conflict entries are opened (with a key, each opened entry is decrypted): not the server copies beside them.
    const held = (await port.backend.all('sync')).filter((e) => (e.entity as string) === CONFLICT);
    const entries = (await port.vault.open(held)).filter((e) => !(e.data instanceof ArrayBuffer));
    return entries.map((e) => {
      const c = e.data as ConflictEntry;
      const server = c.theirs ? Object.fromEntries(c.fields.filter((f) => f in c.theirs!).map((f) => [f, structuredClone(c.theirs![f])])) : undefined;
      return { courseId: e.courseId, entity: c.entity, id: c.id, kind: c.kind, fields: [...c.fields], ...(server ? { server } : {}) };
    });
  }

  async resolve(conflict: Pick<SyncConflict, 'courseId' | 'entity' | 'id'>, choice: 'mine' | 'theirs'): Promise<SyncStatus> {
    if (choice !== 'mine' && choice !== 'theirs') throw new IptError('invalid-input', 'Invalid choice: must be "mine" or "theirs"', 'choice');
    const port = portOf(this.#store);
    await this.#exclusive(async () => {
      const local = await readLocal(port, conflict.courseId);
      const key = recordKey(conflict.entity, conflict.id);
      const c = local.conflicts.get(key);
      if (!c) throw new IptError('not-found', 'There is no such conflict', 'id');
      const here = local.records.get(key);
      const pending = local.outbox.get(key);
      const m = local.mirror.get(key);
      const plan = emptyPlan();
      plan.conflicts.push({ key, entry: null });
      const write = (record: Record<string, unknown> | null, isPending: boolean) =>
        plan.writes.push({ entity: c.entity, id: c.id, rev: here?.rev ?? 0, outboxRev: pending?.rev, record, ...(isPending ? { pending: true } : {}) });
      if (m) plan.mirror.push({ key, entry: { ...m, ...(c.theirs ? { base: c.theirs } : {}) } });
      if (choice === 'theirs') write(c.theirs ?? null, false);
      else if (!pending) write(here?.record ?? null, true); // to be pushed: noted in the outbox
      await commit(port, conflict.courseId, plan);
    });
    await this.#run(true);
    return this.status;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#interval);
    this.#unsubscribe();
    if ((this.#store as unknown as Record<symbol, unknown>)[SYNC_HANDLE] === this) delete (this.#store as unknown as Record<symbol, unknown>)[SYNC_HANDLE];
    globalThis.removeEventListener?.('online', this.#online);
    this.#set({ state: 'stopped' });
  }

  #schedule(delay: number): void {
    if (this.#stopped || this.#status.state === 'unauthorized') return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(false).catch(() => undefined), delay);
  }

  /** Runs `fn` holding the browser's sync lock for this database (Web Locks), or alone where there are none. */
  async #exclusive<T>(fn: () => Promise<T>, ifAvailable = false): Promise<T | undefined> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks) return fn();
    return locks.request(`ipt-elements-sync:${this.#store.database}`, { ifAvailable }, async (lock) => (lock ? fn() : undefined));
  }

  /** One round at a time; a round asked for while one runs runs after it. */
  async #run(asked: boolean): Promise<void> {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#round(asked);
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async #round(asked: boolean): Promise<void> {
    const port = portOf(this.#store);
    this.#set({ state: 'syncing' });
    try {
      const ctx: RoundContext = {
        port,
        client: this.#client,
        mapping: this.#mapping,
        patient: this.#options.patient,
        capabilities: await this.#client.capabilities(),
        compareIds: asked || this.#rounds % 10 === 0,
      };
      // Scheduled rounds give way to a tab that syncs already; one asked for waits its turn.
      await this.#exclusive(() => runRound(ctx), !asked);
      this.#rounds++;
      this.#failures = 0;
      const counts = await this.#counts(port);
      this.#set({ state: counts.conflicts ? 'conflict' : 'idle', ...counts, lastSynced: new Date().toISOString() }, true);
    } catch (error) {
      this.#failures++;
      const counts = await this.#counts(port).catch(() => ({}));
      if (error instanceof SyncError) {
        const state: SyncState = error.kind === 'unauthorized' ? 'unauthorized' : error.kind === 'offline' || error.kind === 'timeout' ? 'offline' : 'error';
        this.#set({ state, ...counts, error: { kind: error.kind, message: error.message } }, true);
      } else {
        const message = error instanceof IptError ? error.message : 'The sync failed';
        this.#set({ state: 'error', ...counts, error: { kind: 'store', message } }, true);
      }
      // Tried again later and later (unauthorized waits for syncNow with a fresh fetch).
      this.#schedule(Math.min(MAX_BACKOFF, 2000 * 2 ** (this.#failures - 1)));
    }
  }

  async #counts(port: SyncPort): Promise<{ waiting: number; conflicts: number }> {
    const [outbox, synced] = await Promise.all([port.backend.all('outbox'), port.backend.all('sync')]);
    const ours = new Set(synced.filter((e) => e.entity === 'course').map((e) => e.courseId));
    for (const id of new Set(outbox.map((e) => e.courseId))) {
      const state = await this.#store.getCourse(id).catch(() => undefined);
      if (state?.course.patient === this.#options.patient) ours.add(id);
    }
    return { waiting: outbox.filter((e) => ours.has(e.courseId)).length, conflicts: synced.filter((e) => (e.entity as string) === CONFLICT).length };
  }

  #set(next: Partial<SyncStatus>, replace = false): void {
    const status: SyncStatus = { ...this.#status, ...next };
    if (replace && !next.error) delete status.error;
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (!changed) return;
    const detail = this.status;
    this.dispatchEvent(new CustomEvent('ipt-sync', { detail }));
    const target = this.#options.target === undefined ? globalThis.document : this.#options.target;
    target?.dispatchEvent(new CustomEvent('ipt-sync', { detail: this.status, bubbles: true, composed: true }));
  }
}
