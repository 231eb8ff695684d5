/**
 * A course document as a FHIR R4 Bundle. One resource per record (README "FHIR" has the table):
 * CarePlan (course and contract), Condition (each focus problem area, and each dispute), RelatedPerson
 * (person), Goal, Encounter (session; and an Appointment for a visit not attended), Observation (measure;
 * and a QuestionnaireResponse for a questionnaire taken item by item).
 * Extensions carry what R4 has no element for.
 * @module
 */
import { IptError, isQuestionnaire, parseDocument, type Course, type CourseDocument, type Dispute, type Goal, type Measure, type Person, type Session } from '../model/index.js';
import {
  DISPUTE_FIELDS,
  PERSON_FIELDS,
  CADENCE_TIMING,
  CODE_SYSTEMS,
  CONDITION_CLINICAL_SYSTEM,
  DATA_ABSENT_REASON,
  DISPLAYS,
  DISPUTE_CLINICAL_STATUS,
  APPOINTMENT_STATUS,
  ENCOUNTER_CLASS,
  ENCOUNTER_STATUS,
  EXTENSIONS,
  FHIR_INSTANT,
  GOAL_ACHIEVEMENT_SYSTEM,
  IPT_PROCEDURE,
  LOINC,
  LOINC_CODES,
  LOINC_PANELS,
  OBSERVATION_CATEGORY_SYSTEM,
  PARTICIPATION_MODE,
  PARTICIPATION_MODE_SYSTEM,
  RESOURCE_TYPES,
  SINGLE_IDENTIFIER,
  US_CORE_CONDITION_CATEGORY,
  entryUrl,
  identifierSystems,
  identifierValue,
  resourceId,
  type FhirKind,
} from './codes.js';
import { checkPatient, patientSearch } from './patient.js';
import { measureComponents, measureExtensions, responseParts, totalQuantity } from './questionnaire.js';
import type { FhirBundle, FhirBundleEntry, FhirExtension, FhirResource } from './types.js';

export interface FhirExportOptions {
  /**
   * `collection` (the default): a self-contained set of resources with ids, for a file or a message.
   * `transaction`: for upload (POST it to a server's base URL); entries carry conditional requests
   * by identifier and patient and no ids, and refer to one another by their `urn:uuid:` fullUrls.
   * The course must have a patient reference (`course.patient`), to a Patient.
   */
  type?: 'collection' | 'transaction';
  /**
   * How a transaction writes each resource. `update` (the default): a conditional update,
   * `PUT Type?identifier=system|value&patient=reference`, which creates the resource or updates the
   * one the server holds for that patient. `create`: `POST` with `ifNoneExist`, which creates only
   * what the server lacks.
   */
  conditional?: 'update' | 'create';
  /**
   * The base of the identifier systems, `<base>/<kind>` (default `https://ipt-elements.dev/fhir/identifier`):
   * a deployment's own namespace, such as `https://clinic.example/fhir/ipt`. An http(s) URL or URN
   * of URL-safe characters. Give the same base to `fromFhirBundle`.
   */
  identifierSystem?: string;
}

type Parts = Record<string, unknown>;
/** A sub-extension (or simple extension) when the value is there; FHIR strings cannot be empty. */
const ext = (url: string, key: `value${string}`, value: unknown): FhirExtension[] =>
  value === undefined || value === '' ? [] : [{ url, [key]: value }];
/** A complex extension, left out when it holds nothing. */
const complex = (url: string, ...parts: FhirExtension[][]): FhirExtension[] => {
  const extension = parts.flat();
  return extension.length > 0 ? [{ url, extension }] : [];
};
const coding = (system: string, code: string) => ({ system, code, ...(DISPLAYS[code] ? { display: DISPLAYS[code] } : {}) });
const concept = (system: string, code: string) => ({ coding: [coding(system, code)] });
/** The category of every problem-area and dispute Condition: a health concern, not a diagnosis. */
const healthConcern = () => [concept(US_CORE_CONDITION_CATEGORY, 'health-concern')];
/** Names the text fields that hold '' (see EXTENSIONS.emptyText). */
const empties = (fields: Record<string, string | undefined>): FhirExtension[] =>
  Object.entries(fields)
    .filter(([, value]) => value === '')
    .map(([path]) => ({ url: EXTENSIONS.emptyText, valueString: path }));

