/**
 * <ipt-dispute-tracker> in a real browser: bad input (an unknown dispute-id, a person who is not in
 * the course, a stage outside the three, text too long), axe in every state, readonly, a reload on
 * IndexedDB, and the circle on the same page. Moves, events and actions are in
 * dispute-tracker.test.ts.
 */
import { expect } from '@open-wc/testing';
import { uniqueDb } from '../fixtures.js';
import type { IptDisputeTracker } from '../../src/index.js';
import {
  $,
  $$,
  ALEX,
  COURSE,
  SAM,
  card,
  click,
  closeSharedAfter,
  day,
  diskStore,
  log,
  memoryStore,
  mount,
  mountElement,
  panel,
  press,
  seedDisputes,
  settle,
  shown,
  stored,
  submit,
  textOf,
  track,
  until,
  type DisputeSeed,
  fieldProblem,
} from './dispute-tracker-helpers.js';

const ONE: DisputeSeed = { sessions: 2, people: [SAM, ALEX], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)], ['impasse', day(1)]], issue: 'Chores' }] };
const alert = (el: Element) => textOf($(el, '[role="alert"]'));
const errors = () => log().of('ipt-error').map((d) => [d.code, d.field]);

/** Adds an option to a select of an open form and chooses it, as a tampered page would. */
function tamper(el: IptDisputeTracker, form: string, name: string, value: string): void {
  const select = panel(el, form)!.querySelector<HTMLSelectElement>(`[name="${name}"]`)!;
  select.add(new Option(value, value));
  select.value = value;
}
/** Submits a form that the store must refuse; resolves with the ipt-error. */
async function refused(el: IptDisputeTracker, form: string) {
  const error = log().next('ipt-error');
  panel(el, form)!.requestSubmit();
  const detail = (await error).detail;
  await settle(el);
  return detail;
}

