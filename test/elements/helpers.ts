/**
 * Helpers for the elements' browser tests: stores that are closed after each test, a log of
 * every ipt-* event, mounting, reading the shadow DOM, and real keyboard input (sendKeys).
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/define.js';
import {
  openSharedStore,
  openStore,
  toDocument,
  validate,
  type CourseState,
  type IptEventMap,
  type IptStore,
  type Measure,
  type Session,
} from '../../src/index.js';
import { uniqueDb } from '../fixtures.js';
import { typedDate, type DateOrder } from '../../src/model/dates.js';

/** The date the elements under test treat as today. */
export const TODAY = '2026-06-01';
export const COURSE = 'c1';

// ---------------------------------------------------------------- stores, closed after each test

const stores: IptStore[] = [];
const sharedDbs: string[] = [];

export async function memoryStore(): Promise<IptStore> {
  const store = await openStore({ storage: 'memory' });
  stores.push(store);
  return store;
}

export async function diskStore(database = uniqueDb('element')): Promise<IptStore> {
  const store = await openStore({ database });
  stores.push(store);
  return store;
}

/** Marks a database whose page-shared store (opened by an element) must be closed after the test. */
export function closeSharedAfter(database: string): void {
  sharedDbs.push(database);
}

/** What mount() put in the page. */
const mounted: HTMLElement[] = [];

afterEach(async () => {
  mounted.splice(0).forEach((w) => w.remove());
  stores.splice(0).forEach((s) => s.close());
  for (const database of sharedDbs.splice(0)) (await openSharedStore({ database })).close();
});

// ---------------------------------------------------------------- how long a wait may take

let test: Mocha.Runnable | undefined;
let began = 0;
beforeEach(function () {
  test = this.currentTest;
  began = performance.now();
});
afterEach(() => {
  test = undefined;
});
/**
 * How long a wait for an event or a rendering may take: what is left of the test's own timeout
 * (a test that needs more time says so with this.timeout()), less a moment so that the wait's own
 * message, not mocha's, reports a failure. On a busy machine everything takes longer; a wait
 * ends when its condition holds, and only the test's budget bounds it. (Outside a test: 4 s.)
 */
export function patience(): number {
  if (!test) return 4000;
  const total = test.timeout();
  if (!total) return 2 ** 31 - 1; // this.timeout(0): no bound
  return Math.max(100, total - (performance.now() - began) - 500);
}

// ---------------------------------------------------------------- the event log

export type EventType = keyof IptEventMap;
const EVENT_TYPES: EventType[] = [
  'ipt-ready',
  'ipt-before-change',
  'ipt-change',
  'ipt-session-logged',
  'ipt-phase-change',
  'ipt-termination-window',
  'ipt-authorization-alert',
  'ipt-ring-change',
  'ipt-dispute-stage-change',
  'ipt-goal-change',
  'ipt-risk',
  'ipt-error',
];
type Detail<K extends EventType> = IptEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Every ipt-* event that reaches the document, in order; started before the element is mounted. */
export class EventLog {
  readonly all: CustomEvent[] = [];
  #waiters: Array<{ type: string; resolve: (e: CustomEvent) => void }> = [];
  #on = (e: Event) => {
    this.all.push(e as CustomEvent);
    this.#waiters = this.#waiters.filter((w) => (w.type === e.type ? (w.resolve(e as CustomEvent), false) : true));
  };
  constructor() {
    for (const t of EVENT_TYPES) document.addEventListener(t, this.#on);
  }
  stop(): void {
    for (const t of EVENT_TYPES) document.removeEventListener(t, this.#on);
  }
  /** The details of every event of a type so far. */
  of<K extends EventType>(type: K): Detail<K>[] {
    return this.all.filter((e) => e.type === type).map((e) => e.detail as Detail<K>);
  }
  events(type: EventType): CustomEvent[] {
    return this.all.filter((e) => e.type === type);
  }
  /** The types of the events so far, in order. */
  get types(): string[] {
    return this.all.map((e) => e.type);
  }
  /** The next `n` events of a type (widgets mounted together are ready one task after another). */
  async nextAll<K extends EventType>(type: K, n: number, ms = patience()): Promise<Array<CustomEvent<Detail<K>>>> {
    const from = this.events(type).length;
    await waitUntil(() => this.events(type).length >= from + n, `${n} ${type} events`, { timeout: ms });
    return this.events(type).slice(from, from + n) as Array<CustomEvent<Detail<K>>>;
  }

  /** The next event of a type; call it before the action that fires it. Fails after `ms` (what is left of the test's time). */
  next<K extends EventType>(type: K, ms = patience()): Promise<CustomEvent<Detail<K>>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
      this.#waiters.push({
        type,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as CustomEvent<Detail<K>>);
        },
      });
    });
  }
}

