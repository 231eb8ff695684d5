import type { ChangeSummary } from '../model/changes.js';
import type { IptError } from '../model/errors.js';
import type { Backend } from './backend.js';
import type { noteChange } from './outbox.js';
import type { Vault } from './vault.js';
import type { envelopeOf, revive } from './write.js';

/**
 * @internal The key of a store's port for the sync (`ipt-elements/sync`, which may be loaded from
 * another script file than the store: hence a registered symbol).
 */
export const SYNC_PORT = Symbol.for('ipt-elements.sync-port');

/**
 * @internal What the sync reaches of a store: its storage, its encryption, its change feed, and the
 * store's own functions for a record's envelope, for reading one back and for noting a change in
 * the outbox (so that the sync file carries no copy of the store).
 */
export interface SyncPort {
  readonly backend: Backend;
  readonly vault: Vault;
  /** Announces changes the sync wrote (the cache of the course is dropped). */
  announce(courseId: string, changes: ChangeSummary[]): void;
  report(error: IptError): void;
  envelopeOf: typeof envelopeOf;
  revive: typeof revive;
  noteChange: typeof noteChange;
}

/**
 * @internal The key under which a running sync (`startSync`) is found on its store, so that the
 * widgets of that store show the sync's conflicts with a choice (see SyncConflicts).
 */
export const SYNC_HANDLE = Symbol.for('ipt-elements.sync');

/** @internal What a widget asks of a running sync: its conflicts and a choice. Ids, field names and the server's values of those fields. */
export interface SyncConflictSource extends EventTarget {
  conflicts(): Promise<Array<{ courseId: string; entity: string; id: string; kind: string; fields: string[]; server?: Record<string, unknown> }>>;
  resolve(conflict: { courseId: string; entity: string; id: string }, choice: 'mine' | 'theirs'): Promise<unknown>;
}
