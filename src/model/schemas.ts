import * as v from 'valibot';
import { BEFORE_START } from './errors.js';
import { finite, id, int, isoDate, requiredText, text, LONG_TEXT, SHORT_TEXT } from './primitives.js';
import { isQuestionnaire, scoreItems, validItems } from './questionnaires.js';

/** The four IPT problem areas (IPT.md "The four problem areas"). */
export const PROBLEM_AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
export const problemArea = v.picklist(PROBLEM_AREAS);
export type ProblemArea = v.InferOutput<typeof problemArea>;

export const SESSION_STATUSES = ['attended', 'cancelled', 'no-show'] as const;
export const SESSION_KINDS = ['acute', 'maintenance'] as const;
/** How a session is held: by video (the default: a telehealth portal's), by phone or in person. */
export const SESSION_MODES = ['video', 'phone', 'in-person'] as const;
export const RINGS_MAX = 5;
export const DISPUTE_STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;
export const DISPUTE_OUTCOMES = ['resolved', 'dissolved', 'unresolved'] as const;
/** FHIR R4 Goal.lifecycleStatus. */
export const GOAL_LIFECYCLE = [
  'proposed', 'planned', 'accepted', 'active', 'on-hold', 'completed', 'cancelled', 'entered-in-error', 'rejected',
] as const;
/** FHIR R4 Goal.achievementStatus (goal-achievement value set). */
export const GOAL_ACHIEVEMENT = [
  'in-progress', 'improving', 'worsening', 'no-change', 'achieved', 'sustaining', 'not-achieved', 'no-progress', 'not-attainable',
] as const;
export const INSTRUMENTS = ['PHQ-9', 'GAD-7', 'EPDS', 'HAM-D', 'other'] as const;
export const CONTACT_FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly', 'rarely', 'never'] as const;

/** Most sessions a contract (acute or maintenance) may plan. */
export const MAX_PLANNED_SESSIONS = 100;

const sessionCount = int(1, MAX_PLANNED_SESSIONS);

/**
 * One renegotiation of the contract: when, from what number to what, and why; and how many acute
 * sessions had been held when it was agreed (it applies to the sessions after them; absent in
 * records written before it was kept, which then apply after the day it was agreed).
 */
export const contractChange = v.object({
  date: isoDate,
  from: sessionCount,
  to: sessionCount,
  reason: v.optional(text()),
  held: v.optional(int(0, 1000)),
});
export type ContractChange = v.InferOutput<typeof contractChange>;

/** The treatment contract: the planned number of acute sessions and how it was renegotiated. */
export const contract = v.object({
  sessions: sessionCount,
  history: v.optional(v.array(contractChange), []),
});
export type Contract = v.InferOutput<typeof contract>;

/**
 * Where the phases lie. `initial` is how many sessions open the course (IPT.md: 1-3, IPTUK 1-4);
 * `termination` how many close it; the middle phase is what lies between. `window` is how many
 * sessions before the end the counter asks for the ending to be discussed.
 */
export const phaseRanges = v.object({
  initial: int(1, 10),
  termination: int(1, 10),
  window: int(1, 10),
});
export type PhaseRanges = v.InferOutput<typeof phaseRanges>;
export const DEFAULT_PHASES: PhaseRanges = { initial: 3, termination: 3, window: 3 };

/** A payer's authorization: a session cap over a period, apart from the clinical contract. */
export const authorization = v.pipe(
  v.object({
    sessions: int(1, 200),
    start: isoDate,
    end: isoDate,
    /** Warn when this many authorized sessions or fewer remain. */
    lowAt: v.optional(int(0, 50), 2),
    reference: v.optional(text(SHORT_TEXT)),
  }),
  v.forward(v.check((a) => a.end >= a.start, BEFORE_START), ['end']),
);
export type Authorization = v.InferOutput<typeof authorization>;

/** A maintenance contract (IPT-M) after the acute course. */
export const maintenance = v.object({
  sessions: sessionCount,
  start: isoDate,
  cadence: v.optional(v.picklist(['weekly', 'biweekly', 'monthly']), 'monthly'),
});
export type Maintenance = v.InferOutput<typeof maintenance>;

