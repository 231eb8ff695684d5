/**
 * The URLs and codes of the FHIR R4 mapping: identifier systems, local code systems, extensions,
 * and the standard codes (SNOMED CT, LOINC, HL7 terminology). README "FHIR" lists them in a table.
 * @module
 */
import { IptError, type Instrument, type Questionnaire } from '../model/index.js';

/** The base of every URL this mapping defines. */
export const FHIR_BASE = 'https://ipt-elements.dev/fhir';

/**
 * The kinds of record a bundle carries. `focus` is a chosen problem area of the course (a
 * Condition); `appointment` is the booking of a session that was not attended (cancelled or no-show),
 * which its Encounter names; `response` is the QuestionnaireResponse of a measure taken item by item,
 * which its Observation names (derivedFrom); the others are the course document's records.
 */
export type FhirKind = 'course' | 'focus' | 'person' | 'dispute' | 'goal' | 'session' | 'appointment' | 'measure' | 'response';

/** The resource type each kind of record becomes. */
export const RESOURCE_TYPES = {
  course: 'CarePlan',
  focus: 'Condition',
  person: 'RelatedPerson',
  dispute: 'Condition',
  goal: 'Goal',
  session: 'Encounter',
  appointment: 'Appointment',
  measure: 'Observation',
  response: 'QuestionnaireResponse',
} as const satisfies Record<FhirKind, string>;

/** The default base of the identifier systems: `<base>/<kind>` (see `identifierSystem` in the options). */
export const IDENTIFIER_BASE = `${FHIR_BASE}/identifier`;

/**
 * The identifier system of each kind. The CarePlan's identifier value is the course id; every other
 * resource's is `<course id>/<record id>` (for a focus Condition, `<course id>/<problem area>`), so it
 * is unique within a patient's courses (a transaction scopes its requests to the patient as well).
 * ipt ids hold no `/`, so the split is unambiguous.
 */
export const IDENTIFIER_SYSTEMS = {
  course: `${IDENTIFIER_BASE}/course`,
  focus: `${IDENTIFIER_BASE}/focus`,
  person: `${IDENTIFIER_BASE}/person`,
  dispute: `${IDENTIFIER_BASE}/dispute`,
  goal: `${IDENTIFIER_BASE}/goal`,
  session: `${IDENTIFIER_BASE}/session`,
  appointment: `${IDENTIFIER_BASE}/appointment`,
  measure: `${IDENTIFIER_BASE}/measure`,
  response: `${IDENTIFIER_BASE}/response`,
} as const satisfies Record<FhirKind, string>;

/** An identifier base: an http(s) URL or a URN of URL-safe characters, without a trailing `/`. */
const IDENTIFIER_BASE_FORM = /^(https?:\/\/|urn:)[A-Za-z0-9._~:/-]*[A-Za-z0-9._~:-]$/;

/**
 * The identifier systems under a deployment's own base (`<base>/<kind>`), the defaults without one.
 * Throws an IptError `invalid-input` (field `identifierSystem`) for a base that is not a URL or URN
 * of URL-safe characters (at most 200), so the systems can stand unescaped in a search URL.
 */
export function identifierSystems(base: string | undefined, action: 'export' | 'import'): Readonly<Record<FhirKind, string>> {
  if (base === undefined) return IDENTIFIER_SYSTEMS;
  if (typeof base !== 'string' || base.length > 200 || !IDENTIFIER_BASE_FORM.test(base)) {
    throw new IptError('invalid-input', `Invalid FHIR ${action}: identifierSystem must be an http(s) URL or URN of letters, digits and ._~:/- (at most 200, no final /)`, 'identifierSystem');
  }
  return Object.fromEntries(Object.keys(IDENTIFIER_SYSTEMS).map((kind) => [kind, `${base}/${kind}`])) as Record<FhirKind, string>;
}

/** Local code systems: IPT's concepts have no standard codes (IPT.md, "Interoperability"). */
export const CODE_SYSTEMS = {
  /** grief, role-dispute, role-transition, interpersonal-deficits. */
  problemArea: `${FHIR_BASE}/CodeSystem/problem-area`,
  /** renegotiation, impasse, dissolution. */
  disputeStage: `${FHIR_BASE}/CodeSystem/dispute-stage`,
  /** acute, maintenance. */
  sessionKind: `${FHIR_BASE}/CodeSystem/session-kind`,
  /** PHQ-9, GAD-7, EPDS, HAM-D, other: the instrument of a measure, beside its LOINC code where it has one. */
  instrument: `${FHIR_BASE}/CodeSystem/instrument`,
  /** session: a Goal's target is reached by a session number. */
  goalTarget: `${FHIR_BASE}/CodeSystem/goal-target`,
  /** sick-role: a task of the initial phase, as a CarePlan activity. */
  initialTask: `${FHIR_BASE}/CodeSystem/initial-task`,
} as const;