/**
 * Converts a course document (from `store.exportCourse` or `toDocument`) to a FHIR R4 Bundle.
 * The document is validated first (IptError `invalid-input` naming the field), and its patient must
 * be a FHIR reference (see checkPatient; a transaction needs one). Pure: the same
 * document gives the same bundle, and `fromFhirBundle` gives the document back.
 */
export function toFhirBundle(document: CourseDocument, options: FhirExportOptions = {}): FhirBundle {
  const type = options.type ?? 'collection';
  if (type !== 'collection' && type !== 'transaction') throw new IptError('invalid-input', 'Invalid FHIR export: type must be "collection" or "transaction"', 'type');
  const conditional = options.conditional ?? 'update';
  if (conditional !== 'update' && conditional !== 'create') throw new IptError('invalid-input', 'Invalid FHIR export: conditional must be "update" or "create"', 'conditional');
  const systems = identifierSystems(options.identifierSystem, 'export');
  const doc = parseDocument(document);
  const { course } = doc;
  checkPatient(course.patient, type);
  // In a transaction, every conditional request is scoped to the patient (checkPatient: there is one).
  const scope = type === 'transaction' ? `&${patientSearch(course.patient!)}` : '';
  const courseId = course.id;
  const url = (kind: FhirKind, id: string) => entryUrl(courseId, kind, id);
  const ref = (kind: FhirKind, id: string) => ({ reference: url(kind, id), type: RESOURCE_TYPES[kind] });
  // The host's patient reference as it is; FHIR requires a subject, so none is a data-absent-reason.
  // A new object for each resource: a host that changes one resource's subject changes no other.
  const subject = (): Parts => (course.patient ? { reference: course.patient } : { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] });
  const optionalSubject = (): Parts => (course.patient ? { subject: subject() } : {});

  const entries: FhirBundleEntry[] = [];
  const add = (kind: FhirKind, recordId: string, extension: FhirExtension[], parts: Parts) => {
    const resourceType = RESOURCE_TYPES[kind];
    const identifier = { system: systems[kind], value: identifierValue(courseId, kind, recordId) };
    const resource: FhirResource = {
      resourceType,
      ...(type === 'collection' ? { id: resourceId(kind, recordId) } : {}),
      ...(extension.length > 0 ? { extension } : {}),
      identifier: SINGLE_IDENTIFIER.has(resourceType) ? identifier : [identifier],
      ...parts,
    };
    const search = `identifier=${identifier.system}|${identifier.value}${scope}`;
    const request =
      conditional === 'update' ? { method: 'PUT' as const, url: `${resourceType}?${search}` } : { method: 'POST' as const, url: resourceType, ifNoneExist: search };
    entries.push({ fullUrl: url(kind, recordId), resource, ...(type === 'transaction' ? { request } : {}) });
  };

  // The course: CarePlan. The acute contract and the maintenance contract are its activities
  // (SNOMED CT IPT, a Timing with the number of sessions); the rest is in extensions.
  const { contract, phases, authorization: auth, maintenance, diagnosis, sickRole, formulation, ended } = course;
  // The activity the course's end applies to (the last contract) carries its reason.
  const last = maintenance ? 'maintenance' : 'acute';
  const activity = (kind: 'acute' | 'maintenance', status: string, repeat: Parts) => ({
    detail: {
      extension: [{ url: EXTENSIONS.sessionKind, valueCode: kind }],
      code: { coding: [IPT_PROCEDURE] },
      status,
      ...(kind === last && ended?.reason ? { statusReason: { text: ended.reason } } : {}),
      scheduledTiming: { repeat },
    },
  });
  const status = courseStatus(course, doc.sessions);
  const inFocus = new Set(course.focus);
  add(
    'course',
    courseId,
    [
      ...contract.history.flatMap((c) =>
        complex(EXTENSIONS.contractChange, ext('date', 'valueDate', c.date), ext('from', 'valueInteger', c.from), ext('to', 'valueInteger', c.to), ext('reason', 'valueString', c.reason), ext('held', 'valueInteger', c.held)),
      ),
      ...complex(EXTENSIONS.phases, ext('initial', 'valueInteger', phases.initial), ext('termination', 'valueInteger', phases.termination), ext('window', 'valueInteger', phases.window)),
      ...(auth
        ? complex(
            EXTENSIONS.authorization,
            ext('sessions', 'valueInteger', auth.sessions),
            ext('start', 'valueDate', auth.start),
            ext('end', 'valueDate', auth.end),
            ext('lowAt', 'valueInteger', auth.lowAt),
            ext('reference', 'valueString', auth.reference),
          )
        : []),
      ...(FHIR_INSTANT.test(doc.exported) ? [] : ext(EXTENSIONS.exported, 'valueString', doc.exported)),
      ...ext(EXTENSIONS.protocol, 'valueCode', course.protocol),
      ...empties({
        patient: course.patient,
        'authorization.reference': auth?.reference,
        ...Object.fromEntries(contract.history.map((c, i) => [`contract.history.${i}.reason`, c.reason])),
        'sickRole.note': sickRole?.note,
        'ended.reason': ended?.reason,
        ...Object.fromEntries((formulation?.history ?? []).flatMap((c, i) => [[`formulation.history.${i}.before`, c.before], [`formulation.history.${i}.after`, c.after]])),
      }),
    ],
    {
      status: status.plan,
      intent: 'plan',
      category: [{ coding: [IPT_PROCEDURE] }],
      title: 'Interpersonal psychotherapy',
      subject: subject(),
      ...(course.start || ended ? { period: { ...(course.start ? { start: course.start } : {}), ...(ended ? { end: ended.date } : {}) } } : {}),
      // The diagnosis (marked, its words as display, the host's Condition when there is one), then the focus.
      ...(diagnosis || course.focus.length > 0
        ? {
            addresses: [
              ...(diagnosis ? [{ extension: [{ url: EXTENSIONS.diagnosis, valueBoolean: true }], ...(diagnosis.condition ? { reference: diagnosis.condition } : {}), display: diagnosis.text }] : []),
              ...course.focus.map((area) => ref('focus', area)),
            ],
          }
        : {}),
      ...(doc.goals.length > 0 ? { goal: doc.goals.map((g) => ref('goal', g.id)) } : {}),
      activity: [
        activity('acute', status.acute, { count: contract.sessions }),
        ...(maintenance ? [activity('maintenance', status.maintenance, { count: maintenance.sessions, ...CADENCE_TIMING[maintenance.cadence], boundsPeriod: { start: maintenance.start } })] : []),
        ...(sickRole
          ? [{ detail: { code: concept(CODE_SYSTEMS.initialTask, 'sick-role'), status: 'completed', scheduledPeriod: { start: sickRole.date }, ...(sickRole.note ? { description: sickRole.note } : {}) } }]
          : []),
      ],
      ...(formulation
        ? {
            note: [
              {
                // The mark: complex when agreed or changed, else a plain true (an extension holds a value or parts, never neither).
                extension: [
                  complex(
                    EXTENSIONS.formulation,
                    ext('agreed', 'valueDate', formulation.agreed),
                    ...formulation.history.map((c) => complex('change', ext('date', 'valueDate', c.date), ext('before', 'valueString', c.before), ext('after', 'valueString', c.after))),
                  )[0] ?? { url: EXTENSIONS.formulation, valueBoolean: true },
                ],
                text: formulation.text,
              },
            ],
          }
        : {}),
    },
  );

  // Each focus problem area: a Condition coded on the local problem-area CodeSystem.
  for (const area of course.focus) {
    add('focus', area, [], { clinicalStatus: concept(CONDITION_CLINICAL_SYSTEM, 'active'), category: healthConcern(), code: concept(CODE_SYSTEMS.problemArea, area), subject: subject() });
  }
  for (const p of doc.people) add('person', p.id, personExtensions(p), personParts(p, subject()));
  // A dispute is a Condition too: a role dispute is a problem being treated, and Condition has a
  // stage (Condition.stage.summary: the current dispute stage) and an abatement (the closing date).
  // The other party, the texts, the outcome and the stage history are in the `dispute` extension.
  for (const d of doc.disputes) add('dispute', d.id, disputeExtensions(d, ref('person', d.personId)), disputeParts(d, subject()));
  for (const g of doc.goals) add('goal', g.id, goalExtensions(g), goalParts(g, subject(), inFocus.has(g.area) ? ref('focus', g.area) : undefined));
  for (const s of doc.sessions) {
    // A visit not attended is a booking that did not become a visit: an Appointment, cancelled or
    // noshow, before the Encounter that names it (an EHR tells a no-show from a cancellation there).
    const booking = s.status === 'attended' ? undefined : s.status;
    if (booking) add('appointment', s.id, [], appointmentParts(s, APPOINTMENT_STATUS[booking], course.patient));
    add('session', s.id, [{ url: EXTENSIONS.sessionStatus, valueCode: s.status }], sessionParts(s, optionalSubject(), booking && ref('appointment', s.id)));
  }
  for (const m of doc.measures) {
    const encounter = () => (m.sessionId ? ref('session', m.sessionId) : undefined);
    // A questionnaire taken item by item: its QuestionnaireResponse first, which the Observation is derived from.
    const response = responseParts(m, optionalSubject(), encounter());
    if (response) add('response', m.id, [], response);
    add('measure', m.id, [...measureExtensions(m), ...empties({ label: m.label, 'acknowledged.by': m.acknowledged?.by })], measureParts(m, optionalSubject(), encounter(), response && ref('response', m.id)));
  }

  return { resourceType: 'Bundle', type, ...(FHIR_INSTANT.test(doc.exported) ? { timestamp: doc.exported } : {}), entry: entries };
}

