/**
 * <ipt-session-counter> in a real browser: keyboard-only use, the events it fires, the phases of
 * 12-, 16- and 20-session contracts. Bad input, accessibility, readonly, reload and a long course
 * are in session-counter-states.test.ts. Helpers: counter-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import type { IptSessionCounter, IptStore } from '../../src/index.js';
import { MemoryBackend } from '../../src/store/memory-backend.js';
import {
  $,
  $$,
  COURSE,
  FORMS,
  TODAY,
  badge,
  button,
  day,
  field,
  fieldIn,
  focusBefore,
  heading,
  holdWrites,
  log,
  memoryStore,
  mount,
  press,
  recordViaForm,
  retype,
  seed,
  settle,
  shown,
  summary,
  tabBackToStart,
  tabTo,
  textOf,
  type,
  typeDate,
  until,
  openSessions,
  pickInstrument,
} from './counter-helpers.js';

const focused = (el: IptSessionCounter) => el.shadowRoot!.activeElement as HTMLInputElement | HTMLSelectElement | null;
const stored = async (store: IptStore) => (await store.getCourse(COURSE))!;
/** The stored session of a date. */
const sessionOn = async (store: IptStore, date: string) => (await stored(store)).sessions.find((s) => s.date === date)!;

describe('ipt-session-counter: keyboard alone', () => {
  it('starts a course: Tab to the planned sessions, type, Tab to the date, type, Enter', async () => {
    const store = await memoryStore();
    const el = await mount({ store });
    focusBefore(el);
    await press('Tab');
    expect(focused(el)?.name, 'the first control').to.equal('planned');
    expect(focused(el)?.value).to.equal('16');
    await type('12'); // Tab selected the whole value
    await press('Tab');
    expect(focused(el)?.name).to.equal('start');
    await typeDate('2026-01-05');
    const changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'course', id: COURSE, op: 'create' });
    await settle(el);
    const { course } = await stored(store);
    expect([course.contract.sessions, course.start]).to.deep.equal([12, '2026-01-05']);
    expect(heading(el)).to.equal('No session yet of 12 planned');
    expect($(el, FORMS.start)).to.equal(null);
  });

  for (const [attribute, planned] of [[undefined, 16], ['20', 20]] as const) {
    it(`starts a course of ${planned} with Tab and Enter (planned-sessions ${attribute ?? 'unset'})`, async () => {
      const store = await memoryStore();
      const el = await mount({ store, planned: attribute });
      focusBefore(el);
      await press('Tab');
      expect(focused(el)?.value).to.equal(String(planned));
      const changed = log().next('ipt-change');
      await press('Enter');
      await changed;
      await settle(el);
      expect((await stored(store)).course.contract.sessions).to.equal(planned);
      expect(heading(el)).to.equal(`No session yet of ${planned} planned`);
    });
  }

  it('records a cancelled session, then an attended one with a PHQ-9 score', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store);
    const el = await mount({ store });
    focusBefore(el);
    await press('Tab');
    expect(focused(el)?.name, 'the first control').to.equal('date');
    await typeDate(day(0));
    await tabTo(el, fieldIn('record', 'status'), 'the status select');
    await type('Can'); // the status select, by type-ahead
    expect(focused(el)?.value).to.equal('cancelled');
    await tabTo(el, button('Record session'), 'the record button');
    let logged = log().next('ipt-session-logged');
    await press('Space');
    await logged;
    await settle(el);
    expect((await stored(store)).sessions.map((s) => [s.date, s.status])).to.deep.equal([[day(0), 'cancelled']]);

    await tabBackToStart(el);
    await tabTo(el, fieldIn('record', 'date'), 'the date field');
    await typeDate(day(1));
    await tabTo(el, fieldIn('record', 'take-PHQ-9'), 'the PHQ-9 box');
    await press(' ');
    await el.updateComplete;
    await tabTo(el, fieldIn('record', 'score-PHQ-9'), 'the score field');
    await type('14');
    logged = log().next('ipt-session-logged');
    await press('Enter');
    await logged;
    await settle(el);
    const state = await stored(store);
    const attended = state.sessions.find((s) => s.status === 'attended')!;
    expect(attended.date).to.equal(day(1));
    expect(state.measures.map((m) => [m.instrument, m.score, m.date, m.sessionId])).to.deep.equal([['PHQ-9', 14, day(1), attended.id]]);
    expect(heading(el)).to.equal('Session 1 of 16');
    expect(textOf($(el, 'figure[part="trend"] figcaption'))).to.match(/^Latest PHQ-9: 14 \(moderate\)/);
  });

  it('keeps an open edit of a session, and what was typed in it, when the list is folded and opened again', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    await openSessions(el);
    $$(el, 'button').find(button(/^Edit session 1 \(/))!.click();
    await el.updateComplete;
    const date = $<HTMLInputElement>(el, 'form[data-panel^="edit"] [name="date"]')!;
    date.value = day(5);
    date.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const details = $<HTMLDetailsElement>(el, 'details.sessions')!;
    const folded = new Promise((resolve) => details.addEventListener('toggle', resolve, { once: true }));
    details.open = false;
    await folded;
    await el.updateComplete;
    await openSessions(el);
    expect($<HTMLInputElement>(el, 'form[data-panel^="edit"] [name="date"]')?.value).to.equal(day(5));
  });

  it('edits a recorded session: open the list, Edit, change date and status, Save', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, summary(/^Recorded sessions \(2\)$/), 'the list of sessions');
    await press('Enter');
    expect($<HTMLDetailsElement>(el, 'details.sessions')!.open).to.equal(true);
    await tabTo(el, button(/^Edit session 1 \(/), 'the Edit button of session 1');
    await press('Enter');
    await el.updateComplete;
    // Opening the edit form moves focus to its first field.
    expect(fieldIn('edit', 'date')(focused(el)!)).to.equal(true);
    await typeDate(day(2));
    await tabTo(el, fieldIn('edit', 'status'), 'the status select');
    await type('No');
    expect(focused(el)?.value).to.equal('no-show');
    await tabTo(el, button('Save'), 'the Save button');
    const changed = log().next('ipt-change');
    await press('Space');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'session', id: 's1', op: 'update' });
    await settle(el);
    expect((await stored(store)).sessions.map((s) => [s.id, s.date, s.status]).sort()).to.deep.equal([
      ['s1', day(2), 'no-show'],
      ['s2', day(1), 'attended'],
    ]);
    expect($(el, 'tr.editing')).to.equal(null);
    expect(heading(el)).to.equal('Session 1 of 16');
  });

  it('removes a session and its measure: Remove, then Confirm removal; Cancel keeps it', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store, { sessions: 2, measures: [[1, 'PHQ-9', 12]] });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, summary(/^Recorded sessions/), 'the list of sessions');
    await press('Enter');
    await tabTo(el, button(/^Remove session 1 \(/), 'the Remove button of session 1');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, button('Cancel'), 'Cancel');
    await press('Enter');
    await settle(el);
    expect((await stored(store)).sessions).to.have.length(2);
    // Escape cancels too, and focus goes back to Remove.
    await tabTo(el, button(/^Remove session 1 \(/), 'the Remove button of session 1');
    await press('Enter');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Confirm removal');
    await press('Escape');
    await settle(el);
    expect($$(el, 'button').find(button('Confirm removal'))).to.equal(undefined);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.match(/^Remove session 1 \(/);

    await tabTo(el, button(/^Remove session 2 \(/), 'the Remove button of session 2');
    await press('Enter');
    await el.updateComplete;
    expect(shown(el)).to.contain('Its measure is removed too.');
    await tabTo(el, button('Confirm removal'), 'Confirm removal');
    const changed = log().next('ipt-change');
    await press('Space');
    await changed;
    await settle(el);
    expect(log().of('ipt-change')).to.deep.equal([
      { courseId: COURSE, entity: 'measure', id: 'm1', op: 'delete' },
      { courseId: COURSE, entity: 'session', id: 's2', op: 'delete' },
    ]);
    const state = await stored(store);
    expect([state.sessions.map((s) => s.id), state.measures]).to.deep.equal([['s1'], []]);
    expect(heading(el)).to.equal('Session 1 of 16');
  });

  it('renegotiates the contract twice; the history is kept and shown', async function () {
    this.timeout(60000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Renegotiate'), 'Renegotiate');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, fieldIn('contract', 'to'), 'the new number of sessions');
    await type('20');
    await press('Tab');
    await type('Slow start');
    let changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'course', id: COURSE, op: 'update' });
    await settle(el);
    expect(heading(el)).to.equal('Session 2 of 20');

    await tabTo(el, button('Renegotiate'), 'Renegotiate');
    await press('Enter');
    await el.updateComplete;
    // Focus is in the number field, its value selected: typing replaces it (it made "2018").
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('to');
    await type('18');
    changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect((await stored(store)).course.contract).to.deep.equal({
      sessions: 18,
      history: [
        { date: TODAY, from: 16, to: 20, reason: 'Slow start', held: 2 },
        { date: TODAY, from: 20, to: 18, held: 2 },
      ],
    });
    expect(shown(el)).to.contain('18 acute sessions contracted');
    await tabTo(el, summary(/^Contract history \(2\)$/), 'the contract history', true);
    await press('Enter');
    await el.updateComplete;
    const items = $$(el, 'section[aria-labelledby="contract-title"] details[open] li').map(textOf);
    expect(items).to.deep.equal(['Jun 1, 2026: 16 → 20 · Slow start', 'Jun 1, 2026: 20 → 18']);
  });

  it('sets a payer authorization', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    focusBefore(el);
    await tabTo(el, button('Add authorization'), 'Add authorization');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, fieldIn('authorization', 'sessions'), 'the authorized sessions');
    await type('10');
    await press('Tab');
    await typeDate('2026-01-01');
    await tabTo(el, fieldIn('authorization', 'end'), 'the end date');
    await typeDate('2026-12-31');
    await tabTo(el, fieldIn('authorization', 'lowAt'), 'the warning threshold');
    await type('3');
    await press('Tab');
    await type('PA-7');
    const changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect((await stored(store)).course.authorization).to.deep.equal({ sessions: 10, start: '2026-01-01', end: '2026-12-31', lowAt: 3, reference: 'PA-7' });
    expect(textOf($(el, 'section[part="authorization"] p'))).to.equal('2 of 10 authorized sessions used · 8 remaining · ends Dec 31, 2026');
    expect($$(el, 'section[part="authorization"] button').map(textOf)).to.deep.equal(['Update authorization']);
    expect(log().of('ipt-authorization-alert')).to.deep.equal([]);
  });

  it('offers maintenance only once the acute course is complete, then starts it and records a maintenance session', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the test runner, slow on a busy machine
    const store = await memoryStore();
    await seed(store, { planned: 4, sessions: 3 });
    const el = await mount({ store });
    expect($$(el, 'button').map(textOf)).to.not.include('Start maintenance');
    focusBefore(el);
    await tabTo(el, fieldIn('record', 'date'), 'the date field');
    await typeDate(day(3));
    let logged = log().next('ipt-session-logged');
    await press('Enter');
    await logged;
    await settle(el);
    expect(shown(el)).to.contain('Acute course complete');

    await tabTo(el, button('Start maintenance'), 'Start maintenance');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, fieldIn('maintenance', 'sessions'), 'the maintenance sessions');
    await type('8');
    await press('Tab');
    await typeDate('2026-02-02');
    await tabTo(el, fieldIn('maintenance', 'cadence'), 'the cadence select');
    await type('Ev'); // "Every two weeks"
    await tabTo(el, button('Save'), 'Save');
    const changed = log().next('ipt-change');
    await press('Enter');
    await changed;
    await settle(el);
    expect((await stored(store)).course.maintenance).to.deep.equal({ sessions: 8, start: '2026-02-02', cadence: 'biweekly' });
    expect(field<HTMLSelectElement>(el, 'record', 'kind').value).to.equal('maintenance');

    await tabBackToStart(el);
    await tabTo(el, fieldIn('record', 'date'), 'the date field');
    await typeDate('2026-02-02');
    const earlier = log().of('ipt-phase-change').length;
    logged = log().next('ipt-session-logged');
    await press('Enter');
    const detail = (await logged).detail;
    await settle(el);
    expect(detail).to.deep.include({ number: 1, status: 'attended', kind: 'maintenance', phase: 'maintenance' });
    expect(log().of('ipt-phase-change').slice(earlier)).to.deep.equal([{ courseId: COURSE, from: 'termination', to: 'maintenance', session: 4 }]);
    expect(heading(el)).to.equal('1 of 8 maintenance sessions · Every two weeks');
    expect(badge(el)).to.equal('Maintenance');
  });

  it('dismisses the error banner with the keyboard', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mount({ store, planned: 'abc' });
    expect($(el, '[role="alert"]')).to.not.equal(null);
    focusBefore(el);
    await tabTo(el, button('Dismiss'), 'Dismiss');
    await press('Enter');
    await el.updateComplete;
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('keeps the focus in the widget when a control it activated is replaced (Edit, Remove, Renegotiate, Add authorization)', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount({ store });
    await openSessions(el);
    const lost: string[] = [];
    for (const name of [/^Edit session 1/, /^Remove session 1/, /^Renegotiate$/, /^Add authorization$/]) {
      const control = $$(el, 'button').find(button(name))!;
      control.focus();
      await press('Enter');
      await el.updateComplete;
      if (!el.shadowRoot!.activeElement) lost.push(`${name.source} → focus on <${document.activeElement?.localName}>`);
      $$(el, 'button').find(button('Cancel'))?.click();
      await el.updateComplete;
    }
    expect(lost, 'controls after which the focus fell out of the widget').to.deep.equal([]);
  });
});

