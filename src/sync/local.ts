/**
 * What the sync reads and writes in the browser, through the store's port (see SYNC_PORT): a
 * course's records with their revisions, its outbox, its mirror (the server's copy of each of its
 * resources, sealed like records when the store has a key), its conflicts; and one transaction
 * that writes what a round decided, refusing when the course changed since it was read.
 */
import { COLLECTION, IptError, type ChangeSummary, type Course, type CourseState, type Entity, type RecordEntity } from '../model/index.js';
import type { Envelope, Key, TxView } from '../store/backend.js';
import type { OutboxOp } from '../store/outbox.js';
import type { SyncPort } from '../store/port.js';
import { hash128 } from '../fhir/codes.js';
import type { FhirResource } from '../fhir/types.js';

export type Rec = Record<string, unknown>;

/** The server's copy of one resource of a course, and what the sync last agreed with it. */
export interface MirrorEntry {
  type: string;
  /** The server's id and version (opaque: compared for equality only). */
  id: string;
  versionId: string;
  resource: FhirResource;
  /** The SDK's part of the resource as last sent or read: the fields the SDK owns (see overlay). */
  sent?: Rec;
  /** The record as both sides last held it: the base of the three-way merge. */
  base?: Rec;
  /** A push found this copy newer on the server than its base (or `deleted` there): the next pass decides it. */
  stale?: true;
  deleted?: true;
}

/**
 * A record changed on both sides: `edit` (the same fields, named), `deleted-here` (removed in this
 * browser, changed on the server), `deleted-there` (changed here, removed on the server). The
 * records are kept (sealed with a key) until a choice is made; only ids and field names leave the sync.
 */
export interface ConflictEntry {
  entity: Entity;
  id: string;
  kind: 'edit' | 'deleted-here' | 'deleted-there';
  fields: string[];
  mine?: Rec;
  theirs?: Rec;
}

export const CONFLICT = '!conflict';
export const CURSOR = '!cursor';
/** The pseudo-course under which a patient's cursors are kept. */
export const CURSORS = '!patient';

export const recordKey = (entity: string, id: string) => `${entity}/${id}`;

/** A course as the sync reads it. Keys of the maps: `entity/id` (records, outbox, conflicts), `kind/recordId` (mirror). */
export interface Local {
  courseId: string;
  state: CourseState | undefined;
  records: Map<string, { rev: number; record: Rec }>;
  /** Records that could not be read: never written over. */
  unreadable: Set<string>;
  outbox: Map<string, { entity: Entity; id: string; rev: number; op: OutboxOp }>;
  mirror: Map<string, MirrorEntry>;
  conflicts: Map<string, ConflictEntry>;
}

export async function readLocal(port: SyncPort, courseId: string): Promise<Local> {
  const [raw, outbox, synced] = await Promise.all([port.backend.read(courseId), port.backend.read(courseId, 'outbox'), port.backend.read(courseId, 'sync')]);
  const [records, opened] = await Promise.all([port.vault.open(raw), port.vault.open(synced)]);
  const local: Local = { courseId, state: undefined, records: new Map(), unreadable: new Set(), outbox: new Map(), mirror: new Map(), conflicts: new Map() };
  const state = { course: undefined, sessions: [], people: [], disputes: [], goals: [], measures: [] } as unknown as CourseState;
  for (const e of records) {
    try {
      const record = port.revive(e) as Rec;
      local.records.set(recordKey(e.entity, e.id), { rev: e.rev, record });
      if (e.entity === 'course') state.course = record as unknown as Course;
      else (state[COLLECTION[e.entity as RecordEntity]] as unknown[]).push(record);
    } catch {
      local.unreadable.add(recordKey(e.entity, e.id));
    }
  }
  if (state.course) local.state = state;
  for (const e of outbox) local.outbox.set(recordKey(e.entity, e.id), { entity: e.entity, id: e.id, rev: e.rev, op: e.data as OutboxOp });
  for (const e of opened) {
    // With a key, an entry that does not open comes back empty: the sync learns it again from the server.
    if (e.data instanceof ArrayBuffer) continue;
    if ((e.entity as string) === CONFLICT) local.conflicts.set(e.id, e.data as ConflictEntry);
    else local.mirror.set(recordKey(e.entity, e.id), e.data as MirrorEntry);
  }
  return local;
}

