/**
 * A FHIR R4 Bundle back to a course document: the inverse of toFhirBundle. Everything is checked
 * before anything is returned, and the result goes through parseDocument: a bad bundle throws an
 * IptError `invalid-input` and yields nothing, so a store import of it writes nothing.
 * @module
 */
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  IptError,
  isId,
  parseDocument,
  type CourseDocument,
} from '../model/index.js';
import {
  DISPUTE_FIELDS,
  PERSON_FIELDS,
  APPOINTMENT_STATUS,
  CADENCE_TIMING,
  CODE_SYSTEMS,
  ENCOUNTER_STATUS,
  EXTENSIONS,
  GOAL_ACHIEVEMENT_SYSTEM,
  identifierSystems,
  identifiersOf,
  LOINC,
  LOINC_CODES,
  LOINC_PANELS,
  PARTICIPATION_MODE,
  PARTICIPATION_MODE_SYSTEM,
  RESOURCE_TYPES,
  type FhirKind,
} from './codes.js';
import { isFhirReference } from './patient.js';
import { acknowledgerPaths, checkResponse, readMeasureItems } from './questionnaire.js';
import {
  BundleIndex,
  applyEmptyTexts,
  codeAmong,
  codeIn,
  compact,
  eachReference,
  extensionsOf,
  invalid,
  invalidEntry,
  isRec,
  list,
  rec,
  str,
  valueAt,
  type Entry,
  type Rec,
} from './read.js';

export interface FhirImportOptions {
  /** The course the bundle must hold: a bundle of another course is refused. */
  courseId?: string;
  /** The base of the identifier systems the bundle was exported with (see FhirExportOptions). */
  identifierSystem?: string;
}

/** The most entries a bundle may hold (a course has far fewer resources). */
export const MAX_ENTRIES = 10_000;

/** The bundle types an import reads: what toFhirBundle writes, and what a server's search returns. */
export const IMPORTED_BUNDLE_TYPES = ['collection', 'transaction', 'batch', 'searchset'] as const;

interface CourseEntry extends Entry {
  kind: FhirKind;
  courseId: string;
  recordId: string;
}

/** Encounter.status back to a session status when the extension is missing (cancelled stays cancelled). */
const SESSION_STATUS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ENCOUNTER_STATUS).reverse().map(([s, e]) => [e, s]));
/** Appointment.status back to a session status. */
const STATUS_OF_APPOINTMENT: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(APPOINTMENT_STATUS).map(([s, a]) => [a, s]));
const INSTRUMENT_OF_LOINC = new Map([...Object.entries(LOINC_CODES), ...Object.entries(LOINC_PANELS)].map(([instrument, code]) => [code, instrument]));
/** A v3 ParticipationMode code back to a session's mode (an export before modes has none: the default, video). */
const MODE_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PARTICIPATION_MODE).map(([mode, code]) => [code, mode]));
/** A CarePlan's status back to how the course ended: an active one has not. */
const ENDING_OF: Readonly<Record<string, string>> = { completed: 'completed', revoked: 'stopped' };
const CADENCE_OF = new Map(Object.entries(CADENCE_TIMING).map(([cadence, t]) => [`${t.frequency}/${t.period}/${t.periodUnit}`, cadence]));
/** Where the subject (the patient) of each resource type is. */
const SUBJECT: Readonly<Record<string, string>> = { RelatedPerson: 'patient' };
/** The resource types whose subject FHIR requires (the others may leave it out). */
const SUBJECT_REQUIRED = new Set(['CarePlan', 'Condition', 'Goal', 'RelatedPerson']);

/** The entries of a value that must be a FHIR Bundle. */
function readEntries(value: unknown): Entry[] {
  if (!isRec(value) || value.resourceType !== 'Bundle') throw invalid('it is not a FHIR Bundle (a JSON object with resourceType "Bundle")', 'resourceType');
  if (!(IMPORTED_BUNDLE_TYPES as readonly unknown[]).includes(value.type)) throw invalid(`type must be one of ${IMPORTED_BUNDLE_TYPES.join(', ')}`, 'type');
  if (value.entry !== undefined && !Array.isArray(value.entry)) throw invalid('entry must be a list', 'entry');
  if (list(value.entry).length > MAX_ENTRIES) throw invalid(`it holds more than ${MAX_ENTRIES} entries`, 'entry');
  return list(value.entry).map((e, index) => {
    const resource = rec(e).resource;
    if (!isRec(resource) || typeof resource.resourceType !== 'string') throw invalid(`entry ${index} holds no resource`, `entry.${index}.resource`);
    const fullUrl = str(rec(e).fullUrl);
    return { index, ...(fullUrl !== undefined ? { fullUrl } : {}), resource: resource as Entry['resource'] };
  });
}

