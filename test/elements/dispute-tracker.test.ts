/**
 * <ipt-dispute-tracker> in a real browser: stage moves by keyboard and by pointer, the events they
 * fire, the history with its session numbers, new disputes (with a person of the inventory or
 * someone new), closing and reopening, editing, removal with Undo. Bad input, axe, readonly, reload
 * and the circle beside it are in dispute-tracker-states.test.ts.
 */
import { expect } from '@open-wc/testing';
import {
  $,
  $$,
  ALEX,
  COURSE,
  SAM,
  TODAY,
  button,
  card,
  click,
  day,
  focusBefore,
  focused,
  historyOf,
  log,
  memoryStore,
  mount,
  panel,
  press,
  seed,
  seedDisputes,
  settle,
  shown,
  stored,
  submit,
  tabTo,
  textOf,
  track,
  type,
  until,
  within,
  within1,
} from './dispute-tracker-helpers.js';
import { shownDate } from './helpers.js';
import type { DisputeStage } from '../../src/index.js';
import '../../src/locales/es.js';

const AIM = {
  renegotiation: 'Calm and improve the communication so that both sides can reach a resolution.',
  impasse: 'Bring the dispute back into renegotiation, often by making the disagreement explicit, or consider dissolution.',
};
const named = (name: string) => (e: Element) => e.getAttribute('name') === name;

describe('ipt-dispute-tracker: the card', () => {
  it('shows the person, the stage as a three-step track with the aim of the current step, the texts and the history', async () => {
    const store = await memoryStore();
    await seedDisputes(store, {
      sessions: 3,
      people: [SAM],
      disputes: [{ id: 'd1', personId: 'p1', moves: [['impasse', day(0)]], issue: 'Chores' }],
    });
    const el = await mount({ store });
    expect(textOf(within1(card(el, 'd1'), 'h3'))).to.equal('Sam · partner');
    expect(track(el, 'd1')).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    const current = within1(card(el, 'd1'), '[aria-current="step"]')!;
    expect(textOf(current)).to.equal(`Impasse ${AIM.impasse}`);
    expect(within(card(el, 'd1'), '[aria-current]')).to.have.length(1);
    expect([...within1(card(el, 'd1'), 'dl')!.children].map(textOf)).to.deep.equal(['Issue', 'Chores']);
    expect(textOf(within1(card(el, 'd1'), 'summary'))).to.equal('Stage history (1)');
    expect(historyOf(el, 'd1')).to.deep.equal(['Jan 5, 2026 · Impasse']);
    // The other steps are buttons; the current one is not.
    expect(within(card(el, 'd1'), 'ol.stages button').map(textOf)).to.deep.equal(['Renegotiation', 'Dissolution']);
  });

  it('gives dissolution a neutral aim: mourn the relationship and move on, no outcome pushed', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['dissolution', day(0)]] }] });
    const el = await mount({ store });
    expect(textOf(within1(card(el, 'd1'), '[aria-current="step"]'))).to.equal(
      'Dissolution Help the patient mourn the relationship and move on, as in grief; the therapist does not push an outcome.',
    );
  });

  it('says when there is no dispute yet', async () => {
    const store = await memoryStore();
    await seedDisputes(store);
    const el = await mount({ store });
    expect(shown(el)).to.contain('No role dispute recorded yet.');
  });
});