describe('ipt-dispute-tracker: bad input', () => {
  it('an unknown dispute-id: a clear message, ipt-error invalid-input, no form', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store, attrs: { 'dispute-id': 'nope' } });
    expect(errors()).to.deep.equal([['invalid-input', 'dispute-id']]);
    expect(shown(el)).to.contain('There is no dispute with this id in the course.');
    expect(alert(el)).to.contain('dispute-id');
    expect($$(el, 'article')).to.deep.equal([]);
    expect($$(el, 'form, button[data-opens="add"]')).to.deep.equal([]);
  });

  it('a dispute-id that is not an id at all is reported the same way; setting a known one shows that dispute alone', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { ...ONE, disputes: [...ONE.disputes!, { id: 'd2', personId: 'p2', moves: [['dissolution', day(0)]] }] });
    const el = await mount({ store, attrs: { 'dispute-id': '<b>x</b>' } });
    expect(errors()).to.deep.equal([['invalid-input', 'dispute-id']]);
    expect(log().of('ipt-error')[0]!.message).to.not.contain('<b>');
    el.disputeId = 'd2';
    await el.updateComplete;
    expect($$(el, 'article').map((a) => a.getAttribute('data-id'))).to.deep.equal(['d2']);
    expect(errors()).to.have.length(1);
    el.disputeId = '';
    await el.updateComplete;
    expect($$(el, 'article')).to.have.length(2);
  });

  it('a dispute with a person who is not in the course is refused by the store: shown, invalid-input, nothing stored, input kept', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store });
    const before = await stored(store);
    await click(el, 'New dispute');
    tamper(el, 'add', 'personId', 'ghost');
    panel(el, 'add')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!.value = 'Typed';
    const e = await refused(el, 'add');
    expect([e.code, e.field]).to.deep.equal(['invalid-input', 'personId']);
    expect(alert(el), 'a refusal with no rule of its field is the banner\'s, with the precise message').to.match(/Not saved.*personId/);
    expect(await stored(store)).to.deep.equal(before);
    expect(panel(el, 'add')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!.value).to.equal('Typed');
  });

  it('a stage outside the three in the move form: invalid-input, shown, nothing stored, no stage change', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store });
    const before = await stored(store);
    await click(el, 'Move to Dissolution', 'd1');
    tamper(el, 'move:d1', 'to', 'divorce');
    const e = await refused(el, 'move:d1');
    expect(e).to.deep.equal({ code: 'invalid-input', field: 'stage', message: 'Invalid stage move: stage must be one of renegotiation, impasse, dissolution' });
    expect(alert(el)).to.contain('stage must be one of');
    expect(await stored(store)).to.deep.equal(before);
    expect(log().of('ipt-dispute-stage-change')).to.deep.equal([]);
    expect(panel(el, 'move:d1')).to.not.equal(null);
  });

  for (const [date, why] of [
    [day(-1), 'a stage move cannot be dated before the dispute opened'],
    [day(0), 'a stage move cannot be dated before its previous move'],
  ] as const) {
    it(`a move dated ${date === day(0) ? 'before its previous move' : 'before the dispute opened'}: invalid-input, shown, nothing stored, the note kept`, async () => {
      const store = await memoryStore();
      await seedDisputes(store, ONE); // opened on day 0, at impasse since day 1
      const el = await mount({ store });
      const before = await stored(store);
      await click(el, 'Move to Dissolution', 'd1');
      panel(el, 'move:d1')!.querySelector<HTMLInputElement>('[name="date"]')!.value = date;
      panel(el, 'move:d1')!.querySelector<HTMLTextAreaElement>('[name="note"]')!.value = 'Typed';
      const e = await refused(el, 'move:d1');
      expect(e).to.deep.equal({ code: 'invalid-input', field: 'date', message: `Invalid date: ${why}` });
      expect(alert(el)).to.contain(why);
      expect(await stored(store)).to.deep.equal(before);
      expect(log().of('ipt-dispute-stage-change')).to.deep.equal([]);
      expect(panel(el, 'move:d1')!.querySelector<HTMLTextAreaElement>('[name="note"]')!.value).to.equal('Typed');
      await expect(el).to.be.accessible();
    });
  }

  it('a stage outside the three for a new dispute with someone new: neither the person nor the dispute is stored', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store });
    const before = await stored(store);
    await click(el, 'New dispute');
    const person = panel(el, 'add')!.querySelector<HTMLSelectElement>('[name="personId"]')!;
    person.value = '';
    person.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    panel(el, 'add')!.querySelector<HTMLInputElement>('[name="name"]')!.value = 'Jo';
    tamper(el, 'add', 'stage', 'limbo');
    const e = await refused(el, 'add');
    expect([e.code, e.field]).to.deep.equal(['invalid-input', 'stage']);
    expect(await stored(store)).to.deep.equal(before);
  });

  it('an outcome outside the three is refused the same way', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store });
    const before = await stored(store);
    await click(el, 'Close the dispute', 'd1');
    tamper(el, 'close:d1', 'outcome', 'won');
    const e = await refused(el, 'close:d1');
    expect([e.code, e.field]).to.deep.equal(['invalid-input', 'outcome']);
    expect(await stored(store)).to.deep.equal(before);
  });

  it('someone new without a name is refused by the browser, heard as invalid-input; nothing is written', async () => {
    const store = await memoryStore();
    await seedDisputes(store);
    const el = await mount({ store });
    await click(el, 'New dispute');
    $(el, '[name="name"]')!.focus();
    const refused = log().next('ipt-error');
    await press('Enter');
    await refused;
    expect(errors()).to.deep.equal([['invalid-input', 'name']]);
    expect(log().of('ipt-before-change')).to.deep.equal([]);
    expect((await stored(store)).people).to.deep.equal([]);
  });

  it('text longer than the model allows is refused: invalid-input, nothing stored, the text kept', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store });
    const before = await stored(store);
    await click(el, 'Edit', 'd1');
    const long = 'x'.repeat(4001);
    panel(el, 'edit:d1')!.querySelector<HTMLTextAreaElement>('[name="obstacles"]')!.value = long;
    const e = await refused(el, 'edit:d1');
    expect([e.code, e.field]).to.deep.equal(['invalid-input', 'obstacles']);
    expect(await stored(store)).to.deep.equal(before);
    expect(panel(el, 'edit:d1')!.querySelector<HTMLTextAreaElement>('[name="obstacles"]')!.value).to.equal(long);
  });

  it('markup typed anywhere is shown as text: names, relationships, texts and notes', async () => {
    const store = await memoryStore();
    const mark = '<img src=x onerror="window.__hit=1">';
    await seedDisputes(store, {
      people: [{ id: 'p1', name: mark, relationship: mark }],
      disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]], issue: mark }],
    });
    const el = await mount({ store });
    await click(el, 'Move to Impasse', 'd1');
    panel(el, 'move:d1')!.querySelector('textarea')!.value = mark;
    await submit(el, 'move:d1');
    expect($$(el, 'img')).to.deep.equal([]);
    expect(shown(el)).to.contain(`${mark} · ${mark}`);
    expect(textOf($(el, 'dd'))).to.equal(mark);
    expect(textOf($(el, 'details li:last-child'))).to.contain(`· ${mark}`);
    expect((window as unknown as { __hit?: number }).__hit).to.equal(undefined);
  });
});

