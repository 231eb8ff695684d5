/**
 * The store: IPT courses in IndexedDB (or memory), validated, transactional, announced.
 * @module
 */
import { IptError } from '../model/errors.js';
import { deleteDatabase, isOurs } from './idb-backend.js';
import { DEFAULT_DATABASE, IptStore, type StoreOptions } from './store.js';

export { IptStore, DEFAULT_DATABASE } from './store.js';
export type { Change, ChangeSummary, Committed, StoreChangeEvent, ChangeListener, ErrorListener, StoreOptions } from './store.js';
export type { StorageKind } from './backend.js';
export { DB_VERSION } from './idb-backend.js';

const live = new Set<IptStore>();
const shared = new Map<string, Promise<IptStore>>();
const opened = new Set<string>();
const keyIds = new WeakMap<CryptoKey, number>();
let keys = 0;

/** Opens a store with one options call. Falls back to memory (see `store.fallback`) when IndexedDB fails. */
export async function openStore(options: StoreOptions = {}): Promise<IptStore> {
  const store = await IptStore.create(options);
  live.add(store);
  if (store.storage === 'indexeddb') opened.add(store.database);
  return store;
}

/**
 * The store this page shares for a database and storage kind: every element that is given no
 * store of its own uses it, so that they all see one course the same way.
 */
export function openSharedStore(options: StoreOptions = {}): Promise<IptStore> {
  // A store opened with a key is shared only with those who give the same key.
  let keyId = '';
  if (options.key) {
    if (!keyIds.has(options.key)) keyIds.set(options.key, ++keys);
    keyId = `|key${keyIds.get(options.key)}`;
  }
  const key = `${options.storage ?? 'indexeddb'}|${options.database ?? DEFAULT_DATABASE}${keyId}`;
  let pending = shared.get(key);
  if (!pending) {
    pending = openStore(options);
    shared.set(key, pending);
    pending.catch(() => shared.delete(key));
  }
  return pending;
}

/**
 * Removes everything ipt-elements stored in this browser for this origin: closes every store
 * this page opened (memory ones lose their data; the listeners of each course hear it deleted)
 * and deletes every IndexedDB database that ipt-elements made, whatever its name, told by its
 * object stores. Other databases of the page are left alone.
 */
export async function wipe(options: { indexedDB?: IDBFactory | null; timeout?: number } = {}): Promise<void> {
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  if (factory && (typeof factory.open !== 'function' || typeof factory.deleteDatabase !== 'function')) {
    throw new IptError('invalid-input', 'Invalid indexedDB: must be an IDBFactory', 'indexedDB');
  }
  for (const store of live) store.close(true);
  live.clear();
  shared.clear();
  if (!factory) return;
  const names = new Set([DEFAULT_DATABASE, ...opened]);
  if (typeof factory.databases === 'function') {
    for (const info of await factory.databases()) if (info.name) names.add(info.name);
  }
  for (const name of names) {
    if (await isOurs(factory, name)) await deleteDatabase(factory, name, options.timeout ?? 5000);
  }
  opened.clear();
}

export { IptError };
