import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { COLLECTION, type CourseState, type RecordEntity } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { isId, isIsoDate, today } from '../model/primitives.js';
import { fire, type IptEventMap } from '../events.js';
import { langOf, messagesFor, formatDate, type Messages } from '../i18n/index.js';
import { openSharedStore } from '../store/index.js';
import type { Change, IptStore } from '../store/store.js';
import type { StorageKind } from '../store/backend.js';
import { courseDefaults, requestCourse, type CourseContext } from './context.js';
import { large, turn } from './turns.js';

/** The settings an <ipt-course> passes down, with the attribute that overrides each. */
const INHERITED: Array<[keyof CourseContext, string]> = [
  ['courseId', 'course-id'],
  ['database', 'database'],
  ['storage', 'storage'],
  ['readonly', 'readonly'],
  ['today', 'today'],
  ['theme', 'theme'],
  ['store', ''],
];

/** Milliseconds a write may take before the widget shows itself busy. */
const SLOW = 150;

/** The widgets in a page, re-rendered when a `lang` changes (a portal switching language). */
const connected = new Set<IptElement>();
let languages: MutationObserver | undefined;

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
    theme: {},
    course: { state: true },
    phase: { state: true },
    problem: { state: true },
    busy: { state: true },
    open: { state: true },
    undoable: { state: true },
    said: { state: true },
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
  /** `light` or `dark`; the page's preference when unset. Styles follow the attribute. */
  declare theme: string | null;
  /** The date the element treats as today (YYYY-MM-DD); the device's date when unset. */
  declare today: string;

  /** The course as last read from the store. */
  protected declare course: CourseState | undefined;
  protected declare phase: 'loading' | 'ready' | 'missing' | 'failed';
  /** The last problem to show the user, with the input that caused it left in place. */
  protected declare problem: IptError | undefined;
  /** A write of this element has taken longer than SLOW: its controls show it and are disabled. */
  protected declare busy: boolean;
  /**
   * The one panel open (a form, an edit row, a confirmation), by key such as `add` or `edit:<id>`.
   * Its opener carries `data-opens="<key>"`, the panel `data-panel="<key>"`.
   */
  protected declare open: string | undefined;
  /** What the last removal took away, for its Undo button. */
  protected declare undoable: Undoable | undefined;
  /** The last thing said to screen readers (see say()). */
  protected declare said: string;

  constructor() {
    super();
    Object.assign(this, courseDefaults());
    this.phase = 'loading';
    this.busy = false;
    this.said = '';
  }

  #store: IptStore | undefined;
  #stop: (() => void) | undefined;
  #generation = 0;
  #readyFor = '';
  #warnedFallback = new WeakSet<IptStore>();
  #writing = false;
  #acting = false;
  /** The course as it was when the open panel opened: what its form's edits are merged against. */
  #seen: CourseState | undefined;
  /** Runs the last action again, after a failure that a retry may cure (a full disk, a lost connection). */
  #retry: (() => unknown) | undefined;
  #focusNext: string[] | undefined;
  #invalidReported = false;
  #reads = 0;
  #unsubscribe: (() => void) | undefined;
  /** The settings that come from the enclosing <ipt-course>. */
  #inherited = new Set<keyof CourseContext>();

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
    connected.add(this);
    languages ??= new MutationObserver(() => connected.forEach((el) => el.requestUpdate()));
    languages.observe(this.ownerDocument, { attributes: true, attributeFilter: ['lang'], subtree: true });
    requestCourse(this, (course, unsubscribe) => {
      this.#unsubscribe = unsubscribe;
      this.#inherit(course);
    });
    if (this.#store === undefined && this.hasUpdated) void this.#attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    // An element moved in the page (removed and put back in one task) keeps its course, its store
    // and what is typed in its forms; one taken out lets go of them.
    queueMicrotask(() => this.isConnected || this.#detach());
  }

  /** Takes the settings of the enclosing <ipt-course>, except those the element was given itself. */
  #inherit(course: CourseContext): void {
    for (const [key, attr] of INHERITED) {
      const own = key === 'store' ? this.store !== undefined : this.hasAttribute(attr);
      if (own && !this.#inherited.has(key)) continue;
      this.#inherited.add(key);
      if (key === 'theme') {
        if (course.theme) this.setAttribute('theme', course.theme);
        else this.removeAttribute('theme');
      } else (this as Record<string, unknown>)[key] = course[key];
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('courseId') || changed.has('database') || changed.has('storage') || changed.has('store')) {
      void this.#attach();
    }
    // After #attach, which clears the problem: a bad date stays shown.
    if (changed.has('today') && this.today && !isIsoDate(this.today)) {
      this.fail(new IptError('invalid-input', 'Invalid today: must be a real date written as YYYY-MM-DD', 'today'));
      this.today = '';
    }
    if (changed.has('theme') && this.theme && this.theme !== 'light' && this.theme !== 'dark') {
      this.fail(new IptError('invalid-input', 'Invalid theme: must be "light" or "dark"', 'theme'));
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
    this.#retry = undefined;
    fire(this, 'ipt-error', { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) });
  }

  async #attach(): Promise<void> {
    this.#detach();
    const generation = this.#generation;
    this.course = undefined;
    this.problem = undefined;
    // Nothing of the previous course stays on screen: no open form, no Undo naming its records.
    this.open = undefined;
    this.undoable = undefined;
    this.resetView();
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
    if (store.locked) {
      // Nothing to show and nothing to hear: a locked store reads nothing.
      this.phase = 'failed';
      this.fail(store.locked);
      return;
    }
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

  /**
   * Reads the course again from the store and renders it, in a task of its own unless `now` (the
   * element's own write, whose user waits for it).
   */
  protected async reload(now = false): Promise<void> {
    const store = this.#store;
    const generation = this.#generation;
    const read = ++this.#reads;
    if (!store) return;
    try {
      const course = await store.getCourse(this.courseId);
      if (!now && large(course)) await turn();
      // A read that another, later read overtook, or one of a course no longer shown, is dropped.
      if (generation !== this.#generation || read !== this.#reads) return;
      const typed = this.#typed();
      this.course = course;
      // A panel of a record that is gone (removed in another tab, by the host) closes.
      const id = this.open?.split(':')[1];
      if (id && !(course && Object.values(course).some((v) => Array.isArray(v) && v.some((r: { id: string }) => r.id === id)))) {
        this.open = undefined;
      }
      this.phase = course ? 'ready' : 'missing';
      this.courseLoaded(course);
      if (typed.length > 0) {
        // Newer data re-renders the open form: what the person typed stays, the rest shows the new values.
        await this.updateComplete;
        for (const [field, value, checked] of typed) Object.assign(field, { value, checked });
      }
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

  /** Called when the element starts showing another course: elements forget their own view state here. */
  protected resetView(): void {}

  /**
   * Runs one user action: fires ipt-before-change (a host may cancel it), writes the changes in
   * one transaction, fires ipt-change for each record written and reloads. On failure fires
   * ipt-error, shows the problem and resolves false: the caller keeps the user's input.
   * `announce(courseId)` fires the element's own events, with the id of the course written to
   * (the element may show another one by the time the write lands; it then resolves false).
   */
  protected async act(intent: Intent, changes: () => Change[], announce?: (courseId: string) => void): Promise<boolean> {
    const store = this.#store;
    const { courseId } = this;
    const generation = this.#generation;
    if (this.readonly || !store || this.#acting) return false;
    const detail = { courseId, entity: intent.entity, action: intent.action, ...(intent.id ? { id: intent.id } : {}) };
    if (!fire(this, 'ipt-before-change', detail, true)) return false;
    // One action at a time. The controls show busy only when a write is slow: a render before the
    // write would delay it, and a flash of disabled controls on every click helps nobody.
    this.#acting = true;
    const slow = setTimeout(() => (this.busy = true), SLOW);
    this.#writing = true;
    this.#retry = undefined;
    const panel = this.open;
    let list: Change[] = [];
    try {
      list = changes().map((c) => this.#based(c));
      const done = await store.apply(courseId, list);
      this.#writing = false;
      const same = generation === this.#generation;
      if (same) {
        this.problem = undefined;
        this.undoable = undefined;
        await this.reload(true);
      }
      for (const c of done) fire(this, 'ipt-change', { courseId, entity: c.entity, id: c.id, op: c.op });
      announce?.(courseId);
      return same;
    } catch (error) {
      this.fail(error);
      const code = (error as IptError).code;
      // Edited elsewhere meanwhile: show the newer version (the open form keeps what was typed).
      // The next save of the form is made knowing that version.
      if (code === 'conflict') void this.reload().then(() => (this.#seen = this.course));
      if (code === 'quota-exceeded' || code === 'aborted' || code === 'terminated') {
        this.#retry = () =>
          panel && this.open === panel ? this.renderRoot.querySelector<HTMLFormElement>('form[data-panel]')?.requestSubmit() : this.act(intent, () => list, announce);
      }
      return false;
    } finally {
      clearTimeout(slow);
      this.#acting = false;
      this.#writing = false;
      this.busy = false;
    }
  }

  /**
   * A change of a record this element shows carries the record as it was read: the store merges a
   * put with what was changed elsewhere meanwhile instead of overwriting it (see `merge`), and
   * refuses a delete of a record changed elsewhere since it was shown.
   */
  #based(c: Change): Change {
    // A form's edit is merged against the record as the form first showed it; a removal is of what shows now.
    const state = (c.op === 'put' && this.open && this.#seen) || this.course;
    if (c.base || !state) return c;
    const id = c.op === 'put' ? (c.record as { id: string }).id : c.id;
    const base = c.entity === 'course' ? state.course : (state[COLLECTION[c.entity]] as Array<{ id: string }>).find((r) => r.id === id);
    return base?.id === id ? ({ ...c, base } as Change) : c;
  }

  /** The fields of the open form that the person changed, with what they hold. */
  #typed(): Array<[HTMLInputElement, string, boolean]> {
    return [...(this.renderRoot?.querySelectorAll<HTMLInputElement>('form [data-typed]') ?? [])].map((f) => [f, f.value, f.checked]);
  }

  /** Opens a panel and moves focus to its first field or button (or to `focus`). */
  protected openPanel(key: string, focus = `[data-panel="${key}"] :is(input,select,textarea,button)`): void {
    this.open = key;
    this.#seen = this.course;
    this.focusAfterUpdate(focus);
  }

  /** Closes the open panel; focus goes back to its opener (or to `focus`). */
  protected closePanel(focus = `[data-opens="${this.open}"]`): void {
    this.open = undefined;
    this.focusAfterUpdate(focus);
  }

  /**
   * The form of panel `key` while it is open (nothing otherwise, or when readonly): `content` (its
   * fields), Save, Cancel (or Escape), which closes it (focus back to its opener, or to `back`), and `extra`
   * (more buttons). Save hands the form's values to `submit`.
   */
  protected renderPanel(key: string, label: string, content: unknown, submit: (values: Record<string, string>) => unknown, back?: string, extra?: unknown) {
    if (this.open !== key || this.readonly) return nothing;
    return html`<form class="row" data-panel=${key} aria-label=${label} @invalid=${this.onInvalid}
      @input=${(e: Event) => (e.target as Element).setAttribute('data-typed', '')}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape' || e.isComposing) return;
        // The panel's Escape, not the host's (a portal dialog around the widget stays open).
        e.preventDefault();
        e.stopPropagation();
        this.closePanel(back);
      }}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        submit(formValues(e.target as HTMLFormElement));
      }}>
      ${content}
      <button class="primary" ?disabled=${this.busy}>${this.msg.save}</button>
      <button type="button" @click=${() => this.closePanel(back)}>${this.msg.cancel}</button>
      ${extra}
    </form>`;
  }

  /**
   * Removes records in one action and offers Undo, which puts them back as they were. Focus moves
   * to the Undo button; after Undo it goes to `focus`.
   */
  protected async removeWithUndo(intent: Intent, removed: Array<{ entity: RecordEntity; record: { id: string } }>, label: string, focus: string): Promise<boolean> {
    const ok = await this.act(intent, () => removed.map(({ entity, record }) => ({ op: 'delete' as const, entity, id: record.id })));
    if (ok) {
      if (removed.some(({ record }) => this.open?.endsWith(`:${record.id}`))) this.open = undefined;
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
    return html`<p class="alert undo">
      <span id="undo-what">${this.msg.removed(u.label)}</span>
      <button type="button" data-undo aria-describedby="undo-what" @click=${() => this.#undo()} ?disabled=${this.busy}>${this.msg.undo}</button>
    </p>`;
  }

  /** Moves focus, after the next render, to what the first of the selectors that matches finds. */
  protected focusAfterUpdate(...selectors: string[]): void {
    this.#focusNext = selectors;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focusNext) return;
    const target = this.#focusNext.map((s) => this.renderRoot.querySelector<HTMLElement>(s)).find(Boolean);
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
              : 'is not valid';
      fire(this, 'ipt-error', { code: 'invalid-input', message: `Invalid input: ${field.name} ${why}`, field: field.name });
    },
  };

  /** The problem banner, when there is one: role=alert so that screen readers hear it. */
  protected renderProblem() {
    // The live region is there from the first render, so that what say() puts in it is heard.
    const said = html`<p class="visually-hidden" role="status">${this.said}</p>`;
    if (!this.problem) return said;
    const { code, message } = this.problem;
    const memory = code === 'storage-unavailable';
    const retry = this.#retry;
    const headline = memory ? this.msg.storageMemory : code === 'locked' ? this.msg.locked : code === 'conflict' ? this.msg.conflict : this.msg.saveFailed;
    // The error's message is English: another language says it in its own words (or not at all).
    const detail = memory ? '' : (this.msg.problems?.[code] ?? message);
    return html`${said}<div class="alert ${memory ? '' : 'danger'}" role="alert" part="error">
      <strong>${headline}</strong>
      ${detail ? html`<span>${detail}</span>` : nothing}
      ${retry && !this.readonly ? html`<button type="button" @click=${() => ((this.problem = undefined), retry())}>${this.msg.retry}</button>` : nothing}
      ${this.readonly || code === 'locked'
        ? nothing
        : html`<button type="button" @click=${() => ((this.problem = undefined), this.focusAfterUpdate('button,input,select,textarea,[tabindex="0"]'))}>
            ${this.msg.dismiss}
          </button>`}
    </div>`;
  }

  /** Tells screen readers what an action changed where focus does not show it ("Ana: ring 1"). */
  protected say(text: string): void {
    // The same words twice differ by a no-break space, so that the region changes and is heard again.
    this.said = text === this.said ? `${text}\u00a0` : text;
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

/** A whole-number attribute or property within [min, max], or undefined when it is not one. */
export function wholeIn(value: string | number, min: number, max: number): number | undefined {
  const n = toInt(String(value));
  return n >= min && n <= max ? n : undefined;
}

/** A whole number from a form field, or NaN when it is not one (so that validation names it). */
export function toInt(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return NaN;
  const n = Number(value);
  return Number.isInteger(n) ? n : NaN;
}
