import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Change } from '../../model/changes.js';
import type { Course } from '../../model/schemas.js';
import type { DateInput, Messages } from '../../i18n/index.js';
import type { IptStore } from '../../store/index.js';
import type { Intent } from '../../events.js';
import { countField, renderFields } from '../fields.js';
import { formValues, toInt } from '../forms.js';

/** What the start of a course reads of its element, and the one thing it asks of it: to act. */
export interface StartView {
  courseId(): string;
  /** The course is not stored (yet) in the store the element reads. */
  missing(): boolean;
  store(): IptStore | undefined;
  readonly(): boolean;
  busy(): boolean;
  msg(): Messages;
  /** How date fields read and write dates, in the element's language. */
  dates(): DateInput;
  /** The contract the form offers. */
  planned(): number;
  /** The course record a start makes (the protocol's set-up, the host's patient). */
  record(planned: number, start: string | undefined): Course;
  /** The widget whose start form says most (the session counter) speaks first. */
  first(): boolean;
  onInvalid(): EventListenerObject & { capture: boolean };
  act(intent: Intent, changes: () => Change[]): Promise<unknown>;
  /** The aria-level of a heading `depth` below the widget's top one. */
  level(depth: number): unknown;
  /** After the course was started: where focus goes. */
  started(): void;
}

/** The widgets of the page waiting for a course that is not stored yet, per store and course id, in the order they came. */
const waiting = new WeakMap<IptStore, Map<string, CourseStart[]>>();

/**
 * A course that does not exist yet: one widget of the page (per store and course) says so and
 * offers to start it; the others wait out of sight (`:host(:state(waiting))`) until the course exists. Any
 * widget can be the one: an editable one before a readonly one, the session counter first.
 */
export class CourseStart implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #view: StartView;
  readonly #internals: ElementInternals | undefined;
  /** Where this widget waits, and how it ranked when it joined. */
  #at: { list: CourseStart[]; rank: number } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, view: StartView) {
    this.#host = host;
    this.#view = view;
    try {
      this.#internals = host.attachInternals();
    } catch {
      // No ElementInternals (an older browser): a waiting widget shows an empty frame.
    }
    host.addController(this);
  }

  get #rank(): number {
    return this.#view.readonly() ? 2 : this.#view.first() ? 0 : 1;
  }

  /** Whether this widget is the one of the page that says the course is missing. */
  get speaks(): boolean {
    const list = this.#at?.list;
    if (!list) return true;
    return list.reduce((best, s) => (s.#rank < best.#rank ? s : best)) === this;
  }

  /** Before each render: joins or leaves the widgets waiting for the course. */
  hostUpdate(): void {
    const v = this.#view;
    const store = v.store();
    const id = v.courseId();
    if (!v.missing() || !store || !id) return this.#leave();
    let courses = waiting.get(store);
    if (!courses) waiting.set(store, (courses = new Map()));
    let list = courses.get(id);
    if (!list) courses.set(id, (list = []));
    if (this.#at?.list === list && this.#at.rank === this.#rank) return this.#quiet();
    this.#leave();
    list.push(this);
    this.#at = { list, rank: this.#rank };
    this.#tell(list);
    this.#quiet();
  }

  hostDisconnected(): void {
    this.#leave();
  }

  #leave(): void {
    const list = this.#at?.list;
    if (!list) return;
    list.splice(list.indexOf(this), 1);
    this.#at = undefined;
    this.#tell(list);
    this.#quiet();
  }

  /** The widgets waiting beside this one render again: another may speak now. */
  #tell(list: CourseStart[]): void {
    for (const s of list) if (s !== this) s.#host.requestUpdate();
  }

  /** A widget that waits for another to speak takes no room (`:host(:state(waiting))`). */
  #quiet(): void {
    try {
      const states = this.#internals?.states as Set<string> | undefined;
      if (this.#at && !this.speaks) states?.add('waiting');
      else states?.delete('waiting');
    } catch {
      // CustomStateSet without plain names (Chromium before 125): the empty frame stays.
    }
  }

  #submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = this.#view;
    const id = v.courseId();
    const values = formValues(e.target as HTMLFormElement);
    const record = v.record(toInt(values.planned), values.start || undefined);
    if (await v.act({ entity: 'course', id, action: 'start-course' }, () => [{ op: 'put', entity: 'course', record }])) v.started();
  };

  /** The missing course, said once in the page: the message, and the start form where the widget may write. */
  render() {
    if (!this.speaks) return nothing;
    const v = this.#view;
    const msg = v.msg();
    const m = msg.counter;
    return html`<p class="muted">${msg.courseMissing}</p>
      ${v.readonly()
        ? nothing
        : html`<form part="form" class="card" data-start @submit=${this.#submit} @invalid=${v.onInvalid()} aria-labelledby="start-title">
            <h3 aria-level=${v.level(1)} id="start-title">${m.startTitle}</h3>
            <div class="row">
              ${renderFields([countField('planned', m.plannedSessions), { name: 'start', label: m.startDate, type: 'date', hint: msg.optional }], { planned: v.planned() }, undefined, v.dates())}
              <button class="primary" type="submit" ?disabled=${v.busy()}>${m.startButton}</button>
            </div>
          </form>`}`;
  }
}