/** The protocol presets a course may follow (README "Protocol presets"; model/protocols.ts). */
export const PROTOCOLS = ['acute', 'iptuk', 'counselling', 'who-group', 'ipt-a', 'stuart-robertson'] as const;
export type ProtocolId = (typeof PROTOCOLS)[number];

/** The diagnosis given to the patient: its words, and the host's reference to a Condition of its record. */
export const diagnosis = v.object({
  text: requiredText(300),
  /** Set by the host only (such as `Condition/123`): never made up by ipt-elements. */
  condition: v.optional(v.pipe(text(256), v.minLength(1, 'must not be empty'))),
});
export type Diagnosis = v.InferOutput<typeof diagnosis>;

/** When the "sick role" was given, with a short note. */
export const sickRole = v.object({
  date: isoDate,
  note: v.optional(text(), ''),
});
export type SickRole = v.InferOutput<typeof sickRole>;

/** One change of the formulation's text: when, what it said before and what it says after. */
export const formulationChange = v.object({
  date: isoDate,
  before: text(),
  after: text(),
});
export type FormulationChange = v.InferOutput<typeof formulationChange>;

/** The interpersonal formulation: how the symptoms link to the focus, and when the patient agreed to it. */
export const formulation = v.object({
  text: requiredText(LONG_TEXT),
  agreed: v.optional(isoDate),
  history: v.optional(v.array(formulationChange), []),
});
export type Formulation = v.InferOutput<typeof formulation>;

/**
 * How a course ended: `completed` (its contract held, or ended by agreement at its end, maintenance
 * included when there is one) or `stopped` (ended before that: the patient dropped out, it was
 * stopped, or the patient was referred on early).
 */
export const COURSE_ENDINGS = ['completed', 'stopped'] as const;
export type CourseEnding = (typeof COURSE_ENDINGS)[number];

/** The end of a course: when, how, and why (optional). Absent while the course runs. */
export const courseEnd = v.object({
  date: isoDate,
  how: v.picklist(COURSE_ENDINGS),
  reason: v.optional(text()),
});
export type CourseEnd = v.InferOutput<typeof courseEnd>;

/** A course of IPT: its focus, contract, phases and payer authorization. */
export const course = v.object({
  id,
  /** The host's reference to the patient, such as `Patient/123`. Never shown, never sent in events. */
  patient: v.optional(text(256)),
  /** The chosen problem areas: none while the inventory is under way, at most two. */
  focus: v.optional(
    v.pipe(
      v.array(problemArea),
      v.maxLength(2, 'must hold at most two problem areas'),
      v.check((a) => new Set(a).size === a.length, 'must not repeat a problem area'),
    ),
    [],
  ),
  contract,
  phases: v.optional(phaseRanges, DEFAULT_PHASES),
  authorization: v.optional(authorization),
  maintenance: v.optional(maintenance),
  start: v.optional(isoDate),
  /** The manual the course follows (its defaults were set from it); none for the defaults of IPT.md. */
  protocol: v.optional(v.picklist(PROTOCOLS)),
  diagnosis: v.optional(diagnosis),
  sickRole: v.optional(sickRole),
  formulation: v.optional(formulation),
  /** Set when the course has ended (`endCourse`); a course that runs has none. */
  ended: v.optional(courseEnd),
});
export type Course = v.InferOutput<typeof course>;
export type CourseInput = v.InferInput<typeof course>;

/** One recorded session. Its number is derived from the order of attended sessions, not stored. */
export const session = v.object({
  id,
  courseId: id,
  date: isoDate,
  status: v.picklist(SESSION_STATUSES),
  kind: v.optional(v.picklist(SESSION_KINDS), 'acute'),
  mode: v.optional(v.picklist(SESSION_MODES), 'video'),
});
export type Session = v.InferOutput<typeof session>;
export type SessionMode = Session['mode'];
export type SessionStatus = Session['status'];

const level = int(0, 3);

