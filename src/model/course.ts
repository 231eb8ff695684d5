import { IptError } from './errors.js';
import {
  DEFAULT_PHASES,
  type Authorization,
  type Contract,
  type ContractChange,
  type Course,
  type CourseEnd,
  type PhaseRanges,
  type Session,
} from './schemas.js';

export type Phase = 'initial' | 'middle' | 'termination' | 'maintenance';

/**
 * The last session of the initial phase and the first of the termination phase. Every contract of
 * 3 sessions or more has all three phases. The initial and the termination phase take their
 * configured number of sessions when the contract leaves a middle session besides them; in a
 * shorter contract each takes at most half of the sessions besides one middle session, and when
 * only one of them is cut short it may grow into what the other leaves (the default 3 and 3:
 * 3 sessions 1 / 2 / 3, 6 sessions 1-2 / 3-4 / 5-6, 8 sessions 1-3 / 4-5 / 6-8).
 */
export function phaseBounds(planned: number, phases: PhaseRanges = DEFAULT_PHASES) {
  const half = Math.max(1, Math.floor((planned - 1) / 2));
  let initial = Math.min(phases.initial, half);
  let termination = Math.min(phases.termination, half);
  const spare = Math.max(0, planned - 1 - initial - termination);
  if (phases.initial > initial && phases.termination === termination) initial = Math.min(phases.initial, initial + spare);
  else if (phases.termination > termination && phases.initial === initial) termination = Math.min(phases.termination, termination + spare);
  const initialEnd = Math.min(initial, planned);
  return { initialEnd, terminationStart: Math.max(initialEnd + 1, planned - termination + 1) };
}

/**
 * The phase of acute session `n` (1-based) under a contract of `planned` sessions.
 * Sessions past the contract stay in termination: the contract must be renegotiated.
 */
export function phaseOf(n: number, planned: number, phases: PhaseRanges = DEFAULT_PHASES): Phase {
  const { initialEnd, terminationStart } = phaseBounds(planned, phases);
  if (n <= initialEnd) return 'initial';
  if (n >= terminationStart) return 'termination';
  return 'middle';
}

/** Sessions in the order they happened: by date, then by id for the same day. */
export function sortSessions<T extends Pick<Session, 'date' | 'id'>>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface NumberedSession {
  session: Session;
  /** The attended session's number within its kind (acute or maintenance); absent when not attended. */
  number?: number;
  phase?: Phase;
}

/**
 * Whether a renegotiation applies to the acute session `number` held on `date`: to the sessions
 * after those held when it was agreed (a record without that count: to those after its day).
 */
export const appliesTo = (change: ContractChange, number: number, date: string) => (change.held === undefined ? date > change.date : number > change.held);

/**
 * The acute sessions the contract planned when session `number` was held on `date`. A
 * renegotiation changes only what lies ahead: a session held before it keeps the contract it was
 * held under.
 */
export function contractOn(contract: Contract, number: number, date: string): number {
  return contract.history.find((h) => !appliesTo(h, number, date))?.from ?? contract.sessions;
}

/**
 * Numbers the attended sessions of each kind and gives each the phase it was held in: that of its
 * number under the contract in force on its date (a later renegotiation does not rewrite it).
 */
export function numberSessions(course: Course, sessions: readonly Session[]): NumberedSession[] {
  const counts = { acute: 0, maintenance: 0 };
  return sortSessions(sessions).map((session) => {
    if (session.status !== 'attended') return { session };
    const number = ++counts[session.kind];
    const phase = session.kind === 'maintenance' ? 'maintenance' : phaseOf(number, contractOn(course.contract, number, session.date), course.phases);
    return { session, number, phase };
  });
}

/**
 * The phase of each acute session of the course, session 1 first: those held keep the phase they
 * were held in, those ahead take theirs from the contract as it stands.
 */
export function acutePhases(course: Course, sessions: readonly Session[]): Phase[] {
  const held = numberSessions(course, sessions).flatMap((n) => (n.session.kind === 'acute' && n.phase ? [n.phase] : []));
  const planned = course.contract.sessions;
  const ahead = Array.from({ length: Math.max(0, planned - held.length) }, (_, i) => phaseOf(held.length + i + 1, planned, course.phases));
  return [...held, ...ahead];
}

export interface PhaseRun {
  phase: Phase;
  /** The first and last session of the run, 1-based. */
  from: number;
  to: number;
}

/** Consecutive sessions of one phase, in order: "initial 1-3, middle 4-13, termination 14-16". */
export function phaseRuns(phases: readonly Phase[]): PhaseRun[] {
  const runs: PhaseRun[] = [];
  phases.forEach((phase, i) => {
    const last = runs[runs.length - 1];
    if (last?.phase === phase) last.to = i + 1;
    else runs.push({ phase, from: i + 1, to: i + 1 });
  });
  return runs;
}

/** Attended sessions of a kind: cancelled and no-show sessions do not count. */
export function sessionsDone(sessions: readonly Session[], kind: Session['kind'] = 'acute'): number {
  return sessions.filter((s) => s.kind === kind && s.status === 'attended').length;
}

export interface CourseProgress {
  planned: number;
  done: number;
  left: number;
  /** The phase the course stands in: that of the last attended session, `initial` before any. */
  phase: Phase;
  /** The phase of the next acute session, or undefined when the contract is complete. */
  nextPhase?: Phase;
  /** True while few enough sessions are left that the ending must be discussed. */
  terminationWindow: boolean;
  /** True once every contracted acute session has been attended. */
  complete: boolean;
  /** Attended acute sessions beyond the contract (a renegotiation is due). */
  overContract: number;
  maintenance?: { planned: number; done: number; left: number };
}

