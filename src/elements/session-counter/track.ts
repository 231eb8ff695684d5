import { html, nothing } from 'lit';
import { numberSessions, phaseOf, type CourseProgress, type Phase } from '../../model/course.js';
import type { Session } from '../../model/schemas.js';
import type { CourseState } from '../../model/document.js';
import type { Messages } from '../../i18n/index.js';

/**
 * The course as a row of cells: attended sessions filled and numbered, cancelled and missed ones
 * as narrow marks where they happened, the sessions still planned as empty cells, each cell
 * edged in the colour of its phase. Every cell has a title; the summary above says the same in
 * words, so the row is hidden from screen readers to spare them 200 cells.
 */
export function renderTrack(state: CourseState, progress: CourseProgress, msg: Messages, date: (iso: string) => string) {
  const { course } = state;
  const planned = course.contract.sessions;
  const numbered = numberSessions(course, state.sessions);
  const cell = (n: number, phase: Phase, state: string, cls: string) =>
    html`<li class="cell ${phase} ${cls}" title=${msg.counter.trackCell(n, msg.phase[phase], state)}>${n}</li>`;
  /** The recorded sessions of a kind, then the `left` still planned after the `done` attended. */
  const row = (kind: Session['kind'], { done, left }: { done: number; left: number }) => [
    ...numbered
      .filter((n) => n.session.kind === kind)
      .map(({ session, number, phase }) =>
        number && phase
          ? cell(number, phase, `${msg.status.attended} ${date(session.date)}`, `done${number > planned && kind === 'acute' ? ' over' : ''}`)
          : html`<li class="mark ${session.status}" title=${msg.counter.missed(msg.status[session.status], date(session.date))}></li>`,
      ),
    ...Array.from({ length: left }, (_, i) => {
      const n = done + i + 1;
      return cell(n, kind === 'acute' ? phaseOf(n, planned, course.phases) : kind, msg.counter.planned, 'todo');
    }),
  ];
  return html`<div part="track" class="track" aria-hidden="true">
    <ol>${row('acute', progress)}</ol>
    ${progress.maintenance ? html`<ol class="maintenance">${row('maintenance', progress.maintenance)}</ol>` : nothing}
  </div>`;
}