describe('ipt-dispute-tracker: stage moves by keyboard', () => {
  it('Tab to a step, Enter, type a note, Save: the move is stored with today, the session number and the note', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    // Session 3 is attended today (day 0, 7 and 14 of a weekly course, today is TODAY).
    await seedDisputes(store, { sessions: 2, every: 7, people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    await store.put(COURSE, 'session', { id: 's-today', date: TODAY, status: 'attended' });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Move to Impasse'), 'the Impasse step');
    await press('Enter');
    await el.updateComplete;
    // The move form opens with the chosen stage, and the focus is in it.
    const select = focused(el) as HTMLSelectElement;
    expect([select.name, select.value]).to.deep.equal(['to', 'impasse']);
    await press('Tab');
    expect(focused(el)?.getAttribute('name')).to.equal('note');
    await type('They stopped talking');
    await tabTo(el, button('Save'), 'Save');
    const moved = log().next('ipt-dispute-stage-change');
    await press('Enter');
    expect((await moved).detail).to.deep.equal({ courseId: COURSE, disputeId: 'd1', personId: 'p1', from: 'renegotiation', to: 'impasse' });
    await settle(el);
    const d = (await stored(store)).disputes[0]!;
    expect(d.stage).to.equal('impasse');
    expect(d.history).to.deep.equal([
      { to: 'renegotiation', date: day(0) },
      { from: 'renegotiation', to: 'impasse', date: TODAY, session: 3, note: 'They stopped talking' },
    ]);
    expect(track(el, 'd1')).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    expect(textOf(within1(card(el, 'd1'), '[aria-current="step"]'))).to.equal(`Impasse ${AIM.impasse}`);
    expect(historyOf(el, 'd1')).to.deep.equal(['Jan 5, 2026 · Renegotiation', 'Jun 1, 2026 · session 3 · Renegotiation → Impasse · They stopped talking']);
    expect(panel(el, 'move:d1')).to.equal(null);
    // The focus stays on the track: on the step the dispute left; the stage reached is said.
    expect(textOf(focused(el))).to.equal('Renegotiation');
    expect(textOf($(el, '.visually-hidden[role="status"]'))).to.equal('Sam: Impasse reached');
    expect(log().types.filter((t) => t !== 'ipt-ready')).to.deep.equal(['ipt-before-change', 'ipt-change', 'ipt-dispute-stage-change']);
    expect(log().of('ipt-before-change')).to.deep.equal([{ courseId: COURSE, entity: 'dispute', id: 'd1', action: 'move-stage' }]);
    expect(log().of('ipt-change')).to.deep.equal([{ courseId: COURSE, entity: 'dispute', id: 'd1', op: 'update' }]);
  });

  it('moves back the other way with Space, choosing the stage in the form’s select', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)], ['dissolution', day(7)]] }] });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Move to Impasse'), 'the Impasse step');
    await press('Space');
    await el.updateComplete;
    expect((focused(el) as HTMLSelectElement).value).to.equal('impasse');
    await type('Ren'); // type-ahead in the select: Renegotiation
    expect((focused(el) as HTMLSelectElement).value).to.equal('renegotiation');
    await tabTo(el, button('Save'), 'Save');
    const moved = log().next('ipt-dispute-stage-change');
    await press('Space');
    expect((await moved).detail).to.deep.include({ from: 'dissolution', to: 'renegotiation' });
    await settle(el);
    expect(track(el, 'd1')).to.deep.equal(['*Renegotiation', 'Impasse', 'Dissolution']);
    expect(textOf(within1(card(el, 'd1'), '[aria-current="step"]'))).to.equal(`Renegotiation ${AIM.renegotiation}`);
    expect((await stored(store)).disputes[0]!.history.map((h) => [h.from, h.to])).to.deep.equal([
      [undefined, 'renegotiation'],
      ['renegotiation', 'dissolution'],
      ['dissolution', 'renegotiation'],
    ]);
    expect(textOf(focused(el))).to.equal('Dissolution');
  });

  it('Cancel closes the move form, stores nothing and gives the focus back to the step', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    const el = await mount({ store });
    const before = await stored(store);
    focusBefore(el);
    await tabTo(el, button('Move to Dissolution'), 'the Dissolution step');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, button('Cancel'), 'Cancel');
    await press('Enter');
    await el.updateComplete;
    expect(panel(el, 'move:d1')).to.equal(null);
    expect(textOf(focused(el))).to.equal('Dissolution');
    expect(await stored(store)).to.deep.equal(before);
    expect(log().of('ipt-before-change')).to.deep.equal([]);
  });
});

