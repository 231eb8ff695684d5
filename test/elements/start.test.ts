/** A course not stored yet (issue 22, item 1): any widget can start it, and a page says it is missing once. */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { IptStore } from '../../src/index.js';
import { $, button, focusBefore, log, memoryStore, mountElement, press, shown, tabTo, textOf, until } from './helpers.js';

const MISSING = 'There is no course with this id yet.';
const WIDGETS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'] as const;

const placed: Element[] = [];
afterEach(() => placed.splice(0).forEach((e) => e.remove()));

/** Puts widgets in the page side by side (no <ipt-course>), each given the store; waits until each has read. */
async function widgets(store: IptStore, tags: readonly string[], attrs = ''): Promise<LitElement[]> {
  const host = document.createElement('div');
  host.innerHTML = `<button id="before" type="button">Before</button>${tags.map((t) => `<${t} course-id="new" today="2026-06-01" ${attrs}></${t}>`).join('')}`;
  const els = [...host.querySelectorAll<LitElement>(tags.join(','))];
  for (const el of els) (el as unknown as { store: IptStore }).store = store;
  const ready = log().nextAll('ipt-ready', els.length);
  document.body.append(host);
  placed.push(host);
  await ready;
  await Promise.all(els.map((e) => e.updateComplete));
  return els;
}

/** How many times the page says the course is missing, across the widgets' shadow roots. */
const said = (els: Element[]) => els.filter((e) => shown(e).includes(MISSING)).length;
const waiting = (e: Element) => e.matches(':state(waiting)');

describe('a course not stored yet', () => {
  for (const tag of WIDGETS.slice(1)) {
    it(`${tag} alone says so and starts it with the default contract, by keyboard`, async function () {
      this.timeout(30000); // keyboard and axe twice: over 10 s on a busy machine (it timed out in a full run)
      const store = await memoryStore();
      const el = await mountElement(tag, { store, courseId: 'new' });
      expect(shown(el)).to.contain(MISSING);
      expect(waiting(el)).to.equal(false);
      await expect(el).to.be.accessible();
      focusBefore(el);
      await tabTo(el, button('Start the course'), 'the Start button');
      const changed = log().next('ipt-change');
      await press('Enter');
      expect((await changed).detail).to.deep.equal({ courseId: 'new', entity: 'course', id: 'new', op: 'create' });
      await until(el as LitElement, () => !shown(el).includes(MISSING), 'the course shows');
      const course = await store.getCourse('new');
      expect(course?.course.contract).to.deep.equal({ sessions: 16, history: [] });
      expect(course?.course.start).to.equal(undefined);
      // Focus goes to the widget's first control: the one that adds to the course.
      await until(el as LitElement, () => !!el.shadowRoot!.activeElement, 'focus in the widget');
      expect(textOf(el.shadowRoot!.activeElement)).to.match(/^(Add|New)/);
      await expect(el).to.be.accessible();
    });
  }

  it('a page of four widgets says it once, in the counter, and all four show the course once started there', async () => {
    const store = await memoryStore();
    const els = await widgets(store, [...WIDGETS].reverse());
    expect(said(els)).to.equal(1);
    const counter = els.find((e) => e.localName === 'ipt-session-counter')!;
    expect(shown(counter)).to.contain(MISSING);
    expect(els.map(waiting)).to.deep.equal(els.map((e) => e !== counter));
    for (const el of els) await expect(el).to.be.accessible();
    const ready = log().nextAll('ipt-change', 1);
    ($(counter, 'form[data-start] [name="planned"]') as HTMLInputElement).value = '12';
    $<HTMLFormElement>(counter, 'form[data-start]')!.requestSubmit();
    await ready;
    for (const el of els) await until(el, () => !shown(el).includes(MISSING) && !waiting(el), `${el.localName} shows the course`);
    expect((await store.getCourse('new'))?.course.contract.sessions).to.equal(12);
    expect(shown(counter)).to.contain('No session yet of 12 planned');
  });

  it('without a counter the first widget says it; when it leaves the page the next one does', async () => {
    const store = await memoryStore();
    const [circle, tracker, goals] = await widgets(store, WIDGETS.slice(1));
    expect([circle, tracker, goals].map((e) => shown(e).includes(MISSING))).to.deep.equal([true, false, false]);
    // A waiting dispute tracker shows not even its title.
    expect(shown(tracker!)).to.equal('');
    circle!.remove();
    await until(tracker!, () => shown(tracker!).includes(MISSING), 'the tracker says it now');
    expect(waiting(tracker!)).to.equal(false);
    expect(said([tracker!, goals!])).to.equal(1);
    expect($(tracker!, 'form[data-start]')).to.not.equal(null);
  });

  it('an editable widget speaks before a readonly one, which offers no form', async () => {
    const store = await memoryStore();
    const [circle] = await widgets(store, ['ipt-relationship-circle'], 'readonly');
    expect(shown(circle!)).to.contain(MISSING);
    expect($(circle!, 'form')).to.equal(null);
    await expect(circle!).to.be.accessible();
    const [goals] = await widgets(store, ['ipt-goal-checklist']);
    await until(circle!, () => !shown(circle!).includes(MISSING), 'the readonly circle falls silent');
    expect(shown(goals!)).to.contain(MISSING);
    expect($(goals!, 'form[data-start]')).to.not.equal(null);
  });

  it('inside <ipt-course> the widgets say it once', async () => {
    const store = await memoryStore();
    const host = document.createElement('div');
    host.innerHTML = `<ipt-course course-id="new">${WIDGETS.slice(1).map((t) => `<${t}></${t}>`).join('')}</ipt-course>`;
    host.querySelector('ipt-course')!.store = store;
    const ready = log().nextAll('ipt-ready', 3);
    document.body.append(host);
    placed.push(host);
    await ready;
    const els = [...host.querySelectorAll<LitElement>(WIDGETS.join(','))];
    await Promise.all(els.map((e) => e.updateComplete));
    expect(said(els)).to.equal(1);
  });
});
