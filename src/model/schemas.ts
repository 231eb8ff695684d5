import * as z from 'zod/mini';
import { id, int, isoDate, requiredText, text, SHORT_TEXT } from './primitives.js';

/** The four IPT problem areas (IPT.md "The four problem areas"). */
export const PROBLEM_AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
export const problemArea = z.enum(PROBLEM_AREAS);
export type ProblemArea = z.infer<typeof problemArea>;

export const SESSION_STATUSES = ['attended', 'cancelled', 'no-show'] as const;
export const SESSION_KINDS = ['acute', 'maintenance'] as const;
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

/** One renegotiation of the contract: when, from what number to what, and why. */
export const contractChange = z.object({
  date: isoDate,
  from: sessionCount,
  to: sessionCount,
  reason: z.optional(text()),
});
export type ContractChange = z.infer<typeof contractChange>;

/** The treatment contract: the planned number of acute sessions and how it was renegotiated. */
export const contract = z.object({
  sessions: sessionCount,
  history: z._default(z.array(contractChange), []),
});
export type Contract = z.infer<typeof contract>;

/**
 * Where the phases lie. `initial` is how many sessions open the course (IPT.md: 1-3, IPTUK 1-4);
 * `termination` how many close it; the middle phase is what lies between. `window` is how many
 * sessions before the end the counter asks for the ending to be discussed.
 */
export const phaseRanges = z.object({
  initial: int(1, 10),
  termination: int(1, 10),
  window: int(1, 10),
});
export type PhaseRanges = z.infer<typeof phaseRanges>;
export const DEFAULT_PHASES: PhaseRanges = { initial: 3, termination: 3, window: 3 };

/** A payer's authorization: a session cap over a period, apart from the clinical contract. */
export const authorization = z
  .object({
    sessions: int(1, 200),
    start: isoDate,
    end: isoDate,
    /** Warn when this many authorized sessions or fewer remain. */
    lowAt: z._default(int(0, 50), 2),
    reference: z.optional(text(SHORT_TEXT)),
  })
  .check(z.refine((a) => a.end >= a.start, { message: 'end must not be before start', path: ['end'] }));
export type Authorization = z.infer<typeof authorization>;

/** A maintenance contract (IPT-M) after the acute course. */
export const maintenance = z.object({
  sessions: sessionCount,
  start: isoDate,
  cadence: z._default(z.enum(['weekly', 'biweekly', 'monthly']), 'monthly'),
});
export type Maintenance = z.infer<typeof maintenance>;

/** A course of IPT: its focus, contract, phases and payer authorization. */
export const course = z.object({
  id,
  /** The host's reference to the patient, such as `Patient/123`. Never shown, never sent in events. */
  patient: z.optional(text(256)),
  /** The chosen problem areas: none while the inventory is under way, at most two. */
  focus: z._default(
    z.array(problemArea).check(
      z.maxLength(2, 'must hold at most two problem areas'),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat a problem area'),
    ),
    [],
  ),
  contract,
  phases: z._default(phaseRanges, DEFAULT_PHASES),
  authorization: z.optional(authorization),
  maintenance: z.optional(maintenance),
  start: z.optional(isoDate),
});
export type Course = z.infer<typeof course>;
export type CourseInput = z.input<typeof course>;

/** One recorded session. Its number is derived from the order of attended sessions, not stored. */
export const session = z.object({
  id,
  courseId: id,
  date: isoDate,
  status: z.enum(SESSION_STATUSES),
  kind: z._default(z.enum(SESSION_KINDS), 'acute'),
});
export type Session = z.infer<typeof session>;
export type SessionStatus = Session['status'];

const level = int(0, 3);

/** A person of the interpersonal inventory. */
export const person = z.object({
  id,
  courseId: id,
  /** Name or initials. */
  name: requiredText(SHORT_TEXT),
  relationship: z._default(text(SHORT_TEXT), ''),
  /** 1 is the innermost (closest) ring. */
  ring: int(1, RINGS_MAX),
  /** How supportive the relationship is, 0 (not) to 3 (very), and what is supportive. */
  support: z._default(level, 0),
  supportive: z._default(text(), ''),
  /** How conflicted the relationship is, 0 to 3, and what is conflicted. */
  conflict: z._default(level, 0),
  conflicted: z._default(text(), ''),
  contact: z.optional(z.enum(CONTACT_FREQUENCIES)),
  /** What each expects of the other, and whether it is met. */
  expectations: z._default(text(), ''),
  expectationsMet: z.optional(z.enum(['yes', 'partly', 'no'])),
  wantedChange: z._default(text(), ''),
  /** Unknown when absent. */
  knowsOfIllness: z.optional(z.boolean()),
  changedNearOnset: z.optional(z.boolean()),
  deceased: z._default(z.boolean(), false),
});
export type Person = z.infer<typeof person>;
export type PersonInput = z.input<typeof person>;