let current: EventLog | undefined;
beforeEach(() => {
  current = new EventLog();
});
afterEach(() => {
  current?.stop();
  current = undefined;
});
/** This test's event log. */
export const log = (): EventLog => current!;

// ---------------------------------------------------------------- dates

/** The ISO date `n` days after 2026-01-05 (a Monday). */
export function day(n: number, from = '2026-01-05'): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- seeded courses

export interface Seed {
  planned?: number;
  /** Statuses of the sessions, one a day from 2026-01-05; a number means that many attended. */
  sessions?: number | Array<Session['status']>;
  /** Maintenance sessions attended after the acute ones. */
  maintenanceSessions?: number;
  /** [index of the session, instrument, score]. */
  measures?: Array<[number, Measure['instrument'], number, string?]>;
  authorization?: { sessions: number; start?: string; end?: string; lowAt?: number; reference?: string };
  maintenance?: { sessions: number; start: string; cadence?: 'weekly' | 'biweekly' | 'monthly' };
  history?: Array<{ date: string; from: number; to: number; reason?: string }>;
  /** Days between sessions. */
  every?: number;
  /** The course's start date. */
  start?: string;
}

/** A whole course state, validated, to import through the store (people, disputes and goals can be added to it). */
export function courseState(seed: Seed = {}, courseId = COURSE): CourseState {
  const statuses = typeof seed.sessions === 'number' ? Array<Session['status']>(seed.sessions).fill('attended') : (seed.sessions ?? []);
  const every = seed.every ?? 1;
  const sessions = statuses.map((status, i) => validate('session', { id: `s${i + 1}`, courseId, date: day(i * every), status }));
  for (let j = 0; j < (seed.maintenanceSessions ?? 0); j++) {
    const i = statuses.length + j;
    sessions.push(validate('session', { id: `s${i + 1}`, courseId, date: day(i * every), status: 'attended', kind: 'maintenance' }));
  }
  const measures = (seed.measures ?? []).map(([i, instrument, score, label], k) =>
    validate('measure', { id: `m${k + 1}`, courseId, instrument, score, date: sessions[i]!.date, sessionId: sessions[i]!.id, ...(label ? { label } : {}) }),
  );
  const a = seed.authorization;
  const course = validate('course', {
    id: courseId,
    contract: { sessions: seed.planned ?? 16, history: seed.history ?? [] },
    ...(a ? { authorization: { start: '2026-01-01', end: '2026-12-31', lowAt: 2, ...a } } : {}),
    ...(seed.maintenance ? { maintenance: seed.maintenance } : {}),
    ...(seed.start ? { start: seed.start } : {}),
  });
  return { course, sessions, people: [], disputes: [], goals: [], measures };
}

/** Imports a seeded course into a store, as a host would. */
export async function seed(store: IptStore, s: Seed = {}, courseId = COURSE): Promise<void> {
  await store.importCourse(toDocument(courseState(s, courseId)), { replace: true });
}

// ---------------------------------------------------------------- mounting

export interface MountOptions {
  store?: IptStore;
  courseId?: string | null;
  database?: string;
  readonly?: boolean;
  today?: string | null;
  /** Other attributes to set. */
  attrs?: Record<string, string>;
  /** Wait for ipt-ready (default true). */
  ready?: boolean;
}

/**
 * Mounts an element after a focusable "before" button (where keyboard flows start) and waits
 * until it has loaded its course. (Not open-wc's fixture(): that waits for an animation frame,
 * which never comes while this page is in the background, as it is when the runner runs two
 * test files at once.)
 */
export async function mountElement<K extends keyof HTMLElementTagNameMap>(tag: K, o: MountOptions = {}): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  if (o.courseId !== null) el.setAttribute('course-id', o.courseId ?? COURSE);
  if (o.today !== null) el.setAttribute('today', o.today ?? TODAY);
  if (o.database) el.setAttribute('database', o.database);
  if (o.readonly) el.setAttribute('readonly', '');
  for (const [k, v] of Object.entries(o.attrs ?? {})) el.setAttribute(k, v);
  if (o.store) (el as unknown as { store: IptStore }).store = o.store;
  const ready = o.ready === false ? undefined : log().next('ipt-ready');
  const wrapper = document.createElement('div');
  wrapper.innerHTML = '<button id="before" type="button">Before</button>';
  wrapper.append(el);
  document.body.append(wrapper);
  mounted.push(wrapper);
  await ready;
  await (el as unknown as LitElement).updateComplete;
  return el;
}

// ---------------------------------------------------------------- reading the shadow DOM

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
/** Text with whitespace collapsed. */
export const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const shown = (el: Element) => textOf(el.shadowRoot as unknown as Element);

