import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Change, Committed } from '../model/changes.js';
import { crossings } from '../model/crossings.js';
import { recordIn, type CourseState } from '../model/document.js';
import { IptError } from '../model/errors.js';
import { isIsoDate, isPatientReference, today } from '../model/primitives.js';
import { PROTOCOLS, type ProtocolId } from '../model/schemas.js';
import { fire, type DetailOf, type Intent, type IptEventMap } from '../events.js';
import type { Messages } from '../i18n/index.js';
import type { IptStore } from '../store/index.js';
import type { StorageKind } from '../store/backend.js';
import { courseDefaults } from './context.js';
import { CourseLink } from './controllers/course-link.js';
import { LocaleController } from './controllers/locale.js';
import { FOCUSABLE, Panels } from './controllers/panels.js';
import { Paging } from './controllers/paging.js';
import { Roving } from './controllers/roving.js';
import { RiskAlerts } from './controllers/risks.js';
import { SyncConflicts } from './controllers/sync-conflicts.js';
import { CourseStart } from './controllers/start.js';
import { presetOf, startCourse } from '../model/protocols.js';
import { DEFAULT_PLANNED } from './fields.js';
import { wholeIn } from './forms.js';
import { shared, tokens } from './styles.js';

export type { Intent };

/** Milliseconds a write may take before the widget shows itself busy. */
const SLOW = 150;

/**
 * A form gives back a stored text as a field holds it: line breaks as LF, a lone surrogate as
 * U+FFFD. A field that reads the same as the stored text was not touched, and keeps it as stored.
 */
function untouched(record: object, base: object): object {
  const shown = (t: string) => t.replace(/\r\n?/g, '\n').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const out: Record<string, unknown> = { ...record };
  for (const [k, was] of Object.entries(base)) {
    if (typeof was === 'string' && typeof out[k] === 'string' && out[k] !== was && out[k] === shown(was)) out[k] = was;
  }
  return out;
}

/** The states before and after a user action that was written. */
export type Acted = Required<Pick<Committed, 'before' | 'after'>>;

/**
 * What every ipt-* widget shares: the course it shows (`course-id`), the store it reads and
 * writes (its own `store`, or the page's shared store for `database` and `storage`), the
 * language, and the one path of a user action: ipt-before-change, one store transaction,
 * ipt-change and the events of what the action crossed, or ipt-error with the input kept.
 * The course link, the language and the panels are controllers of their own.
 */
