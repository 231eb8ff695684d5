import { html, nothing, type PropertyValues } from 'lit';
import { numberSessions } from '../../model/course.js';
import { IptError } from '../../model/errors.js';
import { newId } from '../../model/primitives.js';
import { isQuestionnaire, QUESTIONNAIRE_SPECS, scoreItems, type ItemAnswer, type Questionnaire } from '../../model/questionnaires.js';
import { INSTRUMENT_RANGES, type Measure } from '../../model/schemas.js';
import { measureSeries } from '../../model/measures.js';
import type { Wording } from '../../i18n/en-questionnaire.js';
import { IptElement } from '../base.js';
import { formValues } from '../forms.js';
import { when } from '../controllers/risks.js';
import { questionnaireStyles } from './styles.js';

/** The answers of an item, in the published order, with the points each gives. */
function choices(w: Wording, q: Questionnaire, i: number): Array<[label: string, points: number]> {
  const labels = (Array.isArray(w.options[0]) ? w.options[i] : w.options) as readonly string[];
  return labels.map((label, k) => [label, QUESTIONNAIRE_SPECS[q].points[i]![k]!]);
}

/**
 * A validated questionnaire (PHQ-9, GAD-7, EPDS) answered item by item, in the published wording,
 * scored by the instrument's published rule and saved as a measure of the course, linked to its
 * session and keeping its items, so that the session counter's trend and bands use it. A safety
 * item answered above 0 (PHQ-9 item 9, EPDS item 10) raises an alert here and in the counter until
 * a clinician acknowledges it, and fires `ipt-risk` with ids only.
 *
 * Clinician mode: the clinician enters the answers given aloud in session, all items on one form.
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
 * @csspart error - The problem banner.
 * @cssprop --ipt-color-accent - Buttons, focus and the chosen answers.
 * @cssprop --ipt-color-danger - The safety alert.
 */
export class IptQuestionnaire extends IptElement {
  static override styles = [IptElement.styles, questionnaireStyles];
  protected override shows = ['measure'];
  static override properties = {
    instrument: {},
    answers: { state: true },
  };

  /** `PHQ-9`, `GAD-7` or `EPDS`. */
  declare instrument: string;
  /** The answers on the form: the points of each item's answer, null while unanswered. */
  private declare answers: ItemAnswer[];

  constructor() {
    super();
    this.instrument = '';
    this.answers = [];
  }

  get #q(): Questionnaire | undefined {
    return isQuestionnaire(this.instrument) ? this.instrument : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('instrument')) {
      this.answers = this.#q ? Array(QUESTIONNAIRE_SPECS[this.#q].points.length).fill(null) : [];
      if (!this.#q) this.fail(new IptError('invalid-input', 'Invalid instrument: must be PHQ-9, GAD-7 or EPDS', 'instrument'));
    }
  }

  protected override resetView(): void {
    this.answers = this.answers.map(() => null);
  }

  /** Follows the radios: the total shows as the answers come. */
  #change = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const i = /^i(\d+)$/.exec(input.name)?.[1];
    if (i === undefined) return;
    const next = [...this.answers];
    next[Number(i)] = Number(input.value);
    this.answers = next;
  };

  async #save(e: SubmitEvent, q: Questionnaire) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const items = this.answers;
    const { total } = scoreItems(q, items);
    if (total === undefined) {
      this.fail(new IptError('invalid-input', `Invalid items: too many unanswered for a ${q} total`, 'items'));
      return;
    }
    const measure = {
      id: newId(),
      instrument: q,
      score: total,
      date: v.date!,
      items: [...items],
      ...(v.session ? { sessionId: v.session } : {}),
      ...(v.difficulty ? { difficulty: Number(v.difficulty) } : {}),
    };
    if (!(await this.act({ entity: 'measure', id: measure.id, action: 'answer-questionnaire' }, () => [{ op: 'put', entity: 'measure', record: measure }]))) return;
    form.reset();
    this.answers = this.answers.map(() => null);
    this.say(this.msg.questionnaire.saved(q, total));
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
          : (this.renderStatus() ?? this.#renderQuestionnaire(q, wording))}
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
        <label>${m.date}<input name="date" type="date" required value=${this.now} /></label>
        <label>${m.session}
          <select name="session">
            <option value="">${m.noSession}</option>
            ${held.map((s) => html`<option value=${s.session.id} ?selected=${s.session.id === today}>${m.sessionOption(s.number, this.date(s.session.date))}</option>`)}
          </select>
        </label>
      </div>
      <p id="stem">${w.stem}</p>
      <div class="items">
        ${w.items.map((text, i) => this.#renderItem(`i${i}`, `${i + 1}. ${text}`, choices(w, q, i), this.answers[i]))}
        ${w.difficulty ? this.#renderItem('difficulty', w.difficulty.question, w.difficulty.options.map((o, k) => [o, k])) : nothing}
      </div>
      <p class="total" part="total" role="status">
        ${score.total === undefined ? m.noTotal : m.total(score.total, max)}${score.prorated ? html` <span class="muted">${m.prorated(score.missing)}</span>` : nothing}
      </p>
      <p class="muted">${m.rule[q]}</p>
      <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${m.save}</button></div>
    </form>`;
  }

  /** One item: its published text as the legend, its answers as radios. */
  #renderItem(name: string, legend: string, options: Array<[string, number]>, value?: ItemAnswer) {
    return html`<fieldset class="item">
      <legend>${legend}</legend>
      <div class="options">
        ${options.map(
          ([label, points]) => html`<label class="option"
            ><input type="radio" name=${name} value=${points} .checked=${value === points} /><span>${label}</span></label
          >`,
        )}
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-questionnaire': IptQuestionnaire;
  }
}
