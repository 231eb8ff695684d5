import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { courseProgress } from '../../model/course.js';
import type { CourseState } from '../../model/document.js';
import { goalGroups, isAchieved, moveGoal, orderBetween, setAchieved, sortGoals, withStatus } from '../../model/goals.js';
import { newId } from '../../model/primitives.js';
import { areasOffered } from '../../model/protocols.js';
import { GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, type Course, type Goal, type ProblemArea } from '../../model/schemas.js';
import { areaNames } from '../areas.js';
import { IptElement } from '../base.js';
import { toInt } from '../forms.js';
import { defined, type Field, type Option } from '../fields.js';
import { goalStyles } from './styles.js';

type Act = 'up' | 'down' | 'edit' | 'remove';

/** A goal's FHIR statuses, as ipt-goal-change carries them. */
/** The control `act` of the goal `id`: where focus goes back after an action on it. */
const control = (id: string, act: Act | 'check') => `[data-goal="${id}"] ${act === 'check' ? 'input' : `[data-act=${act}]`}`;

/**
 * The treatment goals of an IPT course, agreed with the patient in the initial phase and reviewed
 * at the end: grouped by problem area (the course's focus first), each with its FHIR Goal status,
 * an optional target session and the dates it was set and achieved. Adds, edits, removes (with
 * Undo), reorders (Move up / Move down, or drag by its grip within an area) and marks goals
 * achieved; shows "n of m achieved" per area and overall, and asks for a review in the
 * termination window.
 *
 * A goal's status belongs to its record, not to the element: a host sets it through the store,
 * which refuses an unknown value with `invalid-input`, as the element does for its edit form.
 *
 * @tagname ipt-goal-checklist
 * @summary Treatment goals per problem area, with their progress.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before a user action is written: `{courseId, entity, id, action}`.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-goal-change - A user action changed a goal's status: `{courseId, goalId, from, to}` (`{lifecycle, achievement?}` each).
 * @fires ipt-error - Something failed: `{code, message, field}`.
 * @csspart base - The whole widget.
 * @csspart summary - The title and the overall progress.
 * @csspart review - The prompt to review the goals in the termination window.
 * @csspart group - The goals of one problem area.
 * @csspart goal - One goal.
 * @csspart form - The button and form to add a goal.
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Buttons, focus and the progress bar.
 * @cssprop --ipt-color-warning - The review prompt.
 */
export class IptGoalChecklist extends IptElement {
  static override styles = [IptElement.styles, goalStyles];
  protected override shows = ['goal'];

