import {
  DEFAULT_PHASES,
  type Authorization,
  type Course,
  type PhaseRanges,
  type Session,
} from './schemas.js';

export type Phase = 'initial' | 'middle' | 'termination' | 'maintenance';

/** The last session of the initial phase and the first of the termination phase. */
export function phaseBounds(planned: number, phases: PhaseRanges = DEFAULT_PHASES) {
  const initialEnd = Math.min(phases.initial, planned);
  const terminationStart = Math.max(initialEnd + 1, planned - phases.termination + 1);
  return { initialEnd, terminationStart };
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

/** Numbers the attended sessions of each kind and gives each its phase. */
export function numberSessions(course: Course, sessions: readonly Session[]): NumberedSession[] {
  const counts = { acute: 0, maintenance: 0 };
  return sortSessions(sessions).map((session) => {
    if (session.status !== 'attended') return { session };
    const number = ++counts[session.kind];
    const phase = session.kind === 'maintenance' ? 'maintenance' : phaseOf(number, course.contract.sessions, course.phases);
    return { session, number, phase };
  });
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

/** Where the course stands: sessions done and left, the phase, the termination window. */
export function courseProgress(course: Course, sessions: readonly Session[]): CourseProgress {
  const planned = course.contract.sessions;
  const done = sessionsDone(sessions, 'acute');
  const left = Math.max(0, planned - done);
  const mDone = sessionsDone(sessions, 'maintenance');
  const maintenance = course.maintenance
    ? { planned: course.maintenance.sessions, done: mDone, left: Math.max(0, course.maintenance.sessions - mDone) }
    : undefined;
  let phase: Phase = done === 0 ? 'initial' : phaseOf(done, planned, course.phases);
  if (mDone > 0) phase = 'maintenance';
  return {
    planned,
    done,
    left,
    phase,
    nextPhase: left > 0 ? phaseOf(done + 1, planned, course.phases) : undefined,
    terminationWindow: left > 0 && left <= course.phases.window,
    complete: left === 0,
    overContract: Math.max(0, done - planned),
    maintenance,
  };
}

/**
 * Renegotiates the contract: returns the course with the new number of sessions and the change
 * kept in the history. Pure; the caller stores the result.
 */
export function renegotiate(course: Course, to: number, date: string, reason?: string): Course {
  const from = course.contract.sessions;
  return {
    ...course,
    contract: { sessions: to, history: [...course.contract.history, { date, from, to, ...(reason ? { reason } : {}) }] },
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

/** The number of the acute session attended on a date (the last one, if several), or undefined when there was none. */
export function sessionOn(course: Course, sessions: readonly Session[], date: string): number | undefined {
  return numberSessions(course, sessions).filter((n) => n.session.date === date && n.session.kind === 'acute' && n.number).pop()?.number;
}
