import { authorizationStatus, courseProgress, numberSessions, type AuthorizationState, type Phase } from './course.js';
import type { CourseState } from './document.js';
import { raisesRisk } from './questionnaires.js';
import type { DisputeStage, Goal, GoalAchievement, GoalLifecycle, Instrument, Session } from './schemas.js';

/**
 * What a write made a course cross, as the events the widgets fire say it (their detail less the
 * course id). Pure: from the course before and after a write, and the date taken as today.
 */
export interface SessionLogged {
  sessionId: string;
  /** The session's number within its kind; absent for a cancelled or missed session. */
  number?: number;
  status: Session['status'];
  kind: Session['kind'];
  /** The phase of the session; absent for a cancelled or missed session. */
  phase?: Phase;
}
export interface PhaseChange {
  from: Phase;
  to: Phase;
  /** Attended acute sessions when the phase changed. */
  session: number;
}
export interface TerminationWindow {
  sessionsLeft: number;
  planned: number;
}
export interface AuthorizationAlert {
  state: Exclude<AuthorizationState, 'ok'>;
  remaining: number;
  authorized: number;
  /** The authorization's end date, YYYY-MM-DD. */
  end: string;
}
export interface RingChange {
  personId: string;
  from: number;
  to: number;
}
export interface DisputeStageChange {
  disputeId: string;
  personId: string;
  from: DisputeStage;
  to: DisputeStage;
}
export interface GoalStatus {
  lifecycle: GoalLifecycle;
  achievement?: GoalAchievement;
}
export interface GoalChange {
  goalId: string;
  from: GoalStatus;
  to: GoalStatus;
}

/** A safety item answered above 0 (PHQ-9 item 9, EPDS item 10): ids only, never the answers. */
export interface Risk {
  measureId: string;
  instrument: Instrument;
}

export type Crossing =
  | { type: 'phase-change'; detail: PhaseChange }
  | { type: 'termination-window'; detail: TerminationWindow }
  | { type: 'authorization-alert'; detail: AuthorizationAlert }
  | { type: 'ring-change'; detail: RingChange }
  | { type: 'dispute-stage-change'; detail: DisputeStageChange }
  | { type: 'goal-change'; detail: GoalChange }
  | { type: 'session-logged'; detail: SessionLogged }
  | { type: 'risk'; detail: Risk };

/** A goal's FHIR statuses, without an absent achievement. */
export const goalStatus = (g: Goal): GoalStatus => (g.achievement === undefined ? { lifecycle: g.lifecycle } : { lifecycle: g.lifecycle, achievement: g.achievement });

/** Each record of `after` that was in `before` too, with its earlier self. */
function pairs<T extends { id: string }>(before: readonly T[], after: readonly T[]): Array<[T, T]> {
  const earlier = new Map(before.map((r) => [r.id, r]));
  return after.flatMap((r) => (earlier.has(r.id) ? [[earlier.get(r.id)!, r] as [T, T]] : []));
}

/**
 * The crossings between two states of a course, in the order they are announced: the course clock
 * (phase, termination window, authorization: on `today`), then people, disputes and goals, then the
 * sessions recorded, then the safety alerts raised. Each fires once per crossing; nothing is crossed from or to no course.
 */
export function crossings(before: CourseState | undefined, after: CourseState | undefined, today: string): Crossing[] {
  if (!before || !after) return [];
  const out: Crossing[] = [];
  const [from, to] = [courseProgress(before.course, before.sessions), courseProgress(after.course, after.sessions)];
  if (from.phase !== to.phase) out.push({ type: 'phase-change', detail: { from: from.phase, to: to.phase, session: to.done } });
  if (!from.terminationWindow && to.terminationWindow) out.push({ type: 'termination-window', detail: { sessionsLeft: to.left, planned: to.planned } });
  const alert = authorizationAlert(before, after, today);
  if (alert) out.push({ type: 'authorization-alert', detail: alert });
  for (const [p, q] of pairs(before.people, after.people)) {
    if (p.ring !== q.ring) out.push({ type: 'ring-change', detail: { personId: q.id, from: p.ring, to: q.ring } });
  }
  for (const [d, e] of pairs(before.disputes, after.disputes)) {
    if (d.stage !== e.stage) out.push({ type: 'dispute-stage-change', detail: { disputeId: e.id, personId: e.personId, from: d.stage, to: e.stage } });
  }
  for (const [g, h] of pairs(before.goals, after.goals)) {
    if (g.lifecycle !== h.lifecycle || g.achievement !== h.achievement) out.push({ type: 'goal-change', detail: { goalId: h.id, from: goalStatus(g), to: goalStatus(h) } });
  }
  const known = new Set(before.sessions.map((s) => s.id));
  for (const { session, number, phase } of numberSessions(after.course, after.sessions)) {
    if (known.has(session.id)) continue;
    out.push({ type: 'session-logged', detail: { sessionId: session.id, status: session.status, kind: session.kind, ...(number ? { number } : {}), ...(phase ? { phase } : {}) } });
  }
  // A measure whose safety item became positive with this write (a new one, or an edit): once.
  const risky = new Set(before.measures.filter(raisesRisk).map((m) => m.id));
  for (const m of after.measures) if (raisesRisk(m) && !risky.has(m.id)) out.push({ type: 'risk', detail: { measureId: m.id, instrument: m.instrument } });
  return out;
}

/**
 * The payer authorization's alert a write raised: when it is not ok after the write and its state
 * or the sessions authorized differ from before (an alert already raised is not raised again).
 */
export function authorizationAlert(before: CourseState, after: CourseState, today: string): AuthorizationAlert | undefined {
  const a = after.course.authorization && authorizationStatus(after.course.authorization, after.sessions, today);
  if (!a || a.state === 'ok') return undefined;
  const b = before.course.authorization && authorizationStatus(before.course.authorization, before.sessions, today);
  if (b?.state === a.state && b.authorized === a.authorized) return undefined;
  return { state: a.state, remaining: a.remaining, authorized: a.authorized, end: a.end };
}
