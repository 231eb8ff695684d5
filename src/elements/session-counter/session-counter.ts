import { html, nothing, type PropertyValues } from 'lit';
import { endCourse, numberSessions, renegotiate, reopenCourse, sessionsDone, type CourseProgress } from '../../model/course.js';
import { DUE_INSTRUMENTS, measureDue, presetOf } from '../../model/protocols.js';
import type { CourseState } from '../../model/document.js';
import { IptError } from '../../model/errors.js';
import { checkSessionMeasures, instrumentOrder, instrumentsUsed, lastInstruments } from '../../model/measures.js';
import { nextSessionDate, typedDate } from '../../model/dates.js';
import { newId } from '../../model/primitives.js';
import {
  COURSE_ENDINGS,
  MAX_PLANNED_SESSIONS,
  SESSION_KINDS,
  SESSION_MODES,
  SESSION_STATUSES,
  type Course,
  type CourseEnding,
  type Measure,
  type Session,
} from '../../model/schemas.js';
import type { Change } from '../../model/changes.js';
import { IptElement, type Intent } from '../base.js';
import { formValues, toInt, wholeIn } from '../forms.js';
import { countField, dateField, renderField, type Field } from '../fields.js';
import { Width } from '../controllers/width.js';
import { DateCheck } from './date-check.js';
import { counterStyles } from './styles.js';
import { renderTrack } from './track.js';
import { measureChanges, measureName, renderMeasureFields, type Taking } from './measure-fields.js';
import { renderAuthorizationStatus, renderContract, renderLegend, renderMeasures, renderSummary, viewOf, type View } from './views.js';

const CADENCES = ['monthly', 'biweekly', 'weekly'] as const;
type Cadence = (typeof CADENCES)[number];
/** Where focus goes when the record form is ready for a session: its date. */
const RECORD_FIRST_FIELD = '#record-form input';
type Values = Record<string, string>;

/**
 * The course clock of IPT: session n of N, the phase and where the phases lie, the termination
 * window, the payer authorization apart from the contract, and symptom measures over the course.
 * Records sessions (with an optional measure), corrects and removes them, renegotiates the
 * contract, sets the payer authorization, starts a maintenance contract, and records the end of the
 * course (completed, or stopped early) or reopens it.
 *
 * @tagname ipt-session-counter
 * @summary Where a course of IPT stands, and the sessions that make it.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before a user action is written.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-session-logged - A session was recorded: `{courseId, sessionId, number, status, kind, phase}`.
 * @fires ipt-phase-change - A recorded, corrected or removed session moved the course to another phase.
 * @fires ipt-termination-window - The course entered the window in which the ending must be discussed.
 * @fires ipt-authorization-alert - The payer authorization became low, used up or expired.
 * @fires ipt-error - Something failed: `{code, message, field}`.
 * @csspart base - The whole widget.
 * @csspart risk - The safety alerts (PHQ-9 item 9, EPDS item 10 above 0) until a clinician acknowledges them.
 * @csspart summary - Session n of N, the phase and the sessions left.
 * @csspart track - The row of planned and recorded sessions.
 * @csspart window - The prompt to discuss the ending.
 * @csspart initial-gaps - The middle phase starts with no agreed focus or formulation.
 * @csspart ending - Once the contracted sessions are held: what may follow, offered side by side.
 * @csspart end - The end of the course: when and how it ended, or the form to end it.
 * @csspart authorization - The payer authorization panel.
 * @csspart measures - The symptom measures.
 * @csspart trend - One instrument's trend chart.
 * @csspart form - The form to record a session.
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Buttons, focus and attended sessions.
 * @cssprop --ipt-color-phase-initial - The initial phase on the track.
 * @cssprop --ipt-color-phase-middle - The middle phase on the track.
 * @cssprop --ipt-color-phase-termination - The termination phase on the track.
 * @cssprop --ipt-color-warning - Warnings (termination window, low authorization).
 */
export class IptSessionCounter extends IptElement {
  static override styles = [IptElement.styles, counterStyles];
  protected override shows = ['session', 'measure'];
  protected override get synced() {
    return ['course', ...this.shows];
  }
  static override properties = {
    plannedSessions: { attribute: 'planned-sessions' },
    listed: { state: true },
  };

  /**
   * The contract offered when the course is started (1-100; attribute `planned-sessions`); unset, the
   * protocol's (16 without one). The stored contract wins once there is one.
   */
  declare plannedSessions: string | number;
  /** Whether the list of recorded sessions is open: its rows are made only then (a long course has hundreds). */
  private declare listed: boolean;

