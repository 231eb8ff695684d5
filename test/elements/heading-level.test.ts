/** heading-level (issue 22, item 2): the widgets' headings fit the host page's outline. */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { log, memoryStore, mountElement, seed, until } from './helpers.js';
import { validate, type IptStore } from '../../src/index.js';

const WIDGETS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'] as const;
const placed: Element[] = [];
afterEach(() => placed.splice(0).forEach((e) => e.remove()));

/** The level each heading of a widget is heard at, in order. */
const levels = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)));

async function course(): Promise<IptStore> {
  const store = await memoryStore();
  await seed(store, { sessions: 2 });
  await store.write('c1', [
    { op: 'put', entity: 'person', record: validate('person', { id: 'p1', courseId: 'c1', name: 'Ana', ring: 1 }) },
    { op: 'put', entity: 'goal', record: { id: 'g1', courseId: 'c1', text: 'Sleep', area: 'grief', order: 1, lifecycle: 'active', set: '2026-01-05' } },
  ]);
  return store;
}

async function page(markup: string, store: IptStore, n: number): Promise<HTMLElement> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  const c = host.querySelector('ipt-course');
  if (c) c.store = store;
  else host.querySelectorAll<LitElement>(WIDGETS.join(',')).forEach((w) => ((w as unknown as { store: IptStore }).store = store));
  const ready = log().nextAll('ipt-ready', n);
  document.body.append(host);
  placed.push(host);
  await ready;
  await Promise.all([...host.querySelectorAll<LitElement>(WIDGETS.join(','))].map((w) => w.updateComplete));
  return host;
}

describe('heading-level', () => {
  it('on <ipt-course>: every widget\'s top heading at that level, the rest one below; axe finds the outline in order', async function () {
    this.timeout(30000); // axe over four widgets
    const store = await course();
    const host = await page(
      `<h1>Portal</h1><h2>Ana B.</h2><ipt-course course-id="c1" today="2026-06-01" heading-level="3">${WIDGETS.map((t) => `<${t}></${t}>`).join('')}</ipt-course>`,
      store,
      4,
    );
    for (const t of WIDGETS) {
      const l = levels(host.querySelector(t)!);
      expect(l[0], t).to.equal(3);
      expect(l.slice(1).every((x) => x === 4), `${t}: ${l}`).to.equal(true);
    }
    await expect(host).to.be.accessible();
  });

  it('a widget\'s own heading-level wins over the container\'s; unset, the tags speak for themselves', async () => {
    const store = await course();
    const host = await page(
      `<ipt-course course-id="c1" heading-level="4"><ipt-goal-checklist heading-level="1"></ipt-goal-checklist><ipt-relationship-circle></ipt-relationship-circle></ipt-course>`,
      store,
      2,
    );
    expect(levels(host.querySelector('ipt-goal-checklist')!)).to.deep.equal([1, 2]);
    expect(levels(host.querySelector('ipt-relationship-circle')!)).to.deep.equal([4, 5]);
    const alone = await mountElement('ipt-relationship-circle', { store });
    expect(alone.shadowRoot!.querySelector('[aria-level]')).to.equal(null);
    expect(levels(alone)).to.deep.equal([2, 3]);
    // Level 6 is the deepest: what lies below it stays at 6.
    alone.setAttribute('heading-level', '6');
    await until(alone, () => levels(alone)[0] === 6, 'level 6');
    expect(levels(alone)).to.deep.equal([6, 6]);
  });

  for (const bad of ['0', '7', 'two']) {
    it(`heading-level="${bad}" is refused with invalid-input, and the headings keep their tags`, async () => {
      const store = await course();
      const el = await mountElement('ipt-goal-checklist', { store, attrs: { 'heading-level': bad } });
      expect(log().of('ipt-error').map((d) => [d.code, d.field])).to.deep.equal([['invalid-input', 'heading-level']]);
      expect(levels(el)).to.deep.equal([2, 3]);
    });
  }
});
