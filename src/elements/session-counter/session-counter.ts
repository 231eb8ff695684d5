import { html, nothing, type PropertyValues } from 'lit';
import {
  authorizationStatus,
  courseProgress,
  numberSessions,
  renegotiate,
  type AuthorizationStatus,
  type CourseProgress,
} from '../../model/course.js';
import type { CourseState } from '../../model/document.js';
import { IptError } from '../../model/errors.js';
import { isIsoDate, newId } from '../../model/primitives.js';
import { INSTRUMENTS, INSTRUMENT_RANGES, MAX_PLANNED_SESSIONS, SESSION_STATUSES, type Course, type Instrument, type Session } from '../../model/schemas.js';
import { fire } from '../../events.js';
import type { Change } from '../../store/store.js';
import { IptElement, formValues, toInt } from '../base.js';
import { tokens } from '../styles.js';
import { counterStyles } from './styles.js';
import { renderTrack } from './track.js';
import { renderAuthorizationStatus, renderLegend, renderMeasures, renderSummary } from './views.js';

const DEFAULT_PLANNED = 16;

interface View {
  progress: CourseProgress;
  auth: AuthorizationStatus | undefined;
}

/**
 * The course clock of IPT: session n of N, the phase and where the phases lie, the termination
 * window, the payer authorization apart from the contract, and symptom measures over the course.
 * Records sessions (with an optional measure), corrects and removes them, renegotiates the
 * contract, sets the payer authorization and starts a maintenance contract.
 *
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
 * @csspart summary - Session n of N, the phase and the sessions left.
 * @csspart track - The row of planned and recorded sessions.
 * @csspart window - The prompt to discuss the ending.
 * @csspart authorization - The payer authorization panel.
 * @csspart measures - The symptom measures.
 * @csspart trend - One instrument's trend chart.
 * @csspart form - The form to record a session.
 * @csspart error - The problem banner.
 * @cssprop --ipt-color-accent - Buttons, focus and attended sessions.
 * @cssprop --ipt-color-phase-initial - The initial phase on the track.
 * @cssprop --ipt-color-phase-middle - The middle phase on the track.
 * @cssprop --ipt-color-phase-termination - The termination phase on the track.
 * @cssprop --ipt-color-warning - Warnings (termination window, low authorization).
 */
export class IptSessionCounter extends IptElement {
  static override styles = [tokens, counterStyles];
  static override properties = {
    ...IptElement.properties,
    plannedSessions: { attribute: 'planned-sessions' },
    editing: { state: true },
    confirming: { state: true },
    openForm: { state: true },
    instrument: { state: true },
  };

  /** The contract offered when the course is started (1-100, default 16; attribute `planned-sessions`). The stored contract wins once there is one. */
  declare plannedSessions: string | number;
  private declare editing: string | undefined;
  private declare confirming: string | undefined;
  private declare openForm: 'renegotiate' | 'authorization' | 'maintenance' | undefined;
  private declare instrument: Instrument | '';

  constructor() {
    super();
    this.plannedSessions = DEFAULT_PLANNED;
    this.instrument = '';
  }

  #view: View | undefined;