/** The field of an open form whose value was refused, and what is said next to it (its aria-describedby). */
export function fieldProblem(el: Element): { name: string | null; said: string } {
  const f = el.shadowRoot!.querySelector('[aria-invalid="true"]');
  return { name: f?.getAttribute('name') ?? null, said: f ? textOf(el.shadowRoot!.getElementById(f.getAttribute('aria-describedby') ?? '')) : '' };
}

/** Waits until the element's rendering satisfies a condition (after a host wrote to the store). */
export async function until(el: LitElement, predicate: () => boolean, message: string): Promise<void> {
  await waitUntil(predicate, message, { timeout: patience() });
  await el.updateComplete;
}

// ---------------------------------------------------------------- the keyboard

/** Presses a key, or a chord such as `Shift+Tab` (held modifiers, then the key). */
export async function press(key: string): Promise<void> {
  const keys = key.split('+');
  const last = keys.pop()!;
  for (const k of keys) await sendKeys({ down: k });
  await sendKeys({ press: last });
  for (const k of keys.reverse()) await sendKeys({ up: k });
}
export const type = (text: string) => sendKeys({ type: text });

/** The accessible name of a control, as far as these tests need it. */
export const nameOf = (e: Element) => (e.getAttribute('aria-label') ?? textOf(e)).trim();

export type Match = (e: Element) => boolean;
/** A button whose accessible name is or starts with `name`. */
export const button = (name: string | RegExp): Match => (e) =>
  e.tagName === 'BUTTON' && (typeof name === 'string' ? nameOf(e) === name : name.test(nameOf(e)));
export const summary = (name: RegExp): Match => (e) => e.tagName === 'SUMMARY' && name.test(textOf(e));

/** Focuses the button placed before the element: keyboard flows start outside the widget. */
export function focusBefore(el: Element): void {
  (el.parentElement!.querySelector('#before') as HTMLElement).focus();
}

/**
 * Presses Tab (or Shift+Tab) until the focus inside the element is on a matching control. A list
 * of controls is one Tab stop (roving tabindex): when Tab enters a list that holds the control,
 * the arrow keys go on to it, as a keyboard user would.
 */
export async function tabTo(el: Element, match: Match, what: string, back = false): Promise<HTMLElement> {
  for (let i = 0; i < 60; i++) {
    await press(back ? 'Shift+Tab' : 'Tab');
    const f = el.shadowRoot!.activeElement;
    if (f && match(f)) return f as HTMLElement;
    const list = f && !f.closest('form') ? f.closest('[data-rove]') : null;
    if (list && [...list.querySelectorAll('button, input')].some((c) => !c.closest('form') && match(c))) return arrowTo(el, match, what);
  }
  throw new Error(`the keyboard never reached ${what}`);
}

/** Presses the arrow keys in a list of controls (Home, then Right) until focus is on a matching one. */
export async function arrowTo(el: Element, match: Match, what: string): Promise<HTMLElement> {
  await press('Home');
  for (let i = 0; i < 100; i++) {
    const f = el.shadowRoot!.activeElement;
    if (f && match(f)) return f as HTMLElement;
    await press('ArrowRight');
  }
  throw new Error(`the arrow keys never reached ${what}`);
}

/**
 * Shift+Tab back out of the widget to the "before" button. (Chrome's date field takes typing
 * only when entered forwards, so flows that must go back to a date field go round this way.)
 */
export async function tabBackToStart(el: Element): Promise<void> {
  const before = el.parentElement!.querySelector('#before');
  for (let i = 0; i < 60 && document.activeElement !== before; i++) await press('Shift+Tab');
  if (document.activeElement !== before) throw new Error('Shift+Tab never left the widget');
}

/** Types a date into the focused date field (entered with Tab), replacing what it holds, as the field's language writes dates. */
export async function typeDate(iso: string): Promise<void> {
  let f = document.activeElement;
  while (f?.shadowRoot?.activeElement) f = f.shadowRoot.activeElement;
  await press('Control+a');
  await type(typedDate(iso, (f as HTMLElement).dataset.date as DateOrder));
}

/** Types into a focused number input, replacing what it holds. */
export async function retype(text: string): Promise<void> {
  await press('Control+a');
  await type(text);
}

/** Lets the events that follow an action fire and the element render. */
export async function settle(el: LitElement): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

/** Holds the store's writes until `release()`; `restore()` puts the store's own write back. */
export function holdWrites(store: IptStore): { release: () => void; restore: () => void } {
  const write = store.write.bind(store);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  store.write = async (...args: Parameters<IptStore['write']>) => {
    await held;
    return write(...args);
  };
  return { release, restore: () => (store.write = write) };
}

/** A YYYY-MM-DD date as a date field of an English page shows it (mm/dd/yyyy). */
export const shownDate = (iso: string) => typedDate(iso, 'mdy');