/**
 * What may follow a contract whose sessions are all held, offered side by side and in no order of
 * preference (IPT.md "Keep the contract"): the manuals keep the contract, and a patient who has not
 * responded is offered another treatment rather than an automatic extension.
 */
export const CONTRACT_END_OPTIONS = ['end-acute', 'maintenance', 'renegotiate', 'refer'] as const;
export type ContractEndOption = (typeof CONTRACT_END_OPTIONS)[number];

/** Where the course stands: sessions done and left, the phase, the termination window. */
export function courseProgress(course: Course, sessions: readonly Session[]): CourseProgress {
  const planned = course.contract.sessions;
  const held = numberSessions(course, sessions).filter((n) => n.session.kind === 'acute' && n.phase);
  const done = held.length;
  const left = Math.max(0, planned - done);
  const mDone = sessionsDone(sessions, 'maintenance');
  const maintenance = course.maintenance
    ? { planned: course.maintenance.sessions, done: mDone, left: Math.max(0, course.maintenance.sessions - mDone) }
    : undefined;
  let phase: Phase = held[done - 1]?.phase ?? 'initial';
  if (mDone > 0) phase = 'maintenance';
  return {
    planned,
    done,
    left,
    phase,
    nextPhase: left > 0 ? phaseOf(done + 1, planned, course.phases) : undefined,
    // The ending is discussed once the initial phase is over, never before (a 3-session contract).
    terminationWindow: left > 0 && left <= course.phases.window && done >= phaseBounds(planned, course.phases).initialEnd,
    complete: left === 0,
    overContract: Math.max(0, done - planned),
    maintenance,
  };
}

/**
 * Renegotiates the contract: returns the course with the new number of sessions and the change
 * kept in the history, with the `held` acute sessions already attended (it applies to those after
 * them). Pure; the caller stores the result. Throws `invalid-input` for a contract below `held`
 * ("session 4 of 2").
 */
export function renegotiate(course: Course, to: number, date: string, reason?: string, held?: number): Course {
  if (held !== undefined && to < held) throw new IptError('invalid-input', `Invalid contract: ${held} acute sessions have been held, so it cannot plan fewer`, 'to');
  const from = course.contract.sessions;
  return {
    ...course,
    contract: { sessions: to, history: [...course.contract.history, { date, from, to, ...(reason ? { reason } : {}), ...(held !== undefined ? { held } : {}) }] },
  };
}

export type AuthorizationState = 'ok' | 'low' | 'exhausted' | 'expired';

export interface AuthorizationStatus {
  state: AuthorizationState;
  authorized: number;
  /** Attended sessions dated inside the authorization's period. */
  used: number;
  remaining: number;
  end: string;
}

/** The state of a payer authorization on a date (YYYY-MM-DD). */
export function authorizationStatus(
  auth: Authorization,
  sessions: readonly Session[],
  on: string,
): AuthorizationStatus {
  const used = sessions.filter((s) => s.status === 'attended' && s.date >= auth.start && s.date <= auth.end).length;
  const remaining = Math.max(0, auth.sessions - used);
  const state: AuthorizationState =
    on > auth.end ? 'expired' : remaining === 0 ? 'exhausted' : remaining <= auth.lowAt ? 'low' : 'ok';
  return { state, authorized: auth.sessions, used, remaining, end: auth.end };
}

/** How a payer authorization stands against the clinical contract. */
export interface AuthorizationCover {
  /** Attended acute sessions dated before the authorization's start: it does not cover them. */
  heldBefore: number;
  /** The contracted acute sessions from its start (the contract less those held before it). */
  contracted: number;
  /** Contracted sessions from its start beyond the sessions it authorizes. */
  short: number;
}

/** The payer authorization against the contract: the sessions held before its start, and the contracted sessions it does not cover. */
export function authorizationCover(course: Course, sessions: readonly Session[]): AuthorizationCover | undefined {
  const auth = course.authorization;
  if (!auth) return undefined;
  const heldBefore = sessions.filter((s) => s.kind === 'acute' && s.status === 'attended' && s.date < auth.start).length;
  const contracted = Math.max(0, course.contract.sessions - heldBefore);
  return { heldBefore, contracted, short: Math.max(0, contracted - auth.sessions) };
}

/** The number of the acute session attended on a date (the last one, if several), or undefined when there was none. */
export function sessionOn(course: Course, sessions: readonly Session[], date: string): number | undefined {
  return numberSessions(course, sessions).filter((n) => n.session.date === date && n.session.kind === 'acute' && n.number).pop()?.number;
}

/**
 * Ends the course: returns it with `ended` set. Pure; the caller stores the result. Throws
 * `invalid-input` (field `date`) for an end dated after `today` (rule `future`), before the
 * course's start (rule `order`) or before a session attended in it.
 */
export function endCourse(course: Course, sessions: readonly Session[], end: CourseEnd, today: string): Course {
  const last = sessions.reduce((d, s) => (s.status === 'attended' && s.date > d ? s.date : d), '');
  if (end.date > today) throw new IptError('invalid-input', 'Invalid end of the course: it cannot be dated after today', 'date', { rule: { kind: 'future' } });
  if (course.start && end.date < course.start) throw new IptError('invalid-input', 'Invalid end of the course: it cannot be dated before its start', 'date', { rule: { kind: 'order' } });
  if (end.date < last) throw new IptError('invalid-input', 'Invalid end of the course: it cannot be dated before a session attended in it', 'date');
  return { ...course, ended: { date: end.date, how: end.how, ...(end.reason ? { reason: end.reason } : {}) } };
}

/** Reopens an ended course (its end recorded by mistake): the course without `ended`. */
export function reopenCourse(course: Course): Course {
  const { ended: _ended, ...rest } = course;
  return rest;
}