  constructor() {
    super();
    this.plannedSessions = '';
    this.listed = false;
  }

  #view: View | undefined;
  /** The width the trends are drawn at. */
  #width = new Width(this, '.trends');
  /** The instruments ticked in the record form ('record') and in a session's edit panel, once changed there. */
  #taking = new Map<string, Taking>();
  /** Whether the record form's status is attended: only then are the last instruments offered. */
  #attended = true;
  /** Follows the instruments ticked in a form (they decide its score fields). */
  #take = (key: string) => (t: Taking) => {
    this.#taking.set(key, t);
    this.requestUpdate();
  };
  /** The date of a session checked before it is written: refused, or asked about in its form. */
  #dates = new DateCheck(this, { fail: (e) => this.fail(e), focus: (s) => this.panels.focus(s) });

  protected override get planned(): number {
    return this.#planned ?? super.planned;
  }

  /** The counter's start form is the one a page shows: it is where the contract is seen. */
  protected override get startsFirst(): boolean {
    return true;
  }

  /** Once the course is started, the next thing is to record its first session. */
  protected override afterStart = [RECORD_FIRST_FIELD];

  /** The planned-sessions attribute as a number, or undefined when it is not a valid contract. */
  get #planned(): number | undefined {
    if (this.plannedSessions === '' || this.plannedSessions === null || this.plannedSessions === undefined) return presetOf(this.protocolSet).contract;
    return wholeIn(this.plannedSessions, 1, MAX_PLANNED_SESSIONS);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('plannedSessions') && this.#planned === undefined) {
      this.fail(new IptError('invalid-input', `Invalid planned-sessions: must be a whole number from 1 to ${MAX_PLANNED_SESSIONS}`, 'planned-sessions'));
    }
    // The authorization's state depends on the date (the base has refused a bad one).
    if (changed.has('today') || this.courseChanged(changed)) this.#view = this.course && viewOf(this.course, this.now);
  }

  /**
   * Writes the one record a form's values make; on success the open panel closes and focus goes
   * back to its opener (or to `focus`). On failure the form stays as it was.
   */
  async #put(v: Values, intent: Intent, record: (v: Values) => Extract<Change, { op: 'put' }>['record'], focus?: string) {
    if (await this.act(intent, () => [{ op: 'put', entity: intent.entity, record: record(v) } as Change])) this.panels.close(focus);
  }

  /** The submit handler of a course form: the course as `next` makes it from the stored one and the form's values. */
  #courseForm(action: string, next: (course: Course, v: Values) => Course) {
    return (values: Values) => this.#put(values, { entity: 'course', id: this.courseId, action }, (v) => next(this.course!.course, v));
  }

  async #record(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const session: Session = {
      id: newId(),
      courseId: this.courseId,
      date: v.date,
      status: v.status as Session['status'],
      kind: (v.kind as Session['kind']) || 'acute',
      mode: v.mode as Session['mode'],
    };
    if (!this.#dates.ok('record', this.course!, session, this.now)) return;
    const changes: Change[] = [{ op: 'put', entity: 'session', record: session }, ...measureChanges(v, session, [])];
    const checked = () => (checkSessionMeasures(session, changes.length - 1, 'instrument'), changes); // none on a missed visit
    if (!(await this.act({ entity: 'session', id: session.id, action: 'record-session' }, checked))) return;
    // The instruments just taken are offered again at the next visit (they are the course's latest).
    form.reset();
    this.#taking.delete('record');
    this.#attended = true;
    this.panels.focus(RECORD_FIRST_FIELD);
  }

  /** Corrects a session and the measures it holds (each added, corrected or removed on its own) in one action. */
  #correct(state: CourseState, session: Session, held: Measure[], v: Values) {
    const id = session.id;
    const next = { ...session, date: v.date!, status: v.status as Session['status'], mode: v.mode as Session['mode'] };
    if (!this.#dates.ok(`edit:${id}`, state, next, this.now)) return;
    const changes: Change[] = [{ op: 'put', entity: 'session', record: next }, ...measureChanges(v, next, held)];
    const kept = changes.filter((c) => c.entity === 'measure' && c.op === 'put').length;
    void this.act({ entity: 'session', id, action: 'correct-session' }, () => (checkSessionMeasures(next, kept, 'status'), changes)).then((done) => {
      if (done) {
        this.#taking.delete(`edit:${id}`);
        this.panels.close();
      }
    });
  }

  async #remove(id: string) {
    const measures = this.course!.measures.filter((m) => m.sessionId === id);
    const changes: Change[] = [...measures.map((m) => ({ op: 'delete' as const, entity: 'measure' as const, id: m.id })), { op: 'delete', entity: 'session', id }];
    if (await this.act({ entity: 'session', id, action: 'remove-session' }, () => changes)) this.panels.close('#sessions-summary');
  }

  protected override render() {
    return html`<section part="base" aria-label=${this.msg.counter.label}>
      ${this.renderProblem()} ${this.risks.render()}
      ${this.renderStatus()}
      ${this.course && this.#view ? this.#renderCourse(this.course, this.#view) : nothing}
    </section>`;
  }

  #renderCourse(state: CourseState, view: View) {
    const date = (iso: string) => this.date(iso);
    const { course } = state;
    const m = this.msg.counter;
    return html`
      ${renderSummary(state, view.progress, this.msg, this.level(0), date)}
      ${renderTrack(state, view.progress, this.msg, date)}
      ${renderLegend(state, this.msg)}
      ${this.readonly || course.ended ? nothing : this.#renderRecordForm(state, view.progress)}
      <section class="card authorization ${view.auth?.state ?? ''}" part="authorization" aria-labelledby="auth-title">
        <h3 aria-level=${this.level(1)} id="auth-title">${m.authTitle}</h3>
        ${renderAuthorizationStatus(view, course.authorization?.lowAt ?? 0, this.msg, date)}
        ${this.#renderAuthorizationForm(course)}
      </section>
      ${renderMeasures(state, this.msg, date, this.level(1), this.#width.width)}
      ${this.#renderSessions(state)}
      ${this.#renderContract(course)}
      ${this.#renderMaintenance(course, view.progress)}
      ${this.#renderEnd(course, view.progress)}
    `;
  }

  /** A course form: the button that opens it, or the form (renderPanel: Save, Cancel, Escape) when it is open. */
  #toggle(key: string, label: string, fields: Field[], values: object, submit: (v: Values) => unknown) {
    if (this.readonly) return nothing;
    return this.panels.open === key ? this.panels.render(key, label, this.panels.fields(fields, values as Record<string, unknown>), submit) : this.panels.opener(key, label);
  }

  /** The status of a session, as a select. */
  #statusField(): Field {
    return { name: 'status', label: this.msg.counter.sessionStatus, type: 'select', options: SESSION_STATUSES.map((s) => [s, this.msg.status[s]]) };
  }

  /** How a session was held (video, the default, phone, in person), as a select. */
  #modeField(): Field {
    return { name: 'mode', label: this.msg.counter.sessionMode, type: 'select', options: SESSION_MODES.map((s) => [s, this.msg.mode[s]]) };
  }

  #renderRecordForm(state: CourseState, progress: CourseProgress) {
    const { course } = state;
    const m = this.msg.counter;
    const fields: Field[] = [this.#statusField(), this.#modeField()];
    if (course.maintenance) {
      fields.push({ name: 'kind', label: m.sessionKind, type: 'select', options: SESSION_KINDS.map((k) => [k, this.msg.kind[k]]) });
    }
    const expected = nextSessionDate(course, state.sessions);
    const due = measureDue(course, progress.done + 1);
    // The instruments of the latest visit are offered again at an attended visit when a measure is due
    // (always without a schedule); a due measure with none taken yet starts with PHQ-9 and GAD-7.
    const last = lastInstruments(state.measures);
    const dueNow = !progress.complete && due;
    const offered =
      this.#attended && (presetOf(course.protocol).measureEvery === undefined || dueNow)
        ? dueNow && !last.instruments.length
          ? { instruments: [...DUE_INSTRUMENTS], version: undefined }
          : last
        : { instruments: [], version: undefined };
    return html`<form id="record-form" part="form" class="card" aria-labelledby="record-title" @submit=${this.#record} @invalid=${this.onInvalid}
      @change=${(e: Event) => {
        this.#attended = (e.currentTarget as HTMLFormElement).status.value === 'attended';
        this.requestUpdate();
      }}>
      <h3 aria-level=${this.level(1)} id="record-title">${m.recordTitle}</h3>
      <div class="row">
        ${renderField(dateField('date', m.date), this.now, undefined, this.locale.dateInput)}
        ${expected && expected < this.now
          ? html`<button type="button" class="link" @click=${(e: Event) => ((e.target as HTMLButtonElement).form!.date.value = typedDate(expected, this.locale.dateInput.order))}>${m.useExpected(this.date(expected))}</button>`
          : nothing}
        ${this.panels.fields(fields, { kind: progress.complete ? 'maintenance' : 'acute' })}
      </div>
      ${expected && expected > this.now ? html`<p class="muted">${m.expectedOn(this.date(expected))}</p>` : nothing}
      ${renderMeasureFields(this.#taking.get('record') ?? offered, this.msg, [], this.#take('record'))}
      ${!progress.complete && due ? html`<p class="muted">${m.measureDue}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy}>${m.recordButton}</button>
      ${this.#dates.render('record', this.msg, course.start && this.date(course.start))}
    </form>`;
  }

  #renderAuthorizationForm(course: Course) {
    const m = this.msg.counter;
    const a = course.authorization;
    return this.#toggle(
      'authorization',
      a ? m.authUpdate : m.authAdd,
      [
        countField('sessions', m.authSessions, 200),
        dateField('start', m.authStart),
        dateField('end', m.authEnd),
        countField('lowAt', m.authLowAt, 50, 0),
        { name: 'reference', label: m.authReference, hint: this.msg.optional },
      ],
      a ?? { sessions: 12, start: this.now, lowAt: 2 },
      this.#courseForm('set-authorization', (c, v) => ({
        ...c,
        authorization: {
          sessions: toInt(v.sessions),
          start: v.start,
          end: v.end,
          lowAt: toInt(v.lowAt),
          ...(v.reference.trim() ? { reference: v.reference } : {}),
        },
      })),
    );
  }

  #renderSessions(state: CourseState) {
    const m = this.msg.counter;
    const rows = numberSessions(state.course, state.sessions).reverse();
    const bySession = new Map<string, Measure[]>();
    // A visit's measures in the order of INSTRUMENTS.
    for (const x of instrumentOrder(state.measures)) if (x.sessionId) bySession.set(x.sessionId, [...(bySession.get(x.sessionId) ?? []), x]);
    const editable = !this.readonly;
    const columns = [m.colNumber, m.colDate, m.colStatus, m.colPhase, m.colMeasure, ...(editable ? [m.colActions] : [])];
    return html`<details class="card sessions" ?open=${this.listed} @toggle=${(e: Event) => (this.listed = (e.target as HTMLDetailsElement).open)}>
      <summary id="sessions-summary"><h3 aria-level=${this.level(1)}>${m.sessionsTitle} (${rows.length})</h3></summary>
      ${!this.listed && !/^(edit|remove):/.test(this.panels.open ?? '')
        ? nothing
        : rows.length === 0
        ? html`<p class="muted">${m.noSessions}</p>`
        : html`<div class="scroll" role="region" aria-labelledby="sessions-summary" tabindex="0"><table>
            <thead>
              <tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr>
            </thead>
            <tbody data-rove>
              ${this.paging.rows('sessions', rows).map(({ session, number, phase }) => {
                const id = session.id;
                const label = m.sessionLabel(number, this.date(session.date));
                const measures = bySession.get(id) ?? [];
                if (editable && this.panels.open === `edit:${id}`) {
                  return html`<tr class="editing">
                    <td colspan="6">
                      ${this.panels.render(
                        `edit:${id}`,
                        m.editSession(label),
                        html`${this.panels.fields([dateField('date', m.date), this.#statusField(), this.#modeField()], session)}
                        ${renderMeasureFields(this.#taking.get(`edit:${id}`) ?? { instruments: instrumentsUsed(measures), version: measures.find((x) => x.version)?.version }, this.msg, measures, this.#take(`edit:${id}`))}`,
                        (v) => this.#correct(state, session, measures, v),
                        { extra: this.#dates.render(`edit:${id}`, this.msg, state.course.start && this.date(state.course.start)) },
                      )}
                    </td>
                  </tr>`;
                }
                return html`<tr class=${session.status} data-rove-row>
                  <td data-label=${m.colNumber}>${number ?? '–'}</td>
                  <td data-label=${m.colDate}>${this.date(session.date)}</td>
                  <td data-label=${m.colStatus}>${this.msg.status[session.status]} · ${this.msg.mode[session.mode]}${session.kind === 'maintenance' ? html` · ${this.msg.kind.maintenance}` : nothing}</td>
                  <td data-label=${m.colPhase}>${phase ? this.msg.phase[phase] : '–'}</td>
                  <td data-label=${m.colMeasure}>${measures.map((x) => `${measureName(x, this.msg)} ${x.score}`).join(', ') || '–'}</td>
                  ${editable ? html`<td class="actions">${this.#renderRowActions(id, label, measures.length)}</td>` : nothing}
                </tr>`;
              })}
            </tbody>
          </table></div>${this.paging.more('sessions', rows.length, this.msg.showMore)}`}
    </details>`;
  }

  /** Edit and Remove; after Remove, the confirmation (focus on Confirm removal). */
  #renderRowActions(id: string, label: string, measures: number) {
    const m = this.msg.counter;
    if (this.panels.open === `remove:${id}`) {
      // Escape cancels, as in every panel.
      return html`<span @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.panels.close())}>
        ${measures ? html`<span class="muted">${m.removeWithMeasures(measures)}</span>` : nothing}
        <button class="danger" type="button" data-confirm @click=${() => this.#remove(id)} ?disabled=${this.busy}>${this.msg.confirmRemove}</button>
        <button type="button" @click=${() => this.panels.close()}>${this.msg.cancel}</button>
      </span>`;
    }
    return html`${this.panels.opener(`edit:${id}`, this.msg.edit, m.editSession(label))}
      ${this.panels.opener(`remove:${id}`, this.msg.remove, m.removeSession(label), '[data-confirm]')}`;
  }

  #renderContract(course: Course) {
    const m = this.msg.counter;
    return renderContract(course, this.msg, (iso) => this.date(iso), this.level(1), this.#toggle(
      'renegotiate',
      m.renegotiate,
      [countField('to', m.newPlanned), { name: 'reason', label: m.reason, hint: this.msg.optional }],
      { to: course.contract.sessions },
      this.#courseForm('renegotiate', (c, v) => renegotiate(c, toInt(v.to), this.now, v.reason.trim() || undefined, sessionsDone(this.course!.sessions))),
    ));
  }

  /**
   * The end of the course: once ended, when and how (and Reopen, for an end recorded by mistake);
   * before, the form to end it, offering "completed" once the contract is held and "stopped early"
   * before (the clinician can pick either).
   */
  #renderEnd(course: Course, progress: CourseProgress) {
    const m = this.msg.counter;
    const ended = course.ended;
    if (!ended && this.readonly) return nothing;
    return html`<section class="card" part="end" aria-labelledby="end-title">
      <h3 aria-level=${this.level(1)} id="end-title">${m.courseEndTitle}</h3>
      ${ended
        ? html`<p>${m.endedOn[ended.how](this.date(ended.date))}${ended.reason ? html` · <span>${ended.reason}</span>` : nothing}</p>
            ${this.readonly
              ? nothing
              : html`<button id="reopen" type="button" ?disabled=${this.busy}
                  @click=${() => this.#put({}, { entity: 'course', id: this.courseId, action: 'reopen-course' }, () => reopenCourse(this.course!.course), '[data-opens="end-course"]')}>${m.reopen}</button>`}`
        : this.#toggle(
            'end-course',
            m.endCourse,
            [
              dateField('date', m.endDate),
              { name: 'how', label: m.endHow, type: 'select', options: COURSE_ENDINGS.map((e) => [e, m.ending[e]]) },
              { name: 'reason', label: m.reason, hint: this.msg.optional },
            ],
            { date: this.now, how: progress.complete ? 'completed' : 'stopped' },
            // Once ended, focus goes to Reopen, which replaces the form's opener.
            (values) =>
              this.#put(values, { entity: 'course', id: this.courseId, action: 'end-course' }, (v) => endCourse(this.course!.course, this.course!.sessions, { date: v.date!, how: v.how as CourseEnding, reason: v.reason!.trim() || undefined }, this.now), '#reopen'),
          )}
    </section>`;
  }

  #renderMaintenance(course: Course, progress: CourseProgress) {
    const m = this.msg.counter;
    if (!progress.maintenance && (this.readonly || !progress.complete)) return nothing;
    return html`<section class="card" aria-labelledby="maint-title">
      <h3 aria-level=${this.level(1)} id="maint-title">${m.maintenanceTitle}</h3>
      ${course.maintenance && progress.maintenance
        ? html`<p>${m.maintenanceOf(progress.maintenance.done, progress.maintenance.planned, this.msg.cadence[course.maintenance.cadence])}</p>`
        : this.#toggle(
            'maintenance',
            m.maintenanceStart,
            [
              countField('sessions', m.plannedSessions),
              dateField('start', m.startDate),
              { name: 'cadence', label: m.cadence, type: 'select', options: CADENCES.map((c) => [c, this.msg.cadence[c]]) },
            ],
            { sessions: 6, start: this.now, cadence: presetOf(course.protocol).cadence },
            this.#courseForm('start-maintenance', (c, v) => ({
              ...c,
              maintenance: { sessions: toInt(v.sessions), start: v.start, cadence: v.cadence as Cadence },
            })),
          )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-session-counter': IptSessionCounter;
  }
}
