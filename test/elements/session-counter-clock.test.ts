/**
 * <ipt-session-counter>: the course clock as a clinician reads it (issue 19). A renegotiation
 * changes only what lies ahead; short contracts have all three phases; dates are checked; the
 * payer authorization is read against the contract. Helpers: counter-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import type { IptSessionCounter, IptStore } from '../../src/index.js';
import { $, $$, COURSE, FORMS, badge, day, field, heading, log, memoryStore, mount, openSessions, pickInstrument, recordViaForm, seed, settle, textOf, until, type Seed } from './counter-helpers.js';

const stored = async (store: IptStore) => (await store.getCourse(COURSE))!;

/** Opens the renegotiation form, types the new number and submits it. */
async function renegotiateTo(el: IptSessionCounter, to: number) {
  if (!$(el, FORMS.contract)) {
    $<HTMLButtonElement>(el, '[data-opens="renegotiate"]')!.click();
    await el.updateComplete;
  }
  field(el, 'contract', 'to').value = String(to);
  $<HTMLFormElement>(el, FORMS.contract)!.requestSubmit();
}

/** A counter over a seeded course in a memory store. */
async function counterOf(s: Seed) {
  const store = await memoryStore();
  await seed(store, s);
  return { store, el: await mount({ store }) };
}

/** Renegotiates through the form and waits until it is stored and shown. */
async function renegotiated(el: IptSessionCounter, to: number) {
  const changed = log().next('ipt-change');
  await renegotiateTo(el, to);
  await changed;
  await settle(el);
}

const legend = (el: IptSessionCounter) => $$(el, '.legend .key').map(textOf);
/** The phase column of the session list, session 1 first. */
async function listedPhases(el: IptSessionCounter) {
  await openSessions(el);
  return $$(el, 'details.sessions tbody tr').map((tr) => textOf(tr.children[3])).reverse();
}

describe('ipt-session-counter: a renegotiation changes only what lies ahead', () => {
  it('keeps sessions 14 and 15, held in termination, in termination after 16 becomes 18; the track marks the change', async function () {
    this.timeout(30000); // axe over an open list of 15 sessions, slow on a busy machine
    const { store, el } = await counterOf({ planned: 16, sessions: 15 });
    expect((await listedPhases(el)).slice(12)).to.deep.equal(['Middle phase', 'Termination phase', 'Termination phase']);
    await renegotiated(el, 18);
    expect((await stored(store)).course.contract.sessions).to.equal(18);
    expect([heading(el), badge(el)]).to.deep.equal(['Session 15 of 18', 'Termination phase']);
    expect((await listedPhases(el)).slice(12)).to.deep.equal(['Middle phase', 'Termination phase', 'Termination phase']);
    expect(legend(el)).to.deep.equal(['Initial phase 1–3', 'Middle phase 4–13', 'Termination phase 14–18']);
    expect(log().of('ipt-phase-change'), 'a renegotiation moves no session to another phase').to.deep.equal([]);
    // The track: 15 held, the renegotiation's bar, then 16-18 still planned.
    const track = $$(el, '[part="track"] ol > li');
    expect(track.map((li) => li.className.replace(/\s+/g, ' ').trim())).to.deep.equal([
      ...Array.from({ length: 15 }, (_, i) => `cell ${i < 3 ? 'initial' : i < 13 ? 'middle' : 'termination'} done`),
      'change',
      ...Array(3).fill('cell termination todo'),
    ]);
    expect(track[15]!.title).to.equal('Jun 1, 2026: 16 → 18');
    await expect(el).to.be.accessible();
  });

  it('after 16 becomes 20, the sessions ahead take the new contract: the legend shows the phases as held and as planned', async () => {
    const { el } = await counterOf({ planned: 16, sessions: 15 });
    await renegotiated(el, 20);
    expect(legend(el)).to.deep.equal(['Initial phase 1–3', 'Middle phase 4–13', 'Termination phase 14–15', 'Middle phase 16–17', 'Termination phase 18–20']);
    const logged = await recordViaForm(el, '2026-06-01');
    expect(logged.detail).to.include({ number: 16, phase: 'middle' });
    await settle(el);
    expect((await listedPhases(el)).slice(13)).to.deep.equal(['Termination phase', 'Termination phase', 'Middle phase']);
  });

  it('refuses a contract below the sessions held: invalid-input, shown, nothing stored, the typed number kept', async () => {
    const { store, el } = await counterOf({ planned: 12, sessions: 4 });
    const failed = log().next('ipt-error');
    await renegotiateTo(el, 2);
    expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'to' });
    await el.updateComplete;
    expect(textOf($(el, '[part="error"]'))).to.contain('4 acute sessions have been held');
    expect((await stored(store)).course.contract).to.deep.equal({ sessions: 12, history: [] });
    expect(field(el, 'contract', 'to').value).to.equal('2');
    expect(heading(el)).to.equal('Session 4 of 12');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-session-counter: short contracts have all three phases', () => {
  for (const [planned, keys] of [
    [3, ['Initial phase 1', 'Middle phase 2', 'Termination phase 3']],
    [6, ['Initial phase 1–2', 'Middle phase 3–4', 'Termination phase 5–6']],
  ] as const) {
    it(`${planned} sessions: the legend shows three phases, and the ending is not due before the initial phase is over`, async function () {
      this.timeout(30000); // six sessions recorded through the form, slow on a busy machine
      const { el } = await counterOf({ planned });
      expect(legend(el)).to.deep.equal(keys);
      expect($(el, '[part="window"]'), 'no prompt before session 1').to.equal(null);
      const windows: number[] = [];
      for (let n = 1; n <= planned; n++) {
        await recordViaForm(el, day(n));
        await settle(el);
        if ($(el, '[part="window"]')) windows.push(n);
      }
      expect(windows[0], 'the prompt first shows after session').to.equal(planned === 3 ? 1 : 3);
      expect(log().of('ipt-phase-change').map((p) => [p.from, p.to, p.session])).to.deep.equal(
        planned === 3 ? [['initial', 'middle', 2], ['middle', 'termination', 3]] : [['initial', 'middle', 3], ['middle', 'termination', 5]],
      );
    });
  }
});

