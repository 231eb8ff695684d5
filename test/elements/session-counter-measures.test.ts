/**
 * <ipt-session-counter>: symptom measures as a clinician records and reads them (issue 19, items
 * 6-9; issue 22, item 12): several instruments at one visit, a measure added, corrected or removed
 * on its own, the HAM-D version, response and remission, a trend that can be read, the expected
 * date and the last instruments offered. Helpers: counter-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import type { IptSessionCounter, IptStore, Measure } from '../../src/index.js';
import { $, $$, COURSE, FORMS, TODAY, button, day, field, focusBefore, log, memoryStore, mount, openSessions, pickInstrument, press, recordViaForm, seed, settle, tabTo, textOf, ticked, until, type Seed } from './counter-helpers.js';
import { shownDate } from './helpers.js';

const stored = async (store: IptStore) => (await store.getCourse(COURSE))!;

async function counterOf(s: Seed, today?: string) {
  const store = await memoryStore();
  await seed(store, s);
  return { store, el: await mount({ store, ...(today ? { today } : {}) }) };
}

/** Submits a form and waits for the change it writes to be shown. */
async function submitted(el: IptSessionCounter, form: keyof typeof FORMS) {
  const changed = log().next('ipt-change');
  $<HTMLFormElement>(el, FORMS[form])!.requestSubmit();
  await changed;
  await settle(el);
}

/** Opens the edit panel of a session (the list open). */
async function editSession(el: IptSessionCounter, n: number) {
  await openSessions(el);
  $$(el, 'button').find(button(new RegExp(`^Edit session ${n} `)))!.click();
  await el.updateComplete;
}