/** The ipt-elements identity of an entry, when it carries one of this mapping's identifiers. */
function identify(entry: Entry, systemKind: ReadonlyMap<string, FhirKind>): CourseEntry | undefined {
  const ours = identifiersOf(entry.resource)
    .map(rec)
    .filter((i) => systemKind.has(str(i.system) ?? ''));
  if (ours.length === 0) return undefined;
  if (ours.length > 1) throw invalidEntry(entry, 'carries more than one ipt-elements identifier', 'identifier');
  const kind = systemKind.get(ours[0]!.system as string)!;
  if (RESOURCE_TYPES[kind] !== entry.resource.resourceType) throw invalidEntry(entry, `carries a ${kind} identifier, which only ${RESOURCE_TYPES[kind]} resources carry`, 'identifier');
  const value = str(ours[0]!.value) ?? '';
  const slash = value.indexOf('/');
  const [courseId, recordId] = kind === 'course' ? [value, value] : [value.slice(0, slash), value.slice(slash + 1)];
  if (!isId(courseId) || !isId(recordId) || (kind !== 'course' && slash < 0)) {
    throw invalidEntry(entry, 'has an ipt-elements identifier whose value is not a valid id', 'identifier');
  }
  return { ...entry, kind, courseId, recordId };
}

/**
 * Reads a course back from a FHIR R4 Bundle made by toFhirBundle (as a collection or transaction,
 * or as a server returns it: references by `Type/id` resolve too). Resources without an
 * ipt-elements identifier are not the course's and are left aside. Refuses, with an IptError
 * `invalid-input` naming the entry: a value that is not a Bundle, or of more than MAX_ENTRIES
 * entries; a bundle without exactly one ipt-elements CarePlan; a course other than
 * `options.courseId`; records of another course or of another patient; a Goal or focus Condition
 * of the course that the CarePlan does not list; references to resources the bundle lacks; a
 * resource nested deeper than MAX_DEPTH; and whatever makes an invalid document.
 */
