import { html, nothing } from 'lit';
import { authorizationStatus, courseProgress, phaseBounds, type AuthorizationStatus, type CourseProgress } from '../../model/course.js';
import type { CourseState } from '../../model/document.js';
import { instrumentsUsed } from '../../model/measures.js';
import type { Course } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';
import { renderTrend } from './trend.js';

type DateFormat = (iso: string) => string;

/** What the counter shows of a course on a date: where it stands, and its payer authorization. */
export interface View {
  progress: CourseProgress;
  auth: AuthorizationStatus | undefined;
}

export function viewOf({ course, sessions }: CourseState, today: string): View {
  return { progress: courseProgress(course, sessions), auth: course.authorization ? authorizationStatus(course.authorization, sessions, today) : undefined };
}

/** Session n of N (or of maintenance), the phase and the sessions left. */
/** `level`: the aria-level of the widget's top heading (see IptElement.level). */
export function renderSummary(state: CourseState, progress: CourseProgress, msg: Messages, level: unknown) {
  const m = msg.counter;
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
        ${progress.complete ? m.complete : m.left(progress.left)}
        ${progress.overContract ? html` · <strong class="warn">${m.overContract(progress.overContract)}</strong>` : nothing}
      </p>
    </header>
    ${progress.terminationWindow ? html`<p class="alert" part="window" role="status">${m.windowPrompt(progress.left)}</p>` : nothing}`;
}

/** Where the phases of the contract lie: "Initial phase 1–3 · Middle phase 4–13 · …". */
export function renderLegend(course: Course, msg: Messages) {
  const planned = course.contract.sessions;
  const { initialEnd, terminationStart } = phaseBounds(planned, course.phases);
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  const parts: Array<['initial' | 'middle' | 'termination', string]> = [['initial', range(1, initialEnd)]];
  if (terminationStart > initialEnd + 1) parts.push(['middle', range(initialEnd + 1, terminationStart - 1)]);
  if (terminationStart <= planned) parts.push(['termination', range(terminationStart, planned)]);
  return html`<p class="legend">
    ${parts.map(([phase, r]) => html`<span class="key ${phase}"><span class="swatch" aria-hidden="true"></span>${msg.phase[phase]} ${r}</span>`)}
  </p>`;
}

/** Used of authorized, remaining, end date, and the warning when low, used up or expired. */
export function renderAuthorizationStatus(auth: AuthorizationStatus | undefined, lowAt: number, msg: Messages, date: DateFormat) {
  const m = msg.counter;
  if (!auth) return html`<p class="muted">${m.authNone}</p>`;
  return html`<p>${m.authUsage(auth.used, auth.authorized)} · ${m.authRemaining(auth.remaining)} · ${m.authEnds(date(auth.end))}</p>
    <meter min="0" max=${auth.authorized} optimum="0" low=${Math.max(0, auth.authorized - lowAt - 1)} high=${auth.authorized - 1}
      .value=${Math.min(auth.used, auth.authorized)} aria-label=${m.authUsage(auth.used, auth.authorized)}></meter>
    ${auth.state === 'ok' ? nothing : html`<p class="alert ${auth.state === 'low' ? '' : 'danger'}" role="status">${m.authState[auth.state]}</p>`}`;
}

/** One trend per instrument that has measures. */
export function renderMeasures(state: CourseState, msg: Messages, date: DateFormat, level: unknown) {
  const m = msg.counter;
  const used = instrumentsUsed(state.measures);
  return html`<section class="card" part="measures" aria-labelledby="measures-title">
    <h3 aria-level=${level} id="measures-title">${m.measuresTitle}</h3>
    ${used.length === 0
      ? html`<p class="muted">${m.noMeasures}</p>`
      : html`<div class="trends">${used.map((i) => renderTrend(state.measures, i, msg, date))}</div>`}
  </section>`;
}
