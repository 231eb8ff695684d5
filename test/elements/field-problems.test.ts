/**
 * A refused value is said next to its field in a clinician's words (issue 22, item 3): linked by
 * aria-describedby, focus on the field, cleared by Cancel; the host's ipt-error keeps the precise message.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { $, $$, FORMS, button, field, focusBefore, log, memoryStore, mount, press, seed, settle, tabTo, textOf } from './counter-helpers.js';
import { mountElement } from './helpers.js';
import '../../src/locales/es.js';

/** The refused field and what is said next to it. */
function problemAt(el: Element): { name: string | null; said: string; focused: boolean } {
  const f = $(el, '[aria-invalid="true"]');
  const said = f ? textOf(el.shadowRoot!.getElementById(f.getAttribute('aria-describedby')!)) : '';
  return { name: f?.getAttribute('name') ?? null, said, focused: !!f && el.shadowRoot!.activeElement === f };
}

async function openAuthorization(el: LitElement) {
  $$(el, 'button').find((b) => textOf(b) === 'Add authorization')!.click();
  await el.updateComplete;
}

/** A counter whose authorization form was saved with an end before its start; resolves with the ipt-error. */
async function endBeforeStart() {
  const store = await memoryStore();
  await seed(store, { sessions: 2 });
  const el = await mount({ store });
  await openAuthorization(el);
  field(el, 'authorization', 'start').value = '2026-05-01';
  field(el, 'authorization', 'end').value = '2026-04-01';
  const error = log().next('ipt-error');
  $<HTMLFormElement>(el, FORMS.authorization)!.requestSubmit();
  const { detail } = await error;
  await settle(el);
  return { store, el, detail };
}

describe('a refused value, next to its field', () => {
  it('an authorization ending before it starts: said at the end date, not in the banner; Cancel clears it', async () => {
    const { el, detail } = await endBeforeStart();
    expect(detail).to.deep.equal({ code: 'invalid-input', message: 'Invalid course: authorization.end must not be before start', field: 'authorization.end' });
    expect(problemAt(el)).to.deep.equal({ name: 'end', said: 'This date is before the start date.', focused: true });
    expect($(el, '[part="error"]')).to.equal(null);
    // What was typed stays.
    expect(field(el, 'authorization', 'end').value).to.equal('2026-04-01');
    await expect(el).to.be.accessible();
    // Cancel (here by keyboard) closes the form and its problem; opened again, it shows none.
    await tabTo(el, button('Cancel'), 'Cancel');
    await press('Enter');
    await el.updateComplete;
    expect($(el, FORMS.authorization)).to.equal(null);
    await openAuthorization(el);
    expect(problemAt(el).name).to.equal(null);
    expect($(el, '#field-problem')).to.equal(null);
  });

  it('a corrected value saves, and the problem goes', async () => {
    const { store, el } = await endBeforeStart();
    expect(problemAt(el).name).to.equal('end');
    field(el, 'authorization', 'end').value = '2026-12-31';
    const changed = log().next('ipt-change');
    $<HTMLFormElement>(el, FORMS.authorization)!.requestSubmit();
    await changed;
    await el.updateComplete;
    expect(problemAt(el).name).to.equal(null);
    expect((await store.getCourse('c1'))?.course.authorization?.end).to.equal('2026-12-31');
  });

  it('a name of spaces only, in the circle: "Please fill this in." at the name', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mountElement('ipt-relationship-circle', { store });
    focusBefore(el);
    await tabTo(el, button('Add a person'), 'Add a person');
    await press('Enter');
    await el.updateComplete;
    (el.shadowRoot!.activeElement as HTMLInputElement).value = '   ';
    const error = log().next('ipt-error');
    await press('Enter');
    expect((await error).detail.field).to.equal('name');
    await settle(el);
    expect(problemAt(el)).to.deep.equal({ name: 'name', said: 'Please fill this in.', focused: true });
    // The field's name stays its label: the problem is its description, hidden from the label's text.
    expect($(el, '#field-problem')!.closest('label')!.contains($(el, '[aria-invalid="true"]'))).to.equal(true);
    expect($(el, '#field-problem')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
    expect((await store.getCourse('c1'))?.people).to.deep.equal([]);
  });

  it('a goal too long, in Spanish', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mountElement('ipt-goal-checklist', { store, attrs: { lang: 'es' } });
    $$(el, 'button')[0]!.click();
    await el.updateComplete;
    $<HTMLTextAreaElement>(el, 'textarea[name="text"]')!.value = 'x'.repeat(501);
    $<HTMLSelectElement>(el, 'select[name="area"]')!.value = 'grief'; // a course with no focus asks for an area
    const error = log().next('ipt-error');
    $<HTMLFormElement>(el, 'form[data-panel="add"]')!.requestSubmit();
    expect((await error).detail.message).to.contain('must be at most 500 characters');
    await settle(el);
    expect(problemAt(el).said).to.equal('Demasiado largo: como máximo 500 caracteres.');
    await expect(el).to.be.accessible();
  });
});