describe('ipt-session-counter: the dates of sessions are checked', () => {
  /** Submits the record form with a date and status, as a user would. */
  function submitRecord(el: IptSessionCounter, date: string, status = 'attended') {
    field(el, 'record', 'date').value = date;
    field<HTMLSelectElement>(el, 'record', 'status').value = status;
    $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
  }
  const question = (el: IptSessionCounter) => textOf($(el, '#date-question'));
  const focusedOn = (el: IptSessionCounter) => el.shadowRoot!.activeElement;

  for (const status of ['attended', 'no-show'] as const) {
    it(`refuses a ${status} visit dated after today: invalid-input, shown, nothing stored, the date kept`, async () => {
      const { store, el } = await counterOf({ sessions: 2, start: day(0) });
      const failed = log().next('ipt-error');
      submitRecord(el, '2027-06-01', status);
      expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'date' });
      await el.updateComplete;
      expect(textOf($(el, '[part="error"]'))).to.contain('cannot be dated after today');
      expect((await stored(store)).sessions).to.have.length(2);
      expect(field(el, 'record', 'date').value).to.equal('2027-06-01');
      expect(log().of('ipt-session-logged')).to.deep.equal([]);
    });
  }

  it('records a cancellation entered ahead', async () => {
    const { store, el } = await counterOf({ sessions: 2, start: day(0) });
    const logged = log().next('ipt-session-logged');
    submitRecord(el, '2026-06-08', 'cancelled');
    expect((await logged).detail).to.deep.include({ status: 'cancelled' });
    expect((await stored(store)).sessions).to.have.length(3);
  });

  it('asks before recording a visit dated before the course started; Keep this date records it', async () => {
    const { store, el } = await counterOf({ sessions: 2, start: day(0) });
    submitRecord(el, day(-3));
    await el.updateComplete;
    expect(question(el)).to.equal('This date is before the course started (Jan 5, 2026).');
    await until(el, () => focusedOn(el)?.hasAttribute('data-keep-date') === true, 'focus on Keep this date');
    expect((await stored(store)).sessions, 'nothing stored while asking').to.have.length(2);
    await expect(el).to.be.accessible();
    const logged = log().next('ipt-session-logged');
    (focusedOn(el) as HTMLButtonElement).click();
    expect((await logged).detail).to.deep.include({ number: 1, status: 'attended' });
    await settle(el);
    expect((await stored(store)).sessions.map((s) => s.date).sort()).to.deep.equal([day(-3), day(0), day(1)]);
    expect($(el, '#date-question')).to.equal(null);
  });

  it('asks before recording a second visit on one date; Change the date records nothing and goes back to the date', async () => {
    const { store, el } = await counterOf({ sessions: 2, start: day(0) });
    submitRecord(el, day(1), 'no-show');
    await el.updateComplete;
    expect(question(el)).to.equal('Another visit is already recorded on this date.');
    [...$$<HTMLButtonElement>(el, '.ask button')].find((b) => textOf(b) === 'Change the date')!.click();
    await el.updateComplete;
    expect($(el, '#date-question')).to.equal(null);
    expect(focusedOn(el)?.getAttribute('name')).to.equal('date');
    expect((await stored(store)).sessions).to.have.length(2);
    // Another date is checked afresh: none to ask about, it is recorded at once.
    const logged = log().next('ipt-session-logged');
    submitRecord(el, day(2), 'no-show');
    await logged;
    expect((await stored(store)).sessions).to.have.length(3);
  });

  it('asks in the edit row before a correction moves a visit onto the date of another', async () => {
    const { store, el } = await counterOf({ sessions: 2, start: day(0) });
    await openSessions(el);
    $<HTMLButtonElement>(el, '[data-opens="edit:s2"]')!.click();
    await el.updateComplete;
    field(el, 'edit', 'date').value = day(0);
    $<HTMLFormElement>(el, FORMS.edit)!.requestSubmit();
    await el.updateComplete;
    expect(textOf($(el, `${FORMS.edit} #date-question`))).to.equal('Another visit is already recorded on this date.');
    await expect(el).to.be.accessible();
    const changed = log().next('ipt-change');
    $<HTMLButtonElement>(el, `${FORMS.edit} [data-keep-date]`)!.click();
    expect((await changed).detail).to.deep.include({ entity: 'session', id: 's2', op: 'update' });
    expect((await stored(store)).sessions.map((s) => s.date)).to.deep.equal([day(0), day(0)]);
  });
});

