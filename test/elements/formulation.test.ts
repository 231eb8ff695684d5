/**
 * <ipt-formulation> in a real browser: the diagnosis (with the host's Condition), the sick role,
 * the focus with the inventory's suggestions and the interpersonal-deficits rule, the formulation
 * with its agreement and history; keyboard alone, bad input, axe in every state, readonly, reload,
 * the protocol's vocabulary, Spanish.
 */
import { expect } from '@open-wc/testing';
import { firstStage, toDocument, validate, type Course, type IptFormulation, type IptStore, type Person } from '../../src/index.js';
import '../../src/locales/es.js';
import { uniqueDb } from '../fixtures.js';
import {
  $,
  $$,
  COURSE,
  TODAY,
  button,
  closeSharedAfter,
  courseState,
  diskStore,
  focusBefore,
  log,
  memoryStore,
  mountElement,
  press,
  settle,
  shown,
  tabTo,
  fieldProblem,
  textOf,
  type,
  type MountOptions,
  shownDate,
} from './helpers.js';

const mount = (o: MountOptions = {}) => mountElement('ipt-formulation', o);

/** Imports a course with people (and an open dispute with the first person when asked), as a host would. */
async function seedCourse(store: IptStore, course: Partial<Course> = {}, people: Array<Partial<Person>> = [], dispute = false) {
  const state = courseState({ sessions: 1 });
  state.course = validate('course', { ...state.course, ...course });
  state.people = people.map((p, i) => validate('person', { id: `p${i + 1}`, courseId: COURSE, name: `P${i + 1}`, ring: 2, ...p }));
  if (dispute) state.disputes = [validate('dispute', { id: 'd1', courseId: COURSE, personId: 'p1', stage: 'impasse', history: firstStage('impasse', { date: '2026-01-05' }) })];
  await store.importCourse(toDocument(state), { replace: true });
}

const part = (el: Element, key: string) => $(el, `section[aria-labelledby="${key}-title"]`)!;
const panel = (el: Element, key: string) => $<HTMLFormElement>(el, `form[data-panel="${key}"]`);
const click = async (el: IptFormulation, name: string | RegExp) => {
  const b = $$(el, 'button').find(button(name));
  if (!b) throw new Error(`no button ${String(name)}`);
  b.click();
  await el.updateComplete;
};
const field = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string, name: string) => panel(el, key)!.querySelector<T>(`[name="${name}"]`)!;
/** Submits an open form as a user would (with validation) and waits for the write. */
async function submit(el: IptFormulation, key: string) {
  const changed = log().next('ipt-change');
  panel(el, key)!.requestSubmit();
  await changed;
  await settle(el);
}
const course = async (store: IptStore) => (await store.getCourse(COURSE))!.course;
const tick = async (el: IptFormulation, area: string, on = true) => {
  const box = field(el, 'focus', `area:${area}`);
  if (box.checked !== on) box.click();
  await el.updateComplete;
};

