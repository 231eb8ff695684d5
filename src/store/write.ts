import type { Change, ChangeSummary } from '../model/changes.js';
import { COLLECTION, referenceOf, REFERENCES, type ReferringEntity } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { checkSessionMeasures } from '../model/measures.js';
import { merge, same } from '../model/merge.js';
import { isId } from '../model/primitives.js';
import { ENTITY_SCHEMAS, type Entity, type EntityTypes, type Session } from '../model/schemas.js';
import { validate } from '../model/validate.js';
import type { Backend, Envelope, Key, TxView } from './backend.js';
import { noteChange } from './outbox.js';
import { isSealed } from './seal.js';
import type { Vault } from './vault.js';

export function checkId(value: unknown, what: string): string {
  if (!isId(value)) {
    throw new IptError('invalid-input', `Invalid ${what}: must be 1 to 128 letters, digits or . _ : -`, what);
  }
  return value as string;
}

/** A record as it is put: no revision yet, its reference noted for the indexes. */
export function envelopeOf(courseId: string, entity: Entity, data: EntityTypes[Entity]): Envelope {
  const ref = referenceOf(entity, data);
  return { courseId, entity, id: data.id, rev: 0, updated: 0, data, ...(ref ? { ref } : {}) };
}

/** A record an envelope holds, validated; one that cannot be read throws `unreadable`, naming its kind, its id and the field at fault, never a value. */
export function revive(e: Envelope): unknown {
  let why = 'it does not decrypt with this key';
  let field: string | undefined;
  if (!isSealed(e.data)) {
    try {
      return validate(e.entity, e.data);
    } catch (error) {
      // validate's message names each field at fault and the rule it breaks; a kind this version does not know has no schema.
      why = error instanceof IptError ? error.message : 'unknown kind';
      field = (error as IptError).field;
    }
  }
  throw new IptError('unreadable', `A stored ${e.entity} (id ${e.id}) could not be read: ${why}`, field);
}

/** One change, validated and ready to write. */
export interface Prepared {
  entity: Entity;
  id: string;
  /** The envelope to put, or undefined for a delete. */
  envelope: Envelope | undefined;
  /** The record as the editor read it: the change is rebased on what is stored (see rebase). */
  base?: object;
  /** The revision the rebase was made against: the write is made again if another landed since. */
  expect?: number;
}

/** Thrown inside a write when the record changed after its rebase was made: the write starts over (three times at most). */
export const STALE = new IptError('conflict', 'The record kept changing elsewhere while it was being saved; try again');

/**
 * Validates one change of a course: its record (with defaults filled in), and its base (a put's or
 * a delete's), which must be of the same record.
 */
export function prepare(courseId: string, change: Change, index: number): Prepared {
  const entity = change?.entity as Entity;
  const owner = entity === 'course' ? 'id' : 'courseId';
  let p: Prepared;
  if (change?.op === 'delete') {
    if (!Object.hasOwn(COLLECTION, entity)) {
      throw new IptError('invalid-input', `Invalid change ${index}: cannot delete a ${String(entity)}; delete the course with deleteCourse()`, 'entity');
    }
    p = { entity, id: checkId(change.id, `${entity} id`), envelope: undefined };
  } else {
    if (change?.op !== 'put' || !Object.hasOwn(ENTITY_SCHEMAS, entity)) {
      throw new IptError('invalid-input', `Invalid change ${index}: op must be "put" or "delete" of a known entity`, 'op');
    }
    const given = change.record as Record<string, unknown>;
    if (given?.[owner] !== undefined && given[owner] !== courseId) {
      throw new IptError('invalid-input', `Invalid ${entity}: ${owner} must be the course's id`, owner);
    }
    const data = validate(entity, { ...given, [owner]: courseId });
    p = { entity, id: data.id, envelope: envelopeOf(courseId, entity, data) };
  }
  if (change.base) {
    const base = validate(entity, { ...change.base, [owner]: courseId });
    if (base.id !== p.id) throw new IptError('invalid-input', `Invalid change ${index}: base must be the same ${entity}`, 'base');
    p.base = base;
  }
  return p;
}

/**
 * A change that gives a base, against the record stored now (in clear): a put is merged with it
 * field by field (see `merge`) and the merged record validated; a delete is refused unless the
 * record is still the one read. Either is refused when the record was removed meanwhile.
 */