/** A person of the interpersonal inventory. */
export const person = v.object({
  id,
  courseId: id,
  /** Name or initials. */
  name: requiredText(SHORT_TEXT),
  relationship: v.optional(text(SHORT_TEXT), ''),
  /** 1 is the innermost (closest) ring. */
  ring: int(1, RINGS_MAX),
  /** How supportive the relationship is, 0 (not) to 3 (very), and what is supportive. */
  support: v.optional(level, 0),
  supportive: v.optional(text(), ''),
  /** How conflicted the relationship is, 0 to 3, and what is conflicted. */
  conflict: v.optional(level, 0),
  conflicted: v.optional(text(), ''),
  contact: v.optional(v.picklist(CONTACT_FREQUENCIES)),
  /** What each expects of the other, and whether it is met. */
  expectations: v.optional(text(), ''),
  expectationsMet: v.optional(v.picklist(['yes', 'partly', 'no'])),
  wantedChange: v.optional(text(), ''),
  /** Unknown when absent. */
  knowsOfIllness: v.optional(v.boolean()),
  changedNearOnset: v.optional(v.boolean()),
  deceased: v.optional(v.boolean(), false),
});
export type Person = v.InferOutput<typeof person>;
export type PersonInput = v.InferInput<typeof person>;

export const disputeStage = v.picklist(DISPUTE_STAGES);
export type DisputeStage = v.InferOutput<typeof disputeStage>;

/** One move of a dispute between stages; the first entry has no `from`. */
export const stageMove = v.object({
  from: v.optional(disputeStage),
  to: disputeStage,
  date: isoDate,
  /** The number of the session in which it was recorded, when there was one. */
  session: v.optional(int(1, 1000)),
  note: v.optional(text()),
});
export type StageMove = v.InferOutput<typeof stageMove>;

/** A role dispute with one person of the inventory. */
export const dispute = v.pipe(
  v.object({
    id,
    courseId: id,
    personId: id,
    issue: v.optional(text(), ''),
    patientExpects: v.optional(text(), ''),
    otherExpects: v.optional(text(), ''),
    wantedChange: v.optional(text(), ''),
    obstacles: v.optional(text(), ''),
    stage: disputeStage,
    history: v.pipe(v.array(stageMove), v.minLength(1, 'must hold at least the first stage')),
    outcome: v.optional(v.picklist(DISPUTE_OUTCOMES)),
    closed: v.optional(isoDate),
  }),
  v.forward(v.check((d) => d.history[d.history.length - 1]?.to === d.stage, 'must end at the current stage'), ['history']),
  v.forward(v.check((d) => (d.outcome === undefined) === (d.closed === undefined), 'and the closing date go together'), ['outcome']),
);
export type Dispute = v.InferOutput<typeof dispute>;
export type DisputeInput = v.InferInput<typeof dispute>;

/** Longest text of a goal (characters). */
export const GOAL_TEXT_MAX = 500;

/** A treatment goal, tied to a problem area, with FHIR Goal statuses. */
export const goal = v.object({
  id,
  courseId: id,
  text: requiredText(GOAL_TEXT_MAX),
  area: problemArea,
  lifecycle: v.optional(v.picklist(GOAL_LIFECYCLE), 'active'),
  achievement: v.optional(v.picklist(GOAL_ACHIEVEMENT)),
  /** Position in the checklist; smaller comes first. */
  order: finite,
  targetSession: v.optional(int(1, 1000)),
  set: isoDate,
  achieved: v.optional(isoDate),
});
export type Goal = v.InferOutput<typeof goal>;
export type GoalInput = v.InferInput<typeof goal>;
export type GoalLifecycle = Goal['lifecycle'];
export type GoalAchievement = NonNullable<Goal['achievement']>;

export type Instrument = (typeof INSTRUMENTS)[number];
/** Score range of each instrument (HAM-D: the 17-item version, see HAMD_MAX). `other` is any score from 0. */
export const INSTRUMENT_RANGES: Record<Instrument, readonly [number, number]> = {
  'PHQ-9': [0, 27],
  'GAD-7': [0, 21],
  EPDS: [0, 30],
  'HAM-D': [0, 52],
  other: [0, 10000],
};