export const disputeStage = z.enum(DISPUTE_STAGES);
export type DisputeStage = z.infer<typeof disputeStage>;

/** One move of a dispute between stages; the first entry has no `from`. */
export const stageMove = z.object({
  from: z.optional(disputeStage),
  to: disputeStage,
  date: isoDate,
  /** The number of the session in which it was recorded, when there was one. */
  session: z.optional(int(1, 1000)),
  note: z.optional(text()),
});
export type StageMove = z.infer<typeof stageMove>;

/** A role dispute with one person of the inventory. */
export const dispute = z
  .object({
    id,
    courseId: id,
    personId: id,
    issue: z._default(text(), ''),
    patientExpects: z._default(text(), ''),
    otherExpects: z._default(text(), ''),
    wantedChange: z._default(text(), ''),
    obstacles: z._default(text(), ''),
    stage: disputeStage,
    history: z.array(stageMove).check(z.minLength(1, 'must hold at least the first stage')),
    outcome: z.optional(z.enum(DISPUTE_OUTCOMES)),
    closed: z.optional(isoDate),
  })
  .check(
    z.refine((d) => d.history[d.history.length - 1]?.to === d.stage, {
      message: 'the last move of the history must end at the current stage',
      path: ['history'],
    }),
    z.refine((d) => (d.outcome === undefined) === (d.closed === undefined), {
      message: 'a closed dispute needs both an outcome and a date',
      path: ['outcome'],
    }),
  );
export type Dispute = z.infer<typeof dispute>;
export type DisputeInput = z.input<typeof dispute>;

/** A treatment goal, tied to a problem area, with FHIR Goal statuses. */
export const goal = z.object({
  id,
  courseId: id,
  text: requiredText(500),
  area: problemArea,
  lifecycle: z._default(z.enum(GOAL_LIFECYCLE), 'active'),
  achievement: z.optional(z.enum(GOAL_ACHIEVEMENT)),
  /** Position in the checklist; smaller comes first. */
  order: z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  targetSession: z.optional(int(1, 1000)),
  set: isoDate,
  achieved: z.optional(isoDate),
});
export type Goal = z.infer<typeof goal>;
export type GoalInput = z.input<typeof goal>;
export type GoalLifecycle = Goal['lifecycle'];
export type GoalAchievement = NonNullable<Goal['achievement']>;

export type Instrument = (typeof INSTRUMENTS)[number];
/** Score range of each instrument (HAM-D: the 17-item version). `other` is any score from 0. */
export const INSTRUMENT_RANGES: Record<Instrument, readonly [number, number]> = {
  'PHQ-9': [0, 27],
  'GAD-7': [0, 21],
  EPDS: [0, 30],
  'HAM-D': [0, 52],
  other: [0, 10000],
};

/** A symptom measure taken in the course. */
export const measure = z
  .object({
    id,
    courseId: id,
    instrument: z.enum(INSTRUMENTS),
    /** The instrument's name when `instrument` is `other`. */
    label: z.optional(text(SHORT_TEXT)),
    score: z.number().check(z.refine(Number.isFinite, 'must be a number')),
    date: isoDate,
    /** The recorded session it was taken in, when there was one. */
    sessionId: z.optional(id),
  })
  .check(
    z.refine(
      (m) => {
        const [lo, hi] = INSTRUMENT_RANGES[m.instrument];
        return m.score >= lo && m.score <= hi && (m.instrument === 'other' || Number.isInteger(m.score));
      },
      { message: 'is outside the range of its instrument', path: ['score'] },
    ),
  );
export type Measure = z.infer<typeof measure>;
export type MeasureInput = z.input<typeof measure>;

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
  session: z.input<typeof session>;
  person: PersonInput;
  dispute: DisputeInput;
  goal: GoalInput;
  measure: MeasureInput;
}
