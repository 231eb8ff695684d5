import type { IptStore } from '../store/index.js';
import type { StorageKind } from '../store/backend.js';
import { DEFAULT_DATABASE } from '../store/index.js';

/**
 * What <ipt-course> gives the widgets inside it. Passed with the web components community's
 * context protocol (a bubbling, composed `context-request` event, as @lit/context uses), so it
 * crosses shadow roots; the dozen lines it takes cost less than the library's 0.75 KB gzip.
 */
export interface CourseContext {
  courseId: string;
  database: string;
  storage: StorageKind;
  readonly: boolean;
  today: string;
  theme: string | null;
  store: IptStore | undefined;
  patient: string;
  /** The manual a course started here follows (see model/protocols.ts); '' for none. */
  protocol: string;
  headingLevel: string | number | undefined;
}

export const COURSE_CONTEXT = 'ipt-course';

/** The defaults of the settings a widget and <ipt-course> both take. */
export const courseDefaults = () => ({ courseId: '', database: DEFAULT_DATABASE, storage: 'indexeddb' as StorageKind, readonly: false, today: '', patient: '', protocol: '' });

export type ContextCallback = (value: CourseContext, unsubscribe: () => void) => void;

/** The context protocol's request: bubbles and crosses shadow roots until a provider answers. */
export interface ContextRequest extends Event {
  context: unknown;
  callback: ContextCallback;
  subscribe?: boolean;
}

/** Asks the nearest <ipt-course> for its course; the callback runs now and on every change. */
export function requestCourse(el: Element, callback: ContextCallback): void {
  el.dispatchEvent(Object.assign(new Event('context-request', { bubbles: true, composed: true }), { context: COURSE_CONTEXT, callback, subscribe: true }));
}
