/**
 * Issue 22 item 8: each list of controls (the goals of an area, the people table, the sessions
 * table) is one Tab stop, with the arrow keys inside (roving tabindex); every action stays reachable.
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate, type IptStore } from '../../src/index.js';
import { goal, seedGoals } from './goal-checklist-helpers.js';
import { COURSE, courseState, focusBefore, log, memoryStore, mountElement, nameOf, press, seed, settle } from './helpers.js';

type Tag = 'ipt-relationship-circle' | 'ipt-session-counter' | 'ipt-goal-checklist';

/** The Tab stops of a widget, from the button before it until focus leaves it. */
async function tabStops(el: Element): Promise<string[]> {
  focusBefore(el);
  const stops: string[] = [];
  for (let i = 0; i < 80; i++) {
    await press('Tab');
    if (document.activeElement !== el) return stops;
    const f = el.shadowRoot!.activeElement!;
    stops.push(f.getAttribute('role') === 'region' ? 'a scrolling table' : nameOf(f));
  }
  throw new Error('Tab never left the widget');
}

const focused = (el: Element) => nameOf(el.shadowRoot!.activeElement!);

async function people(store: IptStore, n: number) {
  const state = courseState();
  state.people = Array.from({ length: n }, (_, i) => validate('person', { id: `p${i + 1}`, courseId: COURSE, name: `P${i + 1}`, ring: 2 }));
  await store.importCourse(toDocument(state), { replace: true });
}

describe('one Tab stop per list', () => {
  for (const [tag, fill] of [
    ['ipt-goal-checklist', (s: IptStore, n: number) => seedGoals(s, Array.from({ length: n }, (_, i) => goal(`g${i + 1}`, 'grief')), ['grief'])],
    ['ipt-relationship-circle', people],
  ] as Array<[Tag, (s: IptStore, n: number) => Promise<void>]>) {
    it(`${tag}: as many Tab stops with six rows as with one`, async function () {
      this.timeout(60000); // keyboard: each key is a round trip to the test runner
      const one = await memoryStore();
      await fill(one, 1);
      const few = await tabStops(await mountElement(tag, { store: one }));
      const six = await memoryStore();
      await fill(six, 6);
      const el = await mountElement(tag, { store: six });
      expect(await tabStops(el)).to.deep.equal(few);
      await expect(el).to.be.accessible();
    });
  }

  it('ipt-session-counter: the sessions table is one Tab stop', async function () {
    this.timeout(60000);
    const store = await memoryStore();
    await seed(store, { sessions: 6 });
    const el = await mountElement('ipt-session-counter', { store });
    (el as unknown as { listed: boolean }).listed = true;
    await settle(el);
    const stops = await tabStops(el);
    expect(stops.filter((s) => /^(Edit|Remove) session/.test(s)), 'one control of the table').to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('goals: the arrows reach every control; an action keeps focus, and Tab comes back to the last control used', async function () {
    this.timeout(60000);
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')], ['grief']);
    const el = await mountElement('ipt-goal-checklist', { store });
    focusBefore(el);
    await press('Tab');
    expect(focused(el), 'the first goal\'s checkbox').to.equal('');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g1] input')).to.equal(true);
    await press('ArrowDown');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g2] input'), 'Down: the next goal').to.equal(true);
    await press('ArrowRight');
    expect(focused(el)).to.equal('Move up');
    await press('ArrowDown');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g3] [data-act=up]'), 'Down keeps the column').to.equal(true);
    await press('End');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g3] [data-act=remove]')).to.equal(true);
    await press('Home');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g1] [data-act=down]')).to.equal(true);
    const moved = log().next('ipt-change');
    await press('Enter');
    await moved;
    await settle(el);
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g1] [data-act=down]'), 'focus stays on Move down').to.equal(true);
    await press('Shift+Tab');
    await press('Tab');
    expect(el.shadowRoot!.activeElement!.matches('li[data-goal=g1] [data-act=down]'), 'Tab returns to the control last used').to.equal(true);
    expect([...el.shadowRoot!.querySelectorAll('ul [tabindex="0"]')], 'one Tab stop in the list').to.have.length(1);
    await expect(el).to.be.accessible();
  });
});
