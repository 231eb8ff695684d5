/**
 * <ipt-questionnaire> in a real browser, clinician mode: every item by keyboard alone, scoring
 * (missing items, EPDS reverse scoring) as stored, the safety alert for PHQ-9 item 9 = 1 on a
 * total of 4 with ipt-risk once and ids only, acknowledgement (stored with its time and the
 * practitioner) here and in the counter, readonly, a language without a validated text, axe in each.
 */
import { expect } from '@open-wc/testing';
import '../../src/locales/es.js';
import { QUESTIONNAIRE_SPECS, type IptQuestionnaire, type IptStore, type Measure } from '../../src/index.js';
import { $, $$, COURSE, TODAY, button, focusBefore, log, memoryStore, mountElement, press, seed, settle, shown, tabTo, textOf, until } from './helpers.js';

const mount = (store: IptStore, instrument: string, attrs: Record<string, string> = {}, readonly = false) =>
  mountElement('ipt-questionnaire', { store, readonly, attrs: { instrument, ...attrs } });
const stored = async (store: IptStore): Promise<Measure[]> => (await store.getCourse(COURSE))!.measures;
const radios = (el: Element, name: string) => $$<HTMLInputElement>(el, `input[type=radio][name="${name}"]`);
const total = (el: Element) => textOf($(el, '[part=total]'));
/** Clicks the answer at `k` (in the published order) of each item. */
async function clickAnswers(el: IptQuestionnaire, ks: Array<number | null>) {
  ks.forEach((k, i) => k !== null && radios(el, `i${i}`)[k]!.click());
  await el.updateComplete;
}