export function fromFhirBundle(value: unknown, options: FhirImportOptions = {}): CourseDocument {
  const systems = identifierSystems(options.identifierSystem, 'import');
  const systemKind = new Map(Object.entries(systems).map(([kind, system]) => [system, kind as FhirKind]));
  const entries = readEntries(value);
  const bundle = value as Rec;
  const index = new BundleIndex(entries);
  const ours = entries.map((e) => identify(e, systemKind)).filter((e): e is CourseEntry => e !== undefined);
  const plans = ours.filter((e) => e.kind === 'course');
  if (plans.length === 0) throw invalid('it holds no CarePlan of an ipt-elements course', 'entry');
  if (plans.length > 1) throw invalid(`it holds ${plans.length} CarePlans of ipt-elements courses; a bundle carries one course`, 'entry');
  const plan = plans[0]!;
  const courseId = plan.courseId;
  if (options.courseId !== undefined && options.courseId !== courseId) {
    throw invalidEntry(plan, 'is another course than the one expected', 'identifier');
  }
  const patient = str(rec(plan.resource.subject).reference);
  // The CarePlan's addresses: the diagnosis (marked) and the focus Conditions.
  const addresses = list(plan.resource.addresses).map((r, i) => ({ r: rec(r), i }));
  const isDiagnosis = ({ r }: { r: Rec }) => extensionsOf(r, EXTENSIONS.diagnosis).length > 0;
  const diagnoses = addresses.filter(isDiagnosis);
  if (diagnoses.length > 1) throw invalidEntry(plan, 'marks more than one diagnosis', `addresses.${diagnoses[1]!.i}`);
  const diagnosisAt = new Set(diagnoses.map(({ i }) => `addresses.${i}.reference`));
  // The same rule as the export's: a patient is a FHIR reference (or none), never free text.
  if (patient && !isFhirReference(patient)) throw invalidEntry(plan, 'names its patient by something that is not a FHIR reference', 'subject.reference');
  for (const e of ours) {
    if (e.courseId !== courseId) throw invalidEntry(e, 'belongs to another course than the CarePlan', 'identifier');
    const field = SUBJECT[e.resource.resourceType] ?? 'subject';
    const subject = e.resource[field];
    if ((subject !== undefined || SUBJECT_REQUIRED.has(e.resource.resourceType)) && str(rec(subject).reference) !== patient) {
      throw invalidEntry(e, 'names another patient than the CarePlan', field);
    }
    eachReference(e, (reference, path) => {
      // The diagnosis may name the host's Condition, which is not in the bundle.
      if (e === plan && diagnosisAt.has(path)) return;
      // So may the acknowledgement of a measure's safety alert name the host's practitioner.
      if (e.kind === 'measure' && acknowledgerPaths(e).has(path)) return;
      if (reference !== patient && !index.resolve(reference)) throw invalidEntry(e, 'refers to a resource the bundle does not hold', path);
    });
  }
  const byEntry = new Map(ours.map((e) => [e.index, e]));
  /** The course resource of a kind a reference points to; refuses anything else. */
  const targetEntry = (from: Entry, reference: unknown, kind: FhirKind, path: string): CourseEntry => {
    const found = index.resolve(reference);
    const e = found && byEntry.get(found.index);
    if (!e || e.kind !== kind) throw invalidEntry(from, `refers to something that is not a ${kind} of the course`, path);
    return e;
  };
  /** The record id a reference points to, when there is a reference. */
  const target = (from: Entry, reference: unknown, kind: FhirKind, path: string): string | undefined =>
    reference === undefined ? undefined : targetEntry(from, reference, kind, path).recordId;
  const of = (kind: FhirKind) => ours.filter((e) => e.kind === kind);
  const origin = new Map<string, CourseEntry>([['course', plan]]);
  const records = <T>(key: string, kind: FhirKind, read: (e: CourseEntry) => T, from: CourseEntry[] = of(kind)): T[] =>
    from.map((e, i) => {
      origin.set(`${key}.${i}`, e);
      return read(e);
    });

  // The CarePlan's addresses are the focus, and its goal list the goals, in order. A focus
  // Condition or a Goal it does not list is refused: the import is all or nothing.
  const focus = addresses.filter((a) => !isDiagnosis(a)).map(({ r, i }) => targetEntry(plan, r.reference, 'focus', `addresses.${i}`));
  const goals = list(plan.resource.goal).map((r, i) => targetEntry(plan, rec(r).reference, 'goal', `goal.${i}`));
  // A session's Appointment (a visit not attended) is the one its Encounter names: of the same
  // session, and named by it, or refused.
  const booked = new Set<CourseEntry>();
  const appointmentOf = (e: CourseEntry): Rec | undefined => {
    const refs = list(e.resource.appointment);
    if (refs.length === 0) return undefined;
    if (refs.length > 1) throw invalidEntry(e, 'names more than one Appointment', 'appointment');
    const a = targetEntry(e, rec(refs[0]).reference, 'appointment', 'appointment.0');
    if (a.recordId !== e.recordId) throw invalidEntry(e, 'names the Appointment of another session', 'appointment.0');
    booked.add(a);
    return a.resource;
  };
  // A measure's QuestionnaireResponse is the one its Observation names: of the same measure, or refused.
  const answered = new Map<CourseEntry, CourseEntry>();
  const responseOf = (e: CourseEntry): void => {
    const refs = list(e.resource.derivedFrom);
    if (refs.length === 0) return;
    if (refs.length > 1) throw invalidEntry(e, 'is derived from more than one resource', 'derivedFrom');
    const r = targetEntry(e, rec(refs[0]).reference, 'response', 'derivedFrom.0');
    if (r.recordId !== e.recordId) throw invalidEntry(e, 'names the QuestionnaireResponse of another measure', 'derivedFrom.0');
    answered.set(e, r);
  };
  const listed = new Set([...focus, ...goals]);
  for (const e of [...of('focus'), ...of('goal')]) {
    if (!listed.has(e)) throw invalidEntry(e, e.kind === 'goal' ? "is a Goal of the course that the CarePlan's goal list leaves out" : "is a focus Condition of the course that the CarePlan's addresses leave out");
  }
  const course = readCourse(plan, focus.map((e) => codeIn(e.resource.code, CODE_SYSTEMS.problemArea)), diagnoses[0]?.r);
  const doc = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    exported: str(bundle.timestamp) ?? str(valueAt(plan.resource, EXTENSIONS.exported)) ?? new Date().toISOString(),
    course,
    sessions: records('sessions', 'session', (e) => readSession(e, appointmentOf(e))),
    people: records('people', 'person', readPerson),
    disputes: records('disputes', 'dispute', (e) => readDispute(e, (r) => target(e, r, 'person', 'extension'))),
    goals: records('goals', 'goal', readGoal, goals),
    measures: records('measures', 'measure', (e) => {
      responseOf(e);
      return readMeasure(e, (r) => target(e, r, 'session', 'encounter'));
    }),
  };
  for (const e of of('appointment')) if (!booked.has(e)) throw invalidEntry(e, "is an Appointment of the course that no session's Encounter names");
  const named = new Set(answered.values());
  for (const e of of('response')) if (!named.has(e)) throw invalidEntry(e, "is a QuestionnaireResponse of the course that no measure's Observation names");
  let parsed: CourseDocument;
  try {
    parsed = parseDocument(doc);
  } catch (error) {
    if (!(error instanceof IptError) || error.code !== 'invalid-input') throw error;
    const field = error.field ?? '';
    const at = origin.get(field.split('.').slice(0, field.startsWith('course') ? 1 : 2).join('.'));
    const detail = error.message.replace(/^Invalid course document: /, '');
    throw at ? invalidEntry(at, `does not make a valid record: ${detail}`) : invalid(detail, field || undefined);
  }
  // Each response checked against its measure as the document holds it (valid by now).
  const measureOf = new Map(parsed.measures.map((m) => [m.id, m]));
  for (const [e, response] of answered) checkResponse(e, measureOf.get(e.recordId) as unknown as Rec, response, (r) => target(response, r, 'session', 'encounter'));
  return parsed;
}

