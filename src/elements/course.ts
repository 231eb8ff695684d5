import { LitElement, css, html } from 'lit';
import type { StorageKind } from '../store/backend.js';
import type { IptStore } from '../store/index.js';
import { COURSE_CONTEXT, courseDefaults, type ContextCallback, type ContextRequest, type CourseContext } from './context.js';

/**
 * An optional container: the widgets inside it show one course from one store. Its attributes
 * configure them all; a widget's own attribute wins over the container's.
 *
 * @tagname ipt-course
 * @summary One course, one store, for the widgets inside.
 * @slot - The ipt-* widgets (at any depth, through shadow roots too).
 */
export class IptCourse extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: var(--ipt-space, 0.75rem);
    }
    :host([hidden]) {
      display: none;
    }
  `;
  static override properties = {
    courseId: { attribute: 'course-id' },
    database: {},
    storage: {},
    readonly: { type: Boolean },
    today: {},
    theme: {},
    headingLevel: { attribute: 'heading-level' },
    store: { attribute: false },
    patient: {},
    protocol: {},
  };

  /** The id of the course every widget inside shows (attribute `course-id`). */
  declare courseId: string;
  /** The IndexedDB database, when the widgets open the store themselves. Default `ipt-elements`. */
  declare database: string;
  /** `memory` keeps nothing on disk. Default `indexeddb`. */
  declare storage: StorageKind;
  /** Every widget inside shows everything and offers no control. */
  declare readonly: boolean;
  /** The date the widgets treat as today (YYYY-MM-DD). */
  declare today: string;
  /** `light` or `dark` for every widget inside; the system's choice when unset. */
  declare theme: string | null;
  /**
   * The manual a course started inside follows: `acute`, `iptuk`, `counselling`, `who-group`, `ipt-a`
   * or `stuart-robertson` (README "Protocol presets"). It sets the contract, the phase ranges and
   * the rest when the course is started; the course keeps it. Unset: the common defaults.
   */
  declare protocol: string;
  /** The level (1-6) of each widget's top heading inside; the widgets' other headings follow. Default 2. */
  declare headingLevel: string | number | undefined;
  /** A store the host opened itself, for every widget inside. */
  declare store: IptStore | undefined;
  /** The host's FHIR reference to the patient (`Patient/<id>`): a course started in a widget inside gets it, and the sync and the FHIR export need it. Never shown. */
  declare patient: string;

  #subscribers = new Set<ContextCallback>();

  constructor() {
    super();
    Object.assign(this, courseDefaults());
    this.theme = null;
    this.addEventListener('context-request', (e) => {
      const request = e as ContextRequest;
      if (request.context !== COURSE_CONTEXT) return;
      e.stopPropagation();
      const callback = request.callback;
      if (request.subscribe) this.#subscribers.add(callback);
      callback(this.#value(), () => this.#subscribers.delete(callback));
    });
  }

  #value(): CourseContext {
    const { courseId, database, storage, readonly, today, theme, store, patient, protocol, headingLevel } = this;
    return { courseId, database, storage, readonly, today, theme, store, patient, protocol, headingLevel };
  }

  protected override updated(): void {
    for (const callback of this.#subscribers) callback(this.#value(), () => this.#subscribers.delete(callback));
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-course': IptCourse;
  }
}
