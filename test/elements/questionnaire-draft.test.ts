/**
 * Patient mode of <ipt-questionnaire> (issue 20): a reload half-way keeps the answers (a draft in the
 * store, sealed with its key, never in localStorage nor the records or the outbox); after Next or
 * Back, focus lands on the new question's answer.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { IptQuestionnaire, IptStore } from '../../src/index.js';
import { closeStores, open, rawRecords, uniqueDb } from '../fixtures.js';
import { $, $$, COURSE, button, mountElement, press, seed, tabTo, textOf, until, focusBefore, memoryStore } from './helpers.js';

const mount = (store: IptStore) => mountElement('ipt-questionnaire', { store, attrs: { instrument: 'PHQ-9', mode: 'patient' } });
const radios = (el: Element, i: number) => $$<HTMLInputElement>(el, `input[type=radio][name="i${i}"]`);
const progress = (el: Element) => textOf($(el, '.progress'));
const current = (el: Element) => textOf($(el, 'fieldset.current legend'));
const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** Answers question 1 with 1 and question 2 with 2, moving on with Next: the patient is on question 3. */
async function halfWay(el: IptQuestionnaire) {
  el.style.width = '360px';
  radios(el, 0)[1]!.click();
  $$<HTMLButtonElement>(el, 'button').find(button('Next'))!.click();
  await el.updateComplete;
  radios(el, 1)[2]!.click();
  $$<HTMLButtonElement>(el, 'button').find(button('Next'))!.click();
  await el.updateComplete;
  expect(progress(el)).to.equal('2 of 10 answered');
}

/** Waits until the draft stored for PHQ-9 is `step` (or gone, with undefined). */
const drafted = (store: IptStore, step: number | undefined) =>
  waitUntil(async () => ((await store.readDraft(COURSE, 'questionnaire-PHQ-9')) as { step?: number } | undefined)?.step === step, `the draft at step ${step}`);

afterEach(closeStores);

describe('ipt-questionnaire: patient mode over a reload', () => {
  it('a reload half-way keeps the answers and the question shown (IndexedDB); Send clears them', async function () {
    this.timeout(20000);
    const database = uniqueDb('draft');
    const before = localStorage.length;
    let store = await open(database);
    await seed(store, { sessions: 1 });
    let el = await mount(store);
    await halfWay(el);
    await drafted(store, 2);
    const outbox = (await rawRecords(database, 'outbox')).length;
    // The page reloads: a new store on the same database, a new element.
    el.remove();
    store.close();
    store = await open(database);
    el = await mount(store);
    el.style.width = '360px';
    await until(el, () => progress(el) === '2 of 10 answered', 'the answers come back');
    expect([radios(el, 0)[1]!.checked, radios(el, 1)[2]!.checked]).to.deep.equal([true, true]);
    expect(current(el)).to.match(/^3\. /);
    await expect(el).to.be.accessible();
    // Never in localStorage, the records or the outbox: nothing for a sync to push, nothing in an export.
    expect(localStorage.length).to.equal(before);
    expect((await rawRecords(database, 'outbox')).length).to.equal(outbox);
    expect((await store.getCourse(COURSE))!.measures).to.deep.equal([]);
    expect(JSON.stringify(await store.exportCourse(COURSE))).not.to.contain('draft');
    // Answered to the end and sent: the draft goes, a reload starts afresh.
    for (let i = 2; i < 10; i++) radios(el, i)[0]!.click();
    $<HTMLButtonElement>(el, 'button.primary')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part=review] button.primary')!.click();
    await until(el, () => !!$(el, '[part=sent]'), 'sent');
    await drafted(store, undefined);
    el.remove();
    el = await mount(store);
    expect(progress(el)).to.equal('0 of 10 answered');
  });

  it('with a key, the draft is sealed: the raw database holds none of the answers', async function () {
    this.timeout(20000);
    const database = uniqueDb('draft-sealed');
    const key = await newKey();
    const store = await open(database, { key });
    await seed(store, { sessions: 1 });
    const el = await mount(store);
    await halfWay(el);
    await drafted(store, 2);
    const meta = (await rawRecords(database, 'meta')) as Array<{ key: string; value?: { data?: unknown } }>;
    const draft = meta.find((m) => m.key.startsWith('draft:'));
    expect(draft?.key).to.equal(`draft:${COURSE}:questionnaire-PHQ-9`);
    expect(draft!.value!.data).to.be.instanceOf(ArrayBuffer);
    expect(JSON.stringify(meta)).not.to.contain('answers');
    expect(await store.readDraft(COURSE, 'questionnaire-PHQ-9')).to.deep.equal({ answers: [1, 2, null, null, null, null, null, null, null, null], step: 2 });
  });
});

describe('ipt-questionnaire: focus after Next and Back', () => {
  it('Back by Enter lands on the answer given (Space keeps it); Next lands on the new question, and Tab goes on to Back', async function () {
    this.timeout(30000); // keyboard: each key is a round trip to the runner
    const store = await memoryStore();
    await seed(store, { sessions: 1 });
    const el = await mount(store);
    el.style.width = '360px';
    await el.updateComplete;
    radios(el, 0)[2]!.click();
    await el.updateComplete;
    focusBefore(el);
    await tabTo(el, button('Next'), 'Next');
    await press('Enter');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(radios(el, 1)[0]);
    await press('Tab');
    expect(textOf(el.shadowRoot!.activeElement)).to.equal('Back');
    await press('Enter');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'the answer given to question 1').to.equal(radios(el, 0)[2]);
    await press('Space');
    await el.updateComplete;
    expect(radios(el, 0)[2]!.checked).to.equal(true);
    expect(progress(el)).to.equal('1 of 10 answered');
  });
});