/**
 * Extensions for what FHIR R4 has no element for. Complex extensions hold one sub-extension per
 * field of the course document, named as the field is (for example `ring` on `person`).
 */
export const EXTENSIONS = {
  /** CarePlan, repeated: one renegotiation of the contract (date, from, to, reason). */
  contractChange: `${FHIR_BASE}/StructureDefinition/contract-change`,
  /** CarePlan: the phase ranges (initial, termination, window). */
  phases: `${FHIR_BASE}/StructureDefinition/phases`,
  /** CarePlan: the payer's session cap (sessions, start, end, lowAt, reference). */
  authorization: `${FHIR_BASE}/StructureDefinition/authorization`,
  /** CarePlan.activity.detail: which contract the activity is, `acute` or `maintenance` (valueCode). */
  sessionKind: `${FHIR_BASE}/StructureDefinition/session-kind`,
  /** Encounter: the recorded status, `attended`, `cancelled` or `no-show` (R4 Encounter has no no-show). */
  sessionStatus: `${FHIR_BASE}/StructureDefinition/session-status`,
  /** RelatedPerson: ring, support, supportive, conflict, conflicted, contact, expectations, expectationsMet, wantedChange, knowsOfIllness, changedNearOnset, deceased. */
  person: `${FHIR_BASE}/StructureDefinition/person`,
  /** Condition of a dispute: person (a RelatedPerson), issue, patientExpects, otherExpects, wantedChange, obstacles, outcome, and `move` (from, to, date, session, note) per stage move. */
  dispute: `${FHIR_BASE}/StructureDefinition/dispute`,
  /** Goal: order (valueDecimal) and achieved (valueDate). */
  goal: `${FHIR_BASE}/StructureDefinition/goal`,
  /**
   * Any resource, repeated: names a text field of the record that holds an empty string, such as
   * `label` or `history.0.note` (FHIR strings cannot be empty; the document tells '' from absent).
   */
  emptyText: `${FHIR_BASE}/StructureDefinition/empty-text`,
  /** CarePlan: the document's `exported` when it is not a FHIR instant (else Bundle.timestamp). */
  exported: `${FHIR_BASE}/StructureDefinition/exported`,
  /** CarePlan: the protocol the course follows (valueCode: acute, iptuk, counselling, who-group, ipt-a, stuart-robertson). */
  protocol: `${FHIR_BASE}/StructureDefinition/protocol`,
  /** CarePlan.addresses: marks the Reference that is the diagnosis (valueBoolean true): its display the words, its reference the host's Condition. */
  diagnosis: `${FHIR_BASE}/StructureDefinition/diagnosis`,
  /** CarePlan.note: marks the note that is the interpersonal formulation: agreed (valueDate) and `change` (date, before, after) per change of its text. */
  formulation: `${FHIR_BASE}/StructureDefinition/formulation`,
  /**
   * Observation of a measure: what of its administration has no verified LOINC code. `item`, one per
   * item in order, when the instrument's item codes were not verified (EPDS): valueInteger the
   * points, valueCode `unanswered` for an item not answered; `difficulty` (valueInteger 0-3) when
   * the instrument's difficulty question has no verified LOINC code in its panel (GAD-7).
   */
  items: `${FHIR_BASE}/StructureDefinition/items`,
  /** Observation of a HAM-D: the version taken, by its number of items (valueInteger 17, 21 or 24). */
  hamdVersion: `${FHIR_BASE}/StructureDefinition/hamd-version`,
  /** Observation of a measure: the clinician's acknowledgement of its safety alert: `at` (valueDateTime, or valueString when not a FHIR dateTime) and `by` (valueReference: the host's practitioner reference, or its display when not a FHIR reference). */
  acknowledged: `${FHIR_BASE}/StructureDefinition/acknowledged`,
} as const;

/** The fields of a person carried in the person extension, with the FHIR type of each: export and import read this one table. */
export const PERSON_FIELDS = [
  ['ring', 'valueInteger'],
  ['support', 'valueInteger'],
  ['supportive', 'valueString'],
  ['conflict', 'valueInteger'],
  ['conflicted', 'valueString'],
  ['contact', 'valueCode'],
  ['expectations', 'valueString'],
  ['expectationsMet', 'valueCode'],
  ['wantedChange', 'valueString'],
  ['knowsOfIllness', 'valueBoolean'],
  ['changedNearOnset', 'valueBoolean'],
  ['deceased', 'valueBoolean'],
] as const;

