/**
 * What a pull means for the course in this browser: a pure decision, record by record, between the
 * record here (mine), the server's (theirs) and the one both last held (the base, kept in the
 * mirror). A record changed on one side takes that side; changed on both, the store's three-way
 * field merge decides, and what it cannot merge (the same field, or a removal against an edit) is
 * a conflict kept for a person to decide. Nothing is overwritten unseen on either side.
 */
import { COLLECTION, IptError, merge, REFERENCES, referenceOf, same, type CourseDocument, type Entity, type RecordEntity, type ReferringEntity } from '../model/index.js';
import { emptyPlan, recordKey, type ConflictEntry, type Local, type Plan, type Rec } from './local.js';

/** The records of a course document by `entity/id`. */
export function recordsOf(doc: CourseDocument | undefined): Map<string, Rec> {
  const out = new Map<string, Rec>();
  if (!doc) return out;
  out.set(recordKey('course', doc.course.id), doc.course as unknown as Rec);
  for (const [entity, key] of Object.entries(COLLECTION) as [RecordEntity, (typeof COLLECTION)[RecordEntity]][]) {
    for (const r of doc[key] as unknown as Rec[]) out.set(recordKey(entity, r.id as string), r);
  }
  return out;
}

const entityOfKey = (key: string) => key.slice(0, key.indexOf('/')) as Entity;
const idOfKey = (key: string) => key.slice(key.indexOf('/') + 1);

/**
 * Decides a pull. `theirs` is the course the server's copy makes after the pull (null: the
 * server holds no course). Returns the plan
 * (records to write here, outbox entries done with, conflicts) and the base of each record decided.
 */
export function reconcile(local: Local, theirs: CourseDocument | null): { plan: Plan; bases: Map<string, Rec | undefined> } {
  const plan = emptyPlan();
  const bases = new Map<string, Rec | undefined>();
  const their = recordsOf(theirs ?? undefined);
  const keys = new Set([...their.keys(), ...local.records.keys(), ...[...local.mirror.entries()].filter(([k, e]) => e.base && !k.startsWith('focus/')).map(([k]) => k)]);
  const conflict = (key: string, kind: ConflictEntry['kind'], mine: Rec | undefined, th: Rec | undefined, fields: string[] = []) => {
    const entry: ConflictEntry = { entity: entityOfKey(key), id: idOfKey(key), kind, fields, ...(mine ? { mine } : {}), ...(th ? { theirs: th } : {}) };
    plan.conflicts.push({ key, entry });
    bases.set(key, th);
  };
  const removed = new Set<string>();
  for (const key of keys) {
    if (local.unreadable.has(key)) continue;
    const entity = entityOfKey(key);
    const here = local.records.get(key);
    const mine = here?.record;
    const base = local.mirror.get(key)?.base;
    const th = their.get(key);
    const pending = local.outbox.get(key);
    const write = (record: Rec | null, isPending = false) =>
      plan.writes.push({ entity, id: idOfKey(key), rev: here?.rev ?? 0, outboxRev: pending?.rev, record, ...(isPending ? { pending: true } : {}) });
    if (local.conflicts.has(key)) {
      // Still waiting for a choice: what the server holds now is what "take theirs" takes.
      const c = local.conflicts.get(key)!;
      if (!same(c.theirs, th)) plan.conflicts.push({ key, entry: { ...c, ...(th ? { theirs: th } : { theirs: undefined }) } });
      continue;
    }
    if (same(th, base)) continue; // the server did not change it
    if (!pending) {
      if (!same(th, mine)) {
        if (!th) removed.add(key);
        write(th ?? null);
      }
      bases.set(key, th);
      continue;
    }
    if (same(th, mine)) {
      plan.acks.push({ entity, id: idOfKey(key), rev: pending.rev });
      bases.set(key, th);
    } else if (mine && th && base) {
      try {
        const merged = merge(base, mine, th);
        write(merged, true);
        bases.set(key, th);
      } catch (error) {
        if (!(error instanceof IptError) || error.code !== 'conflict') throw error;
        conflict(key, 'edit', mine, th, clashes(base, mine, th));
      }
    } else if (mine && th) conflict(key, 'edit', mine, th, clashes({}, mine, th));
    else if (th) conflict(key, 'deleted-here', undefined, th);
    else if (mine) conflict(key, 'deleted-there', mine, undefined);
    else {
      plan.acks.push({ entity, id: idOfKey(key), rev: pending.rev });
      bases.set(key, undefined);
    }
  }
  keepReferenced(local, plan, removed, bases);
  return { plan, bases };
}

/** The fields two changed records disagree on (never their values). */
function clashes(base: Rec, mine: Rec, theirs: Rec): string[] {
  return [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => !same(mine[k], base[k]) && !same(theirs[k], base[k]) && !same(mine[k], theirs[k]));
}

/**
 * A record the server removed that a record kept here still refers to (a person whose dispute was
 * opened here meanwhile) is not removed: it becomes a conflict, as a removal against an edit.
 */
function keepReferenced(local: Local, plan: Plan, removed: Set<string>, bases: Map<string, Rec | undefined>): void {
  if (removed.size === 0) return;
  const gone = new Set(plan.writes.filter((w) => !w.record).map((w) => recordKey(w.entity, w.id)));
  const kept = [...local.records].filter(([k]) => !gone.has(k));
  for (const key of removed) {
    const entity = entityOfKey(key);
    const id = idOfKey(key);
    const referred = kept.some(([k, r]) => {
      const ref = REFERENCES[entityOfKey(k) as ReferringEntity];
      return ref?.entity === entity && referenceOf(entityOfKey(k), r.record) === id;
    });
    if (!referred && entity !== 'course') continue;
    if (entity === 'course' && kept.length === 0) continue;
    plan.writes = plan.writes.filter((w) => recordKey(w.entity, w.id) !== key);
    plan.conflicts.push({ key, entry: { entity, id, kind: 'deleted-there', fields: [], mine: local.records.get(key)!.record } });
    bases.delete(key);
  }
}
