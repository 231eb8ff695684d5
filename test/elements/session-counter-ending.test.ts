/**
 * <ipt-session-counter> (issue 19): how a session was held (item 13), and the end of the course,
 * completed or stopped early, and reopening it (item 10). Helpers: counter-helpers.ts.
 */
import { expect } from '@open-wc/testing';
import type { IptSessionCounter, IptStore } from '../../src/index.js';
import { $, COURSE, FORMS, TODAY, button, day, field, fieldIn, fieldProblem, focusBefore, log, memoryStore, mount, openSessions, press, seed, settle, shown, tabTo, textOf, type } from './counter-helpers.js';
import { shownDate } from './helpers.js';

const stored = async (store: IptStore) => (await store.getCourse(COURSE))!;
const focused = (el: IptSessionCounter) => el.shadowRoot!.activeElement as HTMLElement | null;
const END_FORM = 'section[part="end"] form';
const endSection = (el: IptSessionCounter) => textOf($(el, 'section[part="end"]'));
const summaryText = (el: IptSessionCounter) => textOf($(el, 'header[part="summary"]'));

/** Submits an open form as a user would (with validation) and waits for the element to settle. */
async function save(el: IptSessionCounter, selector: string): Promise<void> {
  $<HTMLFormElement>(el, selector)!.requestSubmit();
  await settle(el);
  await settle(el);
}