/**
 * The statuses of the CarePlan and of its contract activities, as the course stands (IPT.md, "FHIR
 * as an EHR reads it"): while it runs the plan is active and the running contract in progress
 * (maintenance scheduled until its first session; the acute contract completed once maintenance
 * follows it); once ended, completed, or revoked with the contract it ended in stopped when it was
 * stopped early.
 */
export function courseStatus(course: Course, sessions: readonly Session[]): { plan: string; acute: string; maintenance: string } {
  const { ended, maintenance } = course;
  const stopped = ended?.how === 'stopped';
  if (ended) return { plan: stopped ? 'revoked' : 'completed', acute: stopped && !maintenance ? 'stopped' : 'completed', maintenance: stopped ? 'stopped' : 'completed' };
  const maintenanceHeld = sessions.some((s) => s.kind === 'maintenance' && s.status === 'attended');
  return { plan: 'active', acute: maintenance ? 'completed' : 'in-progress', maintenance: maintenanceHeld ? 'in-progress' : 'scheduled' };
}

function personExtensions(p: Person): FhirExtension[] {
  return complex(EXTENSIONS.person, ...PERSON_FIELDS.map(([k, type]) => ext(k, type, p[k])));
}

function personParts(p: Person, patient: Parts): Parts {
  return { patient, ...(p.relationship ? { relationship: [{ text: p.relationship }] } : {}), name: [{ text: p.name }] };
}