/** What one round writes in one transaction. Every record write names the revisions it was decided on. */
export interface Plan {
  writes: Array<{
    entity: Entity;
    id: string;
    /** The record's revision and outbox entry when the decision was made (0 / undefined: none). */
    rev: number;
    outboxRev: number | undefined;
    /** The record to put; null deletes it. */
    record: Rec | null;
    /** True when the write is this browser's to push (a merge): it is noted in the outbox. */
    pending?: boolean;
  }>;
  /** Outbox entries done with: removed if they are still at the revision given. */
  acks: Array<{ entity: string; id: string; rev: number }>;
  mirror: Array<{ key: string; entry: MirrorEntry | null }>;
  conflicts: Array<{ key: string; entry: ConflictEntry | null }>;
}

export const emptyPlan = (): Plan => ({ writes: [], acks: [], mirror: [], conflicts: [] });

/** Thrown when the course changed in this browser while a round was deciding: the round starts again. */
export const MOVED = new IptError('conflict', 'The course changed while it was being synced');

const splitKey = (key: string): [string, string] => {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
};

/**
 * Writes a plan in one transaction (records and mirror sealed before it opens, with a key) and
 * announces the records it wrote. Rejects with MOVED, writing nothing, when a record or its outbox
 * entry is not at the revision the plan was decided on.
 */
export async function commit(port: SyncPort, courseId: string, plan: Plan): Promise<ChangeSummary[]> {
  const envelopes = await port.vault.seal(plan.writes.map((w) => (w.record ? port.envelopeOf(courseId, w.entity, w.record as never) : undefined)));
  const now = Date.now();
  const syncEntries = await port.vault.seal([
    ...plan.mirror.map(({ key, entry }) => (entry ? syncEnvelope(courseId, ...splitKey(key), entry, now) : undefined)),
    ...plan.conflicts.map(({ key, entry }) => (entry ? syncEnvelope(courseId, CONFLICT, key, entry, now) : undefined)),
  ]);
  const changes = await port.backend.transact(async (tx) => {
    await port.vault.guard(tx);
    const out: ChangeSummary[] = [];
    for (const [i, w] of plan.writes.entries()) {
      const key: Key = [courseId, w.entity, w.id];
      const [existing, pending] = await Promise.all([tx.get(key), tx.get(key, 'outbox')]);
      if ((existing?.rev ?? 0) !== w.rev || pending?.rev !== w.outboxRev) throw MOVED;
      const rev = (existing?.rev ?? 0) + 1;
      if (w.record) await tx.put({ ...envelopes[i]!, rev, updated: now });
      else if (existing) await tx.delete(key);
      else continue;
      if (w.pending) await port.noteChange(tx, courseId, w.entity, w.id, rev, w.record ? 'put' : 'delete');
      else if (pending) await tx.delete(key, 'outbox');
      out.push({ entity: w.entity, id: w.id, op: !w.record ? 'delete' : existing ? 'update' : 'create' });
    }
    for (const a of plan.acks) {
      const key: Key = [courseId, a.entity as Entity, a.id];
      if ((await tx.get(key, 'outbox'))?.rev === a.rev) await tx.delete(key, 'outbox');
    }
    const all = [...plan.mirror.map((m) => [...splitKey(m.key)]), ...plan.conflicts.map((c) => [CONFLICT, c.key])];
    for (const [i, [entity, id]] of all.entries()) {
      const e = syncEntries[i];
      if (e) await tx.put(e, 'sync');
      else await tx.delete([courseId, entity as Entity, id!], 'sync');
    }
    return out;
  });
  if (changes.length) port.announce(courseId, changes);
  return changes;
}

function syncEnvelope(courseId: string, entity: string, id: string, data: unknown, updated: number): Envelope {
  return { courseId, entity: entity as Entity, id, rev: 0, updated, data };
}

/** The pull cursors of a patient: the server's instant of the latest change seen, per resource type (keyed by a hash of the patient: keys are never sealed). */
export async function readCursors(port: SyncPort, patient: string): Promise<Map<string, string>> {
  const opened = await port.vault.open(await port.backend.read(CURSORS, 'sync'));
  const out = new Map<string, string>();
  for (const e of opened) {
    const c = e.data as { patient?: string; type?: string; at?: string };
    if (c && c.patient === patient && typeof c.type === 'string' && typeof c.at === 'string') out.set(c.type, c.at);
  }
  return out;
}

export async function writeCursors(port: SyncPort, patient: string, cursors: ReadonlyMap<string, string>): Promise<void> {
  const entries = await port.vault.seal([...cursors].map(([type, at]) => syncEnvelope(CURSORS, CURSOR, `${type} ${hash128(patient)}`, { patient, type, at }, Date.now())));
  await port.backend.transact(async (tx: TxView) => {
    await port.vault.guard(tx);
    for (const e of entries) await tx.put(e, 'sync');
  });
}
