/**
 * Every event the elements fire, typed in one place. All bubble and are composed; their detail
 * carries ids, numbers and enum values only, never text a user typed.
 * @module
 */
import type { ErrorCode } from './model/errors.js';
import type { Entity } from './model/schemas.js';
import type { ChangeSummary } from './model/changes.js';
import type { SyncErrorKind } from './sync/errors.js';
import type { AuthorizationAlert, DisputeStageChange, GoalChange, PhaseChange, Risk, RingChange, SessionLogged, TerminationWindow } from './model/crossings.js';

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
/** What a user action is about: the detail of its ipt-before-change, less the course. */
export type Intent = Omit<IptBeforeChangeDetail, 'courseId'>;
export interface IptChangeDetail {
  courseId: string;
  entity: Entity;
  id: string;
  op: ChangeSummary['op'];
}
export interface IptSessionLoggedDetail extends SessionLogged {
  courseId: string;
}
export interface IptPhaseChangeDetail extends PhaseChange {
  courseId: string;
}
export interface IptTerminationWindowDetail extends TerminationWindow {
  courseId: string;
}
export interface IptAuthorizationAlertDetail extends AuthorizationAlert {
  courseId: string;
}
export interface IptRingChangeDetail extends RingChange {
  courseId: string;
}
export interface IptDisputeStageChangeDetail extends DisputeStageChange {
  courseId: string;
}
export interface IptGoalChangeDetail extends GoalChange {
  courseId: string;
}
/** A safety item answered above 0: `{courseId, measureId, instrument}`, never the answers. */
export interface IptRiskDetail extends Risk {
  courseId: string;
}
export interface IptErrorDetail {
  code: ErrorCode;
  /** For developers, in English; never quotes user text. */
  message: string;
  /** The field at fault, when there is one. */
  field?: string;
}

/**
 * - `idle`: nothing to do, or waiting for the next round; `syncing`: a round runs;
 * - `offline`: the server could not be reached (it is tried again, later and later);
 * - `unauthorized`: the server refused the credentials (401, 403): nothing more is tried until
 *   `syncNow({ fetch })` gives a fresh fetch; everything is kept;
 * - `conflict`: records changed on both sides wait for a choice (see `conflicts()`, `resolve()`);
 * - `error`: the server failed or answered something the sync cannot trust (tried again later);
 * - `stopped`: `stop()` was called.
 */
export type IptSyncState = 'idle' | 'syncing' | 'offline' | 'unauthorized' | 'conflict' | 'error' | 'stopped';

/** The sync's status (the detail of `ipt-sync`, on the sync handle and on the document): states, counts and a message that names resource types and fields, never values. */
export interface IptSyncDetail {
  state: IptSyncState;
  /** Local changes not on the server yet (outbox entries of the patient's courses). */
  waiting: number;
  /** Records waiting for a choice between this browser's version and the server's. */
  conflicts: number;
  /** When the last round finished well (ISO 8601, this device's clock). */
  lastSynced?: string;
  /** What went wrong last, when the state says something did. */
  error?: { kind: SyncErrorKind | 'store'; message: string };
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
  'ipt-risk': CustomEvent<IptRiskDetail>;
  'ipt-error': CustomEvent<IptErrorDetail>;
  /** From `startSync()` (ipt-elements/sync), on its handle and on the document: the sync's status. */
  'ipt-sync': CustomEvent<IptSyncDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends IptEventMap {}
}

export type DetailOf<K extends keyof IptEventMap> = IptEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Fires an ipt-* event from an element; returns false when a cancelable event was cancelled. */
export function fire<K extends keyof IptEventMap>(target: EventTarget, type: K, detail: DetailOf<K>, cancelable = false): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
