/**
 * Helpers for the <ipt-dispute-tracker> browser tests: a course with people and disputes, mounting,
 * the tracker's parts. The generic helpers (stores, event log, keyboard) are in helpers.ts.
 */
import { expect } from '@open-wc/testing';
import { firstStage, moveStage, toDocument, validate, type Dispute, type DisputeStage, type IptDisputeTracker, type IptStore, type Person } from '../../src/index.js';
import { $, $$, COURSE, button, courseState, log, mountElement, settle, textOf, type MountOptions, type Seed } from './helpers.js';

export * from './helpers.js';

export interface DisputeSeed extends Seed {
  people?: Array<Partial<Person> & { id: string; name: string }>;
  /** Each dispute: id, person, the stages it went through (first is where it started) with their dates. */
  disputes?: Array<{ id: string; personId: string; moves: Array<[DisputeStage, string]>; issue?: string; outcome?: Dispute['outcome']; closed?: string }>;
}

export const SAM = { id: 'p1', name: 'Sam', relationship: 'partner', ring: 1 };
export const ALEX = { id: 'p2', name: 'Alex', relationship: 'mother', ring: 2 };

/** Imports a course with people and disputes into a store, as a host would. */
export async function seedDisputes(store: IptStore, s: DisputeSeed = {}): Promise<void> {
  const state = courseState(s);
  state.people = (s.people ?? []).map((p) => validate('person', { ring: 3, courseId: COURSE, ...p }));
  state.disputes = (s.disputes ?? []).map((d) => {
    const [[stage, date], ...rest] = d.moves;
    let out = validate('dispute', { id: d.id, courseId: COURSE, personId: d.personId, issue: d.issue ?? '', stage: stage!, history: firstStage(stage!, { date: date! }) });
    for (const [to, at] of rest) out = moveStage(out, to, { date: at });
    return d.outcome ? { ...out, outcome: d.outcome, closed: d.closed! } : out;
  });
  await store.importCourse(toDocument(state), { replace: true });
}

/** Mounts an <ipt-dispute-tracker> (see mountElement). */
export function mount(o: MountOptions = {}): Promise<IptDisputeTracker> {
  return mountElement('ipt-dispute-tracker', o);
}

/** The matches of a selector inside a part of the shadow DOM. */
export const within = (root: Element, selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
export const within1 = (root: Element, selector: string) => root.querySelector<HTMLElement>(selector);
export const card = (el: Element, id: string) => $(el, `article[data-id="${id}"]`)!;
/** The names of the steps of a dispute's track, the current one marked with `*`. */
export const track = (el: Element, id: string) =>
  within(card(el, id), 'ol.stages > li').map((li) => `${li.getAttribute('aria-current') === 'step' ? '*' : ''}${textOf(li.querySelector('strong, button') ?? li)}`);
export const historyOf = (el: Element, id: string) => [...card(el, id).querySelectorAll('details li')].map(textOf);
export const panel = (el: Element, key: string) => $<HTMLFormElement>(el, `form[data-panel="${key}"]`);
export const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Clicks a button of the tracker (within a card when `inside` is given). */
export async function click(el: IptDisputeTracker, name: string | RegExp, inside?: string): Promise<void> {
  const root = inside ? card(el, inside) : el.shadowRoot!;
  const b = [...root.querySelectorAll('button')].find(button(name));
  if (!b) throw new Error(`no button ${String(name)}`);
  b.click();
  await el.updateComplete;
}

/** Submits an open form as a user would (with validation) and waits for the change it writes. */
export async function submit(el: IptDisputeTracker, key: string): Promise<void> {
  const changed = log().next('ipt-change');
  panel(el, key)!.requestSubmit();
  await changed;
  await settle(el);
}

export async function stored(store: IptStore) {
  const state = await store.getCourse(COURSE);
  expect(state).to.not.equal(undefined);
  return state!;
}