/** The HAM-D versions a measure may name, by their number of items. */
export const HAMD_VERSIONS = [17, 21, 24] as const;
export type HamdVersion = (typeof HAMD_VERSIONS)[number];
/**
 * The highest HAM-D total of each version: the sum of its items' highest ratings. 17 items (Hamilton
 * 1960, as in Guy's ECDEU manual 1976): 52. The 21-item version adds diurnal variation (0-2),
 * depersonalization (0-4), paranoid (0-3) and obsessional symptoms (0-2): 63; the 24-item version
 * adds helplessness, hopelessness and worthlessness (0-4 each): 75.
 */
export const HAMD_MAX: Record<HamdVersion, number> = { 17: 52, 21: 63, 24: 75 };

/** The score range of a measure: its instrument's, and for HAM-D its version's (17 items when none is named). */
export function scoreRange(m: { instrument: Instrument; version?: HamdVersion | undefined }): readonly [number, number] {
  return m.instrument === 'HAM-D' ? [0, HAMD_MAX[m.version ?? 17]] : INSTRUMENT_RANGES[m.instrument];
}

/** A symptom measure taken in the course. */
export const measure = v.pipe(
  v.object({
    id,
    courseId: id,
    instrument: v.picklist(INSTRUMENTS),
    /** The instrument's name when `instrument` is `other`. */
    label: v.optional(text(SHORT_TEXT)),
    score: finite,
    /** HAM-D only: the version taken, by its number of items (17 when absent). */
    version: v.optional(v.picklist(HAMD_VERSIONS)),
    date: isoDate,
    /** The recorded session it was taken in, when there was one. */
    sessionId: v.optional(id),
    /** The answers item by item (PHQ-9, GAD-7, EPDS): the points of each answer, null for an item not answered. */
    items: v.optional(v.array(v.nullable(int(0, 3)))),
    /** PHQ-9 and GAD-7: how difficult the problems made daily life, 0 (not difficult at all) to 3; not part of the score. */
    difficulty: v.optional(int(0, 3)),
    /** When a clinician acknowledged the safety alert of this measure (and who, when the host said). */
    acknowledged: v.optional(v.object({ at: v.pipe(v.string(), v.isoTimestamp('must be an ISO timestamp')), by: v.optional(text(256)) })),
  }),
  v.forward(
    v.check((m) => {
      const [lo, hi] = scoreRange(m);
      return m.score >= lo && m.score <= hi && (m.instrument === 'other' || Number.isInteger(m.score));
    }, 'is outside the range of its instrument'),
    ['score'],
  ),
  v.forward(v.check((m) => m.version === undefined || m.instrument === 'HAM-D', 'is a HAM-D version: only a HAM-D has one'), ['version']),
  v.forward(v.check((m) => !m.items || validItems(m.instrument, m.items), 'do not fit the instrument'), ['items']),
  v.forward(
    v.check((m) => !m.items || !isQuestionnaire(m.instrument) || scoreItems(m.instrument, m.items).total === m.score, 'is not the score of its items'),
    ['score'],
  ),
);
export type Measure = v.InferOutput<typeof measure>;
export type MeasureInput = v.InferInput<typeof measure>;

/** The kinds of record a course holds, and the schema of each. */
export const ENTITY_SCHEMAS = {
  course,
  session,
  person,
  dispute,
  goal,
  measure,
} as const;
export type Entity = keyof typeof ENTITY_SCHEMAS;
export const ENTITIES = Object.keys(ENTITY_SCHEMAS) as Entity[];
export interface EntityTypes {
  course: Course;
  session: Session;
  person: Person;
  dispute: Dispute;
  goal: Goal;
  measure: Measure;
}
export interface EntityInputs {
  course: CourseInput;
  session: v.InferInput<typeof session>;
  person: PersonInput;
  dispute: DisputeInput;
  goal: GoalInput;
  measure: MeasureInput;
}
