/**
 * <ipt-goal-checklist> in a real browser: the groups and progress figures, the review prompt, axe
 * in every state (0, 1 and 50 goals), readonly, bad input, and a reload on IndexedDB. Keyboard use
 * and events are in goal-checklist.test.ts. Helpers: goal-checklist-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import { uniqueDb } from '../fixtures.js';
import {
  $,
  $$,
  COURSE,
  addField,
  alertText,
  closeSharedAfter,
  control,
  diskStore,
  editField,
  goal,
  groups,
  log,
  memoryStore,
  mount,
  openAdd,
  press,
  seedGoals,
  settle,
  shown,
  storedGoal,
  storedIds,
  textOf,
  fieldProblem,
} from './goal-checklist-helpers.js';

const summary = (el: Element) => textOf($(el, 'header[part="summary"] p'));
const progress = (el: Element) => $<HTMLProgressElement>(el, 'header[part="summary"] progress')!;

describe('ipt-goal-checklist: groups and progress', () => {
  it('groups by problem area, the focus first, each with n of m achieved; withdrawn goals are shown but not counted', async function () {
    this.timeout(30000); // axe (its first run in this file loads it): seconds on a busy machine
    const store = await memoryStore();
    await seedGoals(
      store,
      [
        goal('g1', 'grief', { lifecycle: 'completed', achievement: 'achieved', achieved: '2026-03-01' }),
        goal('g2', 'grief'),
        goal('g3', 'role-dispute', { achievement: 'sustaining', achieved: '2026-02-01', targetSession: 10 }),
        goal('g4', 'role-transition', { lifecycle: 'cancelled', achievement: undefined }),
        goal('g5', 'role-dispute', { order: 0 }),
      ],
      ['role-dispute'],
    );
    const el = await mount({ store });
    expect(groups(el)).to.deep.equal([
      ['Role dispute 1 of 2 achieved', ['g5', 'g3']],
      ['Grief 1 of 2 achieved', ['g1', 'g2']],
      ['Role transition 0 of 0 achieved', ['g4']],
    ]);
    expect(summary(el)).to.equal('2 of 4 achieved');
    expect(progress(el)).to.include({ value: 2, max: 4 });
    expect(progress(el).getAttribute('aria-label')).to.equal('Treatment goals');
    expect(textOf($(el, 'li[data-goal="g3"] p'))).to.equal('Holding steady · target: session 10 · set Jan 5, 2026 · achieved Feb 1, 2026');
    expect(textOf($(el, 'li[data-goal="g4"] p'))).to.equal('Dropped · set Jan 5, 2026');
    expect([control(el, 'g1', 'check').checked, control(el, 'g2', 'check').checked, control(el, 'g3', 'check').checked]).to.deep.equal([true, false, true]);
    // The first and last of each area cannot move further.
    expect($$(el, 'button[aria-disabled="true"]').map((b) => `${b.closest('li')!.dataset.goal} ${b.dataset.act}`)).to.deep.equal([
      'g5 up',
      'g3 down',
      'g1 up',
      'g2 down',
      'g4 up',
      'g4 down',
    ]);
    await expect(el).to.be.accessible();
  });

  it('with no goal shows the focus areas empty, 0 of 0, and the add form with the first focus area', async () => {
    const store = await memoryStore();
    await seedGoals(store, [], ['interpersonal-deficits']);
    const el = await mount({ store });
    expect(groups(el)).to.deep.equal([['Interpersonal deficits 0 of 0 achieved', []]]);
    expect(textOf($(el, 'section[part="group"] p'))).to.equal('No goal yet.');
    expect(summary(el)).to.equal('0 of 0 achieved');
    expect(progress(el)).to.include({ value: 0 });
    await expect(el).to.be.accessible();
    await openAdd(el);
    expect(addField<HTMLSelectElement>(el, 'area').value).to.equal('interpersonal-deficits');
    await expect(el, 'with the add form open').to.be.accessible();
  });

  it('with no focus and no goal says so once; the area select asks for an area and preselects none (issue 21)', async () => {
    const store = await memoryStore();
    await seedGoals(store, []);
    const el = await mount({ store });
    expect($$(el, 'section[part="group"]')).to.have.length(0);
    expect(shown(el)).to.contain('No goal yet.');
    await openAdd(el);
    const area = addField<HTMLSelectElement>(el, 'area');
    expect(area.value).to.equal('');
    expect([...area.options].map((o) => o.text)).to.deep.equal(['Choose a problem area', 'Grief', 'Role dispute', 'Role transition', 'Interpersonal deficits']);
    await expect(el).to.be.accessible();
    // Saved without an area: the browser stops it, the host hears it, nothing is written.
    addField<HTMLTextAreaElement>(el, 'text').value = 'Call a friend weekly';
    const error = log().next('ipt-error');
    $<HTMLFormElement>(el, 'form[data-panel="add"]')!.requestSubmit();
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'area' });
    expect((await store.getCourse(COURSE))!.goals).to.deep.equal([]);
  });

  it('offers the focus areas first, the first preselected, in the names of the protocol (issue 21)', async () => {
    const store = await memoryStore();
    await seedGoals(store, [], ['role-transition', 'grief']);
    let el = await mount({ store });
    await openAdd(el);
    let area = addField<HTMLSelectElement>(el, 'area');
    expect(area.value).to.equal('role-transition');
    expect([...area.options].map((o) => o.value)).to.deep.equal(['role-transition', 'grief', 'role-dispute', 'interpersonal-deficits']);
    el.parentElement!.remove();
    const state = (await store.getCourse(COURSE))!;
    await store.write(COURSE, [{ op: 'put', entity: 'course', record: { ...state.course, protocol: 'who-group', focus: ['interpersonal-deficits'] } }]);
    el = await mount({ store });
    await openAdd(el);
    area = addField<HTMLSelectElement>(el, 'area');
    expect([...area.options].map((o) => o.text)).to.deep.equal(['Loneliness', 'Grief', 'Disputes', 'Life changes']);
    expect(groups(el).map((g) => g[0])).to.deep.equal(['Loneliness 0 of 0 achieved']);
  });

  it('one goal: axe clean, also with its edit form open and after its removal (Undo bar)', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mount({ store });
    await expect(el).to.be.accessible();
    control(el, 'g1', 'edit').click();
    await el.updateComplete;
    expect(editField<HTMLSelectElement>(el, 'lifecycle').value).to.equal('active');
    expect([...editField<HTMLSelectElement>(el, 'lifecycle').options].map((o) => o.text)).to.deep.equal([
      'Proposed', 'Planned', 'Agreed', 'Working on it', 'On hold', 'Done', 'Dropped', 'Entered in error', 'Not agreed',
    ]);
    expect([...editField<HTMLSelectElement>(el, 'achievement').options].map((o) => o.text)).to.deep.equal([
      'Not known', 'In progress', 'Improving', 'Getting worse', 'No change', 'Achieved', 'Holding steady', 'Not achieved', 'No progress', 'Out of reach',
    ]);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'form[data-panel^="edit"] button[type="button"]')!.click();
    await el.updateComplete;
    control(el, 'g1', 'remove').click();
    await log().next('ipt-change');
    await settle(el);
    expect($(el, '.undo')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('50 goals over four areas: every figure right, axe clean', async function () {
    this.timeout(30000); // axe over the whole widget, more than once: seconds on a busy machine
    const store = await memoryStore();
    const areas = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
    const goals = Array.from({ length: 50 }, (_, i) =>
      goal(`g${i + 1}`, areas[i % 4]!, i % 3 === 0 ? { lifecycle: 'completed', achievement: 'achieved', achieved: '2026-04-01' } : {}),
    );
    await seedGoals(store, goals, ['role-transition', 'grief']);
    const el = await mount({ store });
    expect($$(el, 'li[data-goal]')).to.have.length(50);
    expect(groups(el).map((g) => g[0])).to.deep.equal([
      'Role transition 4 of 12 achieved',
      'Grief 5 of 13 achieved',
      'Role dispute 4 of 13 achieved',
      'Interpersonal deficits 4 of 12 achieved',
    ]);
    expect(summary(el)).to.equal('17 of 50 achieved');
    expect(progress(el)).to.include({ value: 17, max: 50 });
    await expect(el).to.be.accessible();
  });
});

describe('ipt-goal-checklist: review', () => {
  it('asks for a review of the goals in the termination window, not before', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief'], { planned: 12, sessions: 8 });
    let el = await mount({ store });
    expect($(el, '[part="review"]')).to.equal(null);
    el.remove();
    await seedGoals(store, [goal('g1', 'grief')], ['grief'], { planned: 12, sessions: 10 });
    el = await mount({ store });
    const review = $(el, '[part="review"]')!;
    expect(textOf(review)).to.equal('The course is ending: review the goals with the patient.');
    expect(review.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-goal-checklist: readonly', () => {
  it('shows every goal, figure and date, and offers no control at all', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief', { lifecycle: 'completed', achievement: 'achieved', achieved: '2026-03-01' }), goal('g2', 'grief')], ['grief'], {
      planned: 12,
      sessions: 10,
    });
    const el = await mount({ store, readonly: true });
    expect(groups(el)).to.deep.equal([['Grief 1 of 2 achieved', ['g1', 'g2']]]);
    expect(shown(el)).to.contain('Goal g1').and.contain('Achieved · set Jan 5, 2026 · achieved Mar 1, 2026');
    expect($(el, '[part="review"]')).to.not.equal(null);
    expect($$(el, 'button, input, select, textarea, form, .grip')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});

describe('ipt-goal-checklist: bad input', () => {
  async function withForm() {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mount({ store });
    await openAdd(el);
    return { store, el, before: await store.getCourse(COURSE) };
  }
  const submit = async (el: Element) => {
    addField(el, 'targetSession').focus();
    await press('Enter');
  };

  it('an empty goal is refused by the browser: invalid-input, nothing written', async () => {
    const { store, el, before } = await withForm();
    const refused = log().next('ipt-error');
    await submit(el);
    await refused;
    expect(log().of('ipt-error')).to.deep.equal([{ code: 'invalid-input', message: 'Invalid input: text is required', field: 'text' }]);
    expect(log().of('ipt-before-change')).to.deep.equal([]);
    expect(await store.getCourse(COURSE)).to.deep.equal(before);
  });

  for (const [what, value, message, said] of [
    ['only spaces', '   ', 'Invalid goal: text must not be empty', 'Please fill this in.'],
    ['10,000 characters', 'x'.repeat(10000), 'Invalid goal: text must be at most 500 characters', 'Too long: keep it to 500 characters or fewer.'],
  ] as const) {
    it(`a goal of ${what} is refused by the model: said at the goal, invalid-input with the precise message, nothing stored, the input kept`, async () => {
      const { store, el, before } = await withForm();
      addField<HTMLTextAreaElement>(el, 'text').value = value;
      addField(el, 'targetSession').value = '4';
      const error = log().next('ipt-error');
      await submit(el);
      expect((await error).detail).to.deep.equal({ code: 'invalid-input', message, field: 'text' });
      await settle(el);
      expect(fieldProblem(el)).to.deep.equal({ name: 'text', said });
      expect(alertText(el)).to.equal('');
      expect(await store.getCourse(COURSE)).to.deep.equal(before);
      expect(addField<HTMLTextAreaElement>(el, 'text').value).to.equal(value);
      expect(addField(el, 'targetSession').value).to.equal('4');
      await expect(el).to.be.accessible();
    });
  }

  it('a target session out of range is refused by the browser: invalid-input', async () => {
    const { store, el, before } = await withForm();
    addField<HTMLTextAreaElement>(el, 'text').value = 'Call my brother';
    addField(el, 'targetSession').value = '0';
    const refused = log().next('ipt-error');
    await submit(el);
    await refused;
    expect(log().of('ipt-error').map((d) => [d.code, d.field])).to.deep.equal([['invalid-input', 'targetSession']]);
    expect(await store.getCourse(COURSE)).to.deep.equal(before);
  });

  it('markup and script in a goal are stored and shown as text', async () => {
    const { store, el } = await withForm();
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    addField<HTMLTextAreaElement>(el, 'text').value = text;
    const changed = log().next('ipt-change');
    await submit(el);
    const id = (await changed).detail.id;
    await settle(el);
    expect((await storedGoal(store, id))!.text).to.equal(text);
    expect($$(el, 'li img, li script')).to.deep.equal([]);
    expect(textOf($(el, `#g-${id}`))).to.equal(text);
    // Events carry ids and enum values, never the text.
    expect(JSON.stringify(log().all.map((e) => e.detail))).to.not.contain('img');
  });

  it('an unknown status from the edit form is refused: invalid-input, shown, nothing stored, the form kept open', async () => {
    const { store, el, before } = await withForm();
    control(el, 'g1', 'edit').click();
    await el.updateComplete;
    const select = editField<HTMLSelectElement>(el, 'lifecycle');
    select.add(new Option('Done', 'done'));
    select.value = 'done';
    const error = log().next('ipt-error');
    $<HTMLButtonElement>(el, 'form[data-panel^="edit"] button.primary')!.click();
    expect((await error).detail).to.deep.include({ code: 'invalid-input', field: 'lifecycle' });
    await settle(el);
    expect(fieldProblem(el)).to.deep.equal({ name: 'lifecycle', said: 'Please check this entry.' });
    expect(await store.getCourse(COURSE)).to.deep.equal(before);
    expect(editField<HTMLSelectElement>(el, 'lifecycle').value).to.equal('done');
    expect(log().of('ipt-goal-change')).to.deep.equal([]);
  });

  it('an unknown status written by a host is refused by the store with invalid-input; the widget is unchanged', async () => {
    const { store, el, before } = await withForm();
    const record = { ...goal('g1', 'grief'), lifecycle: 'finished' } as unknown as ReturnType<typeof goal>;
    const refused = await store.apply(COURSE, [{ op: 'put', entity: 'goal', record }]).then(
      () => undefined,
      (e: { code: string; field: string }) => [e.code, e.field],
    );
    expect(refused).to.deep.equal(['invalid-input', 'lifecycle']);
    await settle(el);
    expect(await store.getCourse(COURSE)).to.deep.equal(before);
    expect(textOf($(el, 'li[data-goal="g1"] p'))).to.equal('In progress · set Jan 5, 2026');
    // Remove is red here as everywhere.
    expect($(el, 'li[data-goal="g1"] [data-act=remove]')!.classList.contains('danger')).to.equal(true);
  });

  it('an invalid today attribute: invalid-input, shown; achieving then uses the device’s date', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')]);
    const el = await mount({ store, today: '2026-02-30' });
    expect(log().of('ipt-error')).to.deep.equal([
      { code: 'invalid-input', message: 'Invalid today: must be a real date written as YYYY-MM-DD', field: 'today' },
    ]);
    expect(alertText(el)).to.contain('today');
    control(el, 'g1', 'check').click();
    await log().next('ipt-goal-change');
    expect((await storedGoal(store, 'g1'))!.achieved).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('without course-id says one is needed and fires invalid-input', async () => {
    const store = await memoryStore();
    const el = await mount({ store, courseId: null, ready: false });
    await settle(el);
    expect(shown(el)).to.contain('No course: set the course-id attribute.');
    expect($$(el, 'form')).to.have.length(0);
    expect(log().of('ipt-error').map((d) => [d.code, d.field])).to.deep.equal([['invalid-input', 'course-id']]);
  });

  it('with an unknown course says there is none and offers only the form that starts it', async () => {
    const store = await memoryStore();
    const el = await mount({ store, courseId: 'nope' });
    expect(shown(el)).to.contain('There is no course with this id yet.');
    expect($$(el, 'form').map((f) => f.matches('[data-start]'))).to.deep.equal([true]);
  });
});

describe('ipt-goal-checklist: reload', () => {
  it('keeps goals, statuses and their order across a reload on IndexedDB', async () => {
    const database = uniqueDb('goals');
    const store = await diskStore(database);
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')], ['grief']);
    store.close();
    closeSharedAfter(database);
    let el = await mount({ database });
    control(el, 'g3', 'up').click();
    await log().next('ipt-change');
    await settle(el);
    control(el, 'g3', 'up').click();
    await log().next('ipt-change');
    await settle(el);
    control(el, 'g2', 'check').click();
    await log().next('ipt-goal-change');
    await settle(el);
    // What was said to screen readers about the last action is not part of what is stored.
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('1 of 3 achieved');
    const before = shown(el).replace(/^1 of 3 achieved /, '');
    expect(groups(el)).to.deep.equal([['Grief 1 of 3 achieved', ['g3', 'g1', 'g2']]]);
    el.remove();

    el = await mount({ database });
    expect(groups(el)).to.deep.equal([['Grief 1 of 3 achieved', ['g3', 'g1', 'g2']]]);
    expect(shown(el)).to.equal(before);
    expect(control(el, 'g2', 'check').checked).to.equal(true);
    const check = await diskStore(database);
    expect(await storedIds(check)).to.deep.equal(['g3', 'g1', 'g2']);
  });
});
