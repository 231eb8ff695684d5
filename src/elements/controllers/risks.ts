import { html, nothing } from 'lit';
import type { Change } from '../../model/changes.js';
import type { CourseState } from '../../model/document.js';
import { openRisks, QUESTIONNAIRE_SPECS, safetyAnswer, type Questionnaire } from '../../model/questionnaires.js';
import type { Measure } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';
import { FOCUSABLE } from './panels.js';
import { INSTRUMENTS_EN } from '../../i18n/en-questionnaire.js';
import type { Intent } from '../../events.js';

/** What the safety alerts read of their element, and what they ask of it. */
export interface RiskView {
  course(): CourseState | undefined;
  readonly(): boolean;
  busy(): boolean;
  msg(): Messages;
  lang(): string;
  date(iso: string): string;
  /** The host's reference to the clinician (attribute `practitioner`), stored with an acknowledgement. */
  practitioner(): string | undefined;
  act(intent: Intent, changes: () => Change[]): Promise<unknown>;
  say(text: string): void;
  /** Focuses the first control the first selector that matches finds (in order of preference). */
  focus(...selectors: string[]): void;
}

/** The words of the answer a safety item was given: the language's validated text, else the English one. */
export function answerText(msg: Messages, m: Measure): string {
  const q = m.instrument as Questionnaire;
  const at = QUESTIONNAIRE_SPECS[q].safety!;
  const wording = msg.questionnaire.instruments[q] ?? INSTRUMENTS_EN[q]!;
  const options = (Array.isArray(wording.options[0]) ? wording.options[at] : wording.options) as readonly string[];
  return options[QUESTIONNAIRE_SPECS[q].points[at]!.indexOf(safetyAnswer(m)!)] ?? '';
}

/** A timestamp in the language, date and time. */
export const when = (iso: string, lang: string): string => {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch {
    return iso;
  }
};

/**
 * The safety alerts of a course (PHQ-9 item 9, EPDS item 10 answered above 0) in a clinician's
 * widget: each stays until a clinician acknowledges it, whatever the total; the acknowledgement is
 * stored on the measure with its time (and the practitioner, when the host gives one).
 */
export class RiskAlerts {
  readonly #view: RiskView;

  constructor(view: RiskView) {
    this.#view = view;
  }

  async acknowledge(m: Measure): Promise<void> {
    const v = this.#view;
    const by = v.practitioner();
    const at = new Date().toISOString();
    const record = { ...m, acknowledged: { at, ...(by ? { by } : {}) } };
    const done = await v.act({ entity: 'measure', id: m.id, action: 'acknowledge-risk' }, () => [{ op: 'put', entity: 'measure', record }]);
    if (!done) return;
    v.say(v.msg().questionnaire.risk.acknowledged(when(at, v.lang())));
    v.focus('[data-ack]', FOCUSABLE);
  }

  /** The open alerts (of the measures `which` keeps), newest first; nothing when there is none. */
  render(which: (m: Measure) => boolean = () => true) {
    const v = this.#view;
    const risks = openRisks(v.course()?.measures ?? []).filter(which);
    if (!risks.length) return nothing;
    const m = v.msg().questionnaire.risk;
    return html`<div class="alert danger risk" role="alert" part="risk">
      <strong>${m.title}</strong>
      <ul>
        ${risks.map((r) => {
          const date = v.date(r.date);
          const item = QUESTIONNAIRE_SPECS[r.instrument as Questionnaire].safety! + 1;
          return html`<li>
            <span>${m.body(r.instrument, item, date, answerText(v.msg(), r))}</span>
            ${v.readonly()
              ? nothing
              : html`<button type="button" data-ack aria-label=${m.acknowledgeOne(r.instrument, date)} ?disabled=${v.busy()} @click=${() => this.acknowledge(r)}>
                  ${m.acknowledge}
                </button>`}
          </li>`;
        })}
      </ul>
    </div>`;
  }
}
