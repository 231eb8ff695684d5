/**
 * Helpers for the <ipt-goal-checklist> browser tests: a course with goals, mounting, reading the
 * groups. The generic ones (stores, event log, keyboard) are in helpers.ts.
 */
import { toDocument, validate, type Goal, type IptGoalChecklist, type IptStore, type ProblemArea } from '../../src/index.js';
import { $, $$, COURSE, courseState, mountElement, textOf, type MountOptions, type Seed } from './helpers.js';

export * from './helpers.js';

/** A goal as a host would store it: `g3` gets order 3, set on 2026-01-05, active and in progress. */
export const goal = (id: string, area: ProblemArea, extra: Partial<Goal> = {}): Goal =>
  validate('goal', { id, courseId: COURSE, text: `Goal ${id}`, area, order: Number(id.slice(1)), set: '2026-01-05', lifecycle: 'active', achievement: 'in-progress', ...extra });

/** Imports a course with a focus and goals (and the sessions of `seed`). */
export async function seedGoals(store: IptStore, goals: Goal[], focus: ProblemArea[] = [], s: Seed = {}): Promise<void> {
  const state = courseState(s);
  state.course = validate('course', { ...state.course, focus });
  state.goals = goals;
  await store.importCourse(toDocument(state), { replace: true });
}

export const mount = (o: MountOptions = {}): Promise<IptGoalChecklist> => mountElement('ipt-goal-checklist', o);

/** The stored goals in checklist order of one area, as ids. */
export const storedIds = async (store: IptStore, area?: ProblemArea) =>
  ((await store.getCourse(COURSE))!.goals as Goal[])
    .filter((g) => !area || g.area === area)
    .sort((a, b) => a.order - b.order)
    .map((g) => g.id);
export const storedGoal = async (store: IptStore, id: string) => (await store.getCourse(COURSE))!.goals.find((g) => g.id === id);

/** The shown groups: [heading, goal ids]. */
export const groups = (el: Element): Array<[string, string[]]> =>
  $$(el, 'section[part="group"]').map((s) => [textOf(s.querySelector('h3')), [...s.querySelectorAll<HTMLElement>('li[data-goal]')].map((li) => li.dataset.goal!)]);
/** The control of a goal: its checkbox (`check`) or one of its buttons (up, down, edit, remove). */
export const control = (el: Element, id: string, act: 'check' | 'up' | 'down' | 'edit' | 'remove') =>
  $<HTMLInputElement>(el, `li[data-goal="${id}"] ${act === 'check' ? 'input[type=checkbox]' : `button[data-act="${act}"]`}`)!;
export const addField = <T extends HTMLElement = HTMLInputElement>(el: Element, name: string) => $<T>(el, `[part="form"] [name="${name}"]`)!;
export const editField = <T extends HTMLElement = HTMLInputElement>(el: Element, name: string) => $<T>(el, `form[data-panel^="edit"] [name="${name}"]`)!;
/** Opens the form to add a goal (with a click). */
export async function openAdd(el: IptGoalChecklist): Promise<void> {
  $<HTMLButtonElement>(el, 'button[data-opens="add"]')!.click();
  await el.updateComplete;
}
export const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
export const alertText = (el: Element) => textOf($(el, '[role="alert"]'));