/** The texts and outcome of a dispute carried in the dispute extension (besides its person and moves). */
export const DISPUTE_FIELDS = [
  ['issue', 'valueString'],
  ['patientExpects', 'valueString'],
  ['otherExpects', 'valueString'],
  ['wantedChange', 'valueString'],
  ['obstacles', 'valueString'],
  ['outcome', 'valueCode'],
] as const;

export const SNOMED = 'http://snomed.info/sct';
/** SNOMED CT 443730003 |Interpersonal psychotherapy|: on every Encounter and on the CarePlan. */
export const IPT_PROCEDURE = { system: SNOMED, code: '443730003', display: 'Interpersonal psychotherapy' } as const;

export const LOINC = 'http://loinc.org';
/**
 * The LOINC code of each instrument's total score. HAM-D and `other` have none here (no total-score
 * code was confirmed for HAM-D): they carry only the local instrument code.
 */
export const LOINC_CODES: Readonly<Partial<Record<Instrument, string>>> = {
  'PHQ-9': '44261-6',
  'GAD-7': '70274-6',
  EPDS: '99046-5',
};

/**
 * The LOINC panel of each questionnaire answered item by item: the code of its Observation when the
 * measure has items (its value stays the total). Verified on loinc.org (44249-1, 69737-5 in the
 * PHQ-SADS panel 69729-2; 71354-5 on its LOINC page).
 */
export const LOINC_PANELS: Readonly<Record<Questionnaire, string>> = { 'PHQ-9': '44249-1', 'GAD-7': '69737-5', EPDS: '71354-5' };

/**
 * The LOINC code of each item, in the order of the form, for the instruments whose item codes were
 * verified: the members of LOINC's PHQ-SADS panel (loinc.org/69729-2) in order, and the items of
 * the PHQ-9 Questionnaire of HL7's Person-Centered Outcomes IG (Questionnaire/44249-1) and of the
 * GAD-7 QuestionnaireResponse example of HL7's Personal Health Record IG. EPDS's item codes were
 * not verified: its items go in the `items` extension.
 */
export const LOINC_ITEMS: Readonly<Partial<Record<Questionnaire, readonly string[]>>> = {
  'PHQ-9': ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
  'GAD-7': ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
};

/** LOINC answer list LL358-3 (loinc.org/LL358-3): the answers of the PHQ-9 and GAD-7 items, indexed by their points 0-3. */
export const LOINC_FREQUENCY_ANSWERS = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'] as const;

/**
 * PHQ-9's functional-difficulty question (69722-7) and its answers, LOINC answer list LL359-1
 * (loinc.org/LL359-1), indexed by the measure's `difficulty` 0-3 (not difficult at all, somewhat,
 * very, extremely: LA6575-0 is "Very difficult", LA6574-3 "Extremely difficult"). Not scored.
 */
export const LOINC_DIFFICULTY: Readonly<Partial<Record<Questionnaire, string>>> = { 'PHQ-9': '69722-7' };
export const LOINC_DIFFICULTY_ANSWERS = ['LA6572-7', 'LA6573-5', 'LA6575-0', 'LA6574-3'] as const;

/**
 * The Questionnaire a QuestionnaireResponse answers. PHQ-9 and GAD-7: LOINC's form of the panel,
 * `http://loinc.org/q/<panel>`, items linked by `/<LOINC item code>` as the Questionnaires LHC-Forms
 * generates from LOINC panels are (LOINC's own form may link them otherwise: README "FHIR"). EPDS: its item codes were not verified, so no LOINC form is
 * claimed: this mapping's own canonical, its items linked by their number.
 */
export const questionnaireUrl = (q: Questionnaire): string => (LOINC_ITEMS[q] ? `${LOINC}/q/${LOINC_PANELS[q]}` : `${FHIR_BASE}/Questionnaire/${q}`);

export const UCUM = 'http://unitsofmeasure.org';
export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
/** The code system of Observation.component.dataAbsentReason: an item not answered is `unknown`. */
export const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const GOAL_ACHIEVEMENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
export const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/**
 * US Core's Condition category `health-concern` (with R4's `problem-list-item` and
 * `encounter-diagnosis` its code system holds the three categories): every problem-area and dispute
 * Condition carries it, so that a receiving EHR does not file an IPT problem area on the problem
 * list as a diagnosis (README "FHIR R4").
 */
export const US_CORE_CONDITION_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/condition-category';

/**
 * How a session was held, as Encounter.class (v3 ActCode): `VR` (virtual: "the patient and the
 * practitioner(s) are not in the same physical location", which HL7 illustrates with telephone and
 * televideo conferences) for video and phone, `AMB` (ambulatory) in person. The class cannot tell
 * video from phone, so the mode is also an Encounter.type coding on v3 ParticipationMode
 * (VIDEOCONF, PHONE, FACE), which the import reads back.
 */
