import type { Entity } from '../model/schemas.js';
import type { Envelope, TxView } from './backend.js';

/**
 * The outbox: one entry per record changed since the sync last pushed it, put in the transaction of
 * the change itself, so that no change is lost to a crash, a reload or a closed tab. An entry is
 * the record's key, the revision written and whether it was put or deleted (`data`): ids, a number
 * and an enum value, never user text. A later change of the same record replaces its entry; the
 * sync removes an entry once it pushed that revision. Written whether or not a sync ever runs: a
 * sync started later pushes everything changed before it.
 */
export type OutboxOp = 'put' | 'delete';

export function noteChange(tx: TxView, courseId: string, entity: Entity, id: string, rev: number, op: OutboxOp): Promise<void> {
  const entry: Envelope = { courseId, entity, id, rev, updated: Date.now(), data: op };
  return tx.put(entry, 'outbox');
}