describe('ipt-session-counter: how a session was held (issue 19, item 13)', () => {
  it('records by video unless told otherwise, by phone or in person when picked, and corrects it', async function () {
    this.timeout(30000);
    const store = await memoryStore();
    await seed(store, {});
    const el = await mount({ store });
    const mode = field<HTMLSelectElement>(el, 'record', 'mode');
    expect([...mode.options].map((o) => [o.value, o.text])).to.deep.equal([
      ['video', 'Video'],
      ['phone', 'Phone'],
      ['in-person', 'In person'],
    ]);
    expect(mode.value).to.equal('video');
    await expect(el).to.be.accessible();

    field(el, 'record', 'date').value = day(0);
    let logged = log().next('ipt-session-logged');
    await save(el, FORMS.record);
    await logged;
    // The form is reset to video after each record.
    expect(field<HTMLSelectElement>(el, 'record', 'mode').value).to.equal('video');
    field(el, 'record', 'date').value = day(7);
    field<HTMLSelectElement>(el, 'record', 'mode').value = 'phone';
    logged = log().next('ipt-session-logged');
    await save(el, FORMS.record);
    await logged;
    expect((await stored(store)).sessions.map((s) => [s.date, s.mode]).sort()).to.deep.equal([
      [day(0), 'video'],
      [day(7), 'phone'],
    ]);
    await openSessions(el);
    expect(shown(el)).to.include('Attended · Phone').and.include('Attended · Video');
    await expect(el).to.be.accessible();

    // Correct the phone session: it was held in person, chosen with the keyboard.
    focusBefore(el);
    await tabTo(el, button(/^Edit session 2 \(/), 'the Edit button of session 2');
    await press('Enter');
    await el.updateComplete;
    await tabTo(el, fieldIn('edit', 'mode'), 'the mode select');
    await type('In');
    expect((focused(el) as HTMLSelectElement).value).to.equal('in-person');
    await expect(el).to.be.accessible();
    const changed = log().next('ipt-change');
    await save(el, FORMS.edit);
    expect((await changed).detail).to.include({ entity: 'session', op: 'update' });
    expect((await stored(store)).sessions.map((s) => [s.date, s.mode]).sort()).to.deep.equal([
      [day(0), 'video'],
      [day(7), 'in-person'],
    ]);
    expect(shown(el)).to.include('Attended · In person');
  });
});

describe('ipt-session-counter: the end of the course (issue 19, item 10)', () => {
  it('stops a course early with the keyboard: the form offers "stopped early" before the contract is held; the end is kept, shown and can be reopened', async function () {
    this.timeout(30000);
    const store = await memoryStore();
    await seed(store, { sessions: 5 });
    const el = await mount({ store });
    expect(endSection(el)).to.equal('End of the course End the course');
    focusBefore(el);
    await tabTo(el, button('End the course'), 'the End the course button');
    await press('Enter');
    await el.updateComplete;
    const how = $<HTMLSelectElement>(el, `${END_FORM} [name="how"]`)!;
    expect([...how.options].map((o) => [o.value, o.text])).to.deep.equal([
      ['completed', 'Completed'],
      ['stopped', 'Stopped early'],
    ]);
    expect(how.value).to.equal('stopped');
    expect($<HTMLInputElement>(el, `${END_FORM} [name="date"]`)!.value).to.equal(shownDate(TODAY));
    await expect(el).to.be.accessible();
    await tabTo(el, (e) => e.matches('[name="reason"]') && !!e.closest(END_FORM), 'the reason field');
    await type('Moved abroad');
    const changed = log().next('ipt-change');
    await press('Enter');
    expect((await changed).detail).to.deep.equal({ courseId: COURSE, entity: 'course', id: COURSE, op: 'update' });
    await settle(el);
    expect((await stored(store)).course.ended).to.deep.equal({ date: TODAY, how: 'stopped', reason: 'Moved abroad' });
    expect(summaryText(el)).to.match(/Course stopped early on .+/).and.not.include('sessions left');
    expect(endSection(el)).to.match(/^End of the course Course stopped early on .+ · Moved abroad Reopen the course$/);
    // No more sessions are recorded in an ended course; focus is on Reopen, which replaced the form.
    expect($(el, FORMS.record)).to.equal(null);
    expect(focused(el)?.id).to.equal('reopen');
    await expect(el).to.be.accessible();

    // Survives a reload.
    el.remove();
    const again = await mount({ store });
    expect(endSection(again)).to.include('Moved abroad');
    const reopened = log().next('ipt-change');
    $<HTMLButtonElement>(again, '#reopen')!.click();
    await reopened;
    await settle(again);
    expect((await stored(store)).course.ended).to.equal(undefined);
    expect(summaryText(again)).to.include('11 sessions left');
    expect($(again, FORMS.record)).to.not.equal(null);
    expect(focused(again)?.getAttribute('data-opens')).to.equal('end-course');
  });

  it('offers "completed" once the contract is held; the end options give way to the end', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 12, planned: 12 });
    const el = await mount({ store });
    expect($(el, '[part="ending"]')).to.not.equal(null);
    $<HTMLButtonElement>(el, '[data-opens="end-course"]')!.click();
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, `${END_FORM} [name="how"]`)!.value).to.equal('completed');
    $<HTMLInputElement>(el, `${END_FORM} [name="date"]`)!.value = day(20);
    await save(el, END_FORM);
    expect((await stored(store)).course.ended).to.deep.equal({ date: day(20), how: 'completed' });
    expect($(el, '[part="ending"]')).to.equal(null);
    expect(summaryText(el)).to.match(/Course completed on /);
    await expect(el).to.be.accessible();
  });

  it('refuses an end dated after today or before the start next to the date, and one before a session attended in the course in the banner; nothing is written', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 5, start: day(0) });
    const el = await mount({ store });
    $<HTMLButtonElement>(el, '[data-opens="end-course"]')!.click();
    await el.updateComplete;
    const refused = async (date: string) => {
      $<HTMLInputElement>(el, `${END_FORM} [name="date"]`)!.value = date;
      const error = log().next('ipt-error');
      await save(el, END_FORM);
      expect((await error).detail, date).to.include({ code: 'invalid-input', field: 'date' });
      expect((await stored(store)).course.ended, date).to.equal(undefined);
      expect($(el, END_FORM), 'the form stays open').to.not.equal(null);
    };
    await refused('2026-06-02');
    expect(fieldProblem(el)).to.deep.equal({ name: 'date', said: 'This date is after today.' });
    await refused(day(-1));
    expect(fieldProblem(el)).to.deep.equal({ name: 'date', said: 'This date is before the start date.' });
    await expect(el).to.be.accessible();
    await refused(day(3));
    expect(textOf($(el, '[part="error"]'))).to.include('it cannot be dated before a session attended in it');
    await expect(el).to.be.accessible();
  });

  it('read-only: shows how an ended course ended, without Reopen; a running course shows no end section', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 3 });
    const running = await mount({ store, readonly: true });
    expect($(running, 'section[part="end"]')).to.equal(null);
    running.remove();
    const course = (await stored(store)).course;
    await store.write(COURSE, [{ op: 'put', entity: 'course', record: { ...course, ended: { date: day(10), how: 'completed' } } }]);
    const el = await mount({ store, readonly: true });
    expect(endSection(el)).to.match(/^End of the course Course completed on [^·]+$/);
    expect($(el, '#reopen')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