export const ENCOUNTER_CLASS = {
  video: { system: ACT_CODE_SYSTEM, code: 'VR', display: 'virtual' },
  phone: { system: ACT_CODE_SYSTEM, code: 'VR', display: 'virtual' },
  'in-person': { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' },
} as const;
export const PARTICIPATION_MODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode';
/** A session's mode as a v3 ParticipationMode code (see ENCOUNTER_CLASS). */
export const PARTICIPATION_MODE = { video: 'VIDEOCONF', phone: 'PHONE', 'in-person': 'FACE' } as const;

/** How a session's status is written as Encounter.status (R4 Encounter has no no-show: cancelled, with its Appointment and the extension). */
export const ENCOUNTER_STATUS = { attended: 'finished', cancelled: 'cancelled', 'no-show': 'cancelled' } as const;

/**
 * The Appointment.status of a session that was not attended: R4 carries a no-show on the
 * Appointment (`noshow`: "some or all of the participant(s) have not/did not appear"), apart from a
 * cancellation (`cancelled`). Its Encounter names it (Encounter.appointment).
 */
export const APPOINTMENT_STATUS = { cancelled: 'cancelled', 'no-show': 'noshow' } as const;

/** How a maintenance cadence is written as a Timing repeat. */
export const CADENCE_TIMING = {
  weekly: { frequency: 1, period: 1, periodUnit: 'wk' },
  biweekly: { frequency: 1, period: 2, periodUnit: 'wk' },
  monthly: { frequency: 1, period: 1, periodUnit: 'mo' },
} as const;

/** A dispute's outcome as the Condition's clinical status; an open dispute is active. */
/** A dispute's Condition.clinicalStatus: an open or unresolved dispute is still a problem (active), never `inactive`. */
export const DISPUTE_CLINICAL_STATUS = { open: 'active', resolved: 'resolved', dissolved: 'resolved', unresolved: 'active' } as const;

/** A FHIR instant (and so a dateTime): a time to the second with its zone. */
export const FHIR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The displays of the local codes (not user text). */
export const DISPLAYS: Readonly<Record<string, string>> = {
  grief: 'Grief',
  'role-dispute': 'Role dispute',
  'role-transition': 'Role transition',
  'interpersonal-deficits': 'Interpersonal deficits',
  renegotiation: 'Renegotiation',
  impasse: 'Impasse',
  dissolution: 'Dissolution',
  acute: 'Acute phase',
  maintenance: 'Maintenance (IPT-M)',
  session: 'Session number',
  'sick-role': 'Sick role given',
  'health-concern': 'Health Concern',
  VIDEOCONF: 'videoconferencing',
  PHONE: 'telephone',
  FACE: 'face-to-face',
};

/** A 128-bit, non-cryptographic hash of a string (cyrb128), as 32 hex digits. */
export function hash128(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** A UUID (version 8: derived, RFC 9562) that is the same for the same text. */
export function derivedUuid(text: string): string {
  const h = hash128(text);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * The FHIR resource id of a record: `<kind>-<record id>` when that is a valid FHIR id (letters,
 * digits, `-` and `.`, at most 64), else `<kind>.<hash of the record id>`. The two forms cannot meet.
 */
export function resourceId(kind: FhirKind, recordId: string): string {
  const plain = `${kind}-${recordId}`;
  return FHIR_ID.test(plain) ? plain : `${kind}.${hash128(recordId)}`;
}

/** The `urn:uuid:` fullUrl of a record's entry: derived from the course, the kind and the record id. */
export function entryUrl(courseId: string, kind: FhirKind, recordId: string): string {
  return `urn:uuid:${derivedUuid(`${courseId}\u0000${kind}\u0000${recordId}`)}`;
}

/** Kinds whose resource holds one identifier, not a list (R4 QuestionnaireResponse.identifier is 0..1). */
export const SINGLE_IDENTIFIER: ReadonlySet<string> = new Set(['QuestionnaireResponse']);

/** The identifiers of a resource as a list, whether it holds a list or (QuestionnaireResponse) one. */
export const identifiersOf = (resource: Record<string, unknown>): unknown[] =>
  Array.isArray(resource.identifier) ? resource.identifier : resource.identifier === undefined ? [] : [resource.identifier];

/** The identifier value of a record (see IDENTIFIER_SYSTEMS). */
export function identifierValue(courseId: string, kind: FhirKind, recordId: string): string {
  return kind === 'course' ? courseId : `${courseId}/${recordId}`;
}