describe('ipt-session-counter: events', () => {
  it('fires ipt-ready once, after the course is rendered, and not again after changes', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    let atReady = '';
    const onReady = (e: Event) => (atReady = heading(e.target as Element));
    document.addEventListener('ipt-ready', onReady);
    try {
      const el = await mount({ store });
      expect(atReady).to.equal('Session 2 of 16');
      await recordViaForm(el, day(2));
      await settle(el);
      expect(log().of('ipt-ready')).to.deep.equal([{ courseId: COURSE }]);
    } finally {
      document.removeEventListener('ipt-ready', onReady);
    }
  });

  it('fires ipt-before-change (cancelable), then ipt-change, then ipt-session-logged; all bubble out of the shadow root', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mount({ store });
    await recordViaForm(el, day(0));
    await settle(el);
    const id = (await stored(store)).sessions[0]!.id;
    expect(log().types).to.deep.equal(['ipt-ready', 'ipt-before-change', 'ipt-change', 'ipt-session-logged']);
    expect(log().of('ipt-before-change')).to.deep.equal([{ courseId: COURSE, entity: 'session', action: 'record-session', id }]);
    expect(log().events('ipt-before-change')[0]!.cancelable).to.equal(true);
    expect(log().all.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('reads nothing from storage after its own action (the write gives the course), nor for its own change notice', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mount({ store });
    const read = MemoryBackend.prototype.read;
    let reads = 0;
    MemoryBackend.prototype.read = function (this: MemoryBackend, id: string) {
      reads++;
      return read.call(this, id);
    };
    try {
      await recordViaForm(el, day(0));
      await settle(el);
      expect(reads).to.equal(0);
      expect((el as unknown as { course: unknown }).course, 'the course the write gave').to.equal(await store.getCourse(COURSE));
      // A change from elsewhere (the host, another element) is still shown.
      await store.put(COURSE, 'session', { id: 'other', date: day(1), status: 'attended' });
      await settle(el);
      expect(heading(el)).to.equal('Session 2 of 16');
    } finally {
      MemoryBackend.prototype.read = read;
    }
  });

  it('fires the session logged and the phase change of a write that lands after the element switched course, once, with the course written to', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 3 });
    await seed(store, {}, 'c2');
    const el = await mount({ store });
    const { release, restore } = holdWrites(store);
    try {
      const logged = log().next('ipt-session-logged');
      field(el, 'record', 'date').value = day(5);
      $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
      await settle(el);
      el.courseId = 'c2';
      await settle(el);
      release();
      expect((await logged).detail).to.deep.include({ courseId: COURSE, number: 4, phase: 'middle' });
      await settle(el);
      expect(log().of('ipt-phase-change')).to.deep.equal([{ courseId: COURSE, from: 'initial', to: 'middle', session: 4 }]);
      expect(log().of('ipt-session-logged')).to.have.length(1);
      expect(heading(el), 'the other course shows').to.equal('No session yet of 16 planned');
    } finally {
      restore();
    }
  });

  it('writes nothing when ipt-before-change is cancelled, and keeps what was typed', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount({ store });
    const before = await stored(store);
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('ipt-before-change', cancel);
    field(el, 'record', 'date').value = day(5);
    field<HTMLSelectElement>(el, 'record', 'status').value = 'no-show';
    let asked = log().next('ipt-before-change');
    $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
    await asked;
    await openSessions(el);
    $$(el, 'button').find(button(/^Remove session 1/))!.click();
    await el.updateComplete;
    asked = log().next('ipt-before-change');
    $$(el, 'button').find(button('Confirm removal'))!.click();
    await asked;
    await new Promise((r) => setTimeout(r, 100));
    await el.updateComplete;
    expect(log().of('ipt-before-change').map((d) => d.action)).to.deep.equal(['record-session', 'remove-session']);
    expect(await stored(store)).to.deep.equal(before);
    expect(log().of('ipt-change')).to.deep.equal([]);
    expect(log().of('ipt-session-logged')).to.deep.equal([]);
    expect([field(el, 'record', 'date').value, field(el, 'record', 'status').value]).to.deep.equal([day(5), 'no-show']);
    expect(heading(el)).to.equal('Session 1 of 16');
  });

  it('writes no course when starting it is cancelled', async () => {
    const store = await memoryStore();
    const el = await mount({ store });
    el.addEventListener('ipt-before-change', (e) => e.preventDefault());
    const asked = log().next('ipt-before-change');
    $<HTMLFormElement>(el, FORMS.start)!.requestSubmit();
    expect((await asked).detail).to.deep.equal({ courseId: COURSE, entity: 'course', id: COURSE, action: 'start-course' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await store.listCourses()).to.deep.equal([]);
    expect($(el, FORMS.start)).to.not.equal(null);
  });

  it('fires ipt-change with {courseId, entity, id, op} for each record an action writes', async () => {
    const store = await memoryStore();
    const el = await mount({ store });
    const changes = async (act: () => void) => {
      const from = log().of('ipt-change').length;
      const changed = log().next('ipt-change');
      act();
      await changed;
      await settle(el);
      return log().of('ipt-change').slice(from);
    };
    expect(await changes(() => $<HTMLFormElement>(el, FORMS.start)!.requestSubmit())).to.deep.equal([
      { courseId: COURSE, entity: 'course', id: COURSE, op: 'create' },
    ]);
    field(el, 'record', 'date').value = day(0);
    await pickInstrument(el, 'GAD-7');
    field(el, 'record', 'score-GAD-7').value = '9';
    const recorded = await changes(() => $<HTMLFormElement>(el, FORMS.record)!.requestSubmit());
    const state = await stored(store);
    expect(recorded).to.deep.equal([
      { courseId: COURSE, entity: 'session', id: state.sessions[0]!.id, op: 'create' },
      { courseId: COURSE, entity: 'measure', id: state.measures[0]!.id, op: 'create' },
    ]);
    await openSessions(el);
    $$(el, 'button').find(button(/^Edit session 1/))!.click();
    await el.updateComplete;
    expect(await changes(() => $<HTMLFormElement>(el, FORMS.edit)!.requestSubmit())).to.deep.equal([
      { courseId: COURSE, entity: 'session', id: state.sessions[0]!.id, op: 'update' },
    ]);
    $$(el, 'button').find(button(/^Remove session 1/))!.click();
    await el.updateComplete;
    expect(await changes(() => $$(el, 'button').find(button('Confirm removal'))!.click())).to.deep.equal([
      { courseId: COURSE, entity: 'measure', id: state.measures[0]!.id, op: 'delete' },
      { courseId: COURSE, entity: 'session', id: state.sessions[0]!.id, op: 'delete' },
    ]);
  });

  it('fires ipt-session-logged with number and phase for attended sessions only', async () => {
    const store = await memoryStore();
    await seed(store);
    const el = await mount({ store });
    const details = [];
    for (const [i, status] of (['attended', 'cancelled', 'no-show', 'attended'] as const).entries()) {
      details.push((await recordViaForm(el, day(i), status)).detail);
    }
    const ids = await Promise.all([0, 1, 2, 3].map(async (i) => (await sessionOn(store, day(i))).id));
    const base = { courseId: COURSE, kind: 'acute' };
    expect(details).to.deep.equal([
      { ...base, sessionId: ids[0], status: 'attended', number: 1, phase: 'initial' },
      { ...base, sessionId: ids[1], status: 'cancelled' },
      { ...base, sessionId: ids[2], status: 'no-show' },
      { ...base, sessionId: ids[3], status: 'attended', number: 2, phase: 'initial' },
    ]);
    expect(heading(el)).to.equal('Session 2 of 16');
  });

  it('fires ipt-authorization-alert once when the authorization runs low and once when it is used up', async () => {
    const store = await memoryStore();
    await seed(store, { authorization: { sessions: 4, lowAt: 2 } });
    const el = await mount({ store });
    const alerts: unknown[][] = [];
    const banners: string[] = [];
    for (let i = 0; i < 5; i++) {
      const from = log().of('ipt-authorization-alert').length;
      await recordViaForm(el, day(i));
      await settle(el);
      alerts.push(log().of('ipt-authorization-alert').slice(from));
      banners.push(textOf($(el, 'section[part="authorization"] [role="status"]')));
    }
    const end = '2026-12-31';
    expect(alerts).to.deep.equal([
      [],
      [{ courseId: COURSE, state: 'low', remaining: 2, authorized: 4, end }],
      [],
      [{ courseId: COURSE, state: 'exhausted', remaining: 0, authorized: 4, end }],
      [],
    ]);
    const low = 'Authorization running low.';
    const out = 'Authorization used up: further sessions are not covered.';
    expect(banners).to.deep.equal(['', low, low, out, out]);
  });

  it('announces nothing when the host writes or imports through the store or sets properties', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 3, authorization: { sessions: 20 } });
    await seed(store, { sessions: 14 }, 'c2');
    const el = await mount({ store });
    await store.put(COURSE, 'session', { id: 'host-4', date: day(3), status: 'attended' });
    await until(el, () => heading(el) === 'Session 4 of 16', 'the host-written session shows');
    expect(badge(el)).to.equal('Middle phase');
    await seed(store, { sessions: 13, authorization: { sessions: 14 } });
    await until(el, () => heading(el) === 'Session 13 of 16', 'the imported course shows');
    expect($(el, '[part="window"]')).to.not.equal(null);
    expect(shown(el)).to.contain('Authorization running low');
    el.courseId = 'c2';
    await until(el, () => heading(el) === 'Session 14 of 16', 'the other course shows');
    expect(badge(el)).to.equal('Termination phase');
    el.today = '2027-06-01';
    el.plannedSessions = 12;
    await settle(el);
    const announced = log().types.filter((t) => t !== 'ipt-ready');
    expect(announced).to.deep.equal([]);
  });

  it('shows an expired authorization when the host moves `today` past its end', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 2, authorization: { sessions: 10, end: '2026-12-31' } });
    const el = await mount({ store });
    el.today = '2027-01-15';
    await settle(el);
    expect(shown(el)).to.contain('Authorization expired.');
  });
});

