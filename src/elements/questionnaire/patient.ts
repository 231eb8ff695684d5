import { html, nothing } from 'lit';
import { QUESTIONNAIRE_SPECS, scoreItems, type ItemAnswer, type Questionnaire } from '../../model/questionnaires.js';
import type { questionnaire as Strings, Wording } from '../../i18n/en-questionnaire.js';

type Choice = [label: string, points: number];

/** The answers of an item, in the published order, with the points each gives. */
export function choices(w: Wording, q: Questionnaire, i: number): Choice[] {
  const labels = (Array.isArray(w.options[0]) ? w.options[i] : w.options) as readonly string[];
  return labels.map((label, k) => [label, QUESTIONNAIRE_SPECS[q].points[i]![k]!]);
}

/** Every question of the form as it is asked: the numbered items, then the difficulty question (not scored) when there is one. */
export function questions(w: Wording, q: Questionnaire): Array<[legend: string, options: Choice[]]> {
  const items = w.items.map((text, i) => [`${i + 1}. ${text}`, choices(w, q, i)] as [string, Choice[]]);
  return w.difficulty ? [...items, [w.difficulty.question, w.difficulty.options.map((o, k) => [o, k] as Choice)]] : items;
}

/** One question: its published text as the legend, its answers as radios. */
export function renderItem(name: string, legend: string, options: Choice[], value: ItemAnswer | undefined, current = false) {
  return html`<fieldset class="item ${current ? 'current' : ''}">
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

/** What patient mode reads of the element, and what it asks of it. */
export interface PatientView {
  q: Questionnaire;
  w: Wording;
  msg: typeof Strings;
  answers: readonly ItemAnswer[];
  step: number;
  stage: 'answering' | 'review' | 'sent' | 'sent-risk';
  busy: boolean;
  crisisLine: string;
  change: (e: Event) => void;
  /** Shows question `step` (or the review), and moves focus there. */
  go(step: number, stage?: 'answering' | 'review'): void;
  send(): void;
}

/**
 * Patient mode: the questions only. On a narrow screen one question at a time (the others are
 * hidden by a container query; Back and Next move between them); progress; a review with each
 * answer and Change; after sending, thanks, and after a safety answer a calm word that the
 * clinician will see it and what to do when in danger now (the portal's crisis line).
 */
export function renderPatient(v: PatientView) {
  const { q, w, msg: m } = v;
  const list = questions(w, q);
  const answered = v.answers.filter((a) => a !== null).length;
  if (v.stage === 'sent' || v.stage === 'sent-risk') {
    return html`<div class="patient" part="sent" tabindex="-1">
      <h2>${w.title}</h2>
      <p role="status">${m.thanks}</p>
      ${v.stage === 'sent-risk'
        ? html`<div class="alert" part="crisis">
            <p>${m.patientRisk}</p>
            <slot name="crisis"><p>${v.crisisLine || m.emergency}</p></slot>
          </div>`
        : nothing}
    </div>`;
  }
  const progress = html`<p class="progress">${m.progress(answered, list.length)}</p>
    <progress max=${list.length} .value=${answered} aria-label=${m.progress(answered, list.length)}></progress>`;
  if (v.stage === 'review') {
    const complete = scoreItems(q, v.answers.slice(0, w.items.length)).total !== undefined;
    return html`<div class="patient" part="review">
      <h2>${w.title}</h2>
      ${progress}
      <h3 tabindex="-1">${m.reviewTitle}</h3>
      <dl>
        ${list.map(([legend, options], i) => {
          const answer = options.find(([, p]) => p === v.answers[i])?.[0] ?? m.notAnswered;
          return html`<dt>${legend}</dt>
            <dd>${answer} <button type="button" aria-label=${m.changeItem(i + 1)} @click=${() => v.go(i)}>${m.change}</button></dd>`;
        })}
      </dl>
      ${complete ? nothing : html`<p class="alert" role="status">${m.tooFew}</p>`}
      <div class="row">
        <button type="button" @click=${() => v.go(list.length - 1)}>${m.back}</button>
        <button class="primary" type="button" ?disabled=${v.busy || !complete} @click=${v.send}>${m.send}</button>
      </div>
      <p class="muted source">${w.source}</p>
    </div>`;
  }
  const last = list.length - 1;
  return html`<form class="patient" part="form" @change=${v.change} @submit=${(e: Event) => (e.preventDefault(), v.go(0, 'review'))}>
    <h2>${w.title}</h2>
    ${progress}
    <p>${w.stem}</p>
    <div class="items">${list.map(([legend, options], i) => renderItem(`i${i}`, legend, options, v.answers[i], i === v.step))}</div>
    <div class="row">
      <span class="steps">
        <button type="button" ?disabled=${v.step === 0} @click=${() => v.go(v.step - 1)}>${m.back}</button>
        ${v.step < last ? html`<button type="button" @click=${() => v.go(v.step + 1)}>${m.next}</button>` : nothing}
      </span>
      <button class="primary" type="submit">${m.reviewButton}</button>
    </div>
    <p class="muted source">${w.source}</p>
  </form>`;
}