  /**
   * The goal form's fields. Its areas: the course's focus first, then the other areas its protocol
   * offers (and any a goal holds); with no focus chosen, none is preselected.
   */
  #fields(course: Course, edit?: boolean): Field[] {
    const m = this.msg.goals;
    const codes = (list: readonly string[]) => list.map((c) => [c, m.code(c)] as const);
    const names = areaNames(this.msg, course);
    const areas = [...course.focus, ...areasOffered(course, this.course!.goals.map((g) => g.area)).filter((a) => !course.focus.includes(a))];
    const options: Option[] = areas.map((a) => [a, names[a]]);
    return [
      { name: 'text', label: m.goal, type: 'textarea', required: true },
      { name: 'area', label: m.area, type: 'select', required: true, options: course.focus.length || edit ? options : [['', m.chooseArea], ...options] },
      { name: 'targetSession', label: m.target, type: 'number', min: 1, max: 1000, hint: this.msg.optional },
      ...(edit
        ? ([
            { name: 'lifecycle', label: m.lifecycle, type: 'select', options: codes(GOAL_LIFECYCLE) },
            { name: 'achievement', label: m.achievement, type: 'select', options: [['', this.msg.notKnown], ...codes(GOAL_ACHIEVEMENT)] },
          ] as const)
        : []),
    ];
  }

  /** Writes goals for an action on `g` (act() fires ipt-goal-change when it changed a goal's status). */
  async #save(g: Goal, action: string, ...next: Goal[]): Promise<boolean> {
    return !!(await this.act({ entity: 'goal', id: g.id, action }, () => next.map((record) => ({ op: 'put', entity: 'goal', record }))));
  }

  /** "n of m achieved" of the course shown. */
  #progress(): string {
    const { achieved, total } = goalGroups(this.course?.goals ?? []).overall;
    return this.msg.goals.of(achieved, total);
  }

  /** Adds a goal (`g` undefined; its form stays open for the next) or saves the edit of `g`. */
  async #submit(v: Record<string, string>, g?: Goal) {
    const next = withStatus(
      defined({
        ...(g ?? { id: newId(), order: orderBetween(sortGoals(this.course!.goals).pop()?.order), set: this.now }),
        text: v.text!,
        area: v.area as ProblemArea,
        targetSession: v.targetSession ? toInt(v.targetSession) : undefined,
      }) as Goal,
      (v.lifecycle ?? 'active') as Goal['lifecycle'],
      (g ? v.achievement || undefined : 'in-progress') as Goal['achievement'],
      this.now,
    );
    if (!(await this.#save(g ?? next, g ? 'edit-goal' : 'add-goal', next))) return;
    if (g) this.panels.close(control(g.id, 'edit'));
    else {
      this.renderRoot.querySelector<HTMLFormElement>('[data-panel=add]')?.reset();
      this.panels.focus('[data-panel=add] textarea');
      this.say(this.msg.goals.added(this.msg.goals.what(next.text)));
    }
  }

  async #check(g: Goal, box: HTMLInputElement) {
    const before = this.#progress();
    if (!(await this.#save(g, box.checked ? 'achieve-goal' : 'reopen-goal', setAchieved(g, box.checked, this.now)))) box.checked = !box.checked;
    // The box says checked or not; what it did to the count is said when the count changed.
    else if (this.#progress() !== before) this.say(this.#progress());
  }

  /**
   * Moves a goal to position `to` of its area's list (renumbering the list when the orders ran out
   * of room); focus stays on the control that moved it, and its new place is said.
   */
  async #move(g: Goal, list: readonly Goal[], to: number, act?: Act) {
    if (!list[to] || list[to].id === g.id) return;
    if (!(await this.#save(g, 'move-goal', ...moveGoal(list, g.id, to)))) return;
    this.say(this.msg.goals.moved(to + 1, list.length));
    if (act) this.panels.focus(control(g.id, act));
  }

  #do(act: Act, g: Goal, i: number, list: readonly Goal[]) {
    if (act === 'edit') this.panels.show(`edit:${g.id}`);
    else if (act === 'remove') {
      void this.panels.remove({ entity: 'goal', id: g.id, action: 'remove-goal' }, [{ entity: 'goal', record: g }], this.msg.goals.what(g.text), control(g.id, 'check'));
    } else void this.#move(g, list, act === 'up' ? i - 1 : i + 1, act);
  }

  protected override render() {
    return html`<section part="base" aria-label=${this.msg.goals.label}>
      ${this.renderProblem()} ${this.renderStatus() ?? this.#renderGoals(this.course!)}
    </section>`;
  }

  #renderGoals({ course, sessions, goals }: CourseState) {
    const m = this.msg.goals;
    const { overall, areas } = goalGroups(goals, course.focus);
    const none = html`<p class="muted">${m.none}</p>`;
    return html`<header part="summary">
        <h2 aria-level=${this.level(0)}>${m.label}</h2>
        <p>${m.of(overall.achieved, overall.total)}</p>
        <progress max=${overall.total || 1} .value=${overall.achieved} aria-label=${m.label}></progress>
      </header>
      ${courseProgress(course, sessions).terminationWindow ? html`<p class="alert" part="review" role="status">${m.review}</p>` : nothing}
      ${areas.length
        ? repeat(
            areas,
            (a) => a.area,
            (a) => html`<section class="card" part="group" aria-labelledby="a-${a.area}">
              <h3 aria-level=${this.level(1)} id="a-${a.area}">${areaNames(this.msg, course)[a.area]} <span class="muted">${m.of(a.achieved, a.total)}</span></h3>
              ${a.goals.length
                ? html`<ul data-rove>${repeat(this.paging.rows(a.area, a.goals), (g) => g.id, (g, i) => this.#renderGoal(g, i, a.goals))}</ul>
                    ${this.paging.more(a.area, a.goals.length, this.msg.showMore)}`
                : none}
            </section>`,
          )
        : none}
      ${this.panels.renderUndo()}
      ${this.readonly
        ? nothing
        : html`<div class="card" part="form">
            ${this.panels.open === 'add'
              ? this.panels.render('add', m.add, this.panels.fields(this.#fields(course), { area: course.focus[0] ?? '' }), (v) => this.#submit(v))
              : this.panels.opener('add', m.add)}
          </div>`}`;
  }

  #renderGoal(g: Goal, i: number, list: readonly Goal[]) {
    const m = this.msg.goals;
    const key = `edit:${g.id}`;
    if (this.panels.open === key) {
      return html`<li>${this.panels.render(key, this.msg.edit, this.panels.fields(this.#fields(this.course!.course, true), g), (v) => this.#submit(v, g), { back: control(g.id, 'edit') })}</li>`;
    }
    const ro = this.readonly;
    const text = html`<span id="g-${g.id}">${g.text}</span>`;
    const meta = [
      // While a goal is worked on or done, how it went says it all ("Achieved", not "Done, Achieved").
      g.achievement && (g.lifecycle === 'active' || g.lifecycle === 'completed') ? m.code(g.achievement) : m.code(g.lifecycle) + (g.achievement ? `, ${m.code(g.achievement)}` : ''),
      g.targetSession && m.targetOf(g.targetSession),
      m.set(this.date(g.set)),
      g.achieved && m.achieved(this.date(g.achieved)),
    ];
    return html`<li part="goal" data-goal=${g.id} data-rove-row>
      ${ro
        ? text
        : html`<div class="row head">
            <span class="grip" aria-hidden="true" @pointerdown=${(e: PointerEvent) => {
                try {
                  (e.target as Element).setPointerCapture(e.pointerId);
                } catch {
                  // Not an active pointer (a synthetic event): the release still comes to the grip.
                }
              }}
              @pointerup=${(e: PointerEvent) => {
                const id = (this.renderRoot as ShadowRoot).elementFromPoint(e.clientX, e.clientY)?.closest('li')?.dataset.goal;
                void this.#move(g, list, list.findIndex((x) => x.id === id));
              }}>⠿</span>
            <label class="check"><input type="checkbox" .checked=${isAchieved(g)} @change=${(e: Event) => this.#check(g, e.target as HTMLInputElement)} />${text}</label>
          </div>`}
      <p class="muted">${meta.filter(Boolean).join(' · ')}</p>
      ${ro
        ? nothing
        : html`<div class="row">
            ${([
              ['up', m.up, i === 0],
              ['down', m.down, i === list.length - 1],
              ['edit', this.msg.edit],
              ['remove', this.msg.remove],
            ] as const).map(
              ([act, label, edge]) => html`<button type="button" class=${act === 'remove' ? 'danger' : nothing} data-act=${act} aria-describedby="g-${g.id}" aria-disabled=${!!edge}
                @click=${() => this.#do(act, g, i, list)}>${label}</button>`,
            )}
          </div>`}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-goal-checklist': IptGoalChecklist;
  }
}