function readCourse(plan: CourseEntry, focus: unknown[], diagnosis: Rec | undefined): Rec {
  const r = plan.resource;
  const details = list(r.activity).map((a) => rec(rec(a).detail));
  const activity = (kind: string) => details.find((d) => valueAt(d, EXTENSIONS.sessionKind) === kind);
  const repeat = (d: Rec | undefined) => rec(rec(d?.scheduledTiming).repeat);
  const acute = activity('acute');
  const maintenance = activity('maintenance');
  const m = repeat(maintenance);
  const phases = extensionsOf(r, EXTENSIONS.phases)[0];
  const auth = extensionsOf(r, EXTENSIONS.authorization)[0];
  const sickRole = details.find((d) => codeIn(d.code, CODE_SYSTEMS.initialTask) === 'sick-role');
  const note = list(r.note).map(rec).find((n) => extensionsOf(n, EXTENSIONS.formulation).length > 0);
  const formulation = note && extensionsOf(note, EXTENSIONS.formulation)[0];
  const course = compact({
    id: plan.courseId,
    patient: str(rec(r.subject).reference),
    focus,
    contract: {
      sessions: repeat(acute).count,
      history: extensionsOf(r, EXTENSIONS.contractChange).map((c) =>
        compact({ date: valueAt(c, 'date'), from: valueAt(c, 'from'), to: valueAt(c, 'to'), reason: valueAt(c, 'reason'), held: valueAt(c, 'held') }),
      ),
    },
    phases: phases && { initial: valueAt(phases, 'initial'), termination: valueAt(phases, 'termination'), window: valueAt(phases, 'window') },
    authorization:
      auth &&
      compact({
        sessions: valueAt(auth, 'sessions'),
        start: valueAt(auth, 'start'),
        end: valueAt(auth, 'end'),
        lowAt: valueAt(auth, 'lowAt'),
        reference: valueAt(auth, 'reference'),
      }),
    maintenance: maintenance && compact({ sessions: m.count, start: rec(m.boundsPeriod).start, cadence: CADENCE_OF.get(`${m.frequency}/${m.period}/${m.periodUnit}`) ?? 'unknown' }),
    start: rec(r.period).start,
    // A completed or revoked CarePlan is an ended course: period.end its date, the reason on its last contract's activity.
    ended: ENDING_OF[str(r.status) ?? ''] && compact({ date: rec(r.period).end, how: ENDING_OF[str(r.status)!], reason: rec((maintenance ?? acute)?.statusReason).text }),
    protocol: valueAt(r, EXTENSIONS.protocol),
    diagnosis: diagnosis && compact({ text: diagnosis.display, condition: diagnosis.reference }),
    sickRole: sickRole && compact({ date: rec(sickRole.scheduledPeriod).start, note: sickRole.description }),
    formulation: note && {
      text: note.text,
      ...compact({ agreed: valueAt(formulation, 'agreed') }),
      history: extensionsOf(formulation, 'change').map((c) => compact({ date: valueAt(c, 'date'), before: valueAt(c, 'before'), after: valueAt(c, 'after') })),
    },
  });
  applyEmptyTexts(plan, course, /^(patient|authorization\.reference|contract\.history\.\d+\.reason|sickRole\.note|ended\.reason|formulation\.history\.\d+\.(before|after))$/);
  return course;
}