describe('ipt-formulation: an initial phase not yet begun', () => {
  it('says what is still to agree and that nothing is recorded', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    const text = shown(el);
    expect(text).to.contain('Still to agree: the focus and the formulation.');
    expect(text).to.contain('No diagnosis recorded yet.');
    expect(text).to.contain('The sick role has not been given yet.');
    expect(text).to.contain('No problem area chosen yet.');
    expect(text).to.contain('The inventory suggests no problem area yet.');
    expect(text).to.contain('No formulation written yet.');
    expect(text).to.contain('No protocol set');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-formulation: diagnosis and sick role', () => {
  it('records the diagnosis by keyboard alone, and says so', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Record the diagnosis'), 'Record the diagnosis');
    await press('Enter');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('text');
    await expect(el).to.be.accessible();
    await type('Major depressive episode');
    const changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'course', id: COURSE, op: 'update' });
    await settle(el);
    expect((await course(store)).diagnosis).to.deep.equal({ text: 'Major depressive episode' });
    expect(textOf(part(el, 'diagnosis'))).to.contain('Major depressive episode');
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('Diagnosis saved.');
    // Focus is back on the opener.
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Record the diagnosis');
  });

  it("saves the host's Condition with the diagnosis and refuses a condition that is not one", async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const errors = log().next('ipt-error');
    const bad = await mount({ store, attrs: { condition: 'depression' } });
    expect((await errors).detail).to.include({ code: 'invalid-input', field: 'condition' });
    bad.parentElement!.remove();
    const el = await mount({ store, attrs: { condition: 'Condition/dx-7' } });
    await click(el, 'Record the diagnosis');
    field(el, 'diagnosis', 'text').value = 'Depression';
    await submit(el, 'diagnosis');
    expect((await course(store)).diagnosis).to.deep.equal({ text: 'Depression', condition: 'Condition/dx-7' });
    expect(textOf(part(el, 'diagnosis'))).to.contain('Linked to the diagnosis in the health record.');
  });

  it('refuses a diagnosis of spaces with a clear message, keeps the form, writes nothing', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    await click(el, 'Record the diagnosis');
    field(el, 'diagnosis', 'text').value = '   ';
    const error = log().next('ipt-error');
    panel(el, 'diagnosis')!.requestSubmit();
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'diagnosis.text' });
    await settle(el);
    expect(fieldProblem(el), 'said at the field, in a clinician\'s words').to.deep.equal({ name: 'text', said: 'Please fill this in.' });
    expect(panel(el, 'diagnosis')).to.not.equal(null);
    expect((await course(store)).diagnosis).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('records the date the sick role was given, with a note, by pointer', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    await click(el, 'Record the sick role');
    expect(field(el, 'sick-role', 'date').value).to.equal(shownDate(TODAY));
    expect(field(el, 'sick-role', 'date').dataset.max).to.equal(TODAY);
    field(el, 'sick-role', 'date').value = '2026-05-20';
    field<HTMLTextAreaElement>(el, 'sick-role', 'note').value = 'Excused from overtime for now';
    await submit(el, 'sick-role');
    expect((await course(store)).sickRole).to.deep.equal({ date: '2026-05-20', note: 'Excused from overtime for now' });
    expect(textOf(part(el, 'sick-role'))).to.contain('Given on May 20, 2026');
    expect(textOf(part(el, 'sick-role').querySelector('.formulation-text'))).to.equal('Excused from overtime for now');
  });
});

