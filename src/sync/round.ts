/**
 * One sync round for a patient: pull what changed on the server (by its clock), decide it course by
 * course against what changed here (reconcile), then push the outbox, resource by resource, each
 * answer written to the mirror in its own transaction so that a round cut short loses nothing.
 */
import { RESOURCE_TYPES, identifierValue, type FhirKind } from '../fhir/codes.js';
import type { FhirResource } from '../fhir/types.js';
import { IptError, type CourseDocument } from '../model/index.js';
import type { SyncPort } from '../store/port.js';
import type { FhirClient } from './client.js';
import { SyncError } from './errors.js';
import { commit, emptyPlan, MOVED, readCursors, readLocal, recordKey, writeCursors, type Local, type MirrorEntry, type Plan, type Rec } from './local.js';
import { entityOf, keyName, Mapping, overlay, PUT_ORDER, TYPES, unchanged, urnOf, withServerReferences, type ResourceKey } from './mapping.js';
import { reconcile } from './reconcile.js';
import type { Capabilities } from './types.js';

/** How far back each pull reaches before its cursor: changes a server committed late, or another node's clock. */
export const OVERLAP_MS = 60_000;

export interface RoundContext {
  port: SyncPort;
  client: FhirClient;
  mapping: Mapping;
  patient: string;
  capabilities: Capabilities;
  /** Compare the server's ids with the mirror, to find deletes on a server with no type history. */
  compareIds: boolean;
}

interface Pulled {
  resources: FhirResource[];
}

const versionOf = (r: FhirResource) => String((r.meta as Rec | undefined)?.versionId ?? '');

/** Pulls every type's changes for the patient; resources are grouped by course, deletes given as `Type/id`. */
async function pull(ctx: RoundContext, known: ReadonlyMap<string, string>): Promise<{ byCourse: Map<string, Pulled>; deleted: Set<string>; cursors: Map<string, string> }> {
  const cursors = await readCursors(ctx.port, ctx.patient);
  const byCourse = new Map<string, Pulled>();
  const deleted = new Set<string>();
  const next = new Map<string, string>();
  for (const type of TYPES) {
    const since = cursors.get(type);
    const changes = await ctx.client.changedSince(type, ctx.patient, since, OVERLAP_MS);
    for (const r of changes.resources) {
      const found = ctx.mapping.identify(r);
      if (!found) continue; // not an ipt-elements resource: another application's, left alone
      let group = byCourse.get(found.courseId);
      if (!group) byCourse.set(found.courseId, (group = { resources: [] }));
      group.resources.push(r);
    }
    if (changes.cursor) next.set(type, changes.cursor);
    if (since && ctx.capabilities.historyType.has(type)) {
      const from = new Date(Date.parse(since) - OVERLAP_MS).toISOString();
      for (const d of (await ctx.client.historySince(type, from)).deleted) deleted.add(`${d.type}/${d.id}`);
    } else if (since && ctx.compareIds) {
      // No history of deletes on this server: what the mirror holds and the server lists no more was deleted.
      const present = new Set<string>();
      for await (const r of ctx.client.search(type, { patient: ctx.patient })) present.add(`${type}/${r.id}`);
      for (const ref of known.keys()) if (ref.startsWith(`${type}/`) && !present.has(ref)) deleted.add(ref);
    }
  }
  return { byCourse, deleted, cursors: next };
}

/**
 * Runs one round for every course of the patient: those here, those the server has. Resolves with
 * the conflicts left; rejects with a SyncError when the server cannot be reached or answers wrong
 * (what was done before stays done).
 */
export async function runRound(ctx: RoundContext): Promise<void> {
  const mirrors = await ctx.port.backend.all('sync');
  const known = new Map<string, string>();
  for (const e of mirrors) known.set(`${e.entity}/${e.id}`, e.courseId);
  const serverIds = new Map<string, string>();
  for (const e of (await ctx.port.vault.open(mirrors)).filter((e) => !(e.data instanceof ArrayBuffer))) {
    const m = e.data as Partial<MirrorEntry>;
    if (m?.type && m.id) serverIds.set(`${m.type}/${m.id}`, e.courseId);
  }
  const outbox = await ctx.port.backend.all('outbox');
  await pushFirst(ctx, outbox, mirrors);
  const { byCourse, deleted, cursors } = await pull(ctx, serverIds);
  const courses = new Set<string>([...byCourse.keys(), ...[...deleted].map((d) => serverIds.get(d)!).filter(Boolean)]);
  for (const e of outbox) courses.add(e.courseId);
  for (const e of mirrors) if (e.entity === 'course') courses.add(e.courseId);
  for (const courseId of courses) {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await syncCourse(ctx, courseId, byCourse.get(courseId)?.resources ?? [], deleted)) break;
      } catch (error) {
        if (error !== MOVED) throw error;
      }
      // The course changed here meanwhile, or the server answered a push with a newer version: again.
      if (attempt === 3) break;
    }
  }
  await writeCursors(ctx.port, ctx.patient, cursors);
}

