/** The track's legend names its marks, and a person's details have a visible heading (issue 22, item 12 in part). */
import { expect } from '@open-wc/testing';
import { $, $$, memoryStore, mount, seed, textOf } from './counter-helpers.js';
import { mountElement } from './helpers.js';
import { validate } from '../../src/index.js';

describe('the legend and the details heading', () => {
  it('the legend names the cancelled and no-show marks once the course has them, each with the mark the track draws', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: ['attended', 'cancelled', 'no-show', 'attended'] });
    const el = await mount({ store });
    const keys = $$(el, '.legend .key').map(textOf);
    expect(keys.slice(-2)).to.deep.equal(['Cancelled', 'No-show']);
    expect($$(el, '.legend .key .mark').map((m) => m.className)).to.deep.equal(['mark cancelled', 'mark no-show']);
    // The same stripes as the track's marks.
    const track = getComputedStyle($(el, '.track .mark.cancelled')!).backgroundImage;
    expect(getComputedStyle($(el, '.legend .mark.cancelled')!).backgroundImage).to.equal(track);
    await expect(el).to.be.accessible();
  });

  it('a course with only attended sessions has no such keys', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    expect($$(el, '.legend .key .mark')).to.deep.equal([]);
  });

  for (const readonly of [false, true]) {
    it(`a person's details open under a visible heading naming them${readonly ? ' (readonly)' : ''}`, async () => {
      const store = await memoryStore();
      await seed(store);
      await store.write('c1', [{ op: 'put', entity: 'person', record: validate('person', { id: 'p1', courseId: 'c1', name: 'Ana', ring: 1 }) }]);
      const el = await mountElement('ipt-relationship-circle', { store, readonly });
      $<HTMLButtonElement>(el, 'tr[data-person-id="p1"] [data-opens]')!.click();
      await el.updateComplete;
      const h = $(el, '[part="details"] h3')!;
      expect(textOf(h)).to.equal('Details of Ana');
      expect(h.getBoundingClientRect().height).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });
  }
});
