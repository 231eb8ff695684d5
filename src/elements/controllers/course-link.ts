import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CourseState } from '../../model/document.js';
import { IptError } from '../../model/errors.js';
import { isId } from '../../model/primitives.js';
import { openSharedStore } from '../../store/index.js';
import type { IptStore } from '../../store/index.js';
import { requestCourse, type CourseContext } from '../context.js';
import { large, turn } from '../turns.js';

/** The settings an <ipt-course> passes down, with the attribute that overrides each. */
const INHERITED: Array<[keyof CourseContext, string]> = [
  ['courseId', 'course-id'],
  ['database', 'database'],
  ['storage', 'storage'],
  ['readonly', 'readonly'],
  ['today', 'today'],
  ['theme', 'theme'],
  ['protocol', 'protocol'],
  ['headingLevel', 'heading-level'],
  ['store', ''],
  ['patient', 'patient'],
];

/** A store as openStore() gives it (checked by what it offers: a store of another copy of the SDK will do). */
const isStore = (s: unknown): s is IptStore =>
  typeof s === 'object' && s !== null && (['getCourse', 'write', 'subscribe'] as const).every((k) => typeof (s as IptStore)[k] === 'function');

/** What a course link needs of its element. */
export interface LinkedHost extends ReactiveControllerHost, HTMLElement, Omit<CourseContext, 'theme'> {
  readonly hasUpdated: boolean;
  /** Shows a course read (undefined: there is no such course). */
  show(course: CourseState | undefined): void | Promise<void>;
  /** Shows that the course cannot be shown, and why. */
  unlinked(error: unknown): void;
  /** The element starts showing another course (or none): it forgets what it showed. */
  relink(): void;
  /** Reports a problem that does not stop the course from showing. */
  fail(error: unknown): void;
}

/**
 * Links an element to its course: the settings of the enclosing <ipt-course> (except those the
 * element was given itself), the store (its own, or the page's shared one), the change feed, and
 * every read, of which only the latest for the course shown is taken (in the spirit of
 * @lit/context's ContextConsumer and @lit/task's stale-run guard).
 */
export class CourseLink implements ReactiveController {
  readonly #host: LinkedHost;
  /** The store in use, once resolved. */
  store: IptStore | undefined;
  #stop: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  /** Counts the courses shown: a read or a write of an earlier one lands nowhere. */
  #generation = 0;
  #reads = 0;
  /** The reads the change feed asked for, one after another: notices that come before the next begins make that one read. */
  #reloading = Promise.resolve();
  #queued = false;
  #warnedFallback = new WeakSet<IptStore>();
  /** The settings that come from the enclosing <ipt-course>. */
  #inherited = new Set<keyof CourseContext>();

  constructor(host: LinkedHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const host = this.#host;
    requestCourse(host, (course, unsubscribe) => {
      this.#unsubscribe = unsubscribe;
      this.#inherit(course);
    });
    if (this.store === undefined && host.hasUpdated) void this.attach();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    // An element moved in the page (removed and put back in one task) keeps its course, its store
    // and what is typed in its forms; one taken out lets go of them.
    queueMicrotask(() => this.#host.isConnected || this.#detach());
  }

  #inherit(course: CourseContext): void {
    const host = this.#host;
    for (const [key, attr] of INHERITED) {
      const own = key === 'store' ? host.store !== undefined : host.hasAttribute(attr);
      if (own && !this.#inherited.has(key)) continue;
      this.#inherited.add(key);
      if (key === 'theme') {
        if (course.theme) host.setAttribute('theme', course.theme);
        else host.removeAttribute('theme');
      } else (host as unknown as Record<string, unknown>)[key] = course[key];
    }
  }

  #detach(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.store = undefined;
    this.#generation++;
  }

  /** A token of the course shown now: `current(token)` says whether it is still shown. */
  get token(): number {
    return this.#generation;
  }

  current(token: number): boolean {
    return token === this.#generation;
  }

  /** Opens the store and reads the course the host's settings name. */
  async attach(): Promise<void> {
    this.#detach();
    const host = this.#host;
    const generation = this.#generation;
    host.relink();
    const id = host.courseId;
    if (!id || !isId(id)) {
      host.unlinked(
        id
          ? new IptError('invalid-input', 'Invalid course-id: must be 1 to 128 letters, digits or . _ : -', 'course-id')
          : new IptError('invalid-input', 'Missing course-id: set the id of the course to show', 'course-id'),
      );
      return;
    }
    if (host.store !== undefined && !isStore(host.store)) {
      host.unlinked(new IptError('invalid-input', 'Invalid store: must be a store from openStore() or openSharedStore()', 'store'));
      return;
    }
    let store: IptStore;
    try {
      store = host.store ?? (await openSharedStore({ database: host.database, storage: host.storage }));
    } catch (error) {
      if (this.current(generation)) host.unlinked(error);
      return;
    }
    if (!this.current(generation)) return;
    this.store = store;
    // Nothing to show and nothing to hear: a locked store reads nothing.
    if (store.locked) return host.unlinked(store.locked);
    if (store.fallback && !this.#warnedFallback.has(store)) {
      this.#warnedFallback.add(store);
      host.fail(store.fallback);
    }
    // Every change, this element's own included: after its own write the read finds the state it
    // already shows (the store's write gives it), and does nothing.
    this.#stop = store.subscribe(id, this.#heard);
    await this.reload();
  }

  /** A notice of the change feed: a flood of them (another tab, any script of the origin) makes a few reads, not one each. */
  #heard = (): void => {
    if (this.#queued) return;
    this.#queued = true;
    this.#reloading = this.#reloading.then(() => {
      this.#queued = false;
      return this.reload();
    });
  };

  /** Reads the course again and shows it, in a task of its own when it is large. */
  async reload(): Promise<void> {
    const store = this.store;
    const generation = this.#generation;
    const read = ++this.#reads;
    if (!store) return;
    try {
      const course = await store.getCourse(this.#host.courseId);
      if (large(course)) await turn();
      // A read that another, later read overtook, or one of a course no longer shown, is dropped.
      if (this.current(generation) && read === this.#reads) await this.#host.show(course);
    } catch (error) {
      if (this.current(generation)) this.#host.unlinked(error);
    }
  }

  /** Shows a course the element's own write gave, of the course shown by `token`: reads under way are dropped. */
  async take(token: number, course: CourseState | undefined): Promise<void> {
    if (!this.current(token)) return;
    ++this.#reads;
    await this.#host.show(course);
  }
}