describe('ipt-dispute-tracker: axe finds nothing', () => {
  it('with no course id, with a course that does not exist, and with no dispute', async function () {
    this.timeout(30000); // axe over the whole widget, more than once: seconds on a busy machine
    const store = await memoryStore();
    let el = await mount({ store, courseId: null, ready: false });
    await settle(el);
    await expect(el).to.be.accessible();
    el = await mount({ store, courseId: 'unknown' });
    expect(shown(el)).to.contain('There is no course with this id yet.');
    await expect(el).to.be.accessible();
    await seedDisputes(store);
    el = await mount({ store });
    await expect(el).to.be.accessible();
  });

  it('with open and closed disputes, and with each form open', async function () {
    this.timeout(30000); // axe over the whole widget, more than once: seconds on a busy machine
    const store = await memoryStore();
    await seedDisputes(store, {
      sessions: 2,
      people: [SAM, ALEX],
      disputes: [
        { id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)], ['impasse', day(1)]], issue: 'Chores' },
        { id: 'd2', personId: 'p2', moves: [['dissolution', day(0)]], outcome: 'dissolved', closed: day(3) },
      ],
    });
    const el = await mount({ store });
    card(el, 'd1').querySelector('details')!.open = true;
    await expect(el).to.be.accessible();
    for (const [opener, form] of [
      ['Move to Dissolution', 'move:d1'],
      ['Edit', 'edit:d1'],
      ['Close the dispute', 'close:d1'],
    ]) {
      await click(el, opener!, 'd1');
      expect(panel(el, form!)).to.not.equal(null);
      await expect(el).to.be.accessible();
    }
    await click(el, 'New dispute');
    const person = $<HTMLSelectElement>(el, '[name="personId"]')!;
    person.value = '';
    person.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect($(el, '[name="name"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('with the error banner, the Undo bar, one dispute alone, and readonly', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    let el = await mount({ store, attrs: { 'dispute-id': 'nope' } });
    await expect(el).to.be.accessible();
    el = await mount({ store });
    const changed = log().next('ipt-change');
    await click(el, 'Remove', 'd1');
    await changed;
    await settle(el);
    expect($(el, '.undo')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await seedDisputes(store, ONE);
    el = await mount({ store, attrs: { 'dispute-id': 'd1' } });
    await expect(el).to.be.accessible();
    el = await mount({ store, readonly: true });
    await expect(el).to.be.accessible();
  });
});

describe('ipt-dispute-tracker: readonly', () => {
  it('shows everything and offers no control', async () => {
    const store = await memoryStore();
    await seedDisputes(store, ONE);
    const el = await mount({ store, readonly: true });
    expect(track(el, 'd1')).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    expect(textOf(card(el, 'd1').querySelector('dd'))).to.equal('Chores');
    expect($$(el, 'button, input, select, textarea, form')).to.deep.equal([]);
  });
});

describe('ipt-dispute-tracker: reload', () => {
  it('shows the same after the element is recreated on the same IndexedDB database', async () => {
    const database = uniqueDb('disputes');
    closeSharedAfter(database);
    const seeding = await diskStore(database);
    await seedDisputes(seeding, { sessions: 1, people: [SAM] });
    seeding.close();
    let el = await mount({ database, today: day(0) });
    await click(el, 'New dispute');
    panel(el, 'add')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!.value = 'Chores';
    await submit(el, 'add');
    const id = $(el, 'article')!.getAttribute('data-id')!;
    await click(el, 'Move to Impasse', id);
    panel(el, 'move:d1'.replace('d1', id))!.querySelector('textarea')!.value = 'Silence';
    await submit(el, `move:${id}`);
    await click(el, 'Close the dispute', id);
    await submit(el, `close:${id}`);
    card(el, id).querySelector('details')!.open = true;
    // What was said to screen readers about the last action is not part of what is stored.
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('Sam: Impasse reached');
    const before = shown(el).replace('Sam: Impasse reached ', '');
    expect(before).to.contain('Closed on Jan 5, 2026: Resolved');
    expect(before).to.contain('Jan 5, 2026 · session 1 · Renegotiation → Impasse · Silence');
    el.parentElement!.remove();
    el = await mount({ database });
    card(el, id).querySelector('details')!.open = true;
    await el.updateComplete;
    expect(shown(el)).to.equal(before);
  });
});

describe('ipt-dispute-tracker: with the circle on the same page and one store', () => {
  it('a person in an open dispute shows as such in the circle, and no longer once it is closed', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM] });
    const circle = await mountElement('ipt-relationship-circle', { store });
    const el = await mount({ store });
    const inCircle = (id: string) =>
      [`.node[data-person-id="${id}"]`, `tr[data-person-id="${id}"]`].map((s) => circle.shadowRoot!.querySelector(s)?.classList.contains('dispute'));
    expect(inCircle('p1')).to.deep.equal([false, false]);

    // A dispute with Sam, and one with someone new, who appears in the circle too.
    await click(el, 'New dispute');
    await submit(el, 'add');
    await click(el, 'New dispute');
    const person = $<HTMLSelectElement>(el, '[name="personId"]')!;
    person.value = '';
    person.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    panel(el, 'add')!.querySelector<HTMLInputElement>('[name="name"]')!.value = 'Jo';
    await submit(el, 'add');
    const jo = (await stored(store)).people.find((p) => p.name === 'Jo')!.id;
    await until(circle, () => inCircle('p1').every(Boolean) && inCircle(jo).every(Boolean), 'the circle marks Sam and Jo as in a dispute');

    const samDispute = (await stored(store)).disputes.find((d) => d.personId === 'p1')!.id;
    await click(el, 'Close the dispute', samDispute);
    await submit(el, `close:${samDispute}`);
    await until(circle, () => !inCircle('p1').some(Boolean), 'the circle no longer marks Sam');
    expect(inCircle(jo)).to.deep.equal([true, true]);
    expect(COURSE).to.equal('c1');
  });
});