/** A session's mode from its ParticipationMode code: none, none; an unknown code stays as it is, for the document's validation to refuse. */
const modeOf = (code: unknown) => (typeof code === 'string' ? (MODE_OF[code] ?? code) : code);

/**
 * A session from its Encounter, and the Appointment it names when it was not attended. The status is
 * the `session-status` extension's; without it (another application's resource), the Appointment's
 * (noshow, cancelled), else the Encounter's (an export before Appointments: cancelled). An
 * Appointment whose status is not the session's is refused.
 */
function readSession(e: CourseEntry, appointment: Rec | undefined): Rec {
  const r = e.resource;
  const status = valueAt(r, EXTENSIONS.sessionStatus) ?? STATUS_OF_APPOINTMENT[str(appointment?.status) ?? ''] ?? SESSION_STATUS[str(r.status) ?? ''] ?? r.status;
  if (appointment && APPOINTMENT_STATUS[status as keyof typeof APPOINTMENT_STATUS] !== appointment.status) {
    throw invalidEntry(e, 'names an Appointment whose status is not that of its session', 'appointment.0');
  }
  return compact({
    id: e.recordId,
    courseId: e.courseId,
    date: rec(r.period).start,
    status,
    kind: codeAmong(r.type, CODE_SYSTEMS.sessionKind),
    mode: modeOf(codeAmong(r.type, PARTICIPATION_MODE_SYSTEM)),
  });
}

function readPerson(e: CourseEntry): Rec {
  const r = e.resource;
  const x = extensionsOf(r, EXTENSIONS.person)[0];
  const field = (name: string) => valueAt(x, name);
  return compact({
    id: e.recordId,
    courseId: e.courseId,
    name: rec(list(r.name)[0]).text,
    relationship: rec(list(r.relationship)[0]).text,
    ...Object.fromEntries(
      PERSON_FIELDS.map(([k]) => [k, field(k)]),
    ),
  });
}

function readDispute(e: CourseEntry, person: (reference: unknown) => string | undefined): Rec {
  const r = e.resource;
  const x = extensionsOf(r, EXTENSIONS.dispute)[0];
  const dispute = compact({
    id: e.recordId,
    courseId: e.courseId,
    personId: person(rec(valueAt(x, 'person')).reference),
    ...Object.fromEntries(DISPUTE_FIELDS.map(([k]) => [k, valueAt(x, k)])),
    stage: codeIn(rec(list(r.stage)[0]).summary, CODE_SYSTEMS.disputeStage),
    history: extensionsOf(x, 'move').map((m) =>
      compact({ from: valueAt(m, 'from'), to: valueAt(m, 'to'), date: valueAt(m, 'date'), session: valueAt(m, 'session'), note: valueAt(m, 'note') }),
    ),
    closed: r.abatementDateTime ?? valueAt(x, 'closed'),
  });
  applyEmptyTexts(e, dispute, /^history\.\d+\.note$/);
  return dispute;
}

function readGoal(e: CourseEntry): Rec {
  const r = e.resource;
  const x = extensionsOf(r, EXTENSIONS.goal)[0];
  const target = list(r.target)
    .map(rec)
    .find((t) => codeIn(t.measure, CODE_SYSTEMS.goalTarget) === 'session');
  return compact({
    id: e.recordId,
    courseId: e.courseId,
    text: rec(r.description).text,
    area: codeAmong(r.category, CODE_SYSTEMS.problemArea),
    lifecycle: r.lifecycleStatus,
    achievement: codeIn(r.achievementStatus, GOAL_ACHIEVEMENT_SYSTEM),
    order: valueAt(x, 'order'),
    targetSession: target?.detailInteger,
    set: r.startDate,
    achieved: valueAt(x, 'achieved'),
  });
}

function readMeasure(e: CourseEntry, session: (reference: unknown) => string | undefined): Rec {
  const r = e.resource;
  const code = rec(r.code);
  const instrument = codeIn(code, CODE_SYSTEMS.instrument) ?? INSTRUMENT_OF_LOINC.get(str(codeIn(code, LOINC)) ?? '');
  const measure = compact({
    id: e.recordId,
    courseId: e.courseId,
    instrument,
    label: code.text,
    score: rec(r.valueQuantity).value ?? r.valueInteger,
    version: valueAt(r, EXTENSIONS.hamdVersion),
    date: r.effectiveDateTime,
    sessionId: session(rec(r.encounter).reference),
    ...readMeasureItems(e, instrument),
  });
  applyEmptyTexts(e, measure, /^(label|acknowledged\.by)$/);
  return measure;
}
