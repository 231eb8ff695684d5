/**
 * The measure schedule on the course clock (issue 20): the track marks the acute sessions at which
 * the course's protocol asks for a symptom measure (PHQ-9 and GAD-7 at intake and every 4th
 * session under the acute protocol), in each cell's title and in the legend; a course without a
 * schedule marks none.
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate } from '../../src/model/index.js';
import { $, $$, COURSE, courseState, memoryStore, mountElement, textOf } from './helpers.js';
import { ticked } from './counter-helpers.js';

async function counter(protocol: string | undefined, sessions = 2) {
  const store = await memoryStore();
  const state = courseState({ sessions, planned: 12 });
  const course = validate('course', { ...state.course, ...(protocol ? { protocol } : {}) });
  await store.importCourse(toDocument({ ...state, course }), { replace: true });
  return mountElement('ipt-session-counter', { store, courseId: COURSE });
}

describe('ipt-session-counter: the measure schedule on the track', () => {
  it('marks sessions 1, 5 and 9 of a 12-session course under the acute protocol, and names the mark in the legend', async () => {
    const el = await counter('acute');
    const cells = $$(el, '.track li.cell');
    const due = cells.filter((c) => c.classList.contains('due')).map((c) => textOf(c));
    expect(due).to.deep.equal(['1', '5', '9']);
    expect(cells.find((c) => textOf(c) === '5')!.title).to.include('Measure due');
    expect(cells.find((c) => textOf(c) === '6')!.title).not.to.include('Measure due');
    expect(textOf($(el, '.legend'))).to.include('Measure due');
    await expect(el).to.be.accessible();
  });

  it('marks none when the course has no measure schedule', async () => {
    const el = await counter(undefined);
    expect($$(el, '.track li.due')).to.have.length(0);
    expect(textOf($(el, '.legend'))).not.to.include('Measure due');
    await expect(el).to.be.accessible();
  });

  it('offers PHQ-9 and GAD-7 at an intake where a measure is due and none was taken yet; nothing without a schedule', async () => {
    expect(ticked(await counter('acute', 0))).to.deep.equal(['PHQ-9', 'GAD-7']);
    expect(ticked(await counter(undefined, 0))).to.deep.equal([]);
  });
});
