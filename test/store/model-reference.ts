/**
 * The plain in-memory reference of the store for the model-based test (model.test.ts): courses as
 * maps of records, written from the store's documented rules (README "Store", src/model/schemas.ts)
 * and not from its code. It predicts the outcome of every action, refusals included, and holds
 * what the store should hold afterwards.
 *
 * Rules it knows: a record is validated first (text trimmed; the limits and ranges the generators
 * can break), and one invalid change refuses the whole action; the course must exist unless the
 * action puts it; a delete of a missing record is `not-found`; references are checked on the state
 * the action leaves (a dispute names a person, a measure a session, and neither target goes while
 * named); all or nothing. Import replaces a course only with `replace`.
 */

export type Outcome = 'ok' | 'invalid-input' | 'not-found' | 'version';
export type Rec = Record<string, unknown> & { id: string };
export const KINDS = ['session', 'person', 'dispute', 'goal', 'measure'] as const;
export type Kind = (typeof KINDS)[number];
export const LIST: Record<Kind, 'sessions' | 'people' | 'disputes' | 'goals' | 'measures'> = {
  session: 'sessions',
  person: 'people',
  dispute: 'disputes',
  goal: 'goals',
  measure: 'measures',
};
/** Who names whom: a dispute its person, a measure its session. */
const REFERS: Partial<Record<Kind, [field: string, target: Kind]>> = { dispute: ['personId', 'person'], measure: ['sessionId', 'session'] };

export type Change = { op: 'put'; entity: Kind | 'course'; record: Record<string, unknown> } | { op: 'delete'; entity: Kind; id: string };

export interface RefCourse {
  course: Rec;
  records: Record<Kind, Map<string, Rec>>;
}

const RANGES: Record<string, [number, number, boolean]> = {
  'PHQ-9': [0, 27, true],
  'GAD-7': [0, 21, true],
  EPDS: [0, 30, true],
  'HAM-D': [0, 52, true],
  other: [0, 10000, false],
};
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const textOk = (v: unknown, max: number, required = false) =>
  v === undefined ? !required : typeof v === 'string' && v.trim().length <= max && (!required || v.trim().length > 0);
const intIn = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** Whether a record is valid, as far as the generated ones can be wrong. */
function valid(entity: Kind | 'course', r: Record<string, unknown>): boolean {
  switch (entity) {
    case 'course':
      return intIn((r.contract as { sessions?: unknown })?.sessions, 1, 100) && textOk(r.patient, 256);
    case 'person':
      return textOk(r.name, 120, true) && textOk(r.relationship, 120) && textOk(r.supportive, 4000) && intIn(r.ring, 1, 5);
    case 'goal':
      return textOk(r.text, 500, true) && typeof r.order === 'number' && Number.isFinite(r.order);
    case 'measure': {
      const [lo, hi, whole] = RANGES[r.instrument as string]!;
      const s = r.score as number;
      return s >= lo && s <= hi && (!whole || Number.isInteger(s)) && textOk(r.label, 120);
    }
    case 'dispute':
      return textOk(r.issue, 4000) && (r.history as Rec[]).every((m) => textOk(m.note, 4000));
    case 'session':
      return true;
  }
}

/** A record as the store keeps it: defaults filled in, text trimmed. */
function stored(entity: Kind | 'course', r: Record<string, unknown>, courseId: string): Rec {
  return storedAs(entity, r, courseId) as Rec;
}
function storedAs(entity: Kind | 'course', r: Record<string, unknown>, courseId: string): object {
  switch (entity) {
    case 'course': {
      const contract = r.contract as { sessions: number; history?: unknown[] };
      return {
        ...r,
        id: courseId,
        ...(r.patient !== undefined ? { patient: trimmed(r.patient) } : {}),
        focus: r.focus ?? [],
        contract: { sessions: contract.sessions, history: contract.history ?? [] },
        phases: r.phases ?? { initial: 3, termination: 3, window: 3 },
      };
    }
    case 'session':
      return { kind: 'acute', mode: 'video', ...r, courseId };
    case 'person':
      return {
        relationship: '', support: 0, supportive: '', conflict: 0, conflicted: '', expectations: '', wantedChange: '', deceased: false,
        ...r, courseId, name: trimmed(r.name), ...(r.relationship !== undefined ? { relationship: trimmed(r.relationship) } : {}),
        ...(r.supportive !== undefined ? { supportive: trimmed(r.supportive) } : {}),
      };
    case 'dispute':
      return {
        issue: '', patientExpects: '', otherExpects: '', wantedChange: '', obstacles: '',
        ...r, courseId, ...(r.issue !== undefined ? { issue: trimmed(r.issue) } : {}),
        history: (r.history as Array<Record<string, unknown>>).map((m) => (m.note === undefined ? { ...m } : { ...m, note: trimmed(m.note) })),
      };
    case 'goal':
      return { lifecycle: 'active', ...r, courseId, text: trimmed(r.text) };
    case 'measure':
      return { ...r, courseId, ...(r.label !== undefined ? { label: trimmed(r.label) } : {}) };
  }
}

