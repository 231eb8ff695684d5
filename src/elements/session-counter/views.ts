import { measureDue } from '../../model/protocols.js';
import { html, nothing } from 'lit';
import type { Course } from '../../model/schemas.js';
import {
  CONTRACT_END_OPTIONS,
  acutePhases,
  authorizationCover,
  authorizationStatus,
  courseProgress,
  phaseRuns,
  type AuthorizationCover,
  type AuthorizationStatus,
  type CourseProgress,
} from '../../model/course.js';
import type { CourseState } from '../../model/document.js';
import { instrumentsUsed } from '../../model/measures.js';
import { initialPhaseGaps } from '../../model/formulation.js';
import type { Messages } from '../../i18n/index.js';
import { renderTrend } from './trend.js';

type DateFormat = (iso: string) => string;

/** What the counter shows of a course on a date: where it stands, and its payer authorization. */
export interface View {
  progress: CourseProgress;
  auth: AuthorizationStatus | undefined;
  /** The authorization against the contract. */
  cover: AuthorizationCover | undefined;
}

export function viewOf({ course, sessions }: CourseState, today: string): View {
  return {
    progress: courseProgress(course, sessions),
    auth: course.authorization ? authorizationStatus(course.authorization, sessions, today) : undefined,
    cover: authorizationCover(course, sessions),
  };
}

/** Session n of N (or of maintenance), the phase and the sessions left. */
/** `level`: the aria-level of the widget's top heading (see IptElement.level). */
export function renderSummary(state: CourseState, progress: CourseProgress, msg: Messages, level: unknown, date: DateFormat) {
  const m = msg.counter;
  const ended = state.course.ended;
  const maintenance = progress.maintenance && progress.maintenance.done > 0 ? progress.maintenance : undefined;
  const heading = maintenance
    ? m.maintenanceOf(maintenance.done, maintenance.planned, msg.cadence[state.course.maintenance!.cadence])
    : progress.done === 0
      ? m.notStarted(progress.planned)
      : m.sessionOf(progress.done, progress.planned);
  return html`<header part="summary" class="summary">
      <h2 aria-level=${level}>${heading}</h2>
      <span class="badge ${progress.phase}">${msg.phase[progress.phase]}</span>
      <p>
        ${ended ? m.endedOn[ended.how](date(ended.date)) : progress.complete ? m.complete : m.left(progress.left)}
        ${progress.overContract ? html` · <strong class="warn">${m.overContract(progress.overContract)}</strong>` : nothing}
      </p>
    </header>
    ${progress.terminationWindow && !ended ? html`<p class="alert" part="window" role="status">${m.windowPrompt(progress.left)}</p>` : nothing}
    ${progress.complete && !progress.maintenance && !ended
      ? html`<div class="alert" part="ending" role="status">
          <p id="ending-title">${m.endTitle}</p>
          <ul aria-labelledby="ending-title">
            ${CONTRACT_END_OPTIONS.map((o) => html`<li>${m.endOption[o]}</li>`)}
          </ul>
        </div>`
      : nothing}
    ${renderInitialGaps(state, progress, msg)}`;
}

/** When the middle phase starts (or has started) with no agreed focus or formulation: says which. */
function renderInitialGaps({ course }: CourseState, progress: CourseProgress, msg: Messages) {
  const gaps = initialPhaseGaps(course);
  const middle = progress.phase === 'middle' || (progress.phase === 'initial' && progress.nextPhase === 'middle');
  return middle && gaps.length
    ? html`<p class="alert" part="initial-gaps" role="status">${msg.counter.middleWithout(gaps.includes('focus'), gaps.includes('formulation'))}</p>`
    : nothing;
}

/**
 * Where the phases of the course lie: "Initial phase 1–3 · Middle phase 4–13 · …". Sessions held
 * keep the phase they were held in; a renegotiation moves only the phases ahead. Then the marks of
 * cancelled and missed sessions, when the track shows them.
 */
export function renderLegend({ course, sessions }: CourseState, msg: Messages) {
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  return html`<p class="legend">
    ${phaseRuns(acutePhases(course, sessions)).map(
      ({ phase, from, to }) => html`<span class="key ${phase}"><span class="swatch" aria-hidden="true"></span>${msg.phase[phase]} ${range(from, to)}</span>`,
    )}
    ${(['cancelled', 'no-show'] as const).map((s) =>
      sessions.some((x) => x.status === s) ? html`<span class="key"><span class="mark ${s}" aria-hidden="true"></span>${msg.status[s]}</span>` : nothing,
    )}
    ${measureDue(course, 1) ? html`<span class="key"><span class="due-dot" aria-hidden="true"></span>${msg.counter.dueKey}</span>` : nothing}
  </p>`;
}

/**
 * Used of authorized, remaining, end date; from the start, the contracted sessions it does not
 * cover and the sessions held before it; the warning when low, used up or expired.
 */
export function renderAuthorizationStatus({ auth, cover }: View, lowAt: number, msg: Messages, date: DateFormat) {
  const m = msg.counter;
  if (!auth || !cover) return html`<p class="muted">${m.authNone}</p>`;
  return html`<p>${m.authUsage(auth.used, auth.authorized)} · ${m.authRemaining(auth.remaining)} · ${m.authEnds(date(auth.end))}</p>
    <meter min="0" max=${auth.authorized} optimum="0" low=${Math.max(0, auth.authorized - lowAt - 1)} high=${auth.authorized - 1}
      .value=${Math.min(auth.used, auth.authorized)} aria-label=${m.authUsage(auth.used, auth.authorized)}></meter>
    ${cover.short || cover.heldBefore
      ? html`<p class="alert cover">
          ${cover.short ? m.authShort(auth.authorized, cover.contracted, cover.short, cover.heldBefore > 0) : nothing}
          ${cover.heldBefore ? m.authBefore(cover.heldBefore) : nothing}
        </p>`
      : nothing}
    ${auth.state === 'ok' ? nothing : html`<p class="alert ${auth.state === 'low' ? '' : 'danger'}" role="status">${m.authState[auth.state]}</p>`}`;
}

/** One trend per instrument that has measures. */
/** `width`: the width the trends are shown at (0 before they are laid out). */
export function renderMeasures(state: CourseState, msg: Messages, date: DateFormat, level: unknown, width: number) {
  const m = msg.counter;
  const used = instrumentsUsed(state.measures);
  return html`<section class="card" part="measures" aria-labelledby="measures-title">
    <h3 aria-level=${level} id="measures-title">${m.measuresTitle}</h3>
    ${used.length === 0
      ? html`<p class="muted">${m.noMeasures}</p>`
      : html`<div class="trends">${used.map((i) => renderTrend(state.measures, i, msg, date, width))}</div>`}
  </section>`;
}

/** The contract, its history of renegotiations and (`form`) the renegotiation's opener or form. */
export function renderContract(course: Course, msg: Messages, date: DateFormat, level: unknown, form: unknown) {
  const m = msg.counter;
  const history = course.contract.history;
  return html`<section class="card" aria-labelledby="contract-title">
    <h3 aria-level=${level} id="contract-title">${m.contractTitle}</h3>
    <p>${m.contract(course.contract.sessions)}</p>
    ${history.length
      ? html`<details>
          <summary>${m.contractHistory(history.length)}</summary>
          <ol>
            ${history.map((h) => html`<li>${m.contractChange(date(h.date), h.from, h.to)}${h.reason ? html` · <span>${h.reason}</span>` : nothing}</li>`)}
          </ol>
        </details>`
      : nothing}
    ${form}
  </section>`;
}
