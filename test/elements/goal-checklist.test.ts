/**
 * <ipt-goal-checklist> in a real browser: add, check, edit, reorder and remove by keyboard alone,
 * reorder by pointer, and the events each action fires. Groups, progress, review, bad input, axe,
 * readonly and reload are in goal-checklist-states.test.ts. Helpers: goal-checklist-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import {
  $,
  COURSE,
  TODAY,
  addField,
  button,
  control,
  editField,
  focusBefore,
  focused,
  goal,
  groups,
  log,
  memoryStore,
  mount,
  press,
  seed,
  seedGoals,
  settle,
  storedGoal,
  storedIds,
  tabTo,
  textOf,
  type,
  until,
} from './goal-checklist-helpers.js';

const ACTIVE = { lifecycle: 'active', achievement: 'in-progress' } as const;
const DONE = { lifecycle: 'completed', achievement: 'achieved' } as const;

describe('ipt-goal-checklist: keyboard alone', () => {
  it('adds a goal: Tab to the text, type, the area defaults to the first focus area, a target session, Add', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedGoals(store, [], ['role-transition', 'grief']);
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Add goal'), 'the Add goal button');
    await press('Enter');
    await el.updateComplete;
    expect(focused(el), 'the form opens on its text').to.equal(addField(el, 'text'));
    expect(addField(el, 'text').tagName).to.equal('TEXTAREA');
    await type('Join the <b>walking</b> group');
    await press('Tab');
    expect((focused(el) as HTMLSelectElement).value, 'the first focus area').to.equal('role-transition');
    await press('Tab');
    expect(focused(el)).to.equal(addField(el, 'targetSession'));
    await type('8');
    await tabTo(el, button('Save'), 'the Save button');
    const before = log().next('ipt-before-change');
    const changed = log().next('ipt-change');
    await press('Enter');
    const id = (await before).detail.id!;
    expect((await before).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', action: 'add-goal', id });
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', id, op: 'create' });
    await settle(el);
    expect(await storedGoal(store, id)).to.deep.equal({
      id,
      courseId: COURSE,
      text: 'Join the <b>walking</b> group',
      area: 'role-transition',
      order: 1,
      set: TODAY,
      targetSession: 8,
      ...ACTIVE,
    });
    // Shown as text, never as markup; the form is emptied and focus is back in it for the next goal.
    expect($(el, 'li b')).to.equal(null);
    expect(textOf($(el, `#g-${id}`))).to.equal('Join the <b>walking</b> group');
    expect(groups(el)).to.deep.equal([
      ['Role transition 0 of 1 achieved', [id]],
      ['Grief 0 of 0 achieved', []],
    ]);
    expect(focused(el)).to.equal(addField(el, 'text'));
    expect(addField(el, 'text').value).to.equal('');
    expect(addField<HTMLSelectElement>(el, 'area').value).to.equal('role-transition');
    expect(log().of('ipt-goal-change'), 'adding is no status change').to.deep.equal([]);

    // A second goal in the same form, then Cancel closes it and focus returns to its opener.
    await type('Call one friend a week');
    await press('Tab');
    await type('G'); // Grief, by type-ahead
    await tabTo(el, button('Save'), 'the Save button');
    const second = log().next('ipt-change');
    await press('Enter');
    await second;
    await settle(el);
    expect(groups(el).map((g) => g[1].length)).to.deep.equal([1, 1]);
    expect(focused(el)).to.equal(addField(el, 'text'));
    // The focus stays in the form: what was added is said.
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('Added the goal “Call one friend a week”.');
    await tabTo(el, button('Cancel'), 'Cancel');
    await press('Enter');
    await el.updateComplete;
    expect($(el, 'form[data-panel="add"]')).to.equal(null);
    expect(focused(el)).to.equal($(el, 'button[data-opens="add"]'));
  });

  it('marks a goal achieved with Space and back: ipt-goal-change from and to, the date, the progress; focus stays', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief')], ['grief']);
    const el = await mount({ store });
    focusBefore(el);
    const box = (await tabTo(el, (e) => e === control(el, 'g2', 'check'), 'the checkbox of g2')) as HTMLInputElement;
    let change = log().next('ipt-goal-change');
    await press('Space');
    expect((await change).detail).to.deep.equal({ courseId: COURSE, goalId: 'g2', from: ACTIVE, to: DONE });
    await settle(el);
    expect(await storedGoal(store, 'g2')).to.include({ ...DONE, achieved: TODAY });
    expect(textOf($(el, 'header[part="summary"] p'))).to.equal('1 of 2 achieved');
    expect($<HTMLProgressElement>(el, 'progress')!).to.include({ value: 1, max: 2 });
    expect(textOf($(el, 'li[data-goal="g2"] p'))).to.equal('Achieved · set Jan 5, 2026 · achieved Jun 1, 2026');
    expect(focused(el)).to.equal(box);
    expect(box.checked).to.equal(true);
    expect(textOf($(el, '.visually-hidden[role="status"]')), 'the new count is said').to.equal('1 of 2 achieved');

    change = log().next('ipt-goal-change');
    await press('Space');
    expect((await change).detail).to.deep.equal({ courseId: COURSE, goalId: 'g2', from: DONE, to: ACTIVE });
    await settle(el);
    expect(await storedGoal(store, 'g2')).to.not.have.property('achieved');
    expect(textOf($(el, 'header[part="summary"] p'))).to.equal('0 of 2 achieved');
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('0 of 2 achieved');
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['achieve-goal', 'reopen-goal']);
  });

  it('reorders with Move down and Move up: one record per move, focus stays on the moved goal’s button', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief'), goal('g4', 'role-dispute')], ['grief']);
    const el = await mount({ store });
    focusBefore(el);
    const down = await tabTo(el, (e) => e === control(el, 'g1', 'down'), 'Move down of g1');
    expect(down.getAttribute('aria-describedby')).to.equal('g-g1');
    let changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', id: 'g1', op: 'update' });
    await settle(el);
    expect(await storedIds(store, 'grief')).to.deep.equal(['g2', 'g1', 'g3']);
    expect(focused(el)).to.equal(control(el, 'g1', 'down'));
    const said = () => textOf($(el, '.visually-hidden[role="status"]'));
    expect(said(), 'the new place is said').to.equal('Moved to position 2 of 3');

    await press('Enter'); // again: g1 goes last
    await until(el, () => groups(el)[0]![1].join() === 'g2,g3,g1', 'g1 last');
    expect(focused(el)).to.equal(control(el, 'g1', 'down'));
    expect(said()).to.equal('Moved to position 3 of 3');
    // At the end of its area Move down does nothing (it stays focusable, marked disabled).
    expect(control(el, 'g1', 'down').getAttribute('aria-disabled')).to.equal('true');
    await press('Enter');
    await settle(el);
    expect(await storedIds(store, 'grief')).to.deep.equal(['g2', 'g3', 'g1']);

    await press('ArrowLeft'); // Move up of g1 (the goals are one Tab stop: the arrows move inside)
    expect(focused(el)).to.equal(control(el, 'g1', 'up'));
    changed = log().next('ipt-change');
    await press('Space');
    await changed;
    await settle(el);
    expect(await storedIds(store, 'grief')).to.deep.equal(['g2', 'g1', 'g3']);
    expect(focused(el)).to.equal(control(el, 'g1', 'up'));
    expect(said()).to.equal('Moved to position 2 of 3');
    expect(log().of('ipt-change')).to.have.length(3);
    expect(log().of('ipt-before-change').map((d) => [d.action, d.id])).to.deep.equal([
      ['move-goal', 'g1'],
      ['move-goal', 'g1'],
      ['move-goal', 'g1'],
    ]);
    expect(await storedIds(store, 'role-dispute'), 'other areas are untouched').to.deep.equal(['g4']);
    expect(log().of('ipt-goal-change')).to.deep.equal([]);
  });

  it('removes a goal: Remove, focus on Undo, Enter puts it back and focus goes to its checkbox', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief', { targetSession: 5 })], ['grief']);
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, (e) => e === control(el, 'g2', 'remove'), 'Remove of g2');
    let changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', id: 'g2', op: 'delete' });
    await settle(el);
    expect(await storedIds(store)).to.deep.equal(['g1']);
    expect(textOf($(el, '.undo span'))).to.equal('Removed the goal “Goal g2”.');
    expect(focused(el)?.hasAttribute('data-undo')).to.equal(true);
    changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', id: 'g2', op: 'create' });
    await settle(el);
    expect(await storedGoal(store, 'g2')).to.deep.equal(goal('g2', 'grief', { targetSession: 5 }));
    expect(focused(el)).to.equal(control(el, 'g2', 'check'));
    expect($(el, '.undo')).to.equal(null);
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['remove-goal', 'undo-remove-goal']);
  });

  it('edits a goal: Edit opens the form in the text, a new status fires ipt-goal-change, Save returns focus to Edit', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, (e) => e === control(el, 'g1', 'edit'), 'Edit of g1');
    await press('Enter');
    await el.updateComplete;
    expect(focused(el)).to.equal(editField(el, 'text'));
    await press('End');
    await type(' every week');
    await tabTo(el, (e) => e === editField(el, 'lifecycle'), 'the status select');
    await type('On');
    expect((focused(el) as HTMLSelectElement).value).to.equal('on-hold');
    await tabTo(el, (e) => e === editField(el, 'achievement'), 'the achievement select');
    await type('No p');
    expect((focused(el) as HTMLSelectElement).value).to.equal('no-progress');
    await tabTo(el, button('Save'), 'Save');
    const change = log().next('ipt-goal-change');
    await press('Enter');
    expect((await change).detail).to.deep.equal({
      courseId: COURSE,
      goalId: 'g1',
      from: ACTIVE,
      to: { lifecycle: 'on-hold', achievement: 'no-progress' },
    });
    await settle(el);
    expect(await storedGoal(store, 'g1')).to.include({ text: 'Goal g1 every week', lifecycle: 'on-hold', achievement: 'no-progress' });
    expect($(el, 'form[data-panel^="edit"]')).to.equal(null);
    expect(focused(el)).to.equal(control(el, 'g1', 'edit'));
    expect(textOf($(el, 'li[data-goal="g1"] p'))).to.equal('On hold, No progress · set Jan 5, 2026');
  });

  it('a text-only edit fires no ipt-goal-change; marking achieved in the form dates the goal; Cancel returns to Edit', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mount({ store });
    control(el, 'g1', 'edit').click();
    await el.updateComplete;
    editField<HTMLTextAreaElement>(el, 'text').value = 'Visit the grave with my sister';
    editField<HTMLSelectElement>(el, 'area').value = 'role-transition';
    editField(el, 'targetSession').value = '12';
    editField(el, 'text').focus();
    await tabTo(el, button('Save'), 'Save');
    let changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect(await storedGoal(store, 'g1')).to.include({ text: 'Visit the grave with my sister', area: 'role-transition', targetSession: 12 });
    expect(log().of('ipt-goal-change')).to.deep.equal([]);
    expect(groups(el)).to.deep.equal([
      ['Grief 0 of 0 achieved', []],
      ['Role transition 0 of 1 achieved', ['g1']],
    ]);

    control(el, 'g1', 'edit').click();
    await el.updateComplete;
    editField<HTMLSelectElement>(el, 'achievement').value = 'sustaining';
    editField(el, 'targetSession').value = '';
    changed = log().next('ipt-change');
    $<HTMLButtonElement>(el, 'form[data-panel^="edit"] button.primary')!.click();
    await changed;
    await settle(el);
    const g = await storedGoal(store, 'g1');
    expect(g).to.include({ lifecycle: 'active', achievement: 'sustaining', achieved: TODAY });
    expect(g).to.not.have.property('targetSession');
    expect(log().of('ipt-goal-change').map((d) => d.to)).to.deep.equal([{ lifecycle: 'active', achievement: 'sustaining' }]);
    expect(textOf($(el, 'header[part="summary"] p'))).to.equal('1 of 1 achieved');

    control(el, 'g1', 'edit').focus();
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, button('Cancel'), 'Cancel');
    await press('Enter');
    await el.updateComplete;
    expect($(el, 'form[data-panel^="edit"]')).to.equal(null);
    expect(focused(el)).to.equal(control(el, 'g1', 'edit'));
  });
});

describe('ipt-goal-checklist: events', () => {
  it('a cancelled ipt-before-change writes nothing and leaves the checkbox and the order as they were', async () => {
    const store = await memoryStore();
    // Two goals, so that Move down of the first is a real move that the host cancels.
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief')]);
    const el = await mount({ store });
    const cancel = (e: Event) => e.preventDefault();
    document.addEventListener('ipt-before-change', cancel);
    try {
      control(el, 'g1', 'check').click();
      await settle(el);
      expect(control(el, 'g1', 'down').getAttribute('aria-disabled')).to.equal('false');
      control(el, 'g1', 'down').click();
      await settle(el);
    } finally {
      document.removeEventListener('ipt-before-change', cancel);
    }
    expect(control(el, 'g1', 'check').checked).to.equal(false);
    expect(await storedGoal(store, 'g1')).to.deep.equal(goal('g1', 'grief'));
    expect(await storedIds(store)).to.deep.equal(['g1', 'g2']);
    expect(groups(el)[0]![1]).to.deep.equal(['g1', 'g2']);
    expect(log().of('ipt-before-change').map((d) => [d.action, d.id])).to.deep.equal([
      ['achieve-goal', 'g1'],
      ['move-goal', 'g1'],
    ]);
    expect(log().types.filter((t) => t !== 'ipt-ready')).to.deep.equal(['ipt-before-change', 'ipt-before-change']);
  });

  it('ipt-goal-change names the course written to, even when the element shows another by the time it lands', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')]);
    await seed(store, {}, 'c2');
    const el = await mount({ store });
    el.addEventListener('ipt-before-change', () => el.setAttribute('course-id', 'c2'), { once: true });
    const change = log().next('ipt-goal-change');
    control(el, 'g1', 'check').click();
    expect((await change).detail).to.deep.equal({ courseId: COURSE, goalId: 'g1', from: ACTIVE, to: DONE });
    expect(log().of('ipt-change').map((d) => [d.courseId, d.id])).to.deep.equal([[COURSE, 'g1']]);
    expect(await storedGoal(store, 'g1')).to.include(DONE);
  });

  it('a status the host writes is shown, and announced by no ipt-goal-change', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief')]);
    const el = await mount({ store });
    await store.apply(COURSE, [{ op: 'put', entity: 'goal', record: goal('g1', 'grief', { ...DONE, achieved: '2026-05-01' }) }]);
    await until(el, () => control(el, 'g1', 'check').checked, 'the host’s change shown');
    expect(textOf($(el, 'header[part="summary"] p'))).to.equal('1 of 1 achieved');
    expect(log().of('ipt-goal-change')).to.deep.equal([]);
    expect(log().of('ipt-change')).to.deep.equal([]);
  });
});

describe('ipt-goal-checklist: pointer (the grip of a goal)', () => {
  const centre = (e: Element) => {
    const r = e.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2] as [number, number];
  };
  /**
   * Pointer input as the browser delivers it to a grip that captured the pointer: pointerdown on
   * the grip, pointerup on the grip at the point of release. (Dispatched events rather than
   * sendMouse: the runner's real mouse waits for a frame, which a background tab never draws
   * when two test files run at once.)
   */
  async function drag(from: Element, to: Element) {
    to.scrollIntoView({ block: 'center' });
    const at = (p: [number, number]) => ({ bubbles: true, composed: true, clientX: p[0], clientY: p[1], pointerId: 1, button: 0, isPrimary: true });
    from.dispatchEvent(new PointerEvent('pointerdown', at(centre(from))));
    from.dispatchEvent(new PointerEvent('pointerup', at(centre(to))));
  }
  const li = (el: Element, id: string) => $(el, `li[data-goal="${id}"] p`)!;
  const grip = (el: Element, id: string) => $(el, `li[data-goal="${id}"] .grip`)!;

  it('drags a goal onto another of its area: it takes that place, one record written', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')], ['grief']);
    const el = await mount({ store });
    const changed = log().next('ipt-change');
    await drag(grip(el, 'g3'), li(el, 'g1'));
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'goal', id: 'g3', op: 'update' });
    await settle(el);
    expect(await storedIds(store)).to.deep.equal(['g3', 'g1', 'g2']);
    expect(groups(el)[0]![1]).to.deep.equal(['g3', 'g1', 'g2']);

    await drag(grip(el, 'g3'), li(el, 'g2'));
    await until(el, () => groups(el)[0]![1].join() === 'g1,g2,g3', 'g3 dragged back last');
    expect(log().of('ipt-change')).to.have.length(2);
  });

  it('a goal dropped on another area stays where it was', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'role-dispute')], ['grief', 'role-dispute']);
    const el = await mount({ store });
    await drag(grip(el, 'g2'), li(el, 'g1'));
    await settle(el);
    await new Promise((r) => setTimeout(r, 100));
    expect(log().of('ipt-before-change')).to.deep.equal([]);
    expect(groups(el).map((g) => g[1])).to.deep.equal([['g1'], ['g2']]);
  });
});