describe('ipt-formulation: the focus', () => {
  const people = [{ name: 'Mum', deceased: true, changedNearOnset: true }, { name: 'Sam', contact: 'daily' as const }];

  it('lists what the inventory suggests, each with its reason', async () => {
    const store = await memoryStore();
    await seedCourse(store, {}, [{ name: 'Sam', contact: 'daily' }, { name: 'Mum', deceased: true, changedNearOnset: true }, { name: 'Boss', changedNearOnset: true }], true);
    const el = await mount({ store });
    expect($$(el, '[aria-labelledby="suggested"] li').map(textOf)).to.deep.equal([
      'Grief: Mum: died near the onset of the symptoms',
      'Role dispute: An open dispute with Sam',
      'Role transition: Boss: the relationship changed near the onset',
    ]);
    await expect(el).to.be.accessible();
  });

  it('chooses one area, then a second, keeping the order they were chosen in', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    await click(el, 'Choose the focus');
    await tick(el, 'role-transition');
    await submit(el, 'focus');
    await click(el, 'Choose the focus');
    expect(field(el, 'focus', 'area:role-transition').checked).to.equal(true);
    await tick(el, 'grief');
    await submit(el, 'focus');
    expect((await course(store)).focus).to.deep.equal(['role-transition', 'grief']);
    expect([...part(el, 'focus').querySelectorAll('ul:not([aria-labelledby]) li')].map(textOf)).to.deep.equal(['Role transition', 'Grief']);
  });

  it('asks to confirm interpersonal deficits with another area or after a death near the onset, and says why', async () => {
    const store = await memoryStore();
    await seedCourse(store, {}, people);
    const el = await mount({ store });
    await click(el, 'Choose the focus');
    await tick(el, 'interpersonal-deficits');
    expect(textOf($(el, 'form [role="alert"]'))).to.contain('A person of the inventory died near the onset');
    await tick(el, 'grief');
    const warning = textOf($(el, 'form [role="alert"]'));
    expect(warning).to.contain('another area is chosen with it');
    expect(warning).to.contain('the manual reads this as grief, not deficits');
    await expect(el).to.be.accessible();
    // Unconfirmed: the browser stops the form, the host hears it, nothing is written.
    const error = log().next('ipt-error');
    const before = log().of('ipt-change').length;
    panel(el, 'focus')!.requestSubmit();
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'confirm' });
    expect(log().of('ipt-change').length).to.equal(before);
    field(el, 'focus', 'confirm').click();
    await submit(el, 'focus');
    expect((await course(store)).focus).to.deep.equal(['grief', 'interpersonal-deficits']);
    // Once saved, the focus keeps saying why it goes against the rule.
    expect(textOf($(el, '[part="rule"]'))).to.contain('the manual reads this as grief, not deficits');
    await expect(el).to.be.accessible();
  });

  it('chooses the focus and confirms the deficits rule by keyboard alone', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner
    const store = await memoryStore();
    await seedCourse(store, {}, people);
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Choose the focus'), 'Choose the focus');
    await press('Enter');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('area:grief');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('area:interpersonal-deficits');
    await press('Space');
    await el.updateComplete;
    expect(textOf($(el, 'form [role="alert"]'))).to.contain('died near the onset');
    await tabTo(el, (e) => e.getAttribute('name') === 'confirm', 'the confirmation');
    await press('Space');
    await tabTo(el, button('Save'), 'Save');
    const changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect((await course(store)).focus).to.deep.equal(['interpersonal-deficits']);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Choose the focus');
  });

  it('takes interpersonal deficits alone without asking when no other area applies', async () => {
    const store = await memoryStore();
    await seedCourse(store, {}, [{ name: 'Jo', contact: 'monthly' }]);
    const el = await mount({ store });
    expect(textOf($(el, '[aria-labelledby="suggested"]'))).to.equal('Interpersonal deficits: Few people in the inventory, none in touch weekly or more');
    await click(el, 'Choose the focus');
    await tick(el, 'interpersonal-deficits');
    expect($(el, 'form [role="alert"]')).to.equal(null);
    await submit(el, 'focus');
    expect((await course(store)).focus).to.deep.equal(['interpersonal-deficits']);
    expect($(el, '[part="rule"]')).to.equal(null);
  });

  it('refuses a third area with a clear message and writes nothing', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store });
    await click(el, 'Choose the focus');
    for (const a of ['grief', 'role-dispute', 'role-transition']) await tick(el, a);
    expect(textOf($(el, 'form [role="alert"]'))).to.equal('Choose at most two problem areas.');
    const error = log().next('ipt-error');
    panel(el, 'focus')!.requestSubmit();
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'focus' });
    await settle(el);
    expect((await course(store)).focus).to.deep.equal([]);
    expect(panel(el, 'focus')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it("offers the protocol's areas by the protocol's names", async () => {
    const store = await memoryStore();
    await seedCourse(store, { protocol: 'who-group' });
    let el = await mount({ store });
    expect(textOf($(el, '[part="protocol"]'))).to.contain('Protocol: Group IPT (WHO)');
    expect(textOf($(el, '[part="protocol"]'))).to.contain('Individual pre-group meetings come before the group sessions.');
    expect(textOf($(el, '[part="protocol"]'))).to.contain('To check with a clinician');
    await click(el, 'Choose the focus');
    expect($$(el, 'fieldset label').map(textOf)).to.deep.equal(['Grief', 'Disputes', 'Life changes', 'Loneliness']);
    el.parentElement!.remove();
    await seedCourse(store, { protocol: 'stuart-robertson' });
    el = await mount({ store });
    await click(el, 'Choose the focus');
    expect($$(el, 'fieldset label').map(textOf)).to.deep.equal(['Grief', 'Role dispute', 'Role transition']);
  });
});