/**
 * What changed here goes to the server before the pull (a click reaches the server without waiting
 * for a search per type): each course synced before, with changes waiting and no copy left to
 * decide. Each update names the version it was made on, so nothing is overwritten unseen: a newer
 * version on the server (409/412) is kept as a stale copy, and the pull below decides it.
 */
async function pushFirst(ctx: RoundContext, outbox: readonly { courseId: string }[], mirrors: readonly { courseId: string; entity: string }[]): Promise<void> {
  const synced = new Set(mirrors.filter((e) => e.entity === 'course').map((e) => e.courseId));
  for (const courseId of new Set(outbox.map((e) => e.courseId))) {
    if (!synced.has(courseId)) continue;
    const local = await readLocal(ctx.port, courseId);
    if ([...local.mirror.values()].some((e) => e.stale)) continue;
    // Only the resources of what changed here (and the course's, which list the others): the rest
    // waits for the full push after the pull.
    try {
      await push(ctx, local, (kind, recordId) => kind === 'course' || kind === 'focus' || local.outbox.has(recordKey(entityOf(kind), recordId)));
    } catch (error) {
      if (error !== MOVED) throw error;
    }
  }
}

/** One course: the pull decided, then the push. Resolves true when done, false when it must run again. */
async function syncCourse(ctx: RoundContext, courseId: string, pulled: FhirResource[], deleted: ReadonlySet<string>): Promise<boolean> {
  let local = await readLocal(ctx.port, courseId);
  // Only this patient's courses: another patient's course in the store is not this sync's.
  const patientHere = local.state?.course.patient;
  const courseEntry = local.mirror.get(recordKey('course', courseId));
  if (patientHere !== undefined ? patientHere !== ctx.patient : !courseEntry && pulled.length === 0 && !local.outbox.size) return true;
  if (patientHere === undefined && courseEntry && (courseEntry.resource.subject as Rec | undefined)?.reference !== ctx.patient && pulled.length === 0) return true;

  const mirror = new Map(local.mirror);
  const fresh: string[] = [];
  // Copies a push found newer on the server (or gone): decided now, as pulled ones are.
  for (const [k, e] of local.mirror) {
    if (!e.stale) continue;
    fresh.push(k);
    if (e.deleted) mirror.delete(k);
  }
  for (const r of pulled) {
    const { key } = ctx.mapping.identify(r)!;
    const k = keyName(key);
    const had = mirror.get(k);
    if (had && had.versionId === versionOf(r) && had.id === r.id) continue;
    const { stale: _s, deleted: _d, ...was } = had ?? ({} as Partial<MirrorEntry>);
    mirror.set(k, { ...was, type: r.resourceType, id: r.id!, versionId: versionOf(r), resource: r });
    fresh.push(k);
  }
  for (const [k, e] of mirror) {
    if (deleted.has(`${e.type}/${e.id}`)) {
      mirror.delete(k);
      fresh.push(k);
    }
  }
  if (fresh.length) {
    const theirs = readTheirs(ctx, courseId, mirror, local.mirror, fresh);
    const { plan, bases } = reconcile(local, theirs);
    // The SDK's part of each resource as the server holds it now: what a later push owns (see overlay).
    const sent = theirs ? await ownedParts(ctx, courseId, theirs, mirror) : new Map<string, Rec>();
    for (const k of new Set([...fresh, ...bases.keys()])) {
      const e = mirror.get(k);
      if (!e) {
        if (local.mirror.has(k)) plan.mirror.push({ key: k, entry: null });
        continue;
      }
      const base = bases.has(k) ? bases.get(k) : e.base;
      const { stale: _s, deleted: _d, base: _b, ...kept } = e;
      plan.mirror.push({ key: k, entry: { ...kept, ...(sent.has(k) ? { sent: sent.get(k)! } : {}), ...(base ? { base } : {}) } });
    }
    await commit(ctx.port, courseId, plan);
    local = await readLocal(ctx.port, courseId);
  }
  return push(ctx, local);
}