function disputeExtensions(d: Dispute, person: Parts): FhirExtension[] {
  return [
    ...complex(
      EXTENSIONS.dispute,
      [{ url: 'person', valueReference: person }],
      ...DISPUTE_FIELDS.map(([k, type]) => ext(k, type, d[k])),
      // An active Condition has no abatement (R4 con-4): the closing date of an unresolved dispute goes here.
      ext('closed', 'valueDate', abated(d) ? undefined : d.closed),
      ...d.history.map((m) =>
        complex('move', ext('from', 'valueCode', m.from), ext('to', 'valueCode', m.to), ext('date', 'valueDate', m.date), ext('session', 'valueInteger', m.session), ext('note', 'valueString', m.note)),
      ),
    ),
    ...empties(Object.fromEntries(d.history.map((m, i) => [`history.${i}.note`, m.note]))),
  ];
}

/** Whether a dispute's Condition is abated: closed with an outcome that ends the problem. */
const abated = (d: Dispute) => !!d.closed && DISPUTE_CLINICAL_STATUS[d.outcome ?? 'open'] !== 'active';

function disputeParts(d: Dispute, subject: Parts): Parts {
  return {
    clinicalStatus: concept(CONDITION_CLINICAL_SYSTEM, DISPUTE_CLINICAL_STATUS[d.outcome ?? 'open']),
    category: healthConcern(),
    code: concept(CODE_SYSTEMS.problemArea, 'role-dispute'),
    subject,
    onsetDateTime: d.history[0]!.date,
    ...(abated(d) ? { abatementDateTime: d.closed } : {}),
    stage: [{ summary: concept(CODE_SYSTEMS.disputeStage, d.stage) }],
  };
}

