import { html, nothing, type PropertyValues } from 'lit';
import { numberSessions } from '../../model/course.js';
import { IptError } from '../../model/errors.js';
import { newId } from '../../model/primitives.js';
import { draftOf, isQuestionnaire, QUESTIONNAIRE_SPECS, raisesRisk, scoreItems, type ItemAnswer, type Questionnaire } from '../../model/questionnaires.js';
import { INSTRUMENT_RANGES, type Measure } from '../../model/schemas.js';
import { measureSeries } from '../../model/measures.js';
import type { Wording } from '../../i18n/en-questionnaire.js';
import { IptElement } from '../base.js';
import { formValues } from '../forms.js';
import { dateField, renderField } from '../fields.js';
import { when } from '../controllers/risks.js';
import { choices, questions, renderItem, renderPatient, type PatientView } from './patient.js';
import { questionnaireStyles } from './styles.js';

/**
 * A validated questionnaire (PHQ-9, GAD-7, EPDS) answered item by item, in the published wording,
 * scored by the instrument's published rule and saved as a measure of the course, linked to its
 * session and keeping its items, so that the session counter's trend and bands use it. A safety
 * item answered above 0 (PHQ-9 item 9, EPDS item 10) raises an alert here and in the counter until
 * a clinician acknowledges it, and fires `ipt-risk` with ids only.
 *
 * Clinician mode (default): the clinician enters the answers given aloud in session, all items on
 * one form. Patient mode (`mode="patient"`): the patient answers on their own device: only the
 * questions (nothing else of the course), one at a time on a narrow screen (Back, Next), progress
 * ("3 of 9 answered"), a review before sending, and after a safety answer a calm message that the
 * clinician will see it, with the portal's crisis line (slot `crisis`, or attribute `crisis-line`).
 * An instrument without a validated text in the widget's language says it is not available in it.
 *
 * @tagname ipt-questionnaire
 * @summary PHQ-9, GAD-7 or EPDS answered item by item, with its safety item never hidden by a total.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before the answers (or an acknowledgement) are written.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-risk - A safety item was answered above 0: `{courseId, measureId, instrument}`, never the answers.
 * @fires ipt-error - Something failed: `{code, message, field}`.
 * @csspart base - The whole widget.
 * @csspart risk - The safety alerts until a clinician acknowledges them.
 * @csspart form - The items and their answers.
 * @csspart total - The total as the answers make it.
 * @csspart review - Patient mode: the answers to check before sending.
 * @csspart crisis - Patient mode: what to do when in danger now, after a safety answer.
 * @slot crisis - Patient mode: the portal's local crisis line, shown after a safety answer (the widget never invents one).
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Buttons, focus and the chosen answers.
 * @cssprop --ipt-color-danger - The safety alert.
 */
export class IptQuestionnaire extends IptElement {
  static override styles = [IptElement.styles, questionnaireStyles];
  protected override shows = ['measure'];
  static override properties = {
    instrument: {},
    mode: {},
    crisisLine: { attribute: 'crisis-line' },
    answers: { state: true },
    step: { state: true },
    stage: { state: true },
  };

  /** `PHQ-9`, `GAD-7` or `EPDS`. */
  declare instrument: string;
  /** `clinician` (default) or `patient`. */
  declare mode: string;
  /** Patient mode: the local crisis line the portal gives, shown after a safety answer (the `crisis` slot wins). */
  declare crisisLine: string;
  /** The answers on the form: the points of each item's answer, null while unanswered (the difficulty last, when asked). */
  private declare answers: ItemAnswer[];
  /** Patient mode: the question shown on a narrow screen. */
  private declare step: number;
  /** Patient mode: answering, reviewing, or sent (and whether a safety item was answered above 0). */
  private declare stage: 'answering' | 'review' | 'sent' | 'sent-risk';

  constructor() {
    super();
    this.instrument = '';
    this.mode = 'clinician';
    this.crisisLine = '';
    this.answers = [];
    this.step = 0;
    this.stage = 'answering';
  }

