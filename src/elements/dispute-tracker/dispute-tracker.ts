import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { sessionOn } from '../../model/course.js';
import { allowedMoves, closeDispute, disputesInOrder, firstStage, moveStage, reopenDispute, stageHistory } from '../../model/disputes.js';
import { IptError } from '../../model/errors.js';
import { middleRing } from '../../model/people.js';
import { newId } from '../../model/primitives.js';
import { DISPUTE_OUTCOMES, DISPUTE_STAGES, type Dispute, type DisputeStage, type Person } from '../../model/schemas.js';
import type { Change } from '../../model/changes.js';
import { IptElement } from '../base.js';
import { type Field, type Option } from '../fields.js';
import { disputeStyles } from './styles.js';

/** The texts of a dispute, in the order they are shown and edited. */
const TEXTS = ['issue', 'patientExpects', 'otherExpects', 'wantedChange', 'obstacles'] as const;

type Values = Record<string, string>;
const texts = (v: Values) => Object.fromEntries(TEXTS.map((t) => [t, v[t] ?? '']));
const put = (record: Omit<Dispute, 'courseId'>): Change => ({ op: 'put', entity: 'dispute', record });

/**
 * The role disputes of a course (IPT.md "Role disputes: three stages"): each with one person of
 * the inventory, the issue, each side's expectations, what the patient wants to change and what
 * blocks a resolution; its stage on a three-step track (renegotiation, impasse, dissolution) with
 * the aim of the current one, and the history of its moves with date, session number and note.
 * Moves a dispute either way between the stages, starts one (with a person of the inventory or
 * someone new, who then appears in the circle too), edits, closes with an outcome, reopens, and
 * removes with Undo.
 *
 * @tagname ipt-dispute-tracker
 * @summary Role disputes through renegotiation, impasse and dissolution.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before a user action is written.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-dispute-stage-change - A user moved a dispute to another stage: `{courseId, disputeId, personId, from, to}`.
 * @fires ipt-error - Something failed: `{code, message, field}`; `invalid-input` for an unknown `dispute-id`.
 * @csspart base - The whole widget.
 * @csspart dispute - One dispute's card.
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Buttons, focus and the current stage.
 */
export class IptDisputeTracker extends IptElement {
  static override styles = [IptElement.styles, disputeStyles];
  protected override shows = ['dispute', 'person'];
  static override properties = {
    disputeId: { attribute: 'dispute-id' },
    pick: { state: true },
  };

  /** Shows only this dispute (attribute `dispute-id`); an id the course does not hold is reported as `invalid-input`. */
  declare disputeId: string;
  /** The person chosen in the new-dispute form; empty for someone new. */
  private declare pick: string;

  /** The stage the open move form was opened for. */
  #to = '';

  constructor() {
    super();
    this.disputeId = '';
    this.pick = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Checked when the host sets it and when a course is loaded, not after the user removed that dispute.
    const id = this.disputeId;
    if (id && this.course && (changed.has('disputeId') || this.loaded(changed)) && !this.course.disputes.some((d) => d.id === id)) {
      this.fail(new IptError('invalid-input', 'Invalid dispute-id: the course has no such dispute', 'dispute-id'));
    }
  }

  protected override resetView(): void {
    this.pick = '';
  }