const listed = (el: IptSessionCounter) => $$(el, 'details.sessions tbody tr').map((tr) => textOf(tr.children[4])).reverse();
/** The measures stored, by instrument (the store orders them by id). */
const brief = (ms: readonly Measure[]) => ms.map((m) => [m.instrument, m.score, m.sessionId, ...(m.version ? [m.version] : [])]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('ipt-session-counter: several instruments at one visit', () => {
  it('records a PHQ-9 and a GAD-7 at one visit, both on that session', async () => {
    const { store, el } = await counterOf({ sessions: 1 });
    field(el, 'record', 'date').value = day(7);
    await pickInstrument(el, 'PHQ-9');
    await pickInstrument(el, 'GAD-7');
    field(el, 'record', 'score-PHQ-9').value = '14';
    field(el, 'record', 'score-GAD-7').value = '9';
    await expect(el).to.be.accessible();
    const logged = log().next('ipt-session-logged');
    $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
    await logged;
    await settle(el);
    const state = await stored(store);
    const visit = state.sessions.find((s) => s.date === day(7))!;
    expect(brief(state.measures)).to.deep.equal([
      ['GAD-7', 9, visit.id],
      ['PHQ-9', 14, visit.id],
    ]);
    await openSessions(el);
    expect(listed(el)).to.deep.equal(['–', 'PHQ-9 14, GAD-7 9']);
    expect($$(el, 'figure[part="trend"]')).to.have.length(2);
  });
});

describe('ipt-session-counter: a measure of a recorded session added, corrected or removed on its own', () => {
  it('corrects a mistyped score, adds a GAD-7, then removes the PHQ-9: the session stays', async () => {
    const { store, el } = await counterOf({ sessions: 2, measures: [[1, 'PHQ-9', 21]] });
    await editSession(el, 2);
    expect(ticked(el, 'edit')).to.deep.equal(['PHQ-9']);
    expect(field(el, 'edit', 'score-PHQ-9').value).to.equal('21');
    await expect(el).to.be.accessible();
    field(el, 'edit', 'score-PHQ-9').value = '12';
    await pickInstrument(el, 'GAD-7', true, 'edit');
    field(el, 'edit', 'score-GAD-7').value = '8';
    await submitted(el, 'edit');
    let state = await stored(store);
    expect(brief(state.measures)).to.deep.equal([
      ['GAD-7', 8, 's2'],
      ['PHQ-9', 12, 's2'],
    ]);
    expect(state.measures.find((m) => m.instrument === 'PHQ-9')!.id).to.equal('m1'); // corrected, not replaced
    expect(listed(el)).to.deep.equal(['–', 'PHQ-9 12, GAD-7 8']);

    await editSession(el, 2);
    await pickInstrument(el, 'PHQ-9', false, 'edit');
    expect($(el, `${FORMS.edit} [name="score-PHQ-9"]`)).to.equal(null);
    await submitted(el, 'edit');
    state = await stored(store);
    expect(brief(state.measures)).to.deep.equal([['GAD-7', 8, 's2']]);
    expect(state.sessions.map((s) => s.id)).to.deep.equal(['s1', 's2']);
    expect(textOf($(el, '[part="measures"]'))).to.not.contain('PHQ-9');
  });
});

describe('ipt-session-counter: HAM-D versions', () => {
  it('stores the version taken and takes a score up to its maximum: 60 on the 21-item version, not on the 17-item one', async () => {
    const { store, el } = await counterOf({ sessions: 1 });
    field(el, 'record', 'date').value = day(7);
    await pickInstrument(el, 'HAM-D');
    const score = () => field(el, 'record', 'score-HAM-D');
    expect(score().max).to.equal('52');
    score().value = '60';
    expect(score().validity.rangeOverflow).to.equal(true);
    const version = field<HTMLSelectElement>(el, 'record', 'version');
    expect([...version.options].map((o) => o.textContent!.trim())).to.deep.equal(['17 items', '21 items', '24 items']);
    version.value = '21';
    version.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(score().max).to.equal('63');
    expect(score().validity.valid).to.equal(true);
    await expect(el).to.be.accessible();
    await submitted(el, 'record');
    const state = await stored(store);
    expect(brief(state.measures)).to.deep.equal([['HAM-D', 60, state.sessions.find((s) => s.date === day(7))!.id, 21]]);
    expect(textOf($(el, 'figure[part="trend"] figcaption'))).to.match(/^Latest HAM-D \(21 items\): 60 on /);
  });
});

describe('ipt-session-counter: response and remission', () => {
  it('marks response (a fall of 50% or more) and remission (PHQ-9 below 5) on the trend and says them', async () => {
    const { el } = await counterOf({ sessions: 4, every: 7, measures: [[0, 'PHQ-9', 18], [1, 'PHQ-9', 12], [2, 'PHQ-9', 9], [3, 'PHQ-9', 4]] });
    const trend = $(el, 'figure[part="trend"]')!;
    expect(textOf(trend.querySelector('.outcome'))).to.equal(
      `78% below the first score (18 on Jan 5, 2026): response (a fall of 50% or more) and remission (below 5).`,
    );
    const marked = [...trend.querySelectorAll('.point')].map((p) => [...p.querySelectorAll('.mark')].map((c) => c.getAttribute('class')));
    expect(marked).to.deep.equal([[], [], ['mark response'], ['mark remission', 'mark response']]);
    expect(trend.querySelectorAll('.point')[3]!.getAttribute('aria-label')).to.equal('4 (minimal) on Jan 26, 2026 · Response, Remission');
    expect([...trend.querySelectorAll('tbody tr')].map((tr) => textOf(tr.children[3]))).to.deep.equal(['–', '-33%', '-50% · Response', '-78% · Response, Remission']);
    await expect(el).to.be.accessible();
  });

  it('says a rise as a rise, and marks nothing short of a response', async () => {
    const { el } = await counterOf({ sessions: 2, measures: [[0, 'GAD-7', 10], [1, 'GAD-7', 12]] });
    expect(textOf($(el, '.outcome'))).to.equal('20% above the first score (10 on Jan 5, 2026).');
    expect($$(el, '.mark')).to.have.length(0);
  });
});

describe('ipt-session-counter: a trend that can be read', () => {
  /** A counter in a container `width` px wide. */
  async function sized(width: number, s: Seed) {
    const { el } = await counterOf(s);
    el.parentElement!.style.width = `${width}px`;
    const chart = () => Number($(el, 'figure[part="trend"] svg')?.getAttribute('width'));
    const box = () => $(el, '.trends')!.getBoundingClientRect().width;
    try {
      await until(el, () => Math.abs(box() - chart()) < 9, 'the chart drawn at its width');
    } catch {
      throw new Error(`the chart drawn ${chart()} px wide in ${box()} px`);
    }
    return el;
  }

  it('draws scores on a time axis with the score axis, band names and dates, sized to its container', async () => {
    const el = await sized(900, { sessions: 3, measures: [[0, 'PHQ-9', 20], [1, 'PHQ-9', 16], [2, 'PHQ-9', 11]], every: 1 });
    const svg = $(el, 'figure[part="trend"] svg')!;
    const texts = [...svg.querySelectorAll('text.tick')].map((t) => t.textContent!.trim());
    expect(texts).to.deep.equal(['0', '5', '10', '15', '20', '27', 'Jan 5, 2026', 'Jan 7, 2026']);
    expect([...svg.querySelectorAll('text.band-name')].map((t) => t.textContent!.trim())).to.deep.equal(['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
    const wide = Number(svg.getAttribute('width'));
    expect(wide).to.be.greaterThan(700);
    // The x axis is time: points a day apart lie as far apart as the days.
    const xs = [...svg.querySelectorAll('.dot')].map((c) => Number(c.getAttribute('cx')));
    expect(Math.abs(xs[1]! - xs[0]! - (xs[2]! - xs[1]!))).to.be.lessThan(0.01);
    el.parentElement!.style.width = '390px';
    // The runner's pages in the background get no ResizeObserver report: a render measures it too.
    el.requestUpdate();
    await until(el, () => Number(svg.getAttribute('width')) < 400, 'redrawn narrower');
    await expect(el).to.be.accessible();
  });

  it('places points by date, not by their order', async () => {
    const el = await sized(600, { sessions: 3, every: 1, measures: [[0, 'GAD-7', 10], [1, 'GAD-7', 8], [2, 'GAD-7', 4]] });
    // Sessions on days 0, 1 and 2 of a 3-day course: even; now one taken 10 days later.
    await recordViaForm(el, day(12), 'attended', ['GAD-7', 3]);
    await until(el, () => $$(el, 'figure[part="trend"] svg[role="group"] .dot').length === 4, 'the fourth point');
    const xs = $$(el, 'figure[part="trend"] svg[role="group"] .dot').map((c) => Number(c.getAttribute('cx')));
    expect((xs[3]! - xs[2]!) / (xs[1]! - xs[0]!)).to.be.closeTo(10, 0.01);
  });

  it('names a point’s value and date on focus, moves between points with the arrows (one Tab stop), and offers the scores as a table', async function () {
    this.timeout(30000); // keyboard: each Tab is a round trip to the test runner, slow on a busy machine
    const el = await sized(700, { sessions: 2, measures: [[0, 'EPDS', 9], [1, 'EPDS', 14]] });
    const points = $$<SVGGElement>(el, 'figure[part="trend"] .point');
    expect(points.map((p) => p.getAttribute('tabindex'))).to.deep.equal(['-1', '0']);
    const tip = (p: Element) => getComputedStyle(p.querySelector('.tip')!).display;
    expect(tip(points[1]!)).to.equal('none');
    focusBefore(el);
    await tabTo(el, (e) => e.classList.contains('point'), 'the chart');
    expect(el.shadowRoot!.activeElement).to.equal(points[1]);
    expect(tip(points[1]!)).to.not.equal('none');
    expect(textOf(points[1]!.querySelector('.tip'))).to.equal('14 (probable depression) on Jan 6, 2026');
    await press('ArrowLeft');
    expect(el.shadowRoot!.activeElement).to.equal(points[0]);
    expect(tip(points[0]!)).to.not.equal('none');
    expect(points.map((p) => p.getAttribute('tabindex'))).to.deep.equal(['0', '-1']);
    const table = $<HTMLDetailsElement>(el, 'figure[part="trend"] details')!;
    table.open = true;
    await el.updateComplete;
    expect([...table.querySelectorAll('tr')].map((tr) => [...tr.children].map(textOf))).to.deep.equal([
      ['Date', 'Score', 'Band', 'From the first'],
      ['Jan 5, 2026', '9', 'below threshold', '–'],
      ['Jan 6, 2026', '14', 'probable depression', '+56%'],
    ]);
    await expect(el).to.be.accessible();
  });
});

describe('ipt-session-counter: the record form offers the expected date and the last instruments', () => {
  it('offers the date a week after the last visit, and says it when it is still ahead', async () => {
    const { el } = await counterOf({ sessions: 3, every: 7 }, day(20));
    // The last visit was day 14: the next is expected on day 21, tomorrow.
    expect(field(el, 'record', 'date').value).to.equal(shownDate(day(20)));
    expect(textOf($(el, FORMS.record))).to.contain('Next session expected on Jan 26, 2026.');
    expect($$(el, `${FORMS.record} button`).find(button(/expected date/))).to.equal(undefined);

    const late = await counterOf({ sessions: 3, every: 7 }, TODAY);
    const use = $$<HTMLButtonElement>(late.el, `${FORMS.record} button`).find(button('Use the expected date, Jan 26, 2026'))!;
    expect(field(late.el, 'record', 'date').value).to.equal(shownDate(TODAY));
    use.click();
    expect(field(late.el, 'record', 'date').value, 'the expected date, as the field shows dates').to.equal(shownDate(day(21)));
    await expect(late.el).to.be.accessible();
  });

  it('ticks the instruments of the last visit for an attended one, after a reload too, and none for a missed one', async () => {
    const { store, el } = await counterOf({ sessions: 1 });
    expect(ticked(el)).to.deep.equal([]);
    field(el, 'record', 'date').value = day(7);
    await pickInstrument(el, 'PHQ-9');
    await pickInstrument(el, 'GAD-7');
    field(el, 'record', 'score-PHQ-9').value = '14';
    field(el, 'record', 'score-GAD-7').value = '9';
    await submitted(el, 'record');
    expect(ticked(el)).to.deep.equal(['PHQ-9', 'GAD-7']);
    expect([field(el, 'record', 'score-PHQ-9').value, field(el, 'record', 'score-GAD-7').value]).to.deep.equal(['', '']);

    const again = await mount({ store });
    expect(ticked(again)).to.deep.equal(['PHQ-9', 'GAD-7']);
    const status = field<HTMLSelectElement>(again, 'record', 'status');
    status.value = 'no-show';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await again.updateComplete;
    expect(ticked(again)).to.deep.equal([]);
    await recordViaForm(again, day(14), 'no-show');
    expect((await stored(store)).sessions).to.have.length(3);
  });
});
