import { html, nothing } from 'lit';
import { numberSessions, phaseOf, type CourseProgress } from '../../model/course.js';
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
  const acute = numbered.filter((n) => n.session.kind === 'acute');
  const maintenance = numbered.filter((n) => n.session.kind === 'maintenance');
  const cell = (n: number, phase: keyof Messages['phase'], state: string, cls: string) =>
    html`<li class="cell ${phase} ${cls}" title=${msg.counter.trackCell(n, msg.phase[phase], state)}>${n}</li>`;
  const recorded = (list: typeof numbered) =>
    list.map(({ session, number, phase }) =>
      number && phase
        ? cell(number, phase, `${msg.status.attended} ${date(session.date)}`, `done${number > planned && session.kind === 'acute' ? ' over' : ''}`)
        : html`<li class="mark ${session.status}" title=${msg.counter.missed(msg.status[session.status], date(session.date))}></li>`,
    );
  const remaining = Array.from({ length: progress.left }, (_, i) => {
    const n = progress.done + i + 1;
    return cell(n, phaseOf(n, planned, course.phases), msg.counter.planned, 'todo');
  });
  const maintenanceLeft = progress.maintenance
    ? Array.from({ length: progress.maintenance.left }, (_, i) => cell(progress.maintenance!.done + i + 1, 'maintenance', msg.counter.planned, 'todo'))
    : [];
  return html`<div part="track" class="track" aria-hidden="true">
    <ol>${recorded(acute)}${remaining}</ol>
    ${course.maintenance ? html`<ol class="maintenance">${recorded(maintenance)}${maintenanceLeft}</ol>` : nothing}
  </div>`;
}