/**
 * The course the server's copy makes, read as an import reads it. When the pull brought resources
 * that make no valid course with the rest (a Goal its CarePlan does not list yet, a record that does
 * not validate), each is held back (the mirror keeps the copy before it) and reported, never
 * dropped in silence; the next pull tries it again.
 */
function readTheirs(ctx: RoundContext, courseId: string, mirror: Map<string, MirrorEntry>, before: ReadonlyMap<string, MirrorEntry>, fresh: string[]): CourseDocument | null {
  const read = () => {
    const resources = [...mirror.values()].map((e) => e.resource);
    return resources.some((r) => r.resourceType === 'CarePlan') ? ctx.mapping.read(courseId, resources) : null;
  };
  try {
    return read();
  } catch {
    // Held back one by one: each fresh copy is tried alone on what was agreed before.
    const tried = new Map(before);
    const copy = new Map(mirror);
    mirror.clear();
    for (const [k, e] of tried) mirror.set(k, e);
    for (const k of fresh) {
      const e = copy.get(k);
      const was = mirror.get(k);
      if (e) mirror.set(k, e);
      else mirror.delete(k);
      try {
        read();
      } catch (error) {
        if (was) mirror.set(k, was);
        else mirror.delete(k);
        const type = e?.type ?? was?.type ?? 'resource';
        ctx.port.report(new IptError('unreadable', `A ${type} of a synced course on the server does not make a valid record with the rest of the course: it is held back and tried again at the next sync${error instanceof IptError ? ` (${error.message})` : ''}`));
      }
    }
    return read();
  }
}

/**
 * Gives the page its turn (input, rendering) once the task has run for `budget` ms: a large course
 * is compared across several tasks instead of one long one. Awaited at each step of a loop.
 */
function breather(budget = 25): () => Promise<void> | undefined {
  let start = performance.now();
  return () => {
    if (performance.now() - start < budget) return undefined;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      start = performance.now();
    });
  };
}

/** Each resource's SDK part (references as the server names them), as the mapping writes it for a course. */
async function ownedParts(ctx: RoundContext, courseId: string, doc: CourseDocument, mirror: ReadonlyMap<string, MirrorEntry>): Promise<Map<string, Rec>> {
  const refs = serverRefs(courseId, mirror);
  const out = new Map<string, Rec>();
  const pause = breather();
  for (const [k, { resource }] of ctx.mapping.resources(doc)) {
    await pause();
    const body = withServerReferences(resource, (urn) => refs.get(urn));
    if (body) out.set(k, body);
  }
  return out;
}

function serverRefs(courseId: string, mirror: ReadonlyMap<string, MirrorEntry>): Map<string, string> {
  const refs = new Map<string, string>();
  for (const [k, e] of mirror) {
    const slash = k.indexOf('/');
    refs.set(urnOf(courseId, { kind: k.slice(0, slash) as FhirKind, recordId: k.slice(slash + 1) }), `${e.type}/${e.id}`);
  }
  return refs;
}

/**
 * Pushes what the course holds here and the server does not: each resource whose SDK part differs
 * from the server's copy, in PUT_ORDER (each after those it refers to), then removals in the other
 * order. A create is conditional on the identifier and the patient (a retry after a lost answer
 * makes no duplicate); an update names the version it was made on (`If-Match`). Resolves false
 * when the server held a newer version: the round runs again, and the pull decides it.
 */
