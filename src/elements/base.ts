import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { CourseState, RecordEntity } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { isId, today } from '../model/primitives.js';
import { fire, type IptEventMap } from '../events.js';
import { langOf, messagesFor, formatDate, type Messages } from '../i18n/index.js';
import { openSharedStore } from '../store/index.js';
import type { Change, IptStore } from '../store/store.js';
import type { StorageKind } from '../store/backend.js';
import { DEFAULT_DATABASE } from '../store/store.js';

/** Records a removal took away: Undo puts them back, focus then goes to `focus`. */
interface Undoable {
  label: string;
  intent: Intent;
  restore: Change[];
  focus: string;
}

/** What a user action is about, for ipt-before-change. */
export interface Intent {
  entity: IptEventMap['ipt-before-change']['detail']['entity'];
  id?: string;
  action: string;
}

/**
 * What every ipt-* widget shares: the course it shows (`course-id`), the store it reads and
 * writes (its own `store`, or the page's shared store for `database` and `storage`), the
 * language, and the one path of a user action: ipt-before-change, one store transaction,
 * ipt-change, or ipt-error with the input kept.
 */
export abstract class IptElement extends LitElement {
  static override properties = {
    courseId: { attribute: 'course-id', reflect: true },
    database: {},
    storage: {},
    readonly: { type: Boolean, reflect: true },
    store: { attribute: false },
    today: {},
    course: { state: true },
    phase: { state: true },
    problem: { state: true },
    busy: { state: true },
    open: { state: true },
    undoable: { state: true },
  };

  /** The id of the course the element shows (attribute `course-id`). */
  declare courseId: string;
  /** The IndexedDB database, when the element opens the store itself. Default `ipt-elements`. */
  declare database: string;
  /** `memory` keeps nothing on disk. Default `indexeddb`. */
  declare storage: StorageKind;
  /** Shows everything and offers no control. */
  declare readonly: boolean;
  /** A store the host opened itself; when set, `database` and `storage` are not used. */
  declare store: IptStore | undefined;
  /** The date the element treats as today (YYYY-MM-DD); the device's date when unset. */
  declare today: string;

  /** The course as last read from the store. */
  protected declare course: CourseState | undefined;
  protected declare phase: 'loading' | 'ready' | 'missing' | 'failed';
  /** The last problem to show the user, with the input that caused it left in place. */
  protected declare problem: IptError | undefined;
  protected declare busy: boolean;
  /**
   * The one panel open (a form, an edit row, a confirmation), by key such as `add` or `edit:<id>`.
   * Its opener carries `data-opens="<key>"`, the panel `data-panel="<key>"`.
   */
  protected declare open: string | undefined;
  /** What the last removal took away, for its Undo button. */
  protected declare undoable: Undoable | undefined;

  constructor() {
    super();
    this.courseId = '';
    this.database = DEFAULT_DATABASE;
    this.storage = 'indexeddb';
    this.readonly = false;
    this.today = '';
    this.phase = 'loading';
    this.busy = false;
  }

  #store: IptStore | undefined;
  #stop: (() => void) | undefined;
  #generation = 0;
  #readyFor = '';
  #warnedFallback = new WeakSet<IptStore>();
  #writing = false;
  #focusNext: string | undefined;
  #invalidReported = false;

  protected get language(): string {
    return langOf(this);
  }

