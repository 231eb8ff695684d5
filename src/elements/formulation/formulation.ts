import { html, nothing, type PropertyValues } from 'lit';
import { IptError } from '../../model/errors.js';
import { deficitsWarnings, focusSuggestions, formulationAgreed, initialPhaseGaps, reviseFormulation } from '../../model/formulation.js';
import { areasOffered, presetOf } from '../../model/protocols.js';
import type { Change } from '../../model/changes.js';
import type { CourseState } from '../../model/document.js';
import type { Course, ProblemArea } from '../../model/schemas.js';
import { IptElement } from '../base.js';
import { areaNames } from '../areas.js';
import { dateField } from '../fields.js';
import { formulationStyles } from './styles.js';

type Values = Record<string, string>;

/** A host's reference to a Condition of its record: relative (`Condition/<id>`), absolute, or a urn:uuid. */
const CONDITION_REF = /^((https?:\/\/[^\s/]+(\/[^\s/]+)*\/)?Condition\/[A-Za-z0-9.-]{1,64}|urn:uuid:[0-9a-fA-F-]{36})$/;

/**
 * The initial phase of IPT (IPT.md): the diagnosis given to the patient (with the host's reference
 * to a Condition of its record, never one of ours), the date the "sick role" was given, the focus
 * (one problem area, at most two, from the course's vocabulary, with the areas the interpersonal
 * inventory suggests and why), and the interpersonal formulation with the date the patient agreed
 * to it and every change of its text kept. Choosing interpersonal deficits with another area, or
 * while a person of the inventory died near the onset, asks the clinician to confirm and says why
 * (the manual keeps deficits for when no other area applies). Shows the protocol the course
 * follows and what of it needs a clinician's check.
 *
 * @tagname ipt-formulation
 * @summary Diagnosis, sick role, focus and the interpersonal formulation.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before a user action is written: `{courseId, entity, id, action}`.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-error - Something failed: `{code, message, field}`; `invalid-input` for a `condition` that is not a reference to a Condition.
 * @csspart base - The whole widget.
 * @csspart protocol - The protocol the course follows.
 * @csspart section - One part of the initial phase (diagnosis, sick role, focus, formulation).
 * @csspart rule - Why the focus goes against the manual's interpersonal-deficits rule.
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Buttons and focus.
 * @cssprop --ipt-color-warning - What is still to agree, and the deficits rule.
 */
export class IptFormulation extends IptElement {
  static override styles = [IptElement.styles, formulationStyles];
  protected override shows = ['course', 'person', 'dispute'];
  static override properties = {
    condition: {},
    draft: { state: true },
  };

  /**
   * The host's reference to the Condition of its record that the diagnosis is (such as
   * `Condition/123`): saved with the diagnosis. ipt-elements never makes one up.
   */
  declare condition: string;
  /** The areas ticked in the open focus form: they decide what it warns about. */
  private declare draft: ProblemArea[];

