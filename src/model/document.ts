import * as v from 'valibot';
import { IptError, invalidInput } from './errors.js';
import { measureOnMissedVisit } from './measures.js';
import {
  course,
  dispute,
  goal,
  measure,
  person,
  session,
  type Course,
  type Dispute,
  type Entity,
  type EntityTypes,
  type Goal,
  type Measure,
  type Person,
  type Session,
} from './schemas.js';

/**
 * A stored record the store could not read, left in storage as it is: its kind (as stored) and id,
 * and why: it does not validate (`invalid`), or its encryption does not match the store's key
 * (`encryption`: it does not decrypt, it is in clear in an encrypted database, or encrypted in one
 * that is not). Never its content.
 */
export interface SetAside {
  readonly entity: string;
  readonly id: string;
  readonly reason: 'invalid' | 'encryption';
}

/** Everything a course holds: what the store reads and what a document carries. */
export interface CourseState {
  course: Course;
  sessions: Session[];
  people: Person[];
  disputes: Dispute[];
  goals: Goal[];
  measures: Measure[];
  /**
   * Set by the store's read, only when some stored records of the course could not be read: they
   * are not in the lists above. Export refuses such a course, and an import does not replace it.
   */
  readonly setAside?: readonly SetAside[];
}

/** The list in a CourseState that holds each kind of record. */
export const COLLECTION = {
  session: 'sessions',
  person: 'people',
  dispute: 'disputes',
  goal: 'goals',
  measure: 'measures',
} as const satisfies Record<Exclude<Entity, 'course'>, keyof CourseState>;
export type RecordEntity = keyof typeof COLLECTION;

/** The record of a kind with this id in a course state (the course record itself for `course`); undefined when it holds none. */
export function recordIn(state: CourseState, entity: Entity, id: string): { id: string } | undefined {
  const all = entity === 'course' ? [state.course] : ((state[COLLECTION[entity as RecordEntity]] ?? []) as Array<{ id: string }>);
  return all.find((r) => r.id === id);
}

/**
 * The records that refer to another record of the course: a dispute to its person, a measure to
 * the session it was taken in. The referenced record must exist, and cannot be removed while
 * something refers to it.
 */
export const REFERENCES = {
  dispute: { field: 'personId', entity: 'person' },
  measure: { field: 'sessionId', entity: 'session' },
} as const satisfies Partial<Record<RecordEntity, { field: string; entity: RecordEntity }>>;
export type ReferringEntity = keyof typeof REFERENCES;

/** The id a record refers to, if its kind refers to another record and it names one. */
export function referenceOf(entity: Entity, record: unknown): string | undefined {
  const ref = REFERENCES[entity as ReferringEntity];
  return ref ? ((record as Record<string, string | undefined>)[ref.field] ?? undefined) : undefined;
}

export const DOCUMENT_FORMAT = 'ipt-elements/course';
/** The version of the course document this code writes. Older versions are migrated on import. */
export const DOCUMENT_VERSION = 1;

/** One course and all its records as one versioned JSON object, for export and import. */
export interface CourseDocument extends Omit<CourseState, 'setAside'> {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** When the document was made (ISO 8601 date-time). */
  exported: string;
}

const documentSchema = v.object({
  format: v.literal(DOCUMENT_FORMAT),
  version: v.literal(DOCUMENT_VERSION),
  exported: v.pipe(v.string(), v.maxLength(64, 'must be at most 64 characters')),
  course,
  sessions: v.array(session),
  people: v.array(person),
  disputes: v.array(dispute),
  goals: v.array(goal),
  measures: v.array(measure),
});

/** A course document from a course's state. */
export function toDocument(state: CourseState, exported: Date = new Date()): CourseDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, exported: exported.toISOString(), ...state };
}

/** The state a document carries, without its envelope. */
export function fromDocument(doc: CourseDocument): CourseState {
  const { course, sessions, people, disputes, goals, measures } = doc;
  return { course, sessions, people, disputes, goals, measures };
}

function checkVersion(value: unknown): void {
  if (typeof value !== 'object' || value === null) throw new IptError('invalid-input', 'Invalid course document: it is not a JSON object');
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== DOCUMENT_FORMAT) {
    throw new IptError('invalid-input', `Invalid course document: format must be "${DOCUMENT_FORMAT}"`, 'format');
  }
  if (typeof version === 'number' && version > DOCUMENT_VERSION) {
    throw new IptError('version', `This course document has version ${version}; this ipt-elements reads up to ${DOCUMENT_VERSION}`, 'version');
  }
}

/**
 * Referential rules that no single record can check: every record belongs to the course,
 * ids are unique within their kind, each dispute names a person of the inventory, each measure
 * taken at a session names one of the course, and no measure lies on a cancelled or missed visit.
 */
export function checkIntegrity(state: CourseState): void {
  const courseId = state.course.id;
  for (const key of Object.values(COLLECTION)) {
    const seen = new Set<string>();
    (state[key] as EntityTypes[RecordEntity][]).forEach((record, i) => {
      if (record.courseId !== courseId) {
        throw new IptError('invalid-input', `Invalid course document: ${key}.${i}.courseId must be the course's id`, `${key}.${i}.courseId`);
      }
      if (seen.has(record.id)) throw new IptError('invalid-input', `Invalid course document: ${key}.${i}.id repeats an id`, `${key}.${i}.id`);
      seen.add(record.id);
    });
  }
  for (const [entity, ref] of Object.entries(REFERENCES) as [ReferringEntity, (typeof REFERENCES)[ReferringEntity]][]) {
    const targets = new Set((state[COLLECTION[ref.entity]] as Array<{ id: string }>).map((r) => r.id));
    const key = COLLECTION[entity];
    (state[key] as unknown[]).forEach((record, i) => {
      const target = referenceOf(entity, record);
      if (target !== undefined && !targets.has(target)) {
        throw new IptError('invalid-input', `Invalid course document: ${key}.${i}.${ref.field} is not a ${ref.entity} of the course`, `${key}.${i}.${ref.field}`);
      }
    });
  }
  const missed = measureOnMissedVisit(state.sessions, state.measures);
  if (missed >= 0) {
    throw new IptError('invalid-input', `Invalid course document: measures.${missed}.sessionId is a cancelled or missed session, which holds no measure`, `measures.${missed}.sessionId`);
  }
}

/**
 * Validates a whole course document (from JSON.parse) and returns it with defaults filled in.
 * Throws an IptError naming the first field at fault; nothing partial is ever returned.
 */
/** The most records a course document may hold (the FHIR import takes at most as many entries). */
export const MAX_RECORDS = 10_000;

export function parseDocument(value: unknown): CourseDocument {
  checkVersion(value);
  const given = value as Partial<Record<keyof CourseState, unknown>>;
  const records = (Object.values(COLLECTION) as Array<keyof CourseState>).reduce((n, key) => n + (Array.isArray(given[key]) ? (given[key] as unknown[]).length : 0), 0);
  if (records > MAX_RECORDS) {
    throw new IptError('invalid-input', `Invalid course document: ${records} records; a course holds at most ${MAX_RECORDS}`, 'course document');
  }
  const result = v.safeParse(documentSchema, value);
  if (!result.success) throw invalidInput('course document', result.issues);
  const doc = result.output as CourseDocument;
  checkIntegrity(doc);
  return doc;
}