describe('ipt-formulation: the formulation', () => {
  it('is written, agreed, changed with its history kept, and asks for agreement again', async () => {
    const store = await memoryStore();
    await seedCourse(store);
    const el = await mount({ store, today: '2026-01-19' });
    await click(el, 'Write the formulation');
    field<HTMLTextAreaElement>(el, 'formulation', 'text').value = 'Low mood since the move';
    field(el, 'formulation', 'agreed').value = '2026-01-19';
    await submit(el, 'formulation');
    expect(textOf(part(el, 'formulation'))).to.contain('The patient agreed to it on Jan 19, 2026.');
    el.today = '2026-01-26';
    await el.updateComplete;
    await click(el, 'Write the formulation');
    expect(field<HTMLTextAreaElement>(el, 'formulation', 'text').value).to.equal('Low mood since the move');
    field<HTMLTextAreaElement>(el, 'formulation', 'text').value = 'Low mood since the move, away from friends';
    await submit(el, 'formulation');
    const f = (await course(store)).formulation!;
    expect(f).to.deep.equal({
      text: 'Low mood since the move, away from friends',
      agreed: '2026-01-19',
      history: [{ date: '2026-01-26', before: 'Low mood since the move', after: 'Low mood since the move, away from friends' }],
    });
    expect(textOf(part(el, 'formulation'))).to.contain('Changed since the patient agreed on Jan 19, 2026: agree it again.');
    part(el, 'formulation').querySelector('details')!.open = true;
    const change = part(el, 'formulation').querySelector('details li')!;
    expect(textOf(change)).to.match(/^Jan 26, 2026:/);
    expect([...change.querySelectorAll('dt, dd')].map(textOf)).to.deep.equal(['Before', 'Low mood since the move', 'After', 'Low mood since the move, away from friends']);
    await expect(el).to.be.accessible();
  });
});

describe('ipt-formulation: readonly, reload, Spanish', () => {
  const full: Partial<Course> = {
    protocol: 'acute',
    focus: ['grief'],
    diagnosis: { text: 'Depression', condition: 'Condition/1' },
    sickRole: { date: '2026-01-05', note: 'Rest' },
    formulation: { text: 'Mood fell after the death', agreed: '2026-01-12', history: [] },
  };

  it('readonly shows everything and offers no control', async () => {
    const store = await memoryStore();
    await seedCourse(store, full);
    const el = await mount({ store, readonly: true });
    const text = shown(el);
    for (const s of ['Focus and formulation agreed.', 'Depression', 'Linked to', 'Given on Jan 5, 2026', 'Rest', 'Grief', 'Mood fell after the death', 'agreed to it on Jan 12, 2026', 'Protocol: Acute IPT']) {
      expect(text).to.contain(s);
    }
    expect($$(el, 'button, input, select, textarea, form')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows the same after the element is recreated on the same IndexedDB database', async () => {
    const database = uniqueDb('formulation');
    closeSharedAfter(database);
    const seeding = await diskStore(database);
    await seedCourse(seeding);
    seeding.close();
    let el = await mount({ database });
    await click(el, 'Record the diagnosis');
    field(el, 'diagnosis', 'text').value = 'Depression';
    await submit(el, 'diagnosis');
    await click(el, 'Choose the focus');
    await tick(el, 'grief');
    await submit(el, 'focus');
    await click(el, 'Write the formulation');
    field<HTMLTextAreaElement>(el, 'formulation', 'text').value = 'Mood fell after the death';
    await submit(el, 'formulation');
    const before = shown(el).replace('Interpersonal formulation saved. ', '');
    expect(before).to.contain('Mood fell after the death');
    el.parentElement!.remove();
    el = await mount({ database });
    expect(shown(el)).to.equal(before);
  });

  it('speaks Spanish', async () => {
    const store = await memoryStore();
    await seedCourse(store, full);
    const el = await mount({ store, attrs: { lang: 'es' } });
    const text = shown(el);
    expect(text).to.contain('Fase inicial');
    expect(text).to.contain('Foco y formulación acordados.');
    expect(text).to.contain('Duelo');
    await expect(el).to.be.accessible();
  });
});