function rebase(p: Prepared, stored: Envelope | undefined): void {
  if (!stored) throw new IptError('conflict', `This ${p.entity} was removed elsewhere since it was read`, 'id');
  if (p.envelope) {
    p.envelope = envelopeOf(p.envelope.courseId, p.entity, validate(p.entity, merge(p.base!, p.envelope.data as object, stored.data as object)));
    return;
  }
  // The record stored now as a read gives it (defaults filled in), to compare with the one read.
  let now: unknown;
  try {
    now = validate(p.entity, stored.data);
  } catch {
    now = stored.data;
  }
  if (!same(p.base, now)) throw new IptError('conflict', `This ${p.entity} was changed elsewhere since it was read; look at it again before removing it`, 'id');
}

/** Writes one prepared change at `key`, where `existing` is stored now. */
async function write(tx: TxView, p: Prepared, key: Key, existing: Envelope | undefined): Promise<ChangeSummary> {
  // A course record that cannot be read is never written over: a new start would lose it (sealed, the store checked it before).
  if (p.entity === 'course' && existing && !isSealed(existing.data)) revive(existing);
  if (p.expect !== undefined) {
    if (existing?.rev !== p.expect) throw STALE;
  } else if (p.base) rebase(p, existing);
  let op: ChangeSummary['op'];
  const rev = (existing?.rev ?? 0) + 1;
  if (p.envelope) {
    await tx.put({ ...p.envelope, rev, updated: Date.now() });
    op = existing ? 'update' : 'create';
  } else {
    if (!existing) throw new IptError('not-found', `There is no ${p.entity} with id ${p.id} in this course`, 'id');
    await tx.delete(key);
    op = 'delete';
  }
  await noteChange(tx, key[0], p.entity, p.id, rev, p.envelope ? 'put' : 'delete');
  return { entity: p.entity, id: p.id, op };
}

/** A record put must name an existing target; a record deleted must have nothing left that names it. */
async function checkReferences(tx: TxView, courseId: string, p: Prepared): Promise<void> {
  if (p.envelope) {
    const ref = p.envelope.ref === undefined ? undefined : REFERENCES[p.entity as ReferringEntity];
    const target = ref && (await tx.get([courseId, ref.entity, p.envelope.ref!]));
    if (ref && !target) {
      throw new IptError('invalid-input', `Invalid ${p.entity}: ${ref.field} is not a ${ref.entity} of this course`, ref.field);
    }
    // No measure on a visit not attended (in clear; sealed, the store checks the state it read).
    if (p.entity === 'measure' && target && !isSealed(target.data)) checkSessionMeasures(target.data as Session, 1, 'sessionId');
    if (p.entity === 'session' && !isSealed(p.envelope.data)) {
      checkSessionMeasures(p.envelope.data as Session, (await tx.range(courseId, 'measure')).filter((r) => r.ref === p.id).length, 'status');
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

/**
 * The transaction of one action: checks the key, that the course exists, writes each prepared
 * change (rebasing those that give a base, or checking the revision a sealed rebase was made
 * against), then the references of the state the whole action leaves. Resolves with what was done.
 */
export async function writeAll(tx: TxView, vault: Vault, courseId: string, prepared: readonly Prepared[]): Promise<ChangeSummary[]> {
  // What the writes need to know is asked for at once, in one round trip to the database:
  // the key check, that the course exists, and each record as stored (when each is written once).
  const keys = prepared.map((p): Key => [courseId, p.entity, p.id]);
  const once = new Set(keys.map((k) => k.join('\u0000'))).size === keys.length;
  const hasCourse = prepared.some((p) => p.entity === 'course' && p.envelope);
  const [, course, ...stored] = await Promise.all([vault.guard(tx), hasCourse || tx.get([courseId, 'course', courseId]), ...(once ? keys.map((k) => tx.get(k)) : [])]);
  if (!course) throw new IptError('not-found', `There is no course with id ${courseId}`, 'courseId');
  const out: ChangeSummary[] = [];
  // When the action writes a record twice, each write finds it as the one before left it.
  for (const [i, p] of prepared.entries()) out.push(await write(tx, p, keys[i]!, once ? stored[i] : await tx.get(keys[i]!)));
  // References are checked against the state the whole action leaves, inside its transaction.
  for (const p of prepared) await checkReferences(tx, courseId, p);
  return out;
}

/**
 * With a key the rebase cannot be made inside the write's transaction (the stored record must be
 * decrypted first): each change that gives a base is rebased on the record stored now, read and
 * decrypted before, and notes the revision it was made against (the write checks it).
 */
export async function rebaseSealed(backend: Backend, vault: Vault, courseId: string, prepared: readonly Prepared[]): Promise<void> {
  const based = prepared.filter((p) => p.base);
  const stored = await backend.transact((tx) => Promise.all(based.map((p) => tx.get([courseId, p.entity, p.id]))));
  const opened = await vault.open(stored);
  for (const [i, p] of based.entries()) {
    rebase(p, opened[i]);
    p.expect = opened[i]!.rev;
  }
}