describe('ipt-dispute-tracker: stage moves by pointer, history order and session numbers', () => {
  it('clicks through impasse, dissolution and back; each move carries the number of that day’s session, none on a day without one', async () => {
    const store = await memoryStore();
    // Sessions on day 0 (1), 7 (cancelled), 14 (2), 21 (3).
    await seedDisputes(store, {
      sessions: ['attended', 'cancelled', 'attended', 'attended'],
      every: 7,
      people: [SAM],
      disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }],
    });
    const el = await mount({ store, today: day(7) });
    const move = async (step: string, note?: string) => {
      await click(el, `Move to ${step}`, 'd1');
      if (note) (panel(el, 'move:d1')!.querySelector('textarea') as HTMLTextAreaElement).value = note;
      const moved = log().next('ipt-dispute-stage-change');
      panel(el, 'move:d1')!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await moved;
      await settle(el);
    };
    await move('Impasse', 'No talking'); // day 7: the session was cancelled
    el.today = day(14);
    await move('Dissolution');
    el.today = day(21);
    await move('Renegotiation', 'Back at the table');
    expect(log().of('ipt-dispute-stage-change').map((d) => [d.from, d.to])).to.deep.equal([
      ['renegotiation', 'impasse'],
      ['impasse', 'dissolution'],
      ['dissolution', 'renegotiation'],
    ]);
    const history = (await stored(store)).disputes[0]!.history;
    expect(history.map((h) => [h.date, h.session])).to.deep.equal([
      [day(0), undefined],
      [day(7), undefined],
      [day(14), 2],
      [day(21), 3],
    ]);
    expect(historyOf(el, 'd1')).to.deep.equal([
      'Jan 5, 2026 · Renegotiation',
      'Jan 12, 2026 · Renegotiation → Impasse · No talking',
      'Jan 19, 2026 · session 2 · Impasse → Dissolution',
      'Jan 26, 2026 · session 3 · Dissolution → Renegotiation · Back at the table',
    ]);
    expect(textOf(within1(card(el, 'd1'), 'summary'))).to.equal('Stage history (4)');
  });

  it('fires no stage change when the host cancels ipt-before-change, and keeps the note typed', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    const el = await mount({ store });
    const before = await stored(store);
    el.addEventListener('ipt-before-change', (e) => e.preventDefault());
    await click(el, 'Move to Impasse', 'd1');
    const note = panel(el, 'move:d1')!.querySelector('textarea')!;
    note.value = 'kept';
    const asked = log().next('ipt-before-change');
    panel(el, 'move:d1')!.requestSubmit();
    expect((await asked).detail).to.deep.equal({ courseId: COURSE, entity: 'dispute', id: 'd1', action: 'move-stage' });
    await new Promise((r) => setTimeout(r, 100));
    await el.updateComplete;
    expect(await stored(store)).to.deep.equal(before);
    expect(log().of('ipt-change')).to.deep.equal([]);
    expect(log().of('ipt-dispute-stage-change')).to.deep.equal([]);
    expect(panel(el, 'move:d1')!.querySelector('textarea')!.value).to.equal('kept');
  });

  it('fires no stage change for a move written by someone else (the host, another element)', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    const el = await mount({ store });
    const d = (await stored(store)).disputes[0]!;
    await store.put(COURSE, 'dispute', { ...d, stage: 'impasse', history: [...d.history, { from: 'renegotiation', to: 'impasse', date: day(1) }] });
    await until(el, () => track(el, 'd1').join() === 'Renegotiation,*Impasse,Dissolution', 'the move written elsewhere shows');
    expect(track(el, 'd1')).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    expect(log().of('ipt-dispute-stage-change')).to.deep.equal([]);
  });
});

