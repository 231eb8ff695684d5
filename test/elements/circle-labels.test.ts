/**
 * <ipt-relationship-circle>, issue 22 items 4 to 6: its text is legible on a phone and clashes with
 * nothing; focus shows without hiding a node's colour; a highly conflicted relationship shows before
 * any dispute; Minus and Plus move the focused person a ring, said to screen readers.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { toDocument, validate, type IptRelationshipCircle, type IptStore, type Person } from '../../src/index.js';
import { $, $$, COURSE, courseState, focusBefore, log, memoryStore, mountElement, press, settle, textOf, until, type MountOptions } from './helpers.js';

type P = Partial<Person> & { name: string };

async function seedPeople(store: IptStore, people: P[], disputeWith: number[] = []): Promise<void> {
  const state = courseState();
  state.people = people.map((p, i) => validate('person', { id: `p${i + 1}`, courseId: COURSE, ring: 1, ...p }));
  state.disputes = disputeWith.map((i) =>
    validate('dispute', { id: `d${i}`, courseId: COURSE, personId: `p${i}`, stage: 'impasse', history: [{ to: 'impasse', date: '2026-05-01' }] }),
  );
  await store.importCourse(toDocument(state), { replace: true });
}

const mount = (o: MountOptions = {}) => mountElement('ipt-relationship-circle', o);
const focused = (el: IptRelationshipCircle) => el.shadowRoot!.activeElement as Element | null;
const node = (el: Element, id: string) => $(el, `.node[data-person-id="${id}"]`)!;
const said = (el: Element) => textOf($(el, '[role=status]'));

describe('ipt-relationship-circle: labels on a phone', () => {
  it('at 340 px wide every name is at least 12 px high and meets no node, ring number, other name, the patient or the edge', async () => {
    const store = await memoryStore();
    // Ana alone on ring 1 sits at 12 o'clock, where ring 1's number used to be; six on ring 3 put one at 6 o'clock, at the edge.
    await seedPeople(store, [
      { name: 'Ana', ring: 1 },
      { name: 'Ben Okafor', ring: 2 },
      { name: 'Chloé', ring: 2 },
      ...['Dan', 'Eve Martin', 'Fay', 'Gus', 'Hana Sato', 'Ivo'].map((name) => ({ name, ring: 3 })),
    ]);
    const el = await mount({ store });
    el.parentElement!.style.width = '340px';
    // A resize is seen by a ResizeObserver at the next frame, which a background page (two test
    // files at once) never draws: a render measures the drawing too.
    el.requestUpdate();
    await until(el, () => Number($(el, 'text.name')?.getAttribute('font-size')) > 11, 'the text grows for a narrow drawing');
    const svg = $(el, 'svg')!.getBoundingClientRect();
    expect(svg.width).to.be.at.most(340);
    const names = $$(el, 'text.name');
    expect(names.map(textOf), 'every person is named').to.have.length(9);
    const circles = [...$$(el, 'circle.person'), $(el, 'circle.patient')!].map((c) => {
      const r = c.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2 };
    });
    const ringNumbers = $$(el, 'text.ringno').map((t) => t.getBoundingClientRect());
    expect(ringNumbers, 'three ring numbers').to.have.length(3);
    const slack = 1; // a pixel of rounding between the layout's estimate and the glyphs drawn
    const cross = (a: DOMRect, b: DOMRect) => a.left + slack < b.right && b.left + slack < a.right && a.top + slack < b.bottom && b.top + slack < a.bottom;
    const meets = (b: DOMRect, c: { x: number; y: number; r: number }) =>
      Math.hypot(Math.max(b.left - c.x, 0, c.x - b.right), Math.max(b.top - c.y, 0, c.y - b.bottom)) < c.r - slack;
    for (const n of ringNumbers) {
      expect(circles.filter((c) => meets(n, c)), 'a ring number meets no node').to.deep.equal([]);
      expect(Math.min(n.height, Number($(el, 'text.ringno')!.getAttribute('font-size')) * (svg.width / 400)), 'ring numbers are 12 px').to.be.at.least(11.9);
    }
    names.forEach((t, i) => {
      const b = t.getBoundingClientRect();
      const what = textOf(t);
      expect(b.height, `${what} is legible`).to.be.at.least(12);
      expect(b.left >= svg.left && b.right <= svg.right && b.top >= svg.top && b.bottom <= svg.bottom, `${what} inside the drawing`).to.equal(true);
      expect(circles.filter((c) => meets(b, c)), `${what} meets no node and not the patient`).to.deep.equal([]);
      expect(ringNumbers.filter((n) => cross(b, n)), `${what} meets no ring number`).to.deep.equal([]);
      expect(names.filter((o, j) => j !== i && cross(b, o.getBoundingClientRect())).map(textOf), `${what} meets no other name`).to.deep.equal([]);
    });
    await expect(el).to.be.accessible();
  });
});

describe('ipt-relationship-circle: focus and cues', () => {
  it('a focused node keeps its supportive or dispute colour; focus is a ring of its own', async () => {
    const store = await memoryStore();
    await seedPeople(store, [{ name: 'Léa', ring: 1, support: 3 }, { name: 'Sam', ring: 2 }], [2]);
    const el = await mount({ store });
    const look = (id: string) => {
      const s = getComputedStyle(node(el, id).querySelector('circle.person')!);
      return { stroke: s.stroke, dashes: s.strokeDasharray };
    };
    const ring = (id: string) => getComputedStyle(node(el, id).querySelector('circle.focus')!).visibility;
    const before = { lea: look('p1'), sam: look('p2') };
    expect(ring('p1')).to.equal('hidden');
    focusBefore(el);
    await press('Tab');
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Léa, ring 1, supportive');
    expect(look('p1'), 'Léa stays green').to.deep.equal(before.lea);
    expect(ring('p1'), 'a focus ring around Léa').to.equal('visible');
    await press('ArrowRight');
    expect(look('p2'), 'Sam stays red and dashed').to.deep.equal(before.sam);
    expect(ring('p2')).to.equal('visible');
    expect(ring('p1'), 'the ring follows focus').to.equal('hidden');
    await expect(el).to.be.accessible();
  });

  it('a highly conflicted relationship shows in the circle, its name and the table before any dispute', async () => {
    const store = await memoryStore();
    await seedPeople(store, [{ name: 'Dan', ring: 2, conflict: 3 }, { name: 'Mei', ring: 3, conflict: 2 }]);
    const el = await mount({ store });
    expect(node(el, 'p1').querySelector('.conflict'), 'a mark on Dan').to.not.equal(null);
    expect(node(el, 'p2').querySelector('.conflict'), 'conflict "Moderate" is no mark').to.equal(null);
    expect(node(el, 'p1').querySelector('circle.person')!.getAttribute('aria-label')).to.equal('Dan, ring 2, highly conflicted');
    expect(textOf($<HTMLTableRowElement>(el, 'tr[data-person-id="p1"]')!.cells[3])).to.equal('highly conflicted');
    expect(textOf($<HTMLTableRowElement>(el, 'tr[data-person-id="p2"]')!.cells[3])).to.equal('');
    expect(textOf($(el, 'figcaption')), 'the legend names the mark').to.contain('highly conflicted');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-relationship-circle: Minus and Plus on a node', () => {
  it('moves the focused person a ring closer or further, said, with ipt-ring-change; at the edge says why nothing moved', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedPeople(store, [{ name: 'Ana', ring: 2 }]);
    const el = await mount({ store });
    expect($(el, 'svg')!.getAttribute('aria-label'), 'the keys are in the circle\'s help').to.contain('Minus and Plus move them a ring closer or further');
    focusBefore(el);
    await press('Tab');
    const closer = log().next('ipt-ring-change');
    await sendKeys({ press: 'Minus' });
    expect((await closer).detail).to.deep.equal({ courseId: COURSE, personId: 'p1', from: 2, to: 1 });
    await settle(el);
    expect((await store.getCourse(COURSE))!.people[0]!.ring).to.equal(1);
    expect(said(el)).to.equal('Ana: ring 1');
    expect(focused(el)?.getAttribute('aria-label'), 'focus stays on Ana').to.equal('Ana, ring 1');
    await sendKeys({ press: '-' });
    await settle(el);
    expect(said(el), 'nothing to move: said so').to.equal('Ana is already on the closest ring');
    expect(log().of('ipt-before-change'), 'one write only').to.have.length(1);
    await sendKeys({ press: '+' });
    await settle(el);
    await sendKeys({ press: 'Equal' });
    await settle(el);
    expect(log().of('ipt-ring-change').map((d) => d.to)).to.deep.equal([1, 2, 3]);
    expect(said(el)).to.equal('Ana: ring 3');
    await sendKeys({ press: '+' });
    await settle(el);
    expect(said(el)).to.equal('Ana is already on the furthest ring');
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Ana, ring 3');
    await expect(el).to.be.accessible();
  });

  it('does nothing in a readonly circle', async () => {
    const store = await memoryStore();
    await seedPeople(store, [{ name: 'Ana', ring: 2 }]);
    const el = await mount({ store, readonly: true });
    focusBefore(el);
    await press('Tab');
    await sendKeys({ press: 'Minus' });
    await settle(el);
    expect(log().of('ipt-before-change')).to.deep.equal([]);
    expect((await store.getCourse(COURSE))!.people[0]!.ring).to.equal(2);
  });
});