async function push(ctx: RoundContext, local: Local, consider: (kind: FhirKind, recordId: string) => boolean = () => true): Promise<boolean> {
  const { port, client, mapping, patient } = ctx;
  const courseId = local.courseId;
  const mirror = new Map(local.mirror);
  const blocked = new Set([...local.conflicts.keys(), ...local.unreadable]);
  const save = async (plan: Plan) => {
    await commit(port, courseId, plan);
  };
  const ack = (plan: Plan, key: string) => {
    const o = local.outbox.get(key);
    if (o) plan.acks.push({ entity: o.entity, id: o.id, rev: o.rev });
  };
  const courseDeleted = local.outbox.get(recordKey('course', courseId))?.op === 'delete' && !local.state;
  const wanted = courseDeleted || !local.state || local.state.course.patient !== patient ? new Map() : mapping.resources(local.state);
  if (local.state && local.state.course.patient !== patient) return true;

  // The server's id of each resource of the course, built once and kept up to date as each is saved
  // (built again per resource, it cost a push of n resources n² hashes: 21 s of one task for 2,000).
  const refs = serverRefs(courseId, mirror);
  const pause = breather();
  for (const kind of PUT_ORDER) {
    for (const [k, { key, resource }] of wanted) {
      await pause();
      if (key.kind !== kind || !consider(kind, key.recordId) || blocked.has(recordKey(entityOf(kind), kind === 'focus' ? courseId : key.recordId))) continue;
      const body = withServerReferences(resource, (urn) => refs.get(urn));
      if (!body) continue; // refers to a resource held back: pushed once that one is
      const had = mirror.get(k);
      const target = overlay(body, had?.resource as Rec | undefined, had?.sent);
      const record = kind === 'focus' ? undefined : local.records.get(recordKey(kind, key.recordId))?.record;
      const plan = emptyPlan();
      if (kind !== 'focus') ack(plan, recordKey(kind, key.recordId));
      let saved;
      if (had && unchanged(target, had.resource as Rec)) {
        if (plan.acks.length) await save(plan);
        continue;
      }
      try {
        saved = had
          ? await client.update({ ...target, id: had.id } as FhirResource, had.versionId)
          : await client.create(target as FhirResource, { system: mapping.system(kind), value: identifierValue(courseId, kind, key.recordId), patient });
      } catch (error) {
        if (!(error instanceof SyncError) || (error.kind !== 'conflict' && error.kind !== 'gone') || !had) throw error;
        // Another version on the server (or none): kept as stale, for the next pass to decide against its base, then push again.
        const now = await client.read(had.type, had.id);
        if (now && ctx.mapping.identify(now.resource)?.courseId !== courseId) {
          throw new SyncError('bad-answer', `FHIR GET ${had.type}: the answer is another record than the one asked for`);
        }
        const next = emptyPlan();
        next.mirror.push({ key: k, entry: { ...had, ...(now ? { versionId: now.versionId, resource: now.resource } : { deleted: true }), stale: true } });
        await save(next);
        return false;
      }
      const entry: MirrorEntry = { type: saved.resource.resourceType, id: saved.id, versionId: saved.versionId, resource: saved.resource, sent: body, ...(record ? { base: record } : {}) };
      mirror.set(k, entry);
      refs.set(urnOf(courseId, key), `${entry.type}/${entry.id}`);
      plan.mirror.push({ key: k, entry });
      await save(plan);
      if (had === undefined && !saved.created && !unchanged(overlay(body, saved.resource as Rec, body), saved.resource as Rec)) return false; // created before (an answer lost): updated next
    }
  }

  // Removals: what the server holds for the course and the course here no longer does.
  for (const kind of [...PUT_ORDER].reverse()) {
    for (const [k, e] of mirror) {
      if (!k.startsWith(`${kind}/`) || wanted.has(k)) continue;
      const recordId = k.slice(kind.length + 1);
      const rk = recordKey(entityOf(kind), kind === 'focus' ? courseId : recordId);
      if (blocked.has(rk) && !courseDeleted) continue;
      // Not removed here (for a focus Condition: the course not changed here): kept, the pull decides.
      // A device that has pulled part of a course another device is pushing must not remove the rest.
      if (!courseDeleted && !local.outbox.has(rk)) continue;
      await client.remove(e.type, e.id, e.versionId);
      mirror.delete(k);
      const plan = emptyPlan();
      plan.mirror.push({ key: k, entry: null });
      if (kind !== 'focus' && kind !== 'appointment' && kind !== 'response' && !courseDeleted) ack(plan, rk);
      await save(plan);
    }
  }
  // Outbox entries left: records created and removed before any push, or a course removed whole.
  const plan = emptyPlan();
  for (const [rk, o] of local.outbox) {
    const kind = o.entity as FhirKind;
    if (blocked.has(rk) && !courseDeleted) continue;
    if (courseDeleted || (o.op === 'delete' && !mirror.has(keyName({ kind, recordId: o.id })))) ack(plan, rk);
  }
  if (courseDeleted) for (const k of local.conflicts.keys()) plan.conflicts.push({ key: k, entry: null });
  if (plan.acks.length || plan.conflicts.length) await save(plan);
  return true;
}

export type { ResourceKey };
export { RESOURCE_TYPES };