describe('ipt-session-counter: the payer authorization against the contract', () => {
  const cover = (el: IptSessionCounter) => textOf($(el, '[part="authorization"] .cover'));

  it('says from the start that 12 authorized sessions leave 4 of a 16-session contract uncovered', async () => {
    const { el } = await counterOf({ planned: 16, authorization: { sessions: 12 } });
    expect(cover(el)).to.equal('It covers 12 of the 16 contracted sessions: 4 are not covered.');
    await expect(el).to.be.accessible();
  });

  it('says nothing more when the authorization covers the contract', async () => {
    const { el } = await counterOf({ planned: 12, authorization: { sessions: 12 } });
    expect($(el, '[part="authorization"] .cover')).to.equal(null);
  });

  it('entered after 3 sessions were held, says how many of them it does not cover', async () => {
    const { el } = await counterOf({ planned: 16, sessions: 3 });
    $<HTMLButtonElement>(el, '[data-opens="authorization"]')!.click();
    await el.updateComplete;
    field(el, 'authorization', 'sessions').value = '12';
    field(el, 'authorization', 'start').value = day(3);
    field(el, 'authorization', 'end').value = '2026-12-31';
    const changed = log().next('ipt-change');
    $<HTMLFormElement>(el, FORMS.authorization)!.requestSubmit();
    await changed;
    await settle(el);
    expect(cover(el)).to.equal('It covers 12 of the 13 contracted sessions from its start: 1 is not covered. 3 sessions held before its start are not covered by it.');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-session-counter: the end of the contract, offered neutrally', () => {
  const OPTIONS = ['end the acute phase', 'agree maintenance sessions', 'renegotiate the contract, with its reason', 'refer on to another treatment'];
  const ending = (el: IptSessionCounter) => $(el, '[part="ending"]');

  it('once the contracted sessions are held, offers ending, maintenance, renegotiation and referral side by side', async () => {
    const { el } = await counterOf({ planned: 12, sessions: 11 });
    expect(ending(el)).to.equal(null);
    await recordViaForm(el, day(11));
    await settle(el);
    expect(textOf(ending(el)?.querySelector('p'))).to.equal('The contracted sessions are held. What follows is agreed with the patient:');
    expect($$(el, '[part="ending"] li').map(textOf)).to.deep.equal(OPTIONS);
    await expect(el).to.be.accessible();
  });

  it('says how many sessions are beyond the contract without telling the clinician to renegotiate; no extension is urged', async () => {
    const { el } = await counterOf({ planned: 12, sessions: 14, authorization: { sessions: 15 } });
    const summary = textOf($(el, '[part="summary"]'));
    expect(summary).to.contain('2 beyond the contract');
    expect(summary).to.not.match(/renegotiate it/i);
    expect(textOf($(el, '[part="authorization"]'))).to.contain('Authorization running low.');
    expect(textOf(el.shadowRoot as unknown as Element)).to.not.match(/extension/i);
  });

  it('offers nothing more once maintenance is agreed', async () => {
    const { el } = await counterOf({ planned: 12, sessions: 12, maintenance: { sessions: 6, start: day(20) } });
    expect(ending(el)).to.equal(null);
  });
});

describe('ipt-session-counter: no measure on a cancelled or missed visit', () => {
  it('refuses a no-show recorded with a PHQ-9 score: invalid-input, shown, nothing stored, the form kept', async () => {
    const { store, el } = await counterOf({ sessions: 2 });
    field(el, 'record', 'date').value = day(5);
    field<HTMLSelectElement>(el, 'record', 'status').value = 'no-show';
    await pickInstrument(el, 'PHQ-9');
    field(el, 'record', 'score-PHQ-9').value = '20';
    const failed = log().next('ipt-error');
    $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
    expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'instrument' });
    await el.updateComplete;
    expect(textOf($(el, '[part="error"]'))).to.contain('a cancelled or missed session holds no measure');
    const state = await stored(store);
    expect([state.sessions.length, state.measures.length]).to.deep.equal([2, 0]);
    expect(field(el, 'record', 'score-PHQ-9').value).to.equal('20');
    expect(textOf($(el, '[part="measures"]'))).to.not.contain('Latest PHQ-9');
  });

  it('refuses to mark a visit with a measure as missed', async () => {
    const { store, el } = await counterOf({ sessions: 2, measures: [[1, 'PHQ-9', 12]] });
    await openSessions(el);
    $<HTMLButtonElement>(el, '[data-opens="edit:s2"]')!.click();
    await el.updateComplete;
    field<HTMLSelectElement>(el, 'edit', 'status').value = 'no-show';
    const failed = log().next('ipt-error');
    $<HTMLFormElement>(el, FORMS.edit)!.requestSubmit();
    expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'status' });
    expect((await stored(store)).sessions.map((s) => s.status)).to.deep.equal(['attended', 'attended']);
  });
});

describe('ipt-session-counter: EPDS bands', () => {
  it('names the band of an EPDS score of 14 (probable depression) and draws the three bands', async () => {
    const { el } = await counterOf({ sessions: 2, measures: [[0, 'EPDS', 9], [1, 'EPDS', 14]] });
    expect(textOf($(el, '[part="trend"] figcaption'))).to.equal('Latest EPDS: 14 (probable depression) on Jan 6, 2026');
    expect($$(el, '[part="trend"] rect.band').map((r) => r.getAttribute('class'))).to.deep.equal([
      'band below-threshold',
      'band possible-depression',
      'band probable-depression',
    ]);
    expect($(el, '[part="trend"] svg')!.getAttribute('aria-label')).to.equal('EPDS over the course');
    expect($$(el, '[part="trend"] .point').map((p) => p.getAttribute('aria-label'))).to.deep.equal([
      '9 (below threshold) on Jan 5, 2026',
      '14 (probable depression) on Jan 6, 2026',
    ]);
    await expect(el).to.be.accessible();
  });
});