describe('ipt-goal-checklist: another writer', () => {
  it('what is typed in an edit form, and the focus, stay when another writer adds a goal listed before it', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedGoals(store, [goal('g2', 'grief'), goal('g3', 'grief')], ['grief']);
    const el = await mount({ store });
    control(el, 'g3', 'edit').click();
    await el.updateComplete;
    const text = focused(el) as HTMLTextAreaElement;
    expect(text).to.equal(editField(el, 'text'));
    await press('End');
    await type(' on Sundays');
    await store.apply(COURSE, [{ op: 'put', entity: 'goal', record: goal('g1', 'grief') }]);
    await until(el, () => $(el, 'li[data-goal="g1"]') !== null, 'the goal added by the host shown');
    expect(focused(el)).to.equal(text);
    expect(editField<HTMLTextAreaElement>(el, 'text').value).to.equal('Goal g3 on Sundays');
  });

  it('what is typed stays when a goal of another area is added and its group comes first', async () => {
    const store = await memoryStore();
    await seedGoals(store, [goal('g2', 'role-transition')]);
    const el = await mount({ store });
    control(el, 'g2', 'edit').click();
    await el.updateComplete;
    await press('End');
    await type('!');
    const text = focused(el);
    await store.apply(COURSE, [{ op: 'put', entity: 'goal', record: goal('g1', 'grief') }]);
    await until(el, () => groups(el).length === 2, 'the new group shown');
    expect(groups(el).map((g) => g[0].split(' ')[0])).to.deep.equal(['Grief', 'Role']);
    expect(focused(el)).to.equal(text);
    expect(editField<HTMLTextAreaElement>(el, 'text').value).to.equal('Goal g2!');
  });
});