describe('ipt-dispute-tracker: a new dispute', () => {
  it('by keyboard with a person of the inventory, at the stage chosen, with its issue', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedDisputes(store, { sessions: 1, people: [SAM, ALEX] });
    const el = await mount({ store, today: day(0) });
    focusBefore(el);
    await tabTo(el, button('New dispute'), 'New dispute');
    await press('Enter');
    await el.updateComplete;
    const person = focused(el) as HTMLSelectElement;
    expect(person.name).to.equal('personId');
    expect([...person.options].map((o) => o.text)).to.deep.equal(['Sam (partner)', 'Alex (mother)', 'Someone new']);
    await type('Alex');
    expect(person.value).to.equal('p2');
    await el.updateComplete;
    expect($(el, '[name="name"]'), 'no name field for a person of the inventory').to.equal(null);
    await press('Tab');
    expect(focused(el)?.getAttribute('name')).to.equal('stage');
    expect((focused(el) as HTMLSelectElement).value, 'the default first stage').to.equal('renegotiation');
    await type('Imp');
    await press('Tab');
    expect(focused(el)?.getAttribute('name')).to.equal('issue');
    await type('Visits');
    await tabTo(el, button('Save'), 'Save');
    const changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    const [d] = (await stored(store)).disputes;
    expect(d).to.deep.include({ personId: 'p2', stage: 'impasse', issue: 'Visits' });
    expect(d!.history).to.deep.equal([{ to: 'impasse', date: day(0), session: 1 }]);
    expect(log().of('ipt-change')).to.deep.equal([{ courseId: COURSE, entity: 'dispute', id: d!.id, op: 'create' }]);
    expect(log().of('ipt-before-change')).to.deep.equal([{ courseId: COURSE, entity: 'dispute', id: d!.id, action: 'add-dispute' }]);
    expect(log().of('ipt-dispute-stage-change'), 'a new dispute is not a move').to.deep.equal([]);
    expect(track(el, d!.id)).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    expect(textOf(within1(card(el, d!.id), 'h3'))).to.equal('Alex · mother');
    expect(panel(el, 'add')).to.equal(null);
    expect(textOf(focused(el)), 'the focus goes back to the opener').to.equal('New dispute');
  });

  it('with someone new: the person (on the middle ring) and the dispute are written in one action', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM] });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('New dispute'), 'New dispute');
    await press('Enter');
    await el.updateComplete;
    await type('Some'); // "Someone new"
    await el.updateComplete;
    expect((focused(el) as HTMLSelectElement).value).to.equal('');
    await tabTo(el, named('name'), 'the name field');
    await type('Jo');
    await press('Tab');
    await type('colleague');
    await tabTo(el, button('Save'), 'Save');
    const changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    const state = await stored(store);
    const jo = state.people.find((p) => p.name === 'Jo')!;
    expect(jo).to.deep.include({ relationship: 'colleague', ring: 2 }, 'the middle one of the 3 rings a circle has by default');
    expect(state.disputes.map((d) => [d.personId, d.stage])).to.deep.equal([[jo.id, 'renegotiation']]);
    expect(log().of('ipt-before-change')).to.have.length(1);
    expect(log().of('ipt-change')).to.deep.equal([
      { courseId: COURSE, entity: 'person', id: jo.id, op: 'create' },
      { courseId: COURSE, entity: 'dispute', id: state.disputes[0]!.id, op: 'create' },
    ]);
    expect(textOf(within1(card(el, state.disputes[0]!.id), 'h3'))).to.equal('Jo · colleague');
  });

  it('offers only "Someone new" when the inventory is empty', async () => {
    const store = await memoryStore();
    await seedDisputes(store);
    const el = await mount({ store });
    await click(el, 'New dispute');
    expect([...$<HTMLSelectElement>(el, '[name="personId"]')!.options].map((o) => o.text)).to.deep.equal(['Someone new']);
    expect($(el, '[name="name"]')).to.not.equal(null);
  });
});

