/**
 * Every event the elements fire, typed in one place. All bubble and are composed; their detail
 * carries ids, numbers and enum values only, never text a user typed.
 * @module
 */
import type { Phase, AuthorizationState } from './model/course.js';
import type { ErrorCode } from './model/errors.js';
import type { DisputeStage, Entity, GoalAchievement, GoalLifecycle, SessionStatus, Session } from './model/schemas.js';
import type { ChangeSummary } from './model/changes.js';

export interface IptReadyDetail {
  courseId: string;
}
export interface IptBeforeChangeDetail {
  courseId: string;
  entity: Entity;
  /** The record the action touches, when it already has an id. */
  id?: string;
  /** What the user is doing, such as `record-session` or `renegotiate`. */
  action: string;
}
export interface IptChangeDetail {
  courseId: string;
  entity: Entity;
  id: string;
  op: ChangeSummary['op'];
}
export interface IptSessionLoggedDetail {
  courseId: string;
  sessionId: string;
  /** The session's number within its kind; absent for a cancelled or missed session. */
  number?: number;
  status: SessionStatus;
  kind: Session['kind'];
  /** The phase of the session; absent for a cancelled or missed session. */
  phase?: Phase;
}
export interface IptPhaseChangeDetail {
  courseId: string;
  from: Phase;
  to: Phase;
  /** Attended acute sessions when the phase changed. */
  session: number;
}
export interface IptTerminationWindowDetail {
  courseId: string;
  sessionsLeft: number;
  planned: number;
}
export interface IptAuthorizationAlertDetail {
  courseId: string;
  state: Exclude<AuthorizationState, 'ok'>;
  remaining: number;
  authorized: number;
  /** The authorization's end date, YYYY-MM-DD. */
  end: string;
}
export interface IptRingChangeDetail {
  courseId: string;
  personId: string;
  from: number;
  to: number;
}
export interface IptDisputeStageChangeDetail {
  courseId: string;
  disputeId: string;
  personId: string;
  from: DisputeStage;
  to: DisputeStage;
}
export interface IptGoalChangeDetail {
  courseId: string;
  goalId: string;
  from: { lifecycle: GoalLifecycle; achievement?: GoalAchievement };
  to: { lifecycle: GoalLifecycle; achievement?: GoalAchievement };
}
export interface IptErrorDetail {
  code: ErrorCode;
  /** For developers, in English; never quotes user text. */
  message: string;
  /** The field at fault, when there is one. */
  field?: string;
}

export interface IptEventMap {
  'ipt-ready': CustomEvent<IptReadyDetail>;
  'ipt-before-change': CustomEvent<IptBeforeChangeDetail>;
  'ipt-change': CustomEvent<IptChangeDetail>;
  'ipt-session-logged': CustomEvent<IptSessionLoggedDetail>;
  'ipt-phase-change': CustomEvent<IptPhaseChangeDetail>;
  'ipt-termination-window': CustomEvent<IptTerminationWindowDetail>;
  'ipt-authorization-alert': CustomEvent<IptAuthorizationAlertDetail>;
  'ipt-ring-change': CustomEvent<IptRingChangeDetail>;
  'ipt-dispute-stage-change': CustomEvent<IptDisputeStageChangeDetail>;
  'ipt-goal-change': CustomEvent<IptGoalChangeDetail>;
  'ipt-error': CustomEvent<IptErrorDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends IptEventMap {}
}

type DetailOf<K extends keyof IptEventMap> = IptEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Fires an ipt-* event from an element; returns false when a cancelable event was cancelled. */
export function fire<K extends keyof IptEventMap>(target: EventTarget, type: K, detail: DetailOf<K>, cancelable = false): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