  /** The strings of the element's language. */
  protected get msg(): Messages {
    return messagesFor(this.language);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.language);
  }

  /** Today for the element: the `today` attribute when valid, else the device's date. */
  protected get now(): string {
    return this.today || today();
  }

  /** The store in use, once resolved. */
  protected get activeStore(): IptStore | undefined {
    return this.#store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#store === undefined && this.hasUpdated) void this.#attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('courseId') || changed.has('database') || changed.has('storage') || changed.has('store')) {
      void this.#attach();
    }
  }

  #detach(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#store = undefined;
    this.#generation++;
  }

  /** Reports a problem: shown in the widget and fired as ipt-error. */
  protected fail(error: unknown): void {
    const e =
      error instanceof IptError ? error : new IptError('aborted', `Unexpected failure: ${(error as Error)?.name ?? 'error'}`, undefined, { cause: error });
    this.problem = e;
    fire(this, 'ipt-error', { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) });
  }

  async #attach(): Promise<void> {
    this.#detach();
    const generation = this.#generation;
    this.course = undefined;
    this.problem = undefined;
    if (!this.courseId) {
      this.phase = 'failed';
      this.fail(new IptError('invalid-input', 'Missing course-id: set the id of the course to show', 'course-id'));
      return;
    }
    if (!isId(this.courseId)) {
      this.phase = 'failed';
      this.fail(new IptError('invalid-input', 'Invalid course-id: must be 1 to 128 letters, digits or . _ : -', 'course-id'));
      return;
    }
    this.phase = 'loading';
    let store: IptStore;
    try {
      store = this.store ?? (await openSharedStore({ database: this.database, storage: this.storage }));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.phase = 'failed';
      this.fail(error);
      return;
    }
    if (generation !== this.#generation) return;
    this.#store = store;
    if (store.fallback && !this.#warnedFallback.has(store)) {
      this.#warnedFallback.add(store);
      this.fail(store.fallback);
    }
    // A change this element writes is reloaded by act() itself; anything else (another element,
    // another tab, the host) reloads here.
    this.#stop = store.subscribe(this.courseId, (e) => {
      if (!(this.#writing && e.origin === 'local')) void this.reload();
    });
    await this.reload();
  }

  /** Reads the course again from the store and renders it. */
  protected async reload(): Promise<void> {
    const store = this.#store;
    const generation = this.#generation;
    if (!store) return;
    try {
      const course = await store.getCourse(this.courseId);
      if (generation !== this.#generation) return;
      this.course = course;
      this.phase = course ? 'ready' : 'missing';
      this.courseLoaded(course);
      if (this.#readyFor !== this.courseId) {
        this.#readyFor = this.courseId;
        await this.updateComplete;
        fire(this, 'ipt-ready', { courseId: this.courseId });
      }
    } catch (error) {
      if (generation !== this.#generation) return;
      this.phase = 'failed';
      this.fail(error);
    }
  }

  /** Called after every read of the course; elements derive their view state here. */
  protected courseLoaded(_course: CourseState | undefined): void {}

  /**
   * Runs one user action: fires ipt-before-change (a host may cancel it), writes the changes in
   * one transaction, fires ipt-change for each record written and reloads. On failure fires
   * ipt-error, shows the problem and resolves false: the caller keeps the user's input.
   */
  protected async act(intent: Intent, changes: () => Change[]): Promise<boolean> {
    const store = this.#store;
    if (this.readonly || !store || this.busy) return false;
    const detail = { courseId: this.courseId, entity: intent.entity, action: intent.action, ...(intent.id ? { id: intent.id } : {}) };
    if (!fire(this, 'ipt-before-change', detail, true)) return false;
    this.busy = true;
    this.#writing = true;
    this.undoable = undefined;
    try {
      const list = changes();
      const done = await store.apply(this.courseId, list);
      this.#writing = false;
      this.problem = undefined;
      await this.reload();
      for (const c of done) fire(this, 'ipt-change', { courseId: this.courseId, entity: c.entity, id: c.id, op: c.op });
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      this.#writing = false;
      this.busy = false;
    }
  }

  /** Opens a panel and moves focus to its first field or button (or to `focus`). */
  protected openPanel(key: string, focus = `[data-panel="${key}"] :is(input,select,textarea,button)`): void {
    this.open = key;
    this.focusAfterUpdate(focus);
  }

  /** Closes the open panel; focus goes back to its opener (or to `focus`). */
  protected closePanel(focus = `[data-opens="${this.open}"]`): void {
    this.open = undefined;
    this.focusAfterUpdate(focus);
  }

  /**
   * Removes records in one action and offers Undo, which puts them back as they were. Focus moves
   * to the Undo button; after Undo it goes to `focus`.
   */
  protected async removeWithUndo(intent: Intent, removed: Array<{ entity: RecordEntity; record: { id: string } }>, label: string, focus: string): Promise<boolean> {
    const ok = await this.act(intent, () => removed.map(({ entity, record }) => ({ op: 'delete' as const, entity, id: record.id })));
    if (ok) {
      this.open = undefined;
      const restore = removed.map(({ entity, record }) => ({ op: 'put', entity, record }) as Change);
      this.undoable = { label, intent: { ...intent, action: `undo-${intent.action}` }, restore, focus };
      this.focusAfterUpdate('[data-undo]');
    }
    return ok;
  }

  async #undo(): Promise<void> {
    const u = this.undoable;
    if (u && (await this.act(u.intent, () => u.restore))) this.focusAfterUpdate(u.focus);
  }

  /** The Undo bar after a removal. */
  protected renderUndo() {
    const u = this.undoable;
    if (!u || this.readonly) return nothing;
    return html`<p class="alert undo" role="status">
      <span>${this.msg.removed(u.label)}</span>
      <button type="button" data-undo @click=${() => this.#undo()} ?disabled=${this.busy}>${this.msg.undo}</button>
    </p>`;
  }

  /** Moves focus, after the next render, to the first element of the shadow root that matches. */
  protected focusAfterUpdate(selector: string): void {
    this.#focusNext = selector;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focusNext) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    this.#focusNext = undefined;
    target?.focus();
  }

  /**
   * Listens (capturing) for the browser's own form validation: the browser shows its message at
   * the field, and the host hears the same thing as ipt-error `invalid-input`, once per attempt.
   */
  protected readonly onInvalid = {
    capture: true,
    handleEvent: (e: Event) => {
      const field = e.target as HTMLInputElement;
      if (this.#invalidReported) return;
      this.#invalidReported = true;
      queueMicrotask(() => (this.#invalidReported = false));
      const v = field.validity;
      const why = v.valueMissing
        ? 'is required'
        : v.rangeOverflow
          ? `must be at most ${field.max}`
          : v.rangeUnderflow
            ? `must be at least ${field.min}`
            : v.stepMismatch
              ? 'must be a whole number'
              : v.tooLong
                ? `must be at most ${field.maxLength} characters`
                : 'is not valid';
      fire(this, 'ipt-error', { code: 'invalid-input', message: `Invalid input: ${field.name} ${why}`, field: field.name });
    },
  };

  /** The problem banner, when there is one: role=alert so that screen readers hear it. */
  protected renderProblem() {
    if (!this.problem) return nothing;
    const memory = this.problem.code === 'storage-unavailable';
    return html`<div class="alert ${memory ? '' : 'danger'}" role="alert" part="error">
      <strong>${memory ? this.msg.storageMemory : this.msg.saveFailed}</strong>
      ${memory ? nothing : html`<span>${this.problem.message}</span>`}
      ${this.readonly ? nothing : html`<button type="button" @click=${() => (this.problem = undefined)}>${this.msg.dismiss}</button>`}
    </div>`;
  }

  /** The states before a course can show: no id, loading, missing. Undefined when the course is ready. */
  protected renderStatus() {
    if (this.phase === 'ready' && this.course) return undefined;
    if (!this.courseId) return html`<p class="muted">${this.msg.noCourseId}</p>`;
    if (this.phase === 'loading') return html`<p class="muted" role="status">${this.msg.loading}</p>`;
    if (this.phase === 'missing') return html`<p class="muted">${this.msg.courseMissing}</p>`;
    return html``;
  }
}

/** Reads a form's fields as strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A whole number from a form field, or NaN when it is not one (so that validation names it). */
export function toInt(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return NaN;
  const n = Number(value);
  return Number.isInteger(n) ? n : NaN;
}