/** Where the phases of a contract lie by default: [last initial session, first termination session]. */
const BOUNDS = { 12: [3, 10], 16: [3, 14], 20: [3, 18] } as const;

describe('ipt-session-counter: phases of 12-, 16- and 20-session contracts', () => {
  for (const planned of [12, 16, 20] as const) {
    it(`moves through the phases of a ${planned}-session contract, announcing each crossing once`, async () => {
      const [initialEnd, terminationStart] = BOUNDS[planned];
      const store = await memoryStore();
      await seed(store, { planned });
      const el = await mount({ store });
      expect($$(el, '.legend .key').map(textOf)).to.deep.equal([
        `Initial phase 1–${initialEnd}`,
        `Middle phase ${initialEnd + 1}–${terminationStart - 1}`,
        `Termination phase ${terminationStart}–${planned}`,
      ]);
      expect([heading(el), badge(el)]).to.deep.equal([`No session yet of ${planned} planned`, 'Initial phase']);
      for (let n = 1; n <= planned; n++) {
        const from = log().all.length;
        await recordViaForm(el, day(n));
        await settle(el);
        const fired = log().all.slice(from);
        const phase = n <= initialEnd ? 'Initial phase' : n >= terminationStart ? 'Termination phase' : 'Middle phase';
        expect([heading(el), badge(el)], `after session ${n}`).to.deep.equal([`Session ${n} of ${planned}`, phase]);
        const left = planned - n;
        expect(textOf($(el, '[part="window"]')), `window after session ${n}`).to.equal(
          left > 0 && left <= 3 ? `${left === 1 ? 'One session' : `${left} sessions`} left: discuss the ending with the patient now.` : '',
        );
        const phaseChanges = fired.filter((e) => e.type === 'ipt-phase-change').map((e) => e.detail);
        const windows = fired.filter((e) => e.type === 'ipt-termination-window').map((e) => e.detail);
        expect(phaseChanges, `phase changes at session ${n}`).to.deep.equal(
          n === initialEnd + 1
            ? [{ courseId: COURSE, from: 'initial', to: 'middle', session: n }]
            : n === terminationStart
              ? [{ courseId: COURSE, from: 'middle', to: 'termination', session: n }]
              : [],
        );
        expect(windows, `termination window at session ${n}`).to.deep.equal(
          n === planned - 3 ? [{ courseId: COURSE, sessionsLeft: 3, planned }] : [],
        );
      }
      expect(shown(el)).to.contain('Acute course complete');
      expect(log().of('ipt-phase-change')).to.have.length(2);
      expect(log().of('ipt-termination-window')).to.have.length(1);
    });
  }
});