export abstract class IptElement extends LitElement {
  static override styles: CSSResultGroup = [tokens, shared];
  /** A widget's own properties come on top of these: Lit inherits them. */
  static override properties: PropertyDeclarations = {
    courseId: { attribute: 'course-id', reflect: true },
    database: {},
    storage: {},
    readonly: { type: Boolean, reflect: true },
    store: { attribute: false },
    today: {},
    theme: {},
    patient: {},
    protocol: {},
    practitioner: {},
    headingLevel: { attribute: 'heading-level' },
    course: { state: true },
    phase: { state: true },
    problem: { state: true },
    busy: { state: true },
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
  /** The manual a course started by this element follows (see <ipt-course>'s `protocol`); unset for the defaults. */
  declare protocol: string;
  /** The date the element treats as today (YYYY-MM-DD); the device's date when unset. */
  declare today: string;
  /** The host's FHIR reference to the patient (`Patient/<id>`): a course started here gets it, and the sync and the FHIR export need it. Never shown. */
  declare patient: string;
  /** The host's reference to the clinician using the widget (such as `Practitioner/7`): stored with a safety alert's acknowledgement. */
  declare practitioner: string | undefined;
  /** The level (1-6) of the widget's top heading, to fit the page's outline; its other headings follow. Default 2. */
  declare headingLevel: string | number | undefined;

  /** The course as last read from the store. */
  protected declare course: CourseState | undefined;
  /** `gone`: the store was closed under the element (its database deleted: wipe(), here or in another tab). */
  protected declare phase: 'loading' | 'ready' | 'missing' | 'failed' | 'gone';
  /** The last problem to show the user, with the input that caused it left in place. */
  protected declare problem: IptError | undefined;
  /** A write of this element has taken longer than SLOW: its controls show it and are disabled. */
  protected declare busy: boolean;
  /** The last thing said to screen readers (see say()). */
  protected declare said: string;

  protected readonly link = new CourseLink(this);
  protected readonly locale = new LocaleController(this);
  protected readonly panels = new Panels(this, {
    course: () => this.course,
    readonly: () => this.readonly,
    busy: () => this.busy,
    msg: () => this.msg,
    dates: () => this.locale.dateInput,
    onInvalid: () => this.onInvalid,
    act: (intent, changes) => this.act(intent, changes),
  });
  protected readonly paging = new Paging(this);
  /** One Tab stop per list of controls ([data-rove]), arrow keys inside. */
  protected readonly roving = new Roving(this);
  protected readonly risks = new RiskAlerts({
    course: () => this.course,
    readonly: () => this.readonly,
    busy: () => this.busy,
    msg: () => this.msg,
    lang: () => this.locale.lang,
    date: (iso) => this.date(iso),
    practitioner: () => this.practitioner || undefined,
    act: (intent, changes) => this.act(intent, changes),
    say: (text) => this.say(text),
    focus: (...selectors) => this.panels.focus(...selectors),
  });
  /** The sync's conflicts of the records the widget shows, each with a choice. */
  protected readonly syncConflicts = new SyncConflicts(this, {
    store: () => this.link.store,
    courseId: () => this.courseId,
    course: () => this.course,
    shows: () => this.synced,
    readonly: () => this.readonly,
    msg: () => this.msg,
    say: (text) => this.say(text),
    focus: (...selectors) => this.panels.focus(...selectors),
  });
  /** A course not stored yet: said once in the page, and started from any widget. */
  protected readonly start = new CourseStart(this, {
    courseId: () => this.courseId,
    missing: () => this.phase === 'missing',
    store: () => this.link.store,
    readonly: () => this.readonly || !this.startsCourse,
    busy: () => this.busy,
    msg: () => this.msg,
    dates: () => this.locale.dateInput,
    planned: () => this.planned,
    record: (planned, start) => ({ ...startCourse(this.courseId, this.protocolSet, planned), ...(start ? { start } : {}), ...(this.patient ? { patient: this.patient } : {}) }),
    first: () => this.startsFirst,
    onInvalid: () => this.onInvalid,
    act: (intent, changes) => this.act(intent, changes),
    level: (depth) => this.level(depth),
    started: () => this.panels.focus(...this.afterStart),
  });

  constructor() {
    super();
    Object.assign(this, courseDefaults());
    this.phase = 'loading';
    this.busy = false;
    this.said = '';
  }

  #acting = false;
  #readyFor = '';
  /** Runs the last action again, after a failure that a retry may cure (a full disk, a lost connection). */
  #retry: (() => unknown) | undefined;
  #invalidReported = false;

  /** The kinds of record the widget shows: a stored one the store set aside is reported here. */
  protected shows: string[] = [];
  /** The kinds of record whose sync conflicts the widget shows. */
  protected get synced(): readonly string[] {
    return this.shows;
  }
  /** The records set aside that the widget would show, as last reported (`entity id, …`). */
  #aside = '';

  /** The records of the course set aside (see CourseState.setAside) that the widget would show. */
  #unread(course = this.course) {
    return course?.setAside?.filter((a) => this.shows.includes(a.entity)) ?? [];
  }

  /** The strings of the element's language. */
  protected get msg(): Messages {
    return this.locale.msg;
  }

  /** The protocol a course started here is set up for: the `protocol` attribute when it names one. */
  protected get protocolSet(): ProtocolId | undefined {
    return (PROTOCOLS as readonly string[]).includes(this.protocol) ? (this.protocol as ProtocolId) : undefined;
  }

  protected date(iso: string): string {
    return this.locale.date(iso);
  }

  /**
   * The level of a heading `depth` below the widget's top one (0: the top), as its aria-level:
   * the tags stay h2 and h3 (and look the same), the page's outline hears the level the host set.
   */
  protected level(depth: number) {
    const top = wholeIn(this.headingLevel ?? '', 1, 6);
    return top === undefined ? nothing : String(Math.min(6, top + depth));
  }