describe('ipt-questionnaire: clinician mode', () => {
  it('PHQ-9 by keyboard alone: item 9 = 1 on a total of 4 raises the alert, fires ipt-risk once with ids only; Acknowledge stores its time and the practitioner', async function () {
    this.timeout(60000); // 10 groups by keyboard: each key is a round trip to the runner
    const store = await memoryStore();
    await seed(store, { sessions: 3 });
    const el = await mount(store, 'PHQ-9', { practitioner: 'Practitioner/7' });
    await expect(el, 'empty').to.be.accessible();
    expect(shown(el)).to.contain('Over the last 2 weeks, how often have you been bothered by any of the following problems?');
    expect(total(el)).to.equal('No total yet');
    const answers = [1, 1, 1, 0, 0, 0, 0, 0, 1];
    focusBefore(el);
    for (const [i, a] of answers.entries()) {
      // Tab enters the item's group on its first answer; Space chooses it, ArrowRight the next one.
      await tabTo(el, (e) => (e as HTMLInputElement).name === `i${i}`, `item ${i + 1}`);
      if (a === 0) await press('Space');
      for (let k = 0; k < a; k++) await press('ArrowRight');
      if (i === 4) {
        await el.updateComplete;
        await expect(el, 'half-way').to.be.accessible();
      }
    }
    await tabTo(el, (e) => (e as HTMLInputElement).name === 'i9', 'the difficulty question');
    await press('ArrowRight');
    await el.updateComplete;
    expect(total(el)).to.equal('Total 4 of 27');
    await tabTo(el, button('Save answers'), 'Save answers');
    const risk = log().next('ipt-risk');
    await press('Enter');
    const fired = await risk;
    await settle(el);
    const [m] = await stored(store);
    expect(m).to.include({ instrument: 'PHQ-9', score: 4, date: TODAY, difficulty: 1 });
    expect(m!.items).to.deep.equal(answers);
    expect(fired.detail).to.deep.equal({ courseId: COURSE, measureId: m!.id, instrument: 'PHQ-9' });
    expect(log().of('ipt-risk')).to.have.length(1);
    const alert = $(el, '[part=risk]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('item 9: “Several days”');
    expect(total(el), 'the form is empty again').to.equal('No total yet');
    await expect(el, 'alert raised').to.be.accessible();
    // Focus went to Acknowledge.
    const ack = el.shadowRoot!.activeElement as HTMLElement;
    expect(ack.textContent!.trim()).to.equal('Acknowledge');
    const changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'measure', id: m!.id, op: 'update' });
    await settle(el);
    const [after] = await stored(store);
    expect(after!.acknowledged!.by).to.equal('Practitioner/7');
    expect(Number.isNaN(Date.parse(after!.acknowledged!.at))).to.equal(false);
    expect($(el, '[part=risk]'), 'no alert once acknowledged').to.equal(null);
    expect(shown(el)).to.match(/Safety alert acknowledged/);
    expect(el.shadowRoot!.activeElement?.matches('button,input,select,textarea,[tabindex="0"]'), 'focus stays on a control of the widget once the alert is gone').to.equal(true);
    expect(log().of('ipt-risk'), 'not fired again').to.have.length(1);
    await expect(el, 'alert acknowledged').to.be.accessible();
  });

  it('the counter shows the alert until a clinician acknowledges it there, and trends the measure like any other', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 3 });
    const q = await mount(store, 'PHQ-9');
    await clickAnswers(q, [1, 1, 1, 0, 0, 0, 0, 0, 1]);
    q.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await log().next('ipt-risk');
    const counter = await mountElement('ipt-session-counter', { store });
    await until(counter, () => !!$(counter, '[part=risk]'), 'the alert in the counter');
    expect(textOf($(counter, '[part=risk]'))).to.contain('PHQ-9');
    expect(textOf($(counter, '[part=measures]'))).to.contain('Latest PHQ-9: 4 (minimal)');
    await expect(counter).to.be.accessible();
    $<HTMLButtonElement>(counter, '[part=risk] button')!.click();
    await until(counter, () => !$(counter, '[part=risk]'), 'the alert gone from the counter');
    await until(q, () => !$(q, '[part=risk]'), 'and from the questionnaire');
    expect((await stored(store))[0]!.acknowledged).to.have.property('at');
  });

  it('missing items: PHQ-9 with one unanswered is saved at the mean of the others; with three, nothing is saved and the form says why', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount(store, 'PHQ-9');
    expect(shown(el)).to.contain('One or two items left unanswered are given the mean of the answered items');
    await clickAnswers(el, [2, 2, 2, 2, 2, 2, null, null, null]);
    expect(total(el)).to.equal('No total yet');
    const error = log().next('ipt-error');
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'items' });
    expect(await stored(store)).to.deep.equal([]);
    expect(radios(el, 'i0')[2]!.checked, 'the answers stay').to.equal(true);
    await clickAnswers(el, [null, null, null, null, null, null, 1, 0]);
    // 13 over 8 answered: 13 × 9 / 8 = 14.6 → 15.
    expect(total(el)).to.equal('Total 15 of 27 1 item not answered: counted at the mean of the others.');
    const changed = log().next('ipt-change');
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    await changed;
    const [m] = await stored(store);
    expect(m).to.include({ score: 15 });
    expect(m!.items).to.deep.equal([2, 2, 2, 2, 2, 2, 1, 0, null]);
  });

  it('EPDS: reverse-scored items stored as points (the first answer of every item: 21); item 10 "Hardly ever" raises the alert; no difficulty question; the source cited', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount(store, 'EPDS');
    expect($$(el, 'fieldset.item'), 'ten items, no difficulty question').to.have.length(10);
    expect(shown(el)).to.contain('Cox, J.L., Holden, J.M., and Sagovsky, R. 1987');
    await clickAnswers(el, Array(10).fill(0));
    expect(total(el)).to.equal('Total 21 of 30');
    await clickAnswers(el, [...Array(9).fill(null), 2]);
    expect(total(el), 'item 10 "Hardly ever" gives 1').to.equal('Total 19 of 30');
    const risk = log().next('ipt-risk');
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    expect((await risk).detail.instrument).to.equal('EPDS');
    const [m] = await stored(store);
    expect(m!.items).to.deep.equal([0, 0, 3, 0, 3, 3, 3, 3, 3, 1]);
    expect(m!.score).to.equal(19);
    expect(QUESTIONNAIRE_SPECS.EPDS.points[9]).to.deep.equal([3, 2, 1, 0]);
  });

  it('links the measure to the session held today, or to another one chosen; GAD-7 needs every item', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    await store.write(COURSE, [{ op: 'put', entity: 'session', record: { id: 'today', courseId: COURSE, date: TODAY, status: 'attended' } }]);
    const el = await mount(store, 'GAD-7');
    const select = $<HTMLSelectElement>(el, 'select[name=session]')!;
    expect(select.value).to.equal('today');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['No session', 'Session 3 (Jun 1, 2026)', 'Session 2 (Jan 6, 2026)', 'Session 1 (Jan 5, 2026)']);
    await clickAnswers(el, [3, 2, 1, 0, 1, 2, null]);
    expect(total(el)).to.equal('No total yet');
    await clickAnswers(el, [null, null, null, null, null, null, 3]);
    expect(total(el)).to.equal('Total 12 of 21');
    select.value = 's1';
    const changed = log().next('ipt-change');
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    await changed;
    expect((await stored(store))[0]).to.include({ sessionId: 's1', score: 12, instrument: 'GAD-7' });
    expect(log().of('ipt-risk')).to.have.length(0);
  });

  it('readonly: the last answers and the alert, no form, no Acknowledge', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    await store.write(COURSE, [
      { op: 'put', entity: 'measure', record: { id: 'm1', courseId: COURSE, instrument: 'PHQ-9', score: 4, date: '2026-01-05', items: [1, 1, 1, 0, 0, 0, 0, 0, 1] } },
    ]);
    const el = await mount(store, 'PHQ-9', {}, true);
    expect($(el, 'form')).to.equal(null);
    expect($(el, '[part=risk] button')).to.equal(null);
    expect(textOf($(el, '[part=risk]'))).to.contain('item 9');
    expect(textOf($(el, 'details summary'))).to.contain('Total 4 of 27');
    await expect(el).to.be.accessible();
  });

  it('Spanish: no validated Spanish text is included, so the widget says the instrument is not available (never a translation of ours)', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount(store, 'PHQ-9', { lang: 'es' });
    expect(shown(el)).to.contain('El PHQ-9 no está disponible en español');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a bad instrument attribute: ipt-error invalid-input and a clear message', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const error = log().next('ipt-error');
    const el = await mount(store, 'PHQ-8');
    expect((await error).detail).to.include({ code: 'invalid-input', field: 'instrument' });
    expect(shown(el)).to.contain('Set the instrument attribute to PHQ-9, GAD-7 or EPDS.');
    await expect(el).to.be.accessible();
  });
});