describe('ipt-dispute-tracker: close, reopen, edit, remove', () => {
  it('closes with an outcome by keyboard (no stage moves then) and reopens it', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)], ['impasse', day(7)]] }] });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Close the dispute'), 'Close the dispute');
    await press('Enter');
    await el.updateComplete;
    expect(focused(el)?.getAttribute('name')).to.equal('outcome');
    expect([...(focused(el) as HTMLSelectElement).options].map((o) => o.text)).to.deep.equal(['Resolved', 'Dissolved', 'Unresolved at the end of the course']);
    await type('Dis');
    await tabTo(el, button('Save'), 'Save');
    let changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect((await stored(store)).disputes[0]).to.deep.include({ outcome: 'dissolved', closed: TODAY, stage: 'impasse' });
    expect(textOf(within1(card(el, 'd1'), 'p'))).to.equal('Closed on Jun 1, 2026: Dissolved');
    expect(within(card(el, 'd1'), 'ol.stages button'), 'a closed dispute offers no stage move').to.deep.equal([]);
    expect(track(el, 'd1')).to.deep.equal(['Renegotiation', '*Impasse', 'Dissolution']);
    expect(textOf(focused(el))).to.equal('Reopen');

    changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    const reopened = (await stored(store)).disputes[0]!;
    expect([reopened.outcome, reopened.closed, reopened.stage]).to.deep.equal([undefined, undefined, 'impasse']);
    expect(within(card(el, 'd1'), 'ol.stages button').map(textOf)).to.deep.equal(['Renegotiation', 'Dissolution']);
    expect(textOf(focused(el))).to.equal('Close the dispute');
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['close-dispute', 'reopen-dispute']);
    expect(log().of('ipt-dispute-stage-change')).to.deep.equal([]);
  });

  it('edits the texts by keyboard; markup is kept and shown as text', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]], issue: 'Chores' }] });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Edit'), 'Edit');
    await press('Enter');
    await el.updateComplete;
    const issue = focused(el) as HTMLTextAreaElement;
    expect([issue.name, issue.value]).to.deep.equal(['issue', 'Chores']);
    await press('End');
    await type(' <b>and money</b>');
    for (const [name, text] of [
      ['patientExpects', 'Help at home'],
      ['otherExpects', 'Time alone'],
      ['wantedChange', 'Share the chores'],
      ['obstacles', 'Long shifts'],
    ]) {
      await tabTo(el, named(name!), name!);
      await type(text!);
    }
    await tabTo(el, button('Save'), 'Save');
    const changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'dispute', id: 'd1', op: 'update' });
    await settle(el);
    expect((await stored(store)).disputes[0]).to.deep.include({
      issue: 'Chores <b>and money</b>',
      patientExpects: 'Help at home',
      otherExpects: 'Time alone',
      wantedChange: 'Share the chores',
      obstacles: 'Long shifts',
    });
    const dl = within1(card(el, 'd1'), 'dl')!;
    expect([...dl.querySelectorAll('dt')].map(textOf)).to.deep.equal([
      'Issue',
      'What the patient expects',
      'What the other person expects',
      'What the patient would like to change',
      'What blocks a resolution',
    ]);
    expect(textOf(dl.querySelector('dd'))).to.equal('Chores <b>and money</b>');
    expect(dl.querySelector('b')).to.equal(null);
    expect(textOf(focused(el))).to.equal('Edit');
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['edit-dispute']);
  });

  it('removes a dispute, with Undo that puts it back as it was; the focus goes to Undo, then back to Remove', async () => {
    const store = await memoryStore();
    await seedDisputes(store, {
      people: [SAM, ALEX],
      disputes: [
        { id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)], ['impasse', day(7)]], issue: 'Chores' },
        { id: 'd2', personId: 'p2', moves: [['renegotiation', day(1)]] },
      ],
    });
    const el = await mount({ store });
    const before = await stored(store);
    focusBefore(el);
    await tabTo(el, button('Remove'), 'the first Remove');
    let changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'dispute', id: 'd1', op: 'delete' });
    await settle(el);
    expect((await stored(store)).disputes.map((d) => d.id)).to.deep.equal(['d2']);
    expect(card(el, 'd1')).to.equal(null);
    expect(textOf($(el, '.undo span'))).to.equal('Removed the dispute with Sam.');
    expect(textOf(focused(el))).to.equal('Undo');
    changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'dispute', id: 'd1', op: 'create' });
    await settle(el);
    expect(await stored(store)).to.deep.equal(before);
    expect($(el, '.undo')).to.equal(null);
    expect(focused(el)?.closest('article')?.getAttribute('data-id')).to.equal('d1');
    expect(textOf(focused(el))).to.equal('Remove');
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['remove-dispute', 'undo-remove-dispute']);
  });

  it('lists disputes in the order they were opened', async () => {
    const store = await memoryStore();
    await seedDisputes(store, {
      people: [SAM, ALEX],
      disputes: [
        { id: 'a', personId: 'p1', moves: [['renegotiation', day(9)]] },
        { id: 'b', personId: 'p2', moves: [['impasse', day(2)]] },
      ],
    });
    const el = await mount({ store });
    expect($$(el, 'article').map((a) => a.getAttribute('data-id'))).to.deep.equal(['b', 'a']);
  });
});