  constructor() {
    super();
    this.condition = '';
    this.draft = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('condition') && this.condition && !CONDITION_REF.test(this.condition)) {
      this.fail(new IptError('invalid-input', 'Invalid condition: must be a reference to a Condition, such as Condition/123', 'condition'));
    }
  }

  protected override resetView(): void {
    this.draft = [];
  }

  /** Writes the course as `next` makes it from the stored one; the panel then closes and its part is said saved. */
  async #save(action: string, panel: string, title: string, next: (c: Course) => Course) {
    const change = (): Change[] => [{ op: 'put', entity: 'course', record: next(this.course!.course) }];
    if (!(await this.act({ entity: 'course', id: this.courseId, action }, change))) return;
    if (this.panels.open === panel) this.panels.close();
    this.say(this.msg.formulation.saved(title));
  }

  protected override render() {
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${this.msg.formulation.label}</h2>
      ${this.renderProblem()} ${this.renderStatus() ?? this.#renderPhase(this.course!)}
    </section>`;
  }

  #renderPhase(state: CourseState) {
    const m = this.msg.formulation;
    const c = state.course;
    const gaps = initialPhaseGaps(c);
    return html`${this.#renderProtocol(c)}
      <p class=${gaps.length ? 'alert' : 'muted'} role="status">${m.gaps(gaps.includes('focus'), gaps.includes('formulation'))}</p>
      ${this.#renderDiagnosis(c)} ${this.#renderSickRole(c)} ${this.#renderFocus(state)} ${this.#renderFormulation(c)}`;
  }

  #renderProtocol(c: Course) {
    const m = this.msg.formulation;
    if (!c.protocol) return html`<p class="muted" part="protocol">${m.noProtocol}</p>`;
    const preset = presetOf(c.protocol);
    const note = m.protocolNote[c.protocol];
    return html`<div part="protocol">
      <p><strong>${m.protocol(m.protocols[c.protocol])}</strong></p>
      ${note ? html`<p>${note}</p>` : nothing}
      ${preset.measureEvery ? html`<p>${m.measureEvery(preset.measureEvery)}</p>` : nothing}
      ${preset.check.length ? html`<p class="muted">${m.toCheck(preset.check.map((k) => m.checkNames[k]).join(', '))}</p>` : nothing}
    </div>`;
  }

  /** One part of the initial phase: its title, what it holds, and the button that opens its form (or the form). */
  #part(key: string, title: string, shown: unknown, opener: string, form: () => unknown, before?: () => void) {
    return html`<section class="card" part="section" aria-labelledby="${key}-title">
      <h3 id="${key}-title">${title}</h3>
      ${shown}
      ${this.readonly ? nothing : this.panels.open === key ? form() : this.panels.opener(key, opener, undefined, undefined, before)}
    </section>`;
  }

  #renderDiagnosis(c: Course) {
    const m = this.msg.formulation;
    const d = c.diagnosis;
    return this.#part(
      'diagnosis',
      m.diagnosis,
      d ? html`<p>${d.text}</p>${d.condition ? html`<p class="muted">${m.linked}</p>` : nothing}` : html`<p class="muted">${m.noDiagnosis}</p>`,
      m.editDiagnosis,
      () =>
        this.panels.render('diagnosis', m.editDiagnosis, this.panels.fields([{ name: 'text', label: m.diagnosisText, required: true }], { text: d?.text }), (v: Values) => {
          const condition = (CONDITION_REF.test(this.condition) && this.condition) || d?.condition;
          return this.#save('set-diagnosis', 'diagnosis', m.diagnosis, (course) => ({ ...course, diagnosis: { text: v.text!, ...(condition ? { condition } : {}) } }));
        }),
    );
  }

  #renderSickRole(c: Course) {
    const m = this.msg.formulation;
    const s = c.sickRole;
    return this.#part(
      'sick-role',
      m.sickRole,
      s ? html`<p>${m.sickRoleGiven(this.date(s.date))}</p>${s.note ? html`<p class="formulation-text">${s.note}</p>` : nothing}` : html`<p class="muted">${m.noSickRole}</p>`,
      m.editSickRole,
      () =>
        this.panels.render(
          'sick-role',
          m.editSickRole,
          this.panels.fields([{ ...dateField('date', m.sickRoleDate), max: this.now }, { name: 'note', label: m.note, type: 'textarea', hint: this.msg.optional }], s ?? { date: this.now }),
          (v: Values) => this.#save('set-sick-role', 'sick-role', m.sickRole, (course) => ({ ...course, sickRole: { date: v.date!, note: v.note ?? '' } })),
        ),
    );
  }

  #renderFocus({ course: c, people, disputes }: CourseState) {
    const m = this.msg.formulation;
    const names = areaNames(this.msg, c);
    const offered = areasOffered(c);
    const who = (ids: string[]) => ids.map((id) => people.find((p) => p.id === id)?.name ?? '?').join(', ');
    const suggestions = focusSuggestions(people, disputes).filter((s) => offered.includes(s.area));
    // A focus against the deficits rule (confirmed, or set by the host) keeps saying why.
    const against = deficitsWarnings(c.focus, people);
    const shown = html`${c.focus.length ? html`<ul>${c.focus.map((a) => html`<li>${names[a]}</li>`)}</ul>` : html`<p class="muted">${m.noFocus}</p>`}
      ${against.length ? html`<div class="alert" part="rule">${against.map((w) => html`<p>${m.warning[w]}</p>`)}</div>` : nothing}
      <h4 id="suggested">${m.suggestions}</h4>
      ${suggestions.length
        ? html`<ul aria-labelledby="suggested">
            ${suggestions.map((s) => html`<li><strong>${names[s.area]}</strong>: ${m.reason[s.reason](who(s.people))}</li>`)}
          </ul>`
        : html`<p class="muted">${m.noSuggestions}</p>`}`;
    return this.#part('focus', m.focus, shown, m.chooseFocus, () => {
      const draft = this.draft;
      const warnings = deficitsWarnings(draft, people);
      return this.panels.render(
        'focus',
        m.chooseFocus,
        html`<fieldset @change=${(e: Event) => (this.draft = this.#ticked(e.currentTarget as HTMLElement, offered))}>
            <legend>${m.areas}</legend>
            ${this.panels.fields(
              offered.map((a) => ({ name: `area:${a}`, label: names[a], type: 'checkbox' as const })),
              Object.fromEntries(draft.map((a) => [`area:${a}`, true])),
            )}
          </fieldset>
          ${draft.length > 2 ? html`<p class="alert danger" role="alert">${m.tooMany}</p>` : nothing}
          ${warnings.length
            ? html`<div class="alert" role="alert">
                ${warnings.map((w) => html`<p>${m.warning[w]}</p>`)}
                ${this.panels.fields([{ name: 'confirm', label: m.confirm, type: 'checkbox', required: true }])}
              </div>`
            : nothing}`,
        (v: Values) => {
          const ticked = offered.filter((a) => v[`area:${a}`] === 'on');
          // The areas chosen before keep their order (the first is the goal checklist's default); new ones follow.
          const focus = [...c.focus.filter((a) => ticked.includes(a)), ...ticked.filter((a) => !c.focus.includes(a))];
          return this.#save('set-focus', 'focus', m.focus, (course) => ({ ...course, focus }));
        },
      );
    }, () => (this.draft = [...c.focus]));
  }

  /** The areas ticked in the focus form. */
  #ticked(fieldset: HTMLElement, offered: ProblemArea[]): ProblemArea[] {
    return offered.filter((a) => fieldset.querySelector<HTMLInputElement>(`[name="area:${a}"]`)?.checked);
  }

  #renderFormulation(c: Course) {
    const m = this.msg.formulation;
    const f = c.formulation;
    const agreement = !f ? nothing : formulationAgreed(f) ? m.agreed(this.date(f.agreed!)) : f.agreed ? m.changedSince(this.date(f.agreed)) : m.notAgreed;
    const shown = f
      ? html`<p class="formulation-text">${f.text}</p>
          <p class=${formulationAgreed(f) ? 'muted' : 'alert'}>${agreement}</p>
          ${f.history.length
            ? html`<details>
                <summary>${m.changes(f.history.length)}</summary>
                <ol>
                  ${f.history.map(
                    (h) => html`<li>
                      ${m.change(this.date(h.date))}
                      <dl><dt>${m.before}</dt><dd>${h.before}</dd><dt>${m.after}</dt><dd>${h.after}</dd></dl>
                    </li>`,
                  )}
                </ol>
              </details>`
            : nothing}`
      : html`<p class="muted">${m.noFormulation}</p>`;
    return this.#part('formulation', m.formulation, shown, m.editFormulation, () =>
      this.panels.render(
        'formulation',
        m.editFormulation,
        this.panels.fields(
          [
            { name: 'text', label: m.formulationText, type: 'textarea', required: true },
            { name: 'agreed', label: m.agreedOn, type: 'date', max: this.now, hint: this.msg.optional },
          ],
          f ?? {},
        ),
        (v: Values) =>
          this.#save('set-formulation', 'formulation', m.formulation, (course) => ({
            ...course,
            formulation: reviseFormulation(course.formulation, v.text!, v.agreed || undefined, this.now),
          })),
      ),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-formulation': IptFormulation;
  }
}