  /** Date (today unless given) and session number of a move, with its note. */
  #at(date = this.now, note?: string) {
    const c = this.course!;
    return { date, session: sessionOn(c.course, c.sessions, date), note: note?.trim() };
  }

  /**
   * One user action on a dispute, from the form `panel` (none for Reopen). Once it is written, that
   * form closes (a form of another dispute stays open, with what is typed in it) and focus goes to
   * `focus` (by default the form's opener).
   */
  async #save(id: string, action: string, changes: () => Change[], panel?: string, focus?: string): Promise<boolean> {
    const ok = !!(await this.act({ entity: 'dispute', id, action }, changes));
    if (ok && panel && this.panels.open === panel) this.panels.close(focus);
    else if (ok && !panel && focus) this.panels.focus(focus);
    return ok;
  }

  async #move(d: Dispute, v: Values, name: string) {
    const to = v.to as DisputeStage;
    const from = d.stage;
    const ok = await this.#save(
      d.id,
      'move-stage',
      () => [put(moveStage(d, to, this.#at(v.date, v.note), this.now))],
      `move:${d.id}`,
      `[data-id="${d.id}"] [data-move="${from}"]`,
    );
    // Focus goes back to the step the dispute left: the stage it reached is said.
    if (ok) this.say(this.msg.disputes.reached(name, this.msg.disputes.stage[to]));
  }

  #add(v: Values) {
    const id = newId();
    const changes: Change[] = [];
    let personId = v.personId;
    if (!personId) {
      personId = newId();
      changes.push({ op: 'put', entity: 'person', record: { id: personId, name: v.name ?? '', relationship: v.relationship ?? '', ring: middleRing() } });
    }
    const stage = v.stage as DisputeStage;
    void this.#save(id, 'add-dispute', () => [...changes, put({ id, personId, stage, history: firstStage(stage, this.#at()), ...texts(v) } as Dispute)], 'add');
  }

  #texts(): Field[] {
    return TEXTS.map((t) => ({ name: t, label: this.msg.disputes[t], type: 'textarea' }));
  }

  protected override render() {
    const m = this.msg.disputes;
    const c = this.course;
    const list = c ? disputesInOrder(c.disputes).filter((d) => !this.disputeId || d.id === this.disputeId) : [];
    // Another widget of the page says that the course does not exist yet.
    if (this.phase === 'missing' && !this.start.speaks) return html`<section part="base" aria-label=${m.label}>${this.renderProblem()}</section>`;
    return html`<section part="base" aria-labelledby="title">
      <h2 aria-level=${this.level(0)} id="title">${m.label}</h2>
      ${this.renderProblem()} ${this.renderStatus() ?? nothing} ${this.panels.renderUndo()}
      ${c
        ? html`${list.length
              ? html`${repeat(this.paging.rows('disputes', list), (d) => d.id, (d) => this.#card(d, c.people))}${this.paging.more('disputes', list.length, this.msg.showMore)}`
              : html`<p class="muted">${this.disputeId ? m.unknown : m.none}</p>`}
          ${this.readonly || this.disputeId ? nothing : html`<div class="card">${this.#renderAdd(c.people)}</div>`}`
        : nothing}
    </section>`;
  }

  #renderAdd(people: Person[]) {
    const m = this.msg.disputes;
    const options: Option[] = people.map((p) => [p.id, p.relationship ? `${p.name} (${p.relationship})` : p.name]);
    return this.panels.open === 'add'
      ? this.panels.render(
          'add',
          m.add,
          html`<div @change=${(e: { target: HTMLSelectElement }) => (this.pick = e.target.value)}>
            ${this.panels.fields([{ name: 'personId', label: m.person, type: 'select', options: [...options, ['', m.newPerson]] }], { personId: this.pick })}
          </div>
          ${this.pick
            ? nothing
            : this.panels.fields([
                { name: 'name', label: this.msg.circle.name, required: true },
                { name: 'relationship', label: this.msg.circle.relationship },
              ])}
          ${this.panels.fields([{ name: 'stage', label: m.stages, type: 'select', options: DISPUTE_STAGES.map((s) => [s, m.stage[s]]) }, ...this.#texts()])}`,
          (v) => this.#add(v),
        )
      : this.panels.opener('add', m.add, undefined, undefined, () => (this.pick = options[0]?.[0] ?? ''));
  }

  #card(d: Dispute, people: Person[]) {
    const msg = this.msg;
    const m = msg.disputes;
    const p = people.find((x) => x.id === d.personId);
    const name = p?.name ?? '?';
    const id = d.id;
    const key = (k: string) => `${k}:${id}`;
    const here = `[data-id="${id}"]`;
    const moves = this.readonly ? [] : allowedMoves(d);
    const history = stageHistory(d);
    const h = `h-${id}`;
    return html`<article class="card" part="dispute" data-id=${id} aria-labelledby=${h}>
      <h3 aria-level=${this.level(1)} id=${h}>${name}${p?.relationship ? ` · ${p.relationship}` : ''}</h3>
      ${d.outcome ? html`<p><strong>${m.closed(m.outcome[d.outcome], this.date(d.closed!))}</strong></p>` : nothing}
      <ol class="stages" aria-label=${m.stages}>
        ${DISPUTE_STAGES.map((s) =>
          s === d.stage
            ? html`<li aria-current="step"><strong>${m.stage[s]}</strong> ${m.aim[s]}</li>`
            : html`<li>
                ${moves.includes(s)
                  ? html`<button data-move=${s} aria-label=${m.moveStep(m.stage[s])} @click=${() => ((this.#to = s), this.panels.show(key('move')))}>
                      ${m.stage[s]}
                    </button>`
                  : m.stage[s]}
              </li>`,
        )}
      </ol>
      ${this.panels.render(
        key('move'),
        m.moveTo,
        html`${this.panels.fields(
          [
            { name: 'to', label: m.moveTo, type: 'select', options: moves.map((s) => [s, m.stage[s]]) },
            { name: 'note', label: m.note, type: 'textarea', hint: msg.optional },
            { name: 'date', label: m.date, type: 'date', required: true, max: this.now },
          ],
          { to: this.#to, date: this.now },
        )}`,
        (v) => this.#move(d, v, name),
        { back: `${here} [data-move="${this.#to}"]` },
      )}
      <dl>${TEXTS.filter((t) => d[t]).map((t) => html`<dt>${m[t]}</dt><dd>${d[t]}</dd>`)}</dl>
      <details>
        <summary>${m.history(history.length)}</summary>
        <ol>
          ${history.map(
            (h) =>
              html`<li>
                ${this.date(h.date)}${h.session ? ` · ${m.session(h.session)}` : ''} ·
                ${h.from ? `${m.stage[h.from]} → ` : ''}${m.stage[h.to]}${h.note ? ` · ${h.note}` : ''}
              </li>`,
          )}
        </ol>
      </details>
      ${this.readonly
        ? nothing
        : html`<div class="row">
              <button data-opens=${key('edit')} aria-describedby=${h} @click=${() => this.panels.show(key('edit'))}>${msg.edit}</button>
              <button
                data-opens=${key('close')}
                aria-describedby=${h}
                @click=${() =>
                  d.outcome ? this.#save(id, 'reopen-dispute', () => [put(reopenDispute(d))], undefined, `[data-opens="${key('close')}"]`) : this.panels.show(key('close'))}
              >
                ${d.outcome ? m.reopen : m.close}
              </button>
              <button
                class="danger"
                aria-describedby=${h}
                @click=${() => this.panels.remove({ entity: 'dispute', id, action: 'remove-dispute' }, [{ entity: 'dispute', record: d }], m.what(name), `${here} .danger`)}
              >
                ${msg.remove}
              </button>
            </div>
            ${this.panels.render(key('edit'), msg.edit, this.panels.fields(this.#texts(), d), (v) => this.#save(id, 'edit-dispute', () => [put({ ...d, ...texts(v) })], key('edit')))}
            ${this.panels.render(
              key('close'),
              m.close,
              this.panels.fields([{ name: 'outcome', label: m.outcomeField, type: 'select', options: DISPUTE_OUTCOMES.map((o) => [o, m.outcome[o]]) }]),
              (v) => this.#save(id, 'close-dispute', () => [put(closeDispute(d, v.outcome as 'resolved', this.now))], key('close')),
            )}`}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-dispute-tracker': IptDisputeTracker;
  }
}
