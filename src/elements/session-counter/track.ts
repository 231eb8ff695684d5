import { html, nothing } from 'lit';
import { acutePhases, appliesTo, numberSessions, type CourseProgress, type Phase } from '../../model/course.js';
import { measureDue } from '../../model/protocols.js';
import type { Session } from '../../model/schemas.js';
import type { CourseState } from '../../model/document.js';
import type { Messages } from '../../i18n/index.js';

/**
 * The course as a row of cells: attended sessions filled and numbered, cancelled and missed ones
 * as narrow marks where they happened, each renegotiation of the contract as a bar where it was
 * agreed, the sessions still planned as empty cells, each cell edged in the colour of its phase
 * (held sessions keep the phase they were held in), a dot under each acute session at which the
 * protocol asks for a symptom measure (issue 20's schedule). Every cell has a title; the summary, the
 * legend and the contract history say the same in words, so the row is hidden from screen readers
 * to spare them 200 cells.
 */
export function renderTrack(state: CourseState, progress: CourseProgress, msg: Messages, date: (iso: string) => string) {
  const { course } = state;
  const planned = course.contract.sessions;
  const numbered = numberSessions(course, state.sessions);
  const phases = acutePhases(course, state.sessions);
  const cell = (n: number, phase: Phase, state: string, cls: string) => {
    const due = phase !== 'maintenance' && measureDue(course, n);
    return html`<li class="cell ${phase} ${cls}${due ? ' due' : ''}" title=${msg.counter.trackCell(n, msg.phase[phase], due ? `${state} · ${msg.counter.dueKey}` : state)}>${n}</li>`;
  };
  // Each renegotiation's bar goes before the first session it applies to.
  const history = course.contract.history;
  let next = 0;
  const changesBefore = (session?: { number: number; date: string }) => {
    const bars = [];
    for (; next < history.length && (!session || appliesTo(history[next]!, session.number, session.date)); next++) {
      const h = history[next]!;
      bars.push(html`<li class="change" title=${msg.counter.contractChange(date(h.date), h.from, h.to)}></li>`);
    }
    return bars;
  };
  /** The recorded sessions of a kind, then the `left` still planned after the `done` attended. */
  const row = (kind: Session['kind'], { done, left }: { done: number; left: number }) => [
    ...numbered
      .filter((n) => n.session.kind === kind)
      .map(({ session, number, phase }) => [
        ...(kind === 'acute' && number ? changesBefore({ number, date: session.date }) : []),
        number && phase
          ? cell(number, phase, `${msg.status.attended} ${date(session.date)}`, `done${number > planned && kind === 'acute' ? ' over' : ''}`)
          : html`<li class="mark ${session.status}" title=${msg.counter.missed(msg.status[session.status], date(session.date))}></li>`,
      ]),
    ...(kind === 'acute' ? changesBefore() : []),
    ...Array.from({ length: left }, (_, i) => {
      const n = done + i + 1;
      return cell(n, kind === 'acute' ? phases[n - 1]! : kind, msg.counter.planned, 'todo');
    }),
  ];
  return html`<div part="track" class="track" aria-hidden="true">
    <ol>${row('acute', progress)}</ol>
    ${progress.maintenance ? html`<ol class="maintenance">${row('maintenance', progress.maintenance)}</ol>` : nothing}
  </div>`;
}
