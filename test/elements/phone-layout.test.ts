/**
 * Issue 22 item 7: at a phone's width (340 px of widget in a 390 px page) the people table and the
 * sessions table stack each row as a card, nothing scrolls sideways or is cut, and a goal's drag
 * grip stays beside its goal.
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate, type IptStore } from '../../src/index.js';
import { goal, seedGoals } from './goal-checklist-helpers.js';
import { $, $$, COURSE, courseState, memoryStore, mountElement, seed, textOf, until } from './helpers.js';

const PHONE = 340;

/** Mounts an element, then narrows it to a phone's width. */
async function onPhone<K extends 'ipt-relationship-circle' | 'ipt-session-counter' | 'ipt-goal-checklist'>(tag: K, store: IptStore) {
  const el = await mountElement(tag, { store });
  el.parentElement!.style.width = `${PHONE}px`;
  await el.updateComplete;
  return el;
}

/** Whether `inner` lies within `outer` on screen (to the pixel). */
const within = (inner: Element, outer: Element) => {
  const a = inner.getBoundingClientRect();
  const b = outer.getBoundingClientRect();
  return a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.width > 0;
};

/** The table's scrolling box scrolls nothing sideways. */
const noSideways = (el: Element) => {
  const box = $(el, '.scroll')!;
  return box.scrollWidth <= box.clientWidth + 1;
};

describe('phone layouts', () => {
  it('the people table stacks each person as a card: Notes shown whole, Closer and Further on screen', async () => {
    const store = await memoryStore();
    const state = courseState();
    state.people = [
      { name: 'Sam', relationship: 'partner', ring: 1, conflict: 3, deceased: true, support: 2 },
      { name: 'Alexandra Okafor-Smith', relationship: 'brother-in-law', ring: 2 },
    ].map((p, i) => validate('person', { id: `p${i + 1}`, courseId: COURSE, ...p }));
    await store.importCourse(toDocument(state), { replace: true });
    const el = await onPhone('ipt-relationship-circle', store);
    expect(noSideways(el), 'no sideways scrolling').to.equal(true);
    const rows = $$<HTMLTableRowElement>(el, 'tbody tr');
    for (const row of rows) {
      for (const cell of [...row.cells].filter((c) => textOf(c))) expect(within(cell, el), `${textOf(cell)} on screen`).to.equal(true);
      for (const b of row.querySelectorAll('button')) expect(within(b, el), `${textOf(b)} on screen`).to.equal(true);
    }
    const notes = rows[0]!.cells[3]!;
    expect(getComputedStyle(notes, '::before').content, 'each cell says its column').to.equal('"Notes: "');
    expect(notes.scrollWidth, 'the notes are not cut').to.be.at.most(notes.clientWidth + 1);
    expect(rows[1]!.cells[3]!.getBoundingClientRect().height, 'an empty cell takes no line').to.equal(0);
    await expect(el).to.be.accessible();
    el.parentElement!.style.width = '900px';
    expect(getComputedStyle($(el, 'thead')!).position, 'a wide widget keeps its table').to.not.equal('absolute');
  });

  it('the sessions table stacks each session: Edit and Remove on screen', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: ['attended', 'no-show', 'attended'], measures: [[0, 'PHQ-9', 14]] });
    const el = await onPhone('ipt-session-counter', store);
    $<HTMLDetailsElement>(el, 'details.sessions')!.open = true;
    await until(el, () => $$(el, 'details.sessions tbody tr').length === 3, 'the sessions listed');
    const rows = $$<HTMLTableRowElement>(el, 'details.sessions tbody tr');
    expect(rows).to.have.length(3);
    expect(noSideways(el), 'no sideways scrolling').to.equal(true);
    for (const row of rows) {
      const buttons = [...row.querySelectorAll('button')];
      expect(buttons.map(textOf)).to.deep.equal(['Edit', 'Remove']);
      for (const b of buttons) expect(within(b, el), `${b.getAttribute('aria-label')} on screen`).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });

  it("a goal's grip stays on its goal's line, however long the goal", async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'role-dispute', { text: 'Talk with Sam about the evenings once a week, without the phone' })], ['role-dispute']);
    const el = await onPhone('ipt-goal-checklist', store);
    const grip = $(el, '.grip')!.getBoundingClientRect();
    const box = $(el, 'li input[type=checkbox]')!.getBoundingClientRect();
    const label = $(el, 'li label.check')!.getBoundingClientRect();
    expect(grip.right, 'the grip is left of the checkbox').to.be.at.most(box.left);
    expect(grip.bottom > label.top && grip.top < label.bottom, 'on the same line as the goal').to.equal(true);
    expect(within($(el, 'li label.check')!, el)).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