  /** Today for the element: the `today` attribute when valid, else the device's date. */
  protected get now(): string {
    return this.today || today();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('courseId') || changed.has('database') || changed.has('storage') || changed.has('store')) {
      void this.link.attach();
    }
    // After attach, which clears the problem: a bad date stays shown.
    if (changed.has('today') && this.today && !isIsoDate(this.today)) {
      this.fail(new IptError('invalid-input', 'Invalid today: must be a real date written as YYYY-MM-DD', 'today'));
      this.today = '';
    }
    if (changed.has('patient') && this.patient && !isPatientReference(this.patient)) {
      this.fail(new IptError('invalid-input', 'Invalid patient: must be a literal reference, Patient/<id>', 'patient'));
      this.patient = '';
    }
    if (changed.has('protocol') && this.protocol && !(PROTOCOLS as readonly string[]).includes(this.protocol)) {
      this.fail(new IptError('invalid-input', `Invalid protocol: must be one of ${PROTOCOLS.join(', ')}`, 'protocol'));
    }
    if (changed.has('headingLevel') && this.headingLevel != null && this.headingLevel !== '' && wholeIn(this.headingLevel, 1, 6) === undefined) {
      this.fail(new IptError('invalid-input', 'Invalid heading-level: must be a whole number from 1 to 6', 'heading-level'));
    }
    if (changed.has('theme') && this.theme && this.theme !== 'light' && this.theme !== 'dark') {
      this.fail(new IptError('invalid-input', 'Invalid theme: must be "light" or "dark"', 'theme'));
    }
  }

  /** True when this update follows a load of the course (found, missing or failed), not a write to it. */
  protected loaded(changed: PropertyValues<this>): boolean {
    return (changed as Map<string, unknown>).has('phase');
  }

  /** True when this update shows another state of the course (read or written). */
  protected courseChanged(changed: PropertyValues<this>): boolean {
    return (changed as Map<string, unknown>).has('course');
  }

  /** Reports a problem: shown in the widget and fired as ipt-error. */
  fail(error: unknown): void {
    const e =
      error instanceof IptError ? error : new IptError('aborted', `Unexpected failure: ${(error as Error)?.name ?? 'error'}`, undefined, { cause: error });
    this.#retry = undefined;
    // A value of a field of the open panel is refused: said next to that field in a clinician's words, and
    // focus goes there; the host hears the precise message. Anything else, and a refusal by a rule of the
    // course (a move before the dispute opened), whose words only the message has, is the banner's.
    const name = e.code === 'invalid-input' && e.field?.split('.').pop();
    const root = this.renderRoot;
    const field = name && root.querySelector(`form[data-panel="${this.panels.open}"] [name="${name}"]`);
    if (name && field && e.rule) {
      const words = this.msg.fieldProblem;
      const said = words[e.rule?.kind ?? 'invalid'];
      this.problem = undefined;
      this.panels.invalid = { name, text: typeof said === 'function' ? said(e.rule!.limit!) : said };
      this.panels.focus(`form [name="${name}"][aria-invalid]`);
    } else this.problem = e;
    fire(this, 'ipt-error', { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) });
  }

  /** @internal The course link: another course is shown now; nothing of the previous one stays (no open form, no Undo naming its records). */
  relink(): void {
    this.course = undefined;
    this.problem = undefined;
    this.panels.open = undefined;
    this.panels.undoable = undefined;
    this.phase = 'loading';
    this.#aside = '';
    this.paging.reset();
    this.resetView();
  }

  /** @internal The course link: the course cannot be shown (and nothing of it stays when its store was closed). */
  unlinked(error: unknown): void {
    const gone = (error as IptError)?.code === 'terminated';
    if (gone) this.relink();
    this.phase = gone ? 'gone' : 'failed';
    this.fail(error);
  }

  /** @internal The course link: shows a course read or written; what the person typed in the open form stays. */
  async show(course: CourseState | undefined): Promise<void> {
    const phase = course ? 'ready' : 'missing';
    if (course !== this.course || phase !== this.phase) {
      const typed = this.panels.typed();
      this.course = course;
      this.phase = phase;
      this.panels.follow(course);
      await this.panels.keep(typed);
    }
    const aside = this.#unread(course);
    const ids = aside.map((a) => `${a.entity} ${a.id}`).join(', ');
    if (ids !== this.#aside) {
      this.#aside = ids;
      if (ids) fire(this, 'ipt-error', { code: 'unreadable', message: `${aside.length} stored records could not be read: ${ids}` });
    }
    if (this.#readyFor !== this.courseId) {
      this.#readyFor = this.courseId;
      await this.updateComplete;
      fire(this, 'ipt-ready', { courseId: this.courseId });
    }
  }

  /** The contract the start form offers: the protocol's, 16 without one. */
  protected get planned(): number {
    return this.protocolSet ? presetOf(this.protocolSet).contract : DEFAULT_PLANNED;
  }

  /** Whether this widget may offer to start a course not stored yet (a patient's questionnaire does not). */
  protected get startsCourse(): boolean {
    return true;
  }

  /** Whether this widget offers to start the course before the others of the page (the counter does). */
  protected get startsFirst(): boolean {
    return false;
  }

  /** Where focus goes once the course was started from this widget: its first control. */
  protected afterStart = ['button:not(:disabled),input,select,textarea,[tabindex="0"]'];

  /** Called when the element starts showing another course: elements forget their own view state here. */
  protected resetView(): void {}

  /**
   * Runs one user action: fires ipt-before-change (a host may cancel it), writes the changes in
   * one transaction, shows the course as written, fires ipt-change for each record written and
   * the events of what the action made the course cross (phase, termination window,
   * authorization, ring, dispute stage, goal status, session logged), in this one place. Resolves
   * with the course before and after, or undefined when nothing was written (cancelled, refused:
   * ipt-error, the problem shown, the caller keeps the user's input) or when the element shows
   * another course by the time the write lands (its events fire all the same).
   */
  async act(intent: Intent, changes: () => Change[]): Promise<Acted | undefined> {
    const store = this.link.store;
    const { courseId } = this;
    const token = this.link.token;
    if (this.readonly || !store || this.#acting) return undefined;
    const detail = { courseId, entity: intent.entity, action: intent.action, ...(intent.id ? { id: intent.id } : {}) };
    if (!fire(this, 'ipt-before-change', detail, true)) return undefined;
    // One action at a time. The controls show busy only when a write is slow: a render before the
    // write would delay it, and a flash of disabled controls on every click helps nobody.
    this.#acting = true;
    const slow = setTimeout(() => (this.busy = true), SLOW);
    this.#retry = undefined;
    const panel = this.panels.open;
    const shown = this.course;
    let list: Change[] = [];
    try {
      list = changes().map((c) => this.#based(c));
      const done = await store.write(courseId, list);
      const before = done.before ?? shown;
      const same = this.link.current(token);
      if (same) {
        this.problem = undefined;
        this.panels.invalid = undefined;
        this.panels.undoable = undefined;
        await this.link.take(token, done.after);
      }
      for (const c of done.changes) fire(this, 'ipt-change', { courseId, entity: c.entity, id: c.id, op: c.op });
      for (const c of crossings(before, done.after, this.now)) {
        fire(this, `ipt-${c.type}` as keyof IptEventMap, { courseId, ...c.detail } as DetailOf<keyof IptEventMap>);
      }
      return same ? { before, after: done.after } : undefined;
    } catch (error) {
      this.fail(error);
      const code = (error as IptError).code;
      // Edited elsewhere meanwhile: show the newer version (the open form keeps what was typed).
      // The next save of the form is made knowing that version.
      if (code === 'conflict') void this.link.reload().then(() => (this.panels.seen = this.course));
      if (code === 'quota-exceeded' || code === 'aborted' || code === 'terminated') {
        this.#retry = () =>
          panel && this.panels.open === panel ? this.renderRoot.querySelector<HTMLFormElement>('form[data-panel]')?.requestSubmit() : this.act(intent, () => list);
      }
      return undefined;
    } finally {
      clearTimeout(slow);
      this.#acting = false;
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
    const state = (c.op === 'put' && this.panels.open && this.panels.seen) || this.course;
    if (c.base || !state) return c;
    const id = c.op === 'put' ? (c.record as { id: string }).id : c.id;
    const base = recordIn(state, c.entity, id);
    if (!base) return c;
    return { ...c, base, ...(c.op === 'put' ? { record: untouched(c.record, base) } : {}) } as Change;
  }

  /**
   * Listens (capturing) for the browser's own form validation: the browser shows its
   * message at the field, and the host hears the same thing as ipt-error `invalid-input`, once per attempt.
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
    const n = this.#unread().length;
    // Records set aside show with the rest of the course, whatever else happens.
    const top = html`<p class="visually-hidden" role="status">${this.said}</p>${n ? html`<p class="alert danger" role="alert" part="error">${this.msg.unreadable(n)}</p>` : nothing}${this.syncConflicts.render()}`;
    if (!this.problem || this.phase === 'gone') return top;
    const { code, message } = this.problem;
    const memory = code === 'storage-unavailable';
    const retry = this.#retry;
    const headline = memory
      ? this.msg.storageMemory
      : code === 'locked'
        ? this.msg.locked
        : code === 'conflict'
          ? this.msg.conflict
          : code === 'unreadable'
            ? this.msg.unreadable(1)
            : this.msg.saveFailed;
    // The error's message is English: another language says it in its own words (or not at all).
    const detail = memory ? '' : (this.msg.problems?.[code] ?? message);
    return html`${top}<div class="alert ${memory ? '' : 'danger'}" role="alert" part="error">
      <strong>${headline}</strong>
      ${detail ? html`<span>${detail}</span>` : nothing}
      ${retry && !this.readonly ? html`<button type="button" @click=${() => ((this.problem = undefined), retry())}>${this.msg.retry}</button>` : nothing}
      ${this.readonly || code === 'locked'
        ? nothing
        : html`<button type="button" @click=${() => ((this.problem = undefined), this.panels.focus(FOCUSABLE))}>
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
    if (this.phase === 'missing') return this.start.render();
    if (this.phase === 'gone') return html`<p class="muted">${this.msg.courseGone}</p>`;
    return html``;
  }
}