  /** The planned-sessions attribute as a number, or undefined when it is not a valid contract. */
  get #planned(): number | undefined {
    const n = typeof this.plannedSessions === 'number' ? this.plannedSessions : toInt(String(this.plannedSessions));
    return Number.isInteger(n) && n >= 1 && n <= MAX_PLANNED_SESSIONS ? n : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('plannedSessions') && this.#planned === undefined) {
      this.fail(new IptError('invalid-input', `Invalid planned-sessions: must be a whole number from 1 to ${MAX_PLANNED_SESSIONS}`, 'planned-sessions'));
    }
    if (changed.has('today')) {
      if (this.today && !isIsoDate(this.today)) {
        this.fail(new IptError('invalid-input', 'Invalid today: must be a real date written as YYYY-MM-DD', 'today'));
        this.today = '';
      }
      // The authorization's state depends on the date; a date the host sets announces nothing.
      this.#view = this.#derive(this.course);
    }
  }

  #derive(state: CourseState | undefined): View | undefined {
    if (!state) return undefined;
    const { course, sessions } = state;
    return {
      progress: courseProgress(course, sessions),
      auth: course.authorization ? authorizationStatus(course.authorization, sessions, this.now) : undefined,
    };
  }

  protected override courseLoaded(state: CourseState | undefined): void {
    this.#view = this.#derive(state);
  }

  /** Fires the events of what a user action made the course cross; each fires once per crossing. */
  #announceCrossings(before: View | undefined, after: View | undefined): void {
    if (!before || !after) return;
    const courseId = this.courseId;
    if (before.progress.phase !== after.progress.phase) {
      fire(this, 'ipt-phase-change', { courseId, from: before.progress.phase, to: after.progress.phase, session: after.progress.done });
    }
    if (!before.progress.terminationWindow && after.progress.terminationWindow) {
      fire(this, 'ipt-termination-window', { courseId, sessionsLeft: after.progress.left, planned: after.progress.planned });
    }
    const a = after.auth;
    if (a && a.state !== 'ok' && (before.auth?.state !== a.state || before.auth.authorized !== a.authorized)) {
      fire(this, 'ipt-authorization-alert', { courseId, state: a.state, remaining: a.remaining, authorized: a.authorized, end: a.end });
    }
  }

  /** A user action on the course, followed by the events of what it crossed. */
  async #run(intent: Parameters<IptElement['act']>[0], changes: () => Change[]): Promise<boolean> {
    const before = this.#view;
    const ok = await this.act(intent, changes);
    if (ok) this.#announceCrossings(before, this.#view);
    return ok;
  }

  async #start(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const course = { id: this.courseId, contract: { sessions: toInt(v.planned), history: [] }, ...(v.start ? { start: v.start } : {}) };
    await this.#run({ entity: 'course', id: this.courseId, action: 'start-course' }, () => [{ op: 'put', entity: 'course', record: course }]);
  }

  #sessionFrom(v: Record<string, string>, id: string): Session {
    return { id, courseId: this.courseId, date: v.date ?? '', status: v.status as Session['status'], kind: (v.kind as Session['kind']) || 'acute' };
  }

  async #record(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const session = this.#sessionFrom(v, newId());
    const changes: Change[] = [{ op: 'put', entity: 'session', record: session }];
    if (v.instrument) {
      const measure = {
        id: newId(),
        instrument: v.instrument as Instrument,
        score: v.score?.trim() ? Number(v.score) : NaN,
        date: session.date,
        sessionId: session.id,
        ...(v.label ? { label: v.label } : {}),
      };
      changes.push({ op: 'put', entity: 'measure', record: measure });
    }
    const ok = await this.#run({ entity: 'session', id: session.id, action: 'record-session' }, () => changes);
    if (!ok || !this.course) return;
    const numbered = numberSessions(this.course.course, this.course.sessions).find((s) => s.session.id === session.id);
    fire(this, 'ipt-session-logged', {
      courseId: this.courseId,
      sessionId: session.id,
      status: session.status,
      kind: session.kind,
      ...(numbered?.number ? { number: numbered.number } : {}),
      ...(numbered?.phase ? { phase: numbered.phase } : {}),
    });
    form.reset();
    this.instrument = '';
    this.focusAfterUpdate('#record-form input[name=date]');
  }

  async #saveEdit(e: SubmitEvent, id: string) {
    e.preventDefault();
    const session = this.#sessionFrom(formValues(e.target as HTMLFormElement), id);
    if (await this.#run({ entity: 'session', id, action: 'correct-session' }, () => [{ op: 'put', entity: 'session', record: session }])) {
      this.#closeEdit(id);
    }
  }

  async #remove(id: string) {
    const measures = this.course?.measures.filter((m) => m.sessionId === id) ?? [];
    const changes: Change[] = [...measures.map((m) => ({ op: 'delete' as const, entity: 'measure' as const, id: m.id })), { op: 'delete', entity: 'session', id }];
    if (await this.#run({ entity: 'session', id, action: 'remove-session' }, () => changes)) {
      this.confirming = undefined;
      this.focusAfterUpdate('#sessions-summary');
    }
  }

  #openEdit(id: string) {
    this.editing = id;
    this.focusAfterUpdate('tr.editing input[name=date]');
  }

  #closeEdit(id: string) {
    this.editing = undefined;
    this.focusAfterUpdate(`button[data-edit="${id}"]`);
  }

  #openConfirm(id: string) {
    this.confirming = id;
    this.focusAfterUpdate('button[data-confirm]');
  }

  #closeConfirm(id: string) {
    this.confirming = undefined;
    this.focusAfterUpdate(`button[data-remove="${id}"]`);
  }

  #open(form: NonNullable<IptSessionCounter['openForm']>) {
    this.openForm = form;
    this.focusAfterUpdate(`form[data-form=${form}] input`);
  }

  #close() {
    const form = this.openForm;
    this.openForm = undefined;
    this.focusAfterUpdate(`button[data-opens=${form}]`);
  }

  async #updateCourse(e: SubmitEvent, action: string, next: (course: Course, v: Record<string, string>) => Course) {
    e.preventDefault();
    const current = this.course?.course;
    if (!current) return;
    const v = formValues(e.target as HTMLFormElement);
    if (await this.#run({ entity: 'course', id: this.courseId, action }, () => [{ op: 'put', entity: 'course', record: next(current, v) }])) {
      this.#close();
    }
  }

  #renegotiate = (e: SubmitEvent) =>
    this.#updateCourse(e, 'renegotiate', (c, v) => renegotiate(c, toInt(v.to), this.now, v.reason?.trim() || undefined));

  #authorize = (e: SubmitEvent) =>
    this.#updateCourse(e, 'set-authorization', (c, v) => ({
      ...c,
      authorization: {
        sessions: toInt(v.sessions),
        start: v.start ?? '',
        end: v.end ?? '',
        lowAt: toInt(v.lowAt),
        ...(v.reference?.trim() ? { reference: v.reference } : {}),
      },
    }));

  #startMaintenance = (e: SubmitEvent) =>
    this.#updateCourse(e, 'start-maintenance', (c, v) => ({
      ...c,
      maintenance: { sessions: toInt(v.sessions), start: v.start ?? '', cadence: v.cadence as 'monthly' },
    }));

  protected override render() {
    const status = this.renderStatus();
    const m = this.msg.counter;
    return html`<section part="base" aria-label=${m.label}>
      ${this.renderProblem()}
      ${status ?? nothing}
      ${this.phase === 'missing' && !this.readonly ? this.#renderStart() : nothing}
      ${this.course && this.#view ? this.#renderCourse(this.course, this.#view) : nothing}
    </section>`;
  }

  #renderStart() {
    const m = this.msg.counter;
    return html`<form part="form" class="card" @submit=${this.#start} @invalid=${this.onInvalid} aria-labelledby="start-title">
      <h3 id="start-title">${m.startTitle}</h3>
      <div class="row">
        <label>${m.plannedSessions}
          <input name="planned" type="number" min="1" max=${MAX_PLANNED_SESSIONS} required .value=${String(this.#planned ?? DEFAULT_PLANNED)} />
        </label>
        <label>${m.startDate} <span class="muted">${this.msg.optional}</span>
          <input name="start" type="date" />
        </label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${m.startButton}</button>
      </div>
    </form>`;
  }

  #renderCourse(state: CourseState, view: View) {
    const date = (iso: string) => this.date(iso);
    const { course } = state;
    const m = this.msg.counter;
    return html`
      ${renderSummary(state, view.progress, this.msg)}
      ${renderTrack(state, view.progress, this.msg, date)}
      ${renderLegend(course, this.msg)}
      ${this.readonly ? nothing : this.#renderRecordForm(state, view.progress)}
      <section class="card authorization ${view.auth?.state ?? ''}" part="authorization" aria-labelledby="auth-title">
        <h3 id="auth-title">${m.authTitle}</h3>
        ${renderAuthorizationStatus(view.auth, course.authorization?.lowAt ?? 0, this.msg, date)}
        ${this.#renderAuthorizationForm(course)}
      </section>
      ${renderMeasures(state, this.msg, date)}
      ${this.#renderSessions(state)}
      ${this.#renderContract(course)}
      ${this.#renderMaintenance(course, view.progress)}
    `;
  }

  /** A button that opens one of the course forms, or the form when it is open. */
  #toggle(form: NonNullable<IptSessionCounter['openForm']>, label: string, fields: () => unknown, submit: (e: SubmitEvent) => unknown) {
    if (this.readonly) return nothing;
    if (this.openForm !== form) {
      return html`<button type="button" data-opens=${form} @click=${() => this.#open(form)}>${label}</button>`;
    }
    return html`<form class="row" data-form=${form} @submit=${submit} @invalid=${this.onInvalid} aria-label=${label}>
      ${fields()}
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.msg.save}</button>
      <button type="button" @click=${() => this.#close()}>${this.msg.cancel}</button>
    </form>`;
  }

  #renderRecordForm(state: CourseState, progress: CourseProgress) {
    const m = this.msg.counter;
    const range = this.instrument ? INSTRUMENT_RANGES[this.instrument] : undefined;
    return html`<form id="record-form" part="form" class="card" @submit=${this.#record} @invalid=${this.onInvalid} aria-labelledby="record-title">
      <h3 id="record-title">${m.recordTitle}</h3>
      <div class="row">
        <label>${m.date}<input name="date" type="date" required value=${this.now} /></label>
        <label>${m.sessionStatus}
          <select name="status">
            ${SESSION_STATUSES.map((s) => html`<option value=${s}>${this.msg.status[s]}</option>`)}
          </select>
        </label>
        ${state.course.maintenance
          ? html`<label>${m.sessionKind}
              <select name="kind">
                ${(['acute', 'maintenance'] as const).map(
                  (k) => html`<option value=${k} ?selected=${(k === 'maintenance') === progress.complete}>${this.msg.kind[k]}</option>`,
                )}
              </select>
            </label>`
          : nothing}
        <label>${m.measure}
          <select name="instrument" @change=${(e: Event) => (this.instrument = (e.target as HTMLSelectElement).value as Instrument | '')}>
            <option value="">${m.noMeasure}</option>
            ${INSTRUMENTS.map((i) => html`<option value=${i}>${i === 'other' ? m.instrumentName : i}</option>`)}
          </select>
        </label>
        ${range
          ? html`<label>${m.score} <span class="muted">${m.scoreRange(range[0], range[1])}</span>
              <input name="score" type="number" required min=${range[0]} max=${range[1]} step=${this.instrument === 'other' ? 'any' : '1'} />
            </label>`
          : nothing}
        ${this.instrument === 'other' ? html`<label>${m.instrumentName}<input name="label" maxlength="120" /></label>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${m.recordButton}</button>
      </div>
    </form>`;
  }

  #renderAuthorizationForm(course: Course) {
    const m = this.msg.counter;
    const a = course.authorization;
    return this.#toggle(
      'authorization',
      a ? m.authUpdate : m.authAdd,
      () => html`<label>${m.authSessions}<input name="sessions" type="number" min="1" max="200" required .value=${String(a?.sessions ?? 12)} /></label>
        <label>${m.authStart}<input name="start" type="date" required .value=${a?.start ?? this.now} /></label>
        <label>${m.authEnd}<input name="end" type="date" required .value=${a?.end ?? ''} /></label>
        <label>${m.authLowAt}<input name="lowAt" type="number" min="0" max="50" required .value=${String(a?.lowAt ?? 2)} /></label>
        <label>${m.authReference} <span class="muted">${this.msg.optional}</span><input name="reference" maxlength="120" .value=${a?.reference ?? ''} /></label>`,
      this.#authorize,
    );
  }

  #renderSessions(state: CourseState) {
    const m = this.msg.counter;
    const rows = numberSessions(state.course, state.sessions).reverse();
    return html`<details class="card sessions">
      <summary id="sessions-summary"><h3>${m.sessionsTitle} (${rows.length})</h3></summary>
      ${rows.length === 0
        ? html`<p class="muted">${m.noSessions}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${m.colNumber}</th><th scope="col">${m.colDate}</th><th scope="col">${m.colStatus}</th>
                <th scope="col">${m.colPhase}</th><th scope="col">${m.colMeasure}</th>
                ${this.readonly ? nothing : html`<th scope="col">${m.colActions}</th>`}
              </tr>
            </thead>
            <tbody>
              ${rows.map(({ session, number, phase }) => {
                const label = m.sessionLabel(number, this.date(session.date));
                const measures = state.measures.filter((x) => x.sessionId === session.id);
                if (this.editing === session.id) return this.#renderEditRow(session, label);
                return html`<tr class=${session.status}>
                  <td>${number ?? '–'}</td>
                  <td>${this.date(session.date)}</td>
                  <td>${this.msg.status[session.status]}${session.kind === 'maintenance' ? html` · ${this.msg.kind.maintenance}` : nothing}</td>
                  <td>${phase ? this.msg.phase[phase] : '–'}</td>
                  <td>${measures.map((x) => `${x.instrument === 'other' ? (x.label ?? '') : x.instrument} ${x.score}`).join(', ') || '–'}</td>
                  ${this.readonly ? nothing : html`<td class="actions">${this.#renderRowActions(session.id, label, measures.length)}</td>`}
                </tr>`;
              })}
            </tbody>
          </table>`}
    </details>`;
  }

  #renderRowActions(id: string, label: string, measures: number) {
    const m = this.msg.counter;
    if (this.confirming === id) {
      return html`${measures ? html`<span class="muted">${m.removeWithMeasures(measures)}</span>` : nothing}
        <button class="danger" type="button" data-confirm @click=${() => this.#remove(id)} ?disabled=${this.busy}>${this.msg.confirmRemove}</button>
        <button type="button" @click=${() => this.#closeConfirm(id)}>${this.msg.cancel}</button>`;
    }
    return html`<button type="button" data-edit=${id} aria-label=${m.editSession(label)} @click=${() => this.#openEdit(id)}>${this.msg.edit}</button>
      <button type="button" class="danger" data-remove=${id} aria-label=${m.removeSession(label)} @click=${() => this.#openConfirm(id)}>${this.msg.remove}</button>`;
  }

  #renderEditRow(session: Session, label: string) {
    const m = this.msg.counter;
    return html`<tr class="editing">
      <td colspan="6">
        <form class="row" @submit=${(e: SubmitEvent) => this.#saveEdit(e, session.id)} @invalid=${this.onInvalid} aria-label=${m.editSession(label)}>
          <label>${m.date}<input name="date" type="date" required .value=${session.date} /></label>
          <label>${m.sessionStatus}
            <select name="status">
              ${SESSION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === session.status}>${this.msg.status[s]}</option>`)}
            </select>
          </label>
          <input type="hidden" name="kind" .value=${session.kind} />
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.msg.save}</button>
          <button type="button" @click=${() => this.#closeEdit(session.id)}>${this.msg.cancel}</button>
        </form>
      </td>
    </tr>`;
  }

  #renderContract(course: Course) {
    const m = this.msg.counter;
    const history = course.contract.history;
    return html`<section class="card" aria-labelledby="contract-title">
      <h3 id="contract-title">${m.contractTitle}</h3>
      <p>${m.contract(course.contract.sessions)}</p>
      ${history.length
        ? html`<details>
            <summary>${m.contractHistory(history.length)}</summary>
            <ol>
              ${history.map((h) => html`<li>${m.contractChange(this.date(h.date), h.from, h.to)}${h.reason ? html` · <span>${h.reason}</span>` : nothing}</li>`)}
            </ol>
          </details>`
        : nothing}
      ${this.#toggle(
        'renegotiate',
        m.renegotiate,
        () => html`<label>${m.newPlanned}<input name="to" type="number" min="1" max=${MAX_PLANNED_SESSIONS} required .value=${String(course.contract.sessions)} /></label>
          <label>${m.reason} <span class="muted">${this.msg.optional}</span><input name="reason" maxlength="4000" /></label>`,
        this.#renegotiate,
      )}
    </section>`;
  }

  #renderMaintenance(course: Course, progress: CourseProgress) {
    const m = this.msg.counter;
    if (!progress.maintenance && (this.readonly || !progress.complete)) return nothing;
    return html`<section class="card" aria-labelledby="maint-title">
      <h3 id="maint-title">${m.maintenanceTitle}</h3>
      ${course.maintenance && progress.maintenance
        ? html`<p>${m.maintenanceOf(progress.maintenance.done, progress.maintenance.planned, this.msg.cadence[course.maintenance.cadence])}</p>`
        : this.#toggle(
            'maintenance',
            m.maintenanceStart,
            () => html`<label>${m.plannedSessions}<input name="sessions" type="number" min="1" max=${MAX_PLANNED_SESSIONS} required value="6" /></label>
              <label>${m.startDate}<input name="start" type="date" required .value=${this.now} /></label>
              <label>${m.cadence}
                <select name="cadence">
                  ${(['monthly', 'biweekly', 'weekly'] as const).map((c) => html`<option value=${c}>${this.msg.cadence[c]}</option>`)}
                </select>
              </label>`,
            this.#startMaintenance,
          )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-session-counter': IptSessionCounter;
  }
}