const copyCourse = (c: RefCourse): RefCourse => structuredClone(c);
const emptyRecords = (): RefCourse['records'] => ({ session: new Map(), person: new Map(), dispute: new Map(), goal: new Map(), measure: new Map() });

export class Reference {
  courses = new Map<string, RefCourse>();

  has(courseId: string, kind?: Kind, id?: string): boolean {
    const c = this.courses.get(courseId);
    return !!c && (!kind || c.records[kind].has(id!));
  }
  get(courseId: string, kind: Kind, id: string): Rec | undefined {
    return this.courses.get(courseId)?.records[kind].get(id);
  }
  /** The records of a kind, in id order. */
  all(courseId: string, kind: Kind): Rec[] {
    return [...(this.courses.get(courseId)?.records[kind].values() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  createCourse(input: Record<string, unknown>): Outcome {
    if (!valid('course', input)) return 'invalid-input';
    const id = input.id as string;
    if (this.courses.has(id)) return 'invalid-input';
    this.courses.set(id, { course: stored('course', input, id), records: emptyRecords() });
    return 'ok';
  }

  /** One action: every change, or none. */
  apply(courseId: string, changes: readonly Change[]): Outcome {
    for (const c of changes) {
      if (c.op === 'put') {
        const owner = c.entity === 'course' ? 'id' : 'courseId';
        if (c.record[owner] !== undefined && c.record[owner] !== courseId) return 'invalid-input';
        if (!valid(c.entity, c.record)) return 'invalid-input';
      }
    }
    const before = this.courses.get(courseId);
    if (!before && !changes.some((c) => c.op === 'put' && c.entity === 'course')) return 'not-found';
    const next: RefCourse = before ? copyCourse(before) : { course: undefined as unknown as Rec, records: emptyRecords() };
    for (const c of changes) {
      if (c.op === 'put' && c.entity === 'course') next.course = stored('course', c.record, courseId);
      else if (c.op === 'put') next.records[c.entity as Kind].set(c.record.id as string, stored(c.entity, c.record, courseId));
      else if (!next.records[c.entity].delete(c.id)) return 'not-found';
    }
    for (const c of changes) {
      if (c.op === 'put' && c.entity !== 'course') {
        const ref = REFERS[c.entity];
        const target = ref && (c.record[ref[0]] as string | undefined);
        if (ref && target !== undefined && !next.records[ref[1]].has(target)) return 'invalid-input';
      } else if (c.op === 'delete' && !next.records[c.entity].has(c.id)) {
        for (const [kind, [field, target]] of Object.entries(REFERS) as Array<[Kind, [string, Kind]]>) {
          if (target === c.entity && [...next.records[kind].values()].some((r) => r[field] === c.id)) return 'invalid-input';
        }
      }
    }
    // No measure on a visit not attended (cancelled, no-show: issue 19, item 6), checked per record
    // put against the state the action leaves, as references are.
    for (const c of changes) {
      if (c.op !== 'put') continue;
      if (c.entity === 'measure' && c.record.sessionId !== undefined && next.records.session.get(c.record.sessionId as string)?.status !== 'attended' && next.records.session.has(c.record.sessionId as string)) return 'invalid-input';
      if (c.entity === 'session' && c.record.status !== 'attended' && [...next.records.measure.values()].some((m) => m.sessionId === c.record.id)) return 'invalid-input';
    }
    this.courses.set(courseId, next);
    return 'ok';
  }

  /** Imports `from`'s course as `to` (the same or another id). */
  importCopy(from: string, to: string, replace: boolean): Outcome {
    const source = this.courses.get(from);
    if (!source) return 'not-found';
    if (this.courses.has(to) && !replace) return 'invalid-input';
    const copy = copyCourse(source);
    copy.course = { ...copy.course, id: to };
    for (const kind of KINDS) for (const r of copy.records[kind].values()) r.courseId = to;
    this.courses.set(to, copy);
    return 'ok';
  }

  deleteCourse(courseId: string): Outcome {
    this.courses.delete(courseId);
    return 'ok';
  }

  /** A course as store.getCourse() gives it, each list in id order. */
  state(courseId: string): Record<string, unknown> | undefined {
    const c = this.courses.get(courseId);
    if (!c) return undefined;
    return { course: c.course, ...Object.fromEntries(KINDS.map((k) => [LIST[k], this.all(courseId, k)])) };
  }
}
