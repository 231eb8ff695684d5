/**
 * Integrity defects found by the adversarial test, on the widgets' side: a bad store property, a
 * form saved with texts nobody touched, one parser for whole numbers and dates.
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate } from '../../src/index.js';
import { $, $$, COURSE, courseState, diskStore, log, mountElement, settle } from './helpers.js';

describe('widgets: a store property that is no store', () => {
  for (const bad of [{}, 'x', 42]) {
    it(`refuses store = ${JSON.stringify(bad)} with invalid-input naming store, and does not hang on Loading`, async () => {
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error);
      window.addEventListener('error', onError);
      const failed = log().next('ipt-error');
      const el = document.createElement('ipt-goal-checklist');
      el.setAttribute('course-id', COURSE);
      (el as unknown as { store: unknown }).store = bad;
      document.body.append(el);
      try {
        expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'store' });
        await el.updateComplete;
        expect($(el, '[role=status]:not(.visually-hidden)')?.textContent ?? '').to.not.contain('Loading');
        expect(errors, 'no uncaught error').to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        el.remove();
      }
    });
  }
});

describe('widgets: saving a form writes only what was changed', () => {
  it('keeps CRLF line breaks and a lone surrogate in texts the person did not touch', async () => {
    const store = await diskStore();
    const state = courseState();
    state.people = [validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', relationship: 'friend', ring: 2, supportive: 'Calls\r\nevery Sunday', conflicted: 'Odd \uD800 char' })];
    await store.importCourse(toDocument(state));
    const el = await mountElement('ipt-relationship-circle', { store });
    $$<HTMLButtonElement>(el, 'button').find((b) => b.getAttribute('aria-label') === 'Details of Ana')!.click();
    await settle(el);
    const form = $<HTMLFormElement>(el, 'form[data-panel]')!;
    const field = form.querySelector<HTMLInputElement>('[name="relationship"]')!;
    field.value = 'sister';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const saved = log().next('ipt-change');
    form.requestSubmit();
    await saved;
    const ana = (await store.getCourse(COURSE))!.people[0]!;
    expect(ana).to.include({ relationship: 'sister', supportive: 'Calls\r\nevery Sunday', conflicted: 'Odd \uD800 char' });
  });
});

describe('widgets: one parser for whole numbers', () => {
  for (const rings of ['0x3', '3.0', '1e1', ' ']) {
    it(`refuses rings="${rings}" (decimal digits only)`, async () => {
      const failed = log().next('ipt-error');
      const el = await mountElement('ipt-relationship-circle', { store: await diskStore(), attrs: { rings }, ready: false });
      expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'rings' });
      el.remove();
    });
  }

  it('takes today="0001-01-01" as the real date it is', async () => {
    const store = await diskStore();
    await store.importCourse(toDocument(courseState()));
    const el = await mountElement('ipt-goal-checklist', { store, today: '0001-01-01' });
    await settle(el);
    expect(log().of('ipt-error')).to.deep.equal([]);
    expect(el.today).to.equal('0001-01-01');
  });
});

describe('widgets: long lists', () => {
  it('the inventory of 450 people shows 200 rows and Show more, which shows 200 more each time, by keyboard too', async () => {
    const store = await diskStore();
    const state = courseState();
    state.people = Array.from({ length: 450 }, (_, i) => validate('person', { id: `p${String(i).padStart(3, '0')}`, courseId: COURSE, name: `Person ${i}`, ring: 1 + (i % 3) }));
    await store.importCourse(toDocument(state));
    const el = await mountElement('ipt-relationship-circle', { store });
    expect($$(el, 'tbody tr')).to.have.length(200);
    const more = () => $<HTMLButtonElement>(el, '[data-more="people"]');
    expect(more()!.textContent!.trim()).to.equal('Show more (200 of 450 shown)');
    more()!.focus();
    more()!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(400);
    expect(el.shadowRoot!.activeElement, 'focus stays on Show more').to.equal(more());
    more()!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(450);
    expect(more()).to.equal(null);
  });
});
