/**
 * Date fields follow the page's language, not the browser's locale (issue 22, item 13): the test
 * browser runs in en-US (web-test-runner.config.js), and a Spanish page shows and reads dd/mm/aaaa.
 * Spanish words for someone who died fit everyone.
 */
import { expect } from '@open-wc/testing';
import '../../src/locales/es.js';
import { validate } from '../../src/index.js';
import { $, FORMS, field, log, memoryStore, mount, openSessions, seed, settle, tabTo, textOf, typeDate, type as typeText, fieldIn, press, TODAY } from './counter-helpers.js';
import { mountElement } from './helpers.js';

afterEach(() => {
  document.documentElement.lang = 'en';
});

const labelOf = (input: Element) => textOf(input.closest('label'));

/** A session counter in a Spanish page, over a course with `sessions` sessions. */
async function spanishCounter(sessions: number) {
  document.documentElement.lang = 'es';
  const store = await memoryStore();
  await seed(store, { sessions });
  return { store, el: await mount({ store }) };
}

describe('date fields in the page language', () => {
  it('the browser here speaks en-US (what makes the tests below mean something)', () => {
    expect(navigator.language).to.equal('en-US');
  });

  it('a Spanish page shows dd/mm/aaaa, reads a date typed so, and records it', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const { store, el } = await spanishCounter(1);
    const date = field(el, 'record', 'date');
    expect(labelOf(date)).to.equal('Fecha dd/mm/aaaa');
    expect(date.value).to.equal('01/06/2026'); // today, 1 June 2026
    await expect(el).to.be.accessible();
    await tabTo(el, fieldIn('record', 'date'), 'the date');
    await press('Control+a');
    await typeText('19/1/2026');
    const logged = log().next('ipt-session-logged');
    $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
    await logged;
    const { sessions } = (await store.getCourse('c1'))!;
    expect(sessions.map((s) => s.date)).to.include('2026-01-19');
    // reset() puts today back, written the Spanish way.
    await settle(el);
    expect(field(el, 'record', 'date').value).to.equal('01/06/2026');
  });

  it('an English page writes mm/dd/yyyy; the field changes with the page language', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount({ store });
    expect(labelOf(field(el, 'record', 'date'))).to.equal('Date mm/dd/yyyy');
    expect(field(el, 'record', 'date').value).to.equal('06/01/2026');
    document.documentElement.lang = 'es-MX';
    await settle(el);
    await el.updateComplete;
    expect(labelOf(field(el, 'record', 'date'))).to.equal('Fecha dd/mm/aaaa');
  });

  it('a date that does not exist is said at its field in Spanish, and nothing is written', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const { store, el } = await spanishCounter(2);
    await openSessions(el);
    $<HTMLButtonElement>(el, '[data-opens="edit:s2"]')!.click();
    await el.updateComplete;
    expect(field(el, 'edit', 'date').value).to.equal('06/01/2026'); // 2026-01-06
    await tabTo(el, fieldIn('edit', 'date'), 'the edit date');
    await typeDate('2026-01-13');
    expect(field(el, 'edit', 'date').value).to.equal('13/01/2026');
    await press('Control+a');
    await typeText('31/02/2026');
    const f = field(el, 'edit', 'date');
    // As typed, the browser refuses it at the field in the page's words, as it would a date input.
    expect(f.validationMessage).to.equal('Escriba una fecha real, como indica el campo.');
    const refused = log().next('ipt-error');
    $<HTMLFormElement>(el, FORMS.edit)!.requestSubmit();
    expect((await refused).detail).to.deep.include({ code: 'invalid-input', field: 'date' });
    // Past the browser, the model refuses it, said next to the field.
    $<HTMLFormElement>(el, FORMS.edit)!.noValidate = true;
    const error = log().next('ipt-error');
    $<HTMLFormElement>(el, FORMS.edit)!.requestSubmit();
    expect((await error).detail).to.deep.include({ code: 'invalid-input', field: 'date' });
    await settle(el);
    expect(f.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(el.shadowRoot!.getElementById(f.getAttribute('aria-describedby')!))).to.equal('Escriba una fecha real, como indica el campo.');
    expect(f.value).to.equal('31/02/2026'); // what was typed stays
    expect((await store.getCourse('c1'))!.sessions.map((s) => s.date)).to.deep.equal(['2026-01-05', '2026-01-06']);
    await expect(el).to.be.accessible();
  });

  it("a date after the field's latest is refused by the form, in the page's words", async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    document.documentElement.lang = 'es';
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mountElement('ipt-formulation', { store });
    $<HTMLButtonElement>(el, '[data-opens="sick-role"]')!.click();
    await el.updateComplete;
    const date = $<HTMLInputElement>(el, 'form [name="date"]')!;
    expect(date.value).to.equal('01/06/2026');
    date.focus();
    await press('Control+a');
    await typeText('02/06/2026');
    expect(date.validationMessage).to.equal('Esta fecha es posterior a hoy.');
    await press('Control+a');
    await typeText(TODAY);
    expect(date.validity.valid).to.equal(true);
  });
});

describe('Spanish words for someone who died', () => {
  it('fit everyone: "ha fallecido" in the circle, its table and its key', async () => {
    document.documentElement.lang = 'es';
    const store = await memoryStore();
    await seed(store);
    await store.write('c1', [{ op: 'put', entity: 'person', record: validate('person', { id: 'p1', courseId: 'c1', name: 'Luis', relationship: 'padre', ring: 2, deceased: true }) }]);
    const el = await mountElement('ipt-relationship-circle', { store });
    const text = textOf(el.shadowRoot as unknown as Element);
    expect(text).to.contain('ha fallecido').and.not.match(/fallecid[oa]\b(?<!ha fallecido)/);
    expect($(el, '.node.deceased circle')!.getAttribute('aria-label')).to.contain('ha fallecido');
    expect(text).not.to.contain('fallecida');
    await expect(el).to.be.accessible();
  });
});