  get #patient(): boolean {
    return this.mode === 'patient';
  }

  /** A patient answering before a visit never sets up the course (its contract is the clinician's). */
  protected override get startsCourse(): boolean {
    return !this.#patient;
  }

  get #q(): Questionnaire | undefined {
    return isQuestionnaire(this.instrument) ? this.instrument : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('instrument')) {
      this.resetView();
      if (!this.#q) this.fail(new IptError('invalid-input', 'Invalid instrument: must be PHQ-9, GAD-7 or EPDS', 'instrument'));
    }
    if (changed.has('mode') && this.mode !== 'clinician' && this.mode !== 'patient') {
      this.fail(new IptError('invalid-input', 'Invalid mode: must be "clinician" or "patient"', 'mode'));
      this.mode = 'clinician';
    }
  }

  /** The items, and the difficulty question when the instrument asks it. */
  get #count(): number {
    const q = this.#q;
    return q ? QUESTIONNAIRE_SPECS[q].points.length + (QUESTIONNAIRE_SPECS[q].difficulty ? 1 : 0) : 0;
  }

  protected override resetView(): void {
    this.answers = Array(this.#count).fill(null);
    this.step = 0;
    this.stage = 'answering';
    this.#draftRead = '';
  }

  /** The course and instrument whose draft was read back (patient mode): once per load. */
  #draftRead = '';

  /** Patient mode: the answers so far, kept in the store (sealed with its key) so that a reload half-way loses none; undefined clears them. */
  #keepDraft(clear = false) {
    const q = this.#q;
    if (!this.#patient || !q || this.readonly) return;
    const draft = clear ? undefined : { answers: this.answers, step: this.step };
    this.link.store?.saveDraft(this.courseId, `questionnaire-${q}`, draft).catch((e) => this.fail(e));
  }

  /** Patient mode: once the course is shown, the answers given before a reload come back (unless some were given since). */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const q = this.#q;
    const key = `${this.courseId} ${q}`;
    const store = this.link.store;
    if (!this.#patient || !q || this.phase !== 'ready' || !store || this.#draftRead === key) return;
    this.#draftRead = key;
    void store.readDraft(this.courseId, `questionnaire-${q}`).then((value) => {
      const draft = draftOf(q, value);
      if (!draft || this.#draftRead !== key || this.stage !== 'answering' || this.answers.some((a) => a !== null)) return;
      this.answers = draft.answers;
      this.step = draft.step;
    });
  }

  /** Follows the radios: the total shows as the answers come. */
  #change = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const i = /^i(\d+)$/.exec(input.name)?.[1];
    if (i === undefined) return;
    const next = [...this.answers];
    next[Number(i)] = Number(input.value);
    this.answers = next;
    this.#keepDraft();
  };

  /** The measure the answers make, or undefined (the problem shown) when too many items are missing for a total. */
  #measure(q: Questionnaire, date: string, sessionId: string | undefined): Measure | undefined {
    const n = QUESTIONNAIRE_SPECS[q].points.length;
    const items = this.answers.slice(0, n);
    const { total } = scoreItems(q, items);
    if (total === undefined) {
      this.fail(new IptError('invalid-input', `Invalid items: too many unanswered for a ${q} total`, 'items'));
      return undefined;
    }
    const difficulty = this.answers[n];
    return {
      id: newId(),
      courseId: this.courseId,
      instrument: q,
      score: total,
      date,
      items,
      ...(sessionId ? { sessionId } : {}),
      ...(typeof difficulty === 'number' ? { difficulty } : {}),
    };
  }

  /** Writes an administration; true when it was stored. */
  async #write(measure: Measure): Promise<boolean> {
    return !!(await this.act({ entity: 'measure', id: measure.id, action: 'answer-questionnaire' }, () => [{ op: 'put', entity: 'measure', record: measure }]));
  }

  async #save(e: SubmitEvent, q: Questionnaire) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const measure = this.#measure(q, v.date!, v.session);
    if (!measure || !(await this.#write(measure))) return;
    form.reset();
    this.resetView();
    this.say(this.msg.questionnaire.saved(q, measure.score));
    this.panels.focus('[data-ack], input[type=radio]');
  }

  protected override render() {
    const q = this.#q;
    const m = this.msg.questionnaire;
    const wording = q && m.instruments[q];
    return html`<section part="base" aria-label=${wording ? wording.title : m.label}>
      ${this.renderProblem()}
      ${!q
        ? html`<p class="alert danger">${m.noInstrument}</p>`
        : !wording
          ? html`<p class="alert">${m.notAvailable(q)}</p>`
          : (this.renderStatus() ?? (this.#patient ? renderPatient(this.#patientView(q, wording)) : this.#renderQuestionnaire(q, wording)))}
    </section>`;
  }

  #renderQuestionnaire(q: Questionnaire, w: Wording) {
    const last = measureSeries(this.course!.measures, q).filter((x) => x.items).pop();
    return html`${this.risks.render((x) => x.instrument === q)}
      <h2>${w.title}</h2>
      ${last ? this.#renderLast(q, w, last) : nothing}
      ${this.readonly ? nothing : this.#renderForm(q, w)}
      <p class="muted source">${w.source}</p>`;
  }

  /** The last administration with its answers, and its acknowledgement when there was one. */
  #renderLast(q: Questionnaire, w: Wording, x: Measure) {
    const m = this.msg.questionnaire;
    const answer = (i: number) => choices(w, q, i).find(([, p]) => p === x.items![i])?.[0] ?? m.notAnswered;
    return html`<details class="card">
      <summary>${m.latest(q, this.date(x.date))} · ${m.total(x.score, INSTRUMENT_RANGES[q][1])}</summary>
      <dl>${w.items.map((text, i) => html`<dt>${i + 1}. ${text}</dt><dd>${answer(i)}</dd>`)}</dl>
      ${x.acknowledged ? html`<p class="muted">${m.risk.acknowledged(when(x.acknowledged.at, this.locale.lang))}</p>` : nothing}
    </details>`;
  }

  #renderForm(q: Questionnaire, w: Wording) {
    const m = this.msg.questionnaire;
    const { course, sessions } = this.course!;
    const held = numberSessions(course, sessions).filter((s) => s.session.status === 'attended').reverse();
    const today = held.find((s) => s.session.date === this.now)?.session.id ?? '';
    const score = scoreItems(q, this.answers);
    const max = INSTRUMENT_RANGES[q][1];
    return html`<form part="form" class="card" @submit=${(e: SubmitEvent) => this.#save(e, q)} @change=${this.#change} @invalid=${this.onInvalid}
      aria-describedby="stem">
      <div class="row">
        ${renderField(dateField('date', m.date), this.now, undefined, this.locale.dateInput)}
        <label>${m.session}
          <select name="session">
            <option value="">${m.noSession}</option>
            ${held.map((s) => html`<option value=${s.session.id} ?selected=${s.session.id === today}>${m.sessionOption(s.number, this.date(s.session.date))}</option>`)}
          </select>
        </label>
      </div>
      <p id="stem">${w.stem}</p>
      <div class="items">
        ${questions(w, q).map(([legend, options], i) => renderItem(`i${i}`, legend, options, this.answers[i]))}
      </div>
      <p class="total" part="total" role="status">
        ${score.total === undefined ? m.noTotal : m.total(score.total, max)}${score.prorated ? html` <span class="muted">${m.prorated(score.missing)}</span>` : nothing}
      </p>
      <p class="muted">${m.rule[q]}</p>
      <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${m.save}</button></div>
    </form>`;
  }

  /** What patient mode reads of the element and asks of it. */
  #patientView(q: Questionnaire, w: Wording): PatientView {
    return {
      q,
      w,
      msg: this.msg.questionnaire,
      answers: this.answers,
      step: this.step,
      stage: this.stage,
      busy: this.busy,
      crisisLine: this.crisisLine,
      change: this.#change,
      go: (step, stage = 'answering') => {
        this.step = step;
        this.stage = stage;
        this.#keepDraft();
        // The question's answer when it has one (a radio group's own Tab stop), else its first: never another
        // radio of an answered question, where Space would change the answer.
        this.panels.focus(...(stage === 'review' ? ['[part=review] h3'] : ['.current input:checked', '.current input']));
      },
      send: () => this.#send(q),
    };
  }

  /** Patient mode: sends the answers (dated today, linked to the session held today when there is one). */
  async #send(q: Questionnaire) {
    const { course, sessions } = this.course!;
    const held = numberSessions(course, sessions).find((s) => s.session.status === 'attended' && s.session.date === this.now);
    const measure = this.#measure(q, this.now, held?.session.id);
    if (!measure || !(await this.#write(measure))) return;
    this.#keepDraft(true);
    this.resetView();
    this.#draftRead = `${this.courseId} ${q}`;
    this.stage = raisesRisk(measure) ? 'sent-risk' : 'sent';
    this.panels.focus('[part=sent]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-questionnaire': IptQuestionnaire;
  }
}