describe('ipt-questionnaire: patient mode', () => {
  it('never offers a patient to start a course that is not stored yet: it says the course is missing, no start form', async () => {
    const store = await memoryStore();
    const el = await mount(store, 'PHQ-9', { mode: 'patient' });
    await until(el, () => shown(el).includes('There is no course with this id yet.'), 'the missing course is said');
    expect($(el, 'form[data-start]'), 'no start form').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('narrow: one question at a time by keyboard alone, progress, a review with Change, Send; after item 9 above 0 a calm message with the portal’s crisis line', async function () {
    this.timeout(90000); // every question by keyboard: each key is a round trip to the runner
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    await store.write(COURSE, [{ op: 'put', entity: 'session', record: { id: 'today', courseId: COURSE, date: TODAY, status: 'attended' } }]);
    const el = await mount(store, 'PHQ-9', { mode: 'patient' });
    el.style.width = '360px';
    const crisis = document.createElement('p');
    crisis.slot = 'crisis';
    crisis.textContent = 'Portal crisis line';
    el.append(crisis);
    await el.updateComplete;
    const visible = () => $$(el, 'fieldset.item').filter((f) => getComputedStyle(f).display !== 'none');
    expect(visible(), 'one question at a time').to.have.length(1);
    expect(textOf(visible()[0]!.querySelector('legend'))).to.equal('1. Little interest or pleasure in doing things');
    expect(textOf($(el, '.progress'))).to.equal('0 of 10 answered');
    expect(shown(el), 'no clinician data').not.to.match(/Session|Last PHQ-9|Safety item/);
    await expect(el, 'empty').to.be.accessible();
    const answers = [1, 1, 1, 0, 0, 0, 0, 0, 1, 2];
    focusBefore(el);
    for (const [i, a] of answers.entries()) {
      const first = await tabTo(el, (e) => (e as HTMLInputElement).name === `i${i}`, `question ${i + 1}`);
      expect(first.closest('fieldset')!.classList.contains('current')).to.equal(true);
      if (a === 0) await press('Space');
      for (let k = 0; k < a; k++) await press('ArrowRight');
      await el.updateComplete;
      if (i === 4) await expect(el, 'half-way').to.be.accessible();
      if (i < answers.length - 1) {
        await tabTo(el, button('Next'), 'Next');
        await press('Enter');
        await el.updateComplete;
        expect(visible()[0]!.contains(el.shadowRoot!.activeElement), 'focus moves to the next question').to.equal(true);
      }
    }
    expect(textOf($(el, '.progress'))).to.equal('10 of 10 answered');
    await tabTo(el, button('Review answers'), 'Review answers');
    await press('Enter');
    await el.updateComplete;
    const review = $(el, '[part=review]')!;
    expect(textOf(review)).to.contain('9. Thoughts that you would be better off dead or of hurting yourself in some way Several days');
    await expect(el, 'review').to.be.accessible();
    // Change question 4 from the review, then back to the review.
    await tabTo(el, button('Change the answer to question 4'), 'Change 4');
    await press('Enter');
    await el.updateComplete;
    expect(visible()[0]!.querySelector('legend')!.textContent).to.contain('4. Feeling tired');
    await press('ArrowRight');
    await tabTo(el, button('Review answers'), 'Review answers');
    await press('Enter');
    await el.updateComplete;
    const risk = log().next('ipt-risk');
    await tabTo(el, button('Send answers'), 'Send answers');
    await press('Enter');
    const fired = await risk;
    await settle(el);
    const [m] = await stored(store);
    expect(m).to.include({ score: 5, sessionId: 'today', date: TODAY, difficulty: 2 });
    expect(m!.items).to.deep.equal([1, 1, 1, 1, 0, 0, 0, 0, 1]);
    expect(fired.detail).to.deep.equal({ courseId: COURSE, measureId: m!.id, instrument: 'PHQ-9' });
    expect(shown(el)).to.contain('Your clinician will see your answer');
    expect($(el, '[part=risk]'), 'no clinician alert in patient mode').to.equal(null);
    const slot = $<HTMLSlotElement>(el, 'slot[name=crisis]')!;
    expect(slot.assignedElements()).to.deep.equal([crisis]);
    await expect(el, 'submitted').to.be.accessible();
  });

  it('wide: every question at once; without a slot the crisis-line attribute is shown; too few answers cannot be sent', async function () {
    this.timeout(20000);
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount(store, 'EPDS', { mode: 'patient', 'crisis-line': 'Call the line your portal names' });
    el.style.width = '900px';
    await el.updateComplete;
    expect($$(el, 'fieldset.item').filter((f) => getComputedStyle(f).display !== 'none')).to.have.length(10);
    expect(getComputedStyle($(el, '.steps')!).display, 'no Back / Next').to.equal('none');
    await clickAnswers(el, Array(9).fill(3));
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    await el.updateComplete;
    expect(shown(el)).to.contain('Too many items unanswered');
    expect($<HTMLButtonElement>(el, '[part=review] button.primary')!.disabled).to.equal(true);
    $<HTMLButtonElement>(el, '[part=review] dd:last-of-type button')!.click();
    await el.updateComplete;
    await clickAnswers(el, [...Array(9).fill(null), 2]);
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    await el.updateComplete;
    const risk = log().next('ipt-risk');
    $<HTMLButtonElement>(el, '[part=review] button.primary')!.click();
    await risk;
    await settle(el);
    expect(textOf($(el, '[part=crisis]'))).to.contain('Call the line your portal names');
    expect((await stored(store))[0]!.score).to.equal(10);
  });
});
