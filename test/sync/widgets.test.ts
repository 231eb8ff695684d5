// The sync's conflicts in the widgets: a record changed on both devices shows in the widget that
// shows it, with the server's values and a choice (keep mine or take theirs), by keyboard and by
// pointer; the choice is carried out by the running sync and the banner goes.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { closeStores } from '../fixtures.js';
import { $, button, focusBefore, mountElement, press, shown, tabTo, textOf, until } from '../elements/helpers.js';
import { expectIdle, serverResources, twoDevices } from './helpers.js';

afterEach(closeStores);

describe('sync conflicts in the widgets', function () {
  this.timeout(120_000);

  it("shows a goal edited on both devices in B's checklist with the server's text, and takes theirs by keyboard", async () => {
    const { a, b, courseId } = await twoDevices();
    const goal = (await a.store.requireCourse(courseId)).goals[0]!;
    await a.store.put(courseId, 'goal', { ...goal, text: 'Ask for help with chores' });
    await b.store.put(courseId, 'goal', { ...goal, text: 'Share the chores' });
    expectIdle(await a.sync.syncNow(), 'A pushes');
    const el = await mountElement('ipt-goal-checklist', { store: b.store, courseId });
    expect($(el, '[part=sync-conflict]'), 'no conflict yet').to.equal(null);
    expect((await b.sync.syncNow()).state).to.equal('conflict');
    await until(el, () => !!$(el, '[part=sync-conflict]'), 'the conflict shows');
    const banner = textOf($(el, '[part=sync-conflict]'));
    expect(banner).to.include('Changed here and on the server');
    expect(banner).to.include('Goal “Share the chores”');
    expect(banner, 'both values, to choose knowing them').to.include('In this browser: text: Share the chores');
    expect(banner).to.include('On the server: text: Ask for help with chores');
    await expect(el).to.be.accessible();

    focusBefore(el);
    await tabTo(el, button('Take theirs: Goal “Share the chores”'), 'Take theirs');
    await press('Enter');
    await until(el, () => !$(el, '[part=sync-conflict]') && shown(el).includes('Ask for help with chores'), 'the server version shows, the banner goes');
    expect(shown(el)).not.to.include('Share the chores');
    await until(el, () => textOf($(el, 'p.visually-hidden[role=status]')).includes("Goal “Share the chores”: the server's version taken"), 'the choice is said');
    const focused = el.shadowRoot!.activeElement;
    expect(focused, 'focus stays in the widget, on a control, when the banner goes').to.not.equal(null);
    expect(focused!.matches('button,input,select,textarea,[tabindex="0"]')).to.equal(true);
    expect((await b.store.requireCourse(courseId)).goals[0]!.text).to.equal('Ask for help with chores');
    expect(b.sync.status.conflicts).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it("shows a person's ring changed on both devices in B's circle and keeps B's by pointer; the server gets it", async () => {
    const { a, b, courseId, patient } = await twoDevices();
    const person = (await a.store.requireCourse(courseId)).people[0]!;
    await a.store.put(courseId, 'person', { ...person, ring: 2 });
    await b.store.put(courseId, 'person', { ...person, ring: 3 });
    expectIdle(await a.sync.syncNow(), 'A pushes');
    const el = await mountElement('ipt-relationship-circle', { store: b.store, courseId });
    await b.sync.syncNow();
    await until(el, () => !!$(el, '[part=sync-conflict]'), 'the conflict shows');
    expect(textOf($(el, '[part=sync-conflict]'))).to.include('In this browser: ring: 3');
    expect(textOf($(el, '[part=sync-conflict]'))).to.include('On the server: ring: 2');
    await expect(el).to.be.accessible();
    const mine = [...el.shadowRoot!.querySelectorAll('[part=sync-conflict] button')].find(button(/^Keep mine: Person/)) as HTMLButtonElement;
    mine.click();
    await until(el, () => !$(el, '[part=sync-conflict]'), 'the banner goes');
    expect((await b.store.requireCourse(courseId)).people[0]!.ring).to.equal(3);
    const held = (await serverResources('RelatedPerson', patient)).length;
    expect(held).to.be.greaterThan(0);
    await a.sync.syncNow();
    expect((await a.store.requireCourse(courseId)).people[0]!.ring, "B's choice reached A through the server").to.equal(3);
  });

  it('shows no choice in a readonly widget, and nothing once the sync is stopped', async () => {
    const { a, b, courseId } = await twoDevices();
    const goal = (await a.store.requireCourse(courseId)).goals[0]!;
    await a.store.put(courseId, 'goal', { ...goal, text: 'Ask for help with chores' });
    await b.store.put(courseId, 'goal', { ...goal, text: 'Share the chores' });
    await a.sync.syncNow();
    const el = await mountElement('ipt-goal-checklist', { store: b.store, courseId, readonly: true });
    await b.sync.syncNow();
    await until(el, () => !!$(el, '[part=sync-conflict]'), 'the conflict shows');
    expect(el.shadowRoot!.querySelectorAll('[part=sync-conflict] button')).to.have.length(0);
    await expect(el).to.be.accessible();
    b.sync.stop();
    await b.store.put(courseId, 'goal', { ...goal, text: 'Share the chores, weekly' });
    await until(el, () => !$(el, '[part=sync-conflict]'), 'no sync, no choice to offer');
  });
});