describe('ipt-dispute-tracker: review fixes', () => {
  const TWO = {
    people: [SAM, ALEX],
    disputes: [
      { id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] as Array<[DisputeStage, string]> },
      { id: 'd2', personId: 'p2', moves: [['impasse', day(1)]] as Array<[DisputeStage, string]>, outcome: 'unresolved' as const, closed: day(3) },
    ],
  };

  it('names each card by its person, each step "Move to <stage>", and describes Edit, Close and Remove by the person', async () => {
    const store = await memoryStore();
    await seedDisputes(store, TWO);
    const el = await mount({ store });
    const c = card(el, 'd1');
    const h3 = within1(c, 'h3')!;
    expect(h3.id).to.not.equal('');
    expect(c.getAttribute('aria-labelledby')).to.equal(h3.id);
    expect(within(c, 'ol.stages button').map((b) => [b.getAttribute('aria-label'), textOf(b)])).to.deep.equal([
      ['Move to Impasse', 'Impasse'],
      ['Move to Dissolution', 'Dissolution'],
    ]);
    expect(within(c, '.row button').map((b) => [textOf(b), b.getAttribute('aria-describedby')])).to.deep.equal([
      ['Edit', h3.id],
      ['Close the dispute', h3.id],
      ['Remove', h3.id],
    ]);
    const other = within1(card(el, 'd2'), 'h3')!.id;
    expect(other).to.not.equal(h3.id);
    expect(within(card(el, 'd2'), '.row button').map((b) => b.getAttribute('aria-describedby'))).to.deep.equal([other, other, other]);
    el.setAttribute('lang', 'es');
    await until(el, () => textOf(card(el, 'd1').querySelector('ol.stages button')) === 'Estancamiento', 'the tracker in Spanish');
    expect(within(card(el, 'd1'), 'ol.stages button').map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Mover a Estancamiento', 'Mover a Disolución']);
  });

  it('Reopen on one dispute leaves the form open on another, with what is typed in it', async () => {
    const store = await memoryStore();
    await seedDisputes(store, TWO);
    const el = await mount({ store });
    await click(el, 'Edit', 'd1');
    const issue = panel(el, 'edit:d1')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!;
    expect(focused(el)).to.equal(issue);
    await type('Who does the dishes');
    const changed = log().next('ipt-change');
    await click(el, 'Reopen', 'd2');
    expect((await changed).detail).to.deep.include({ id: 'd2', op: 'update' });
    await settle(el);
    expect((await stored(store)).disputes.find((d) => d.id === 'd2')).to.not.have.property('outcome');
    expect(panel(el, 'edit:d1'), 'the form of d1 stays open').to.not.equal(null);
    expect(panel(el, 'edit:d1')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!.value).to.equal('Who does the dishes');
    expect(textOf(focused(el))).to.equal('Close the dispute');
    expect(focused(el)?.closest('article')?.getAttribute('data-id')).to.equal('d2');
  });

  it('what is typed in a form, and the focus, stay when another writer adds a dispute listed before it', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM, ALEX], disputes: [{ id: 'd5', personId: 'p1', moves: [['renegotiation', day(5)]] }] });
    const el = await mount({ store });
    await click(el, 'Edit', 'd5');
    await type('Money');
    const issue = focused(el) as HTMLTextAreaElement;
    expect(issue.name).to.equal('issue');
    await store.put(COURSE, 'dispute', { id: 'd0', personId: 'p2', stage: 'impasse', history: [{ to: 'impasse', date: day(0) }] });
    await until(el, () => $$(el, 'article').length === 2, 'the dispute added by the host shown');
    expect($$(el, 'article').map((a) => a.getAttribute('data-id'))).to.deep.equal(['d0', 'd5']);
    expect(focused(el)).to.equal(issue);
    expect(panel(el, 'edit:d5')!.querySelector<HTMLTextAreaElement>('[name="issue"]')!.value).to.equal('Money');
  });

  it('announces a stage change for the course written to, even when the element shows another by the time it lands', async () => {
    const store = await memoryStore();
    await seedDisputes(store, { people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    await seed(store, {}, 'c2');
    const el = await mount({ store });
    await click(el, 'Move to Impasse', 'd1');
    el.addEventListener('ipt-before-change', () => el.setAttribute('course-id', 'c2'), { once: true });
    const moved = log().next('ipt-dispute-stage-change');
    panel(el, 'move:d1')!.requestSubmit();
    expect((await moved).detail).to.deep.equal({ courseId: COURSE, disputeId: 'd1', personId: 'p1', from: 'renegotiation', to: 'impasse' });
    expect(log().of('ipt-change').map((d) => d.courseId)).to.deep.equal([COURSE]);
    expect((await stored(store)).disputes[0]!.stage).to.equal('impasse');
  });

  it('dates a move on the day chosen (today by default, none after it) with that day’s session number', async () => {
    // Sessions on day 0 (1), 7 (2), 14 (3); today is day 20.
    const store = await memoryStore();
    await seedDisputes(store, { sessions: 3, every: 7, people: [SAM], disputes: [{ id: 'd1', personId: 'p1', moves: [['renegotiation', day(0)]] }] });
    const el = await mount({ store, today: day(20) });
    await click(el, 'Move to Impasse', 'd1');
    const date = panel(el, 'move:d1')!.querySelector<HTMLInputElement>('input[name="date"]')!;
    expect([date.type, date.value, date.dataset.max, date.required]).to.deep.equal(['text', shownDate(day(20)), day(20), true]);
    expect(textOf(date.closest('label'))).to.equal('Date mm/dd/yyyy');
    // After today: the browser refuses it at the field, the host hears invalid-input, nothing is written.
    date.value = day(21);
    date.dispatchEvent(new Event('input')); // as typed
    const refused = log().next('ipt-error');
    panel(el, 'move:d1')!.requestSubmit();
    expect((await refused).detail).to.deep.include({ code: 'invalid-input', field: 'date' });
    // A page that took the limit off is refused by the rule itself, and the form stays.
    date.removeAttribute('data-max');
    date.dispatchEvent(new Event('input'));
    const ruled = log().next('ipt-error');
    panel(el, 'move:d1')!.requestSubmit();
    expect((await ruled).detail).to.deep.include({ code: 'invalid-input', field: 'date' });
    await settle(el);
    expect((await stored(store)).disputes[0]!.history).to.have.length(1);
    expect(panel(el, 'move:d1')).to.not.equal(null);
    // The day of session 2.
    date.value = day(7);
    await submit(el, 'move:d1');
    expect((await stored(store)).disputes[0]!.history[1]).to.deep.equal({ from: 'renegotiation', to: 'impasse', date: day(7), session: 2 });
    expect(historyOf(el, 'd1')[1]).to.equal('Jan 12, 2026 · session 2 · Renegotiation → Impasse');
  });
});