function goalExtensions(g: Goal): FhirExtension[] {
  return complex(EXTENSIONS.goal, ext('order', 'valueDecimal', g.order), ext('achieved', 'valueDate', g.achieved));
}

function goalParts(g: Goal, subject: Parts, focus: Parts | undefined): Parts {
  return {
    lifecycleStatus: g.lifecycle,
    ...(g.achievement ? { achievementStatus: concept(GOAL_ACHIEVEMENT_SYSTEM, g.achievement) } : {}),
    category: [concept(CODE_SYSTEMS.problemArea, g.area)],
    description: { text: g.text },
    subject,
    startDate: g.set,
    ...(g.targetSession !== undefined ? { target: [{ measure: concept(CODE_SYSTEMS.goalTarget, 'session'), detailInteger: g.targetSession }] } : {}),
    ...(focus ? { addresses: [focus] } : {}),
  };
}

/**
 * The Appointment of a session not attended: its status, the IPT service, the patient as its
 * participant (R4 requires one; without a patient, a data-absent-reason stands for the actor), and
 * its day. R4 requires instants for a no-show's start and end (app-3) while a session holds only its
 * day: they are noon UTC of that day (the same date in nearly every zone); `requestedPeriod` holds
 * the day itself. The import reads the session from its Encounter and checks the status here.
 */
function appointmentParts(s: Session, status: string, patient: string | undefined): Parts {
  const actor = patient ? { reference: patient } : { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] };
  return {
    status,
    serviceType: [{ coding: [IPT_PROCEDURE] }],
    start: `${s.date}T12:00:00Z`,
    end: `${s.date}T12:00:00Z`,
    requestedPeriod: [{ start: s.date, end: s.date }],
    participant: [{ actor, status: 'accepted' }],
  };
}

function sessionParts(s: Session, subject: Parts, appointment: Parts | undefined): Parts {
  return {
    status: ENCOUNTER_STATUS[s.status],
    ...(appointment ? { appointment: [appointment] } : {}),
    class: { ...ENCOUNTER_CLASS[s.mode] },
    type: [{ coding: [IPT_PROCEDURE] }, concept(CODE_SYSTEMS.sessionKind, s.kind), concept(PARTICIPATION_MODE_SYSTEM, PARTICIPATION_MODE[s.mode])],
    ...subject,
    period: { start: s.date, end: s.date },
  };
}

/** A measure: its total as the value; taken item by item, the instrument's LOINC panel with its items (questionnaire.ts). */
function measureParts(m: Measure, subject: Parts, encounter: Parts | undefined, response: Parts | undefined): Parts {
  const loinc = m.items && isQuestionnaire(m.instrument) ? LOINC_PANELS[m.instrument] : LOINC_CODES[m.instrument];
  const component = measureComponents(m);
  return {
    status: 'final',
    category: [concept(OBSERVATION_CATEGORY_SYSTEM, 'survey')],
    code: {
      coding: [...(loinc ? [{ system: LOINC, code: loinc }] : []), { system: CODE_SYSTEMS.instrument, code: m.instrument }],
      ...(m.label ? { text: m.label } : {}),
    },
    ...subject,
    ...(encounter ? { encounter } : {}),
    effectiveDateTime: m.date,
    ...(response ? { derivedFrom: [response] } : {}),
    valueQuantity: totalQuantity(m.score),
    ...(component.length > 0 ? { component } : {}),
  };
}
